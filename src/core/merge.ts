/**
 * `redb merge`: a branch (or any revision) merged into a branch on the model, three
 * ways from the merge base of the two heads (src/diff/merge.ts). A fast-forward when
 * the branch has nothing of its own (unless `noFf`); a merge commit with two parents
 * otherwise, which stock git shows as a merge. A merge with conflicts writes no commit:
 * it records the merge in progress and writes a conflict working copy (merge-state.ts),
 * finished by `redb merge --continue` (merge-resolve.ts) or undone by `--abort`.
 *
 * `mergeInto` is the entry point for anything that merges (`redb merge`, `redb pull`).
 */
import { modelToFiles, objectPaths, type Model, type RenameIntent } from '../../unified-model/index.js';
import { mergeModels, renamesOntoOurs, sideRenames, type Has, type MergeConflict, type MergeResolution } from '../diff/index.js';
import * as vcs from '../vcs/index.js';
import { ExitCode, RedbError, usageError } from '../errors.js';
import { resolveAuthor } from './author.js';
import { requireBranch, type BranchRef } from './branches.js';
import { identities, objectChanges, type ObjectChange } from './changes.js';
import { readMergeState, removeMergeState, syncWorkingCopy, workDir, writeMergeState, type MergeState } from './merge-state.js';
import { saveModelIndex } from './model-index.js';
import { renamesOfCommit, renamesTrailer } from './renames.js';
import { modelAt } from './snapshot.js';
import type { Workspace } from './workspace.js';

export interface MergeResult {
  repo: string;
  branch: string;
  kind: 'merge' | 'revert';
  /** What was merged (or reverted), as the user named it. */
  label: string;
  /** `up-to-date`: nothing to take in; `conflicts`: no commit, a merge is in progress. */
  status: 'up-to-date' | 'fast-forward' | 'merged' | 'conflicts';
  /** The branch head before. */
  head: string;
  theirs: string;
  base?: string;
  /** The branch head after (the new commit, or theirs on a fast-forward). */
  commit?: string;
  tree?: string;
  /** Objects the result changes relative to the branch head before. */
  changes: ObjectChange[];
  conflicts: MergeConflict[];
  /** The conflict working copy, when there are conflicts. */
  workingCopy?: string;
}

export interface MergeOptions {
  message?: string;
  /** Make a merge commit even when a fast-forward would do. */
  noFf?: boolean;
}

/** What a three-way merge needs, whether it merges a branch or reverts a commit. */
export interface MergePlan {
  kind: 'merge' | 'revert';
  head: string;
  base: string;
  theirs: string;
  label: string;
  message: string;
  parents: string[];
  renames: { ours: RenameIntent[]; theirs: RenameIntent[] };
}

export async function refuseInProgress(gitDir: string): Promise<void> {
  const state = await readMergeState(gitDir);
  if (state) {
    throw usageError('E_MERGE_IN_PROGRESS', `a ${state.kind} of ${state.label} into ${state.branch} is in progress`, 'finish it with `redb merge --continue`, or undo it with `redb merge --abort` (`redb merge --status` lists its conflicts)');
  }
}

/** The renames recorded in the commits reachable from `head` and not from `base`, oldest first. */
export async function renamesSince(gitDir: string, base: string, head: string): Promise<RenameIntent[]> {
  const commits = await vcs.commitsSince(gitDir, base, head);
  const out: RenameIntent[] = [];
  for (const oid of commits) out.push(...renamesOfCommit(await vcs.readCommit(gitDir, oid)));
  return out;
}

/**
 * Merges `theirsRev` into branch `ref.branch`: fast-forward, merge commit, or a merge
 * in progress with conflicts (the result says which; the branch moves only when there
 * are none).
 *
 * @example
 * const r = await mergeInto(ws, { repo: 'app', branch: 'main' }, 'feature', { message: 'Merge feature' });
 * if (r.status === 'conflicts') console.log(r.conflicts, r.workingCopy);
 */
export async function mergeInto(ws: Workspace, ref: BranchRef, theirsRev: string, opts: MergeOptions = {}): Promise<MergeResult> {
  await requireBranch(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  await refuseInProgress(gitDir);
  const head = await vcs.branchHead(gitDir, ref.branch);
  if (!head) throw usageError('E_NO_COMMITS', `branch ${ref.branch} has no commits yet`, 'commit first: redb commit -m MSG');
  const theirs = await vcs.resolveRevision(gitDir, theirsRev, ref.branch);
  const [base] = await vcs.mergeBases(gitDir, head, theirs);
  if (!base) throw usageError('E_NO_MERGE_BASE', `${theirsRev} and ${ref.branch} share no history`, 'merge branches of one repository that grew from a common commit');
  const done = { repo: ref.repo, branch: ref.branch, kind: 'merge' as const, label: theirsRev, head, theirs, base, conflicts: [] };
  if (base === theirs) return { ...done, status: 'up-to-date', commit: head, changes: [] };
  if (base === head && !opts.noFf) {
    await vcs.writeRef(gitDir, `refs/heads/${ref.branch}`, theirs, { expected: head });
    const [from, to] = await Promise.all([vcs.readCommit(gitDir, head), vcs.readCommit(gitDir, theirs)]);
    return { ...done, status: 'fast-forward', commit: theirs, tree: to.tree, changes: await objectChanges(gitDir, from.tree, to.tree) };
  }
  const renames = { ours: await renamesSince(gitDir, base, head), theirs: await renamesSince(gitDir, base, theirs) };
  const message = opts.message ?? `Merge ${theirsRev} into ${ref.branch}`;
  return runMerge(ws, ref, { kind: 'merge', head, base, theirs, label: theirsRev, message, parents: [head, theirs], renames });
}

/** The three models of a plan. */
export async function planModels(gitDir: string, plan: Pick<MergePlan, 'base' | 'head' | 'theirs'>): Promise<{ base: Model; ours: Model; theirs: Model }> {
  const [base, ours, theirs] = await Promise.all([modelAt(gitDir, plan.base), modelAt(gitDir, plan.head), modelAt(gitDir, plan.theirs)]);
  return { base, ours, theirs };
}

/** The merge of a plan's models with the resolutions so far, and the renames its commit records. */
export function mergedOf(models: { base: Model; ours: Model; theirs: Model }, renames: { readonly ours: readonly RenameIntent[]; readonly theirs: readonly RenameIntent[] }, resolutions: readonly MergeResolution[]) {
  const outcome = mergeModels({ ...models, renames, resolutions });
  const sides = { ours: sideRenames(models.base, renames.ours), theirs: sideRenames(models.base, renames.theirs) };
  return { ...outcome, trailerRenames: renamesOntoOurs(sides.ours, sides.theirs, modelHas(models.ours), modelHas(outcome.model)) };
}

/** Whether a model has an object, or a column of a table. */
export function modelHas(m: Model): Has {
  const byId = new Map(m.objects.map((o) => [o.id, o]));
  return (id, column) => {
    const o = byId.get(id);
    return !!o && (column === undefined || (o.kind === 'table' && o.columns.some((c) => c.name === column)));
  };
}

/** Writes a model's tree and commits it with the plan's parents; the branch must still be at the plan's head. */
export async function commitMerged(ws: Workspace, ref: BranchRef, plan: Pick<MergePlan, 'head' | 'message' | 'parents'>, model: Model, trailerRenames: readonly RenameIntent[]): Promise<{ commit: string; tree: string; changes: ObjectChange[] }> {
  const gitDir = ws.repoGitDir(ref.repo);
  const tree = await vcs.writeTree(gitDir, modelToFiles(model));
  await saveModelIndex(gitDir, tree, model);
  const commit = await vcs.commit(gitDir, {
    branch: ref.branch, tree, parents: plan.parents, expectedHead: plan.head, message: plan.message, author: resolveAuthor(ws),
    trailers: { 'Redb-Dialect': model.dialect, ...renamesTrailer(trailerRenames) },
  });
  const { tree: before } = await vcs.readCommit(gitDir, plan.head);
  return { commit, tree, changes: await objectChanges(gitDir, before, tree, identities(model)) };
}

/** Runs a planned merge: a commit when it is clean, a merge in progress when it is not. */
export async function runMerge(ws: Workspace, ref: BranchRef, plan: MergePlan): Promise<MergeResult> {
  const gitDir = ws.repoGitDir(ref.repo);
  const models = await planModels(gitDir, plan);
  const merged = mergedOf(models, plan.renames, []);
  const base = { repo: ref.repo, branch: ref.branch, kind: plan.kind, label: plan.label, head: plan.head, theirs: plan.theirs, base: plan.base };
  if (merged.conflicts.length === 0) {
    const { tree: headTree } = await vcs.readCommit(gitDir, plan.head);
    // a revert of what is already undone changes nothing: no empty commit
    if (plan.kind === 'revert' && vcs.modelTreeOid(merged.model) === headTree) return { ...base, status: 'up-to-date', commit: plan.head, tree: headTree, changes: [], conflicts: [] };
    const done = await commitMerged(ws, ref, plan, merged.model, merged.trailerRenames);
    return { ...base, status: 'merged', ...done, conflicts: [] };
  }
  // a working copy left by a merge that died before its state was written is not the user's edit
  await removeMergeState(gitDir);
  const files = modelToFiles(merged.model);
  const paths = objectPaths(merged.model.objects);
  const ids = new Map([...paths].map(([o, p]) => [p, o.id]));
  const written = await syncWorkingCopy(gitDir, files, ids, {});
  const state: MergeState = { version: 1, ...plan, repo: ref.repo, branch: ref.branch, trailerRenames: merged.trailerRenames, resolutions: [], written };
  await writeMergeState(gitDir, state);
  return { ...base, status: 'conflicts', changes: [], conflicts: [...merged.conflicts], workingCopy: workDir(gitDir) };
}

/** A merge's own failure: the conflicts are listed, the exit code is ExitCode.conflicts. */
export const conflictsError = (message: string, hint: string) => new RedbError('E_MERGE_CONFLICTS', message, hint, ExitCode.conflicts);
