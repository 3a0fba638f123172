/**
 * The git store: a redb repository is a bare git repository that stock git reads.
 * Models go in as trees of canonical files (`writeTree`), history is commits with
 * trailers on branches (`commit`, `log`), and diffs start from `changedPaths`.
 *
 * @example
 * import * as vcs from './vcs/index.js';
 * await vcs.initRepo(gitDir);
 * const tree = await vcs.writeTree(gitDir, modelToFiles(model));
 * const oid = await vcs.commit(gitDir, { branch: 'main', tree, message: 'Initial snapshot', author, trailers: { 'Redb-Dialect': 'DIALECT' } });
 * const model2 = filesToModel(await vcs.readTreeFiles(gitDir, oid));
 */
export * from './errors.js';
export { initRepo, init, isRepository, assertRepository } from './repo.js';
export { hashObject, isOid, EMPTY_TREE_OID, type ObjectType } from './objects.js';
export { buildTree, modelTreeOid, treeOidOf, writeBuiltTree, writeTree, writeTreeWithStats, type BuiltTree, type WriteTreeResult } from './write-tree.js';
export { blobIdsAt, listTree, readTreeFiles, readBlobs, type TreeFile } from './read-tree.js';
export { changedPaths, type ChangedPath } from './changes.js';
export { commit, readCommit, type CommitRequest } from './commit.js';
export type { CommitRecord, Signature, SignatureInput } from './commit-format.js';
export { formatMessage, parseMessage } from './trailers.js';
export { log, type LogOptions } from './log.js';
export { listBranches, branchHead, createBranch, deleteBranch, defaultBranch, setDefaultBranch, type BranchInfo } from './branches.js';
export { refNameProblem, isValidBranchName, assertBranchName, assertRefName } from './ref-format.js';
export { readRef, writeRef, deleteRef, listRefs, readSymbolicRef, type RefEntry, type RefUpdateOptions } from './refs.js';
export { resolveRevision } from './revision.js';
export { cloneRepo } from './clone.js';
export { appendNote, readNote } from './notes.js';
export { readTreeIndex, writeTreeIndex } from './tree-index.js';
export { mergeBases, isAncestor, commitsSince } from './merge-base.js';
