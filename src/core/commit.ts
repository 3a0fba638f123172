/** `redb commit`: snapshot the database attached to a branch into a new commit. */
import * as vcs from '../vcs/index.js';
import { resolveAuthor } from './author.js';
import { attachedDatabase, requireBranch, type BranchRef } from './branches.js';
import { objectChanges, type ObjectChange } from './changes.js';
import { snapshotDatabase } from './snapshot.js';
import type { Workspace } from './workspace.js';

export interface CommitResult {
  repo: string;
  branch: string;
  database: string;
  /** False when the schema equals the branch head: nothing was written. */
  committed: boolean;
  commit?: string;
  parent?: string;
  tree: string;
  changes: ObjectChange[];
}

export interface CommitOptions extends BranchRef {
  message: string;
  /** Extra trailers, e.g. rename intents. */
  trailers?: Record<string, string>;
}

/**
 * Introspects, writes the objects the store lacks, and moves the branch only if the
 * schema changed. Objects are written before the ref, so a failure leaves no new commit.
 */
export async function commitBranch(ws: Workspace, opts: CommitOptions): Promise<CommitResult> {
  await requireBranch(ws, opts);
  const database = attachedDatabase(ws, opts);
  const gitDir = ws.repoGitDir(opts.repo);
  const snap = await snapshotDatabase(ws, database);
  const tree = await vcs.writeTree(gitDir, snap.files);
  const parent = await vcs.branchHead(gitDir, opts.branch);
  const parentTree = parent ? (await vcs.readCommit(gitDir, parent)).tree : undefined;
  const base = { repo: opts.repo, branch: opts.branch, database, tree, ...(parent ? { parent } : {}) };
  if (tree === parentTree) return { ...base, committed: false, changes: [] };
  const changes = await objectChanges(gitDir, parentTree, tree);
  const commit = await vcs.commit(gitDir, {
    branch: opts.branch,
    tree,
    parents: parent ? [parent] : [],
    message: opts.message,
    author: resolveAuthor(ws),
    trailers: {
      'Redb-Dialect': snap.dialect,
      'Redb-Source': snap.displayUrl,
      'Redb-Server': snap.serverVersion,
      ...opts.trailers,
    },
  });
  return { ...base, committed: true, commit, changes };
}
