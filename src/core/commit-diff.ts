/**
 * A commit's schema change, as `git show` prints a commit's patch: the diff (and plan)
 * from its first parent to it, exactly what `redb diff PARENT COMMIT` computes. A root
 * commit is compared with the empty schema of its dialect, so its diff creates
 * everything it holds.
 */
import { FORMAT_VERSION, type Model } from '../../unified-model/index.js';
import { diffModels } from '../diff/index.js';
import { createPlan } from '../plan/index.js';
import * as vcs from '../vcs/index.js';
import { RedbError } from '../errors.js';
import type { BranchRef } from './branches.js';
import { diff, type DiffResult } from './diff.js';
import { plannerFor } from './dialects.js';
import { renamesOfCommit } from './renames.js';
import { wholeModelAt } from './snapshot.js';
import type { Workspace } from './workspace.js';

/**
 * The diff from `commit`'s first parent (or the empty schema) to `commit`, its side named
 * `LABEL^` and `LABEL` (LABEL: the revision as the user wrote it); undefined when
 * the repository's engine cannot be planned for (an adapter that reads but has no DDL):
 * a commit of it is still shown, without its plan.
 */
export async function commitDiff(ws: Workspace, ref: BranchRef, commit: string, label = commit.slice(0, 10)): Promise<DiffResult | undefined> {
  const gitDir = ws.repoGitDir(ref.repo);
  const c = await vcs.readCommit(gitDir, commit);
  try {
    // the sides as `redb diff REV^ REV` is given them: the labels say what to type to see the same
    if (c.parents[0]) return await diff(ws, ref, `${label}^`, label);
    return await rootDiff(gitDir, c, label);
  } catch (err) {
    if (err instanceof RedbError && err.code === 'E_UNSUPPORTED') return undefined;
    throw err;
  }
}

/** The empty schema → a root commit. */
async function rootDiff(gitDir: string, c: vcs.CommitRecord, label: string): Promise<DiffResult> {
  const to = await wholeModelAt(gitDir, c.oid, c.tree);
  const from: Model = { formatVersion: FORMAT_VERSION, dialect: to.dialect, objects: [] };
  const planner = await plannerFor(to.dialect);
  const renames = renamesOfCommit(c);
  const changes = diffModels(from, to, renames);
  const plan = createPlan({
    from,
    to,
    source: { tree: vcs.EMPTY_TREE_OID },
    target: { tree: c.tree, commit: c.oid },
    ddl: planner.ddl,
    renames,
    reorderColumns: planner.capabilities.reorderColumns,
    transactionalDdl: planner.capabilities.transactionalDdl,
    changes,
  });
  return {
    from: { label: '(empty schema)', tree: vcs.EMPTY_TREE_OID },
    to: { label, tree: c.tree, commit: c.oid },
    same: changes.length === 0,
    changes,
    plan,
  };
}
