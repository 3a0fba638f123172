/** `redb show`: a commit (with where it is deployed and its schema diff), or one object as stored at a revision. */
import { fileToObject, HEADER_FILE, LATEST_TREE_FORMAT, objectPaths, parseHeader, type RenameIntent } from '../../unified-model/index.js';
import * as vcs from '../vcs/index.js';
import { objectChanges, type ObjectChange } from './changes.js';
import { commitDiff } from './commit-diff.js';
import { deploysOf, type CommitDeploys } from './deploy-records.js';
import type { DiffResult } from './diff.js';
import { renamesOfCommit } from './renames.js';
import { usageError } from '../errors.js';
import { toInfo, type CommitInfo } from './history.js';
import { loadModelIndex } from './model-index.js';
import { modelAt, modelFileErrors } from './snapshot.js';
import type { BranchRef } from './branches.js';
import type { Workspace } from './workspace.js';

export interface ShowCommitResult extends CommitInfo {
  /** The files and objects it changed against its first parent (ids read from the changed files only). */
  changes: ObjectChange[];
  /** The rename intents it records (its `Redb-Renames` trailer). */
  renames: RenameIntent[];
  /** Where it is deployed: databases whose deploy ref points at it, and the deploys its note records. */
  deploys: CommitDeploys;
  /** Its schema diff and plan against its first parent (a root commit: against the empty schema), as `redb diff PARENT REV`; absent when the engine cannot be planned for. */
  diff?: DiffResult;
}

/** A commit as `git show` gives it: the commit, its renames, where it is deployed, and its schema diff. */
export async function showCommit(ws: Workspace, ref: BranchRef, rev: string): Promise<ShowCommitResult> {
  const gitDir = ws.repoGitDir(ref.repo);
  const oid = await vcs.resolveRevision(gitDir, rev, ref.branch);
  const c = await vcs.readCommit(gitDir, oid);
  const parentTree = c.parents[0] ? (await vcs.readCommit(gitDir, c.parents[0])).tree : undefined;
  const [changes, deploys, diff] = await Promise.all([objectChanges(gitDir, parentTree, c.tree), deploysOf(gitDir, oid), commitDiff(ws, ref, oid, rev)]);
  return { ...toInfo(c), changes, renames: renamesOfCommit(c), deploys, ...(diff ? { diff } : {}) };
}

export interface ShowObjectResult {
  commit: string;
  path: string;
  object: unknown;
}

/** One object as stored at REV, named by id (`public.users`) or by its file path. */
export async function showObject(ws: Workspace, ref: BranchRef, rev: string, object: string): Promise<ShowObjectResult> {
  const gitDir = ws.repoGitDir(ref.repo);
  const commit = await vcs.resolveRevision(gitDir, rev, ref.branch);
  const one = await readOneObject(gitDir, commit, object);
  if (one) return one;
  const model = await modelAt(gitDir, commit);
  const paths = objectPaths(model.objects);
  const found = model.objects.filter((o) => o.id === object || paths.get(o) === object);
  if (found.length === 0) {
    const near = model.objects.filter((o) => o.id.endsWith(`.${object}`) || o.name === object).map((o) => o.id).slice(0, 5);
    throw usageError('E_NO_OBJECT', `no object ${object} at ${rev}`, near.length ? `did you mean ${near.join(', ')}?` : 'objects are named by schema-qualified id, e.g. public.users');
  }
  if (found.length > 1) throw usageError('E_AMBIGUOUS', `${object} names ${found.length} objects`, `use one of: ${found.map((o) => `${o.kind} ${o.id}`).join(', ')}`);
  return { commit, path: paths.get(found[0]) as string, object: found[0] };
}

/**
 * The object through the tree's model index: one file read, not the model. Undefined
 * when the tree has no index or the name matches no single object (the whole read then
 * says what is wrong and suggests names).
 */
async function readOneObject(gitDir: string, commit: string, object: string): Promise<ShowObjectResult | undefined> {
  const { tree } = await vcs.readCommit(gitDir, commit);
  const index = await loadModelIndex(gitDir, tree);
  const found = index?.entries.filter((e) => e.id === object || e.path === object) ?? [];
  if (found.length !== 1) return undefined;
  const { path } = found[0];
  const oids = await vcs.blobIdsAt(gitDir, tree, [HEADER_FILE, path]);
  const [headerOid, oid] = [oids.get(HEADER_FILE), oids.get(path)];
  if (headerOid === undefined || oid === undefined) return undefined;
  const texts = await vcs.readBlobs(gitDir, [headerOid, oid]);
  return modelFileErrors(commit, () => {
    const header = parseHeader(HEADER_FILE, texts.get(headerOid)!, LATEST_TREE_FORMAT);
    return { commit, path, object: fileToObject(header.formatVersion, { path, content: texts.get(oid)! }) };
  });
}
