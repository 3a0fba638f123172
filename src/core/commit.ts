/** `redb commit`: snapshot the database attached to a branch into a new commit. */
import * as vcs from '../vcs/index.js';
import { resolveAuthor } from './author.js';
import type { BranchRef } from './branches.js';
import { identities, objectChanges, type ObjectChange } from './changes.js';
import { modelAt, snapshotAttached } from './snapshot.js';
import { renamesTrailer } from './renames.js';
import { saveModelIndex } from './model-index.js';
import { recordTree } from './live-tree.js';
import { usageError } from '../errors.js';
import { classifyRenames } from '../diff/index.js';
import type { Model, RenameIntent } from '../../unified-model/index.js';
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
  /** Renames to record (old id → new id), honoured by every plan spanning this commit. */
  renames?: readonly RenameIntent[];
  /** Trust the tree recorded for an unchanged schema fingerprint (default true; see src/core/live-tree.ts). */
  reuse?: boolean;
}

/**
 * Introspects, writes the objects the store lacks, and moves the branch only if the
 * schema changed. Objects are written before the ref, so a failure leaves no new commit.
 */
export async function commitBranch(ws: Workspace, opts: CommitOptions): Promise<CommitResult> {
  const { database, gitDir, snap, head: parent, headTree: parentTree, liveKey } = await snapshotAttached(ws, opts, { reuse: opts.reuse ?? true });
  const resultFor = (tree: string) => ({ repo: opts.repo, branch: opts.branch, database, tree, ...(parent ? { parent } : {}) });
  // the schema's fingerprint is the one recorded with the parent's tree: nothing was read
  if (!snap) return { ...resultFor(parentTree as string), committed: false, changes: [] };
  const tree = await vcs.writeTree(gitDir, snap.files);
  if (liveKey) await recordTree(ws, database, liveKey, tree);
  const base = resultFor(tree);
  if (tree === parentTree) return { ...base, committed: false, changes: [] };
  if (opts.renames?.length) await checkRenames(gitDir, parent, snap.model, opts.renames);
  await saveModelIndex(gitDir, tree, snap.model);
  const changes = await objectChanges(gitDir, parentTree, tree, identities(snap.model));
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
      ...renamesTrailer(opts.renames ?? []),
    },
  });
  return { ...base, committed: true, commit, changes };
}

/** A rename must name something in the parent commit and something in the new schema. */
async function checkRenames(gitDir: string, parent: string | undefined, now: Model, renames: readonly RenameIntent[]): Promise<void> {
  if (!parent) throw usageError('E_RENAME', 'the first commit of a branch has nothing to rename from');
  const before = await modelAt(gitDir, parent);
  let plan;
  try {
    plan = classifyRenames(renames, before);
  } catch (err) {
    throw usageError('E_RENAME', (err as Error).message, 'name the old object by its id in the previous commit, e.g. public.users.name=full_name');
  }
  const ids = new Set(now.objects.map((o) => o.id));
  for (const [from, to] of plan.objects) if (!ids.has(to)) throw usageError('E_RENAME', `rename ${from}=${to}: the database has no ${to}`);
  for (const [table, cols] of plan.columns) {
    const t = now.objects.find((o) => o.id === table);
    for (const [from, to] of cols) {
      if (!t || t.kind !== 'table' || !t.columns.some((c) => c.name === to)) throw usageError('E_RENAME', `rename ${table}.${from}: the database has no column ${table}.${to}`);
    }
  }
}
