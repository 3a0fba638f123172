/**
 * Finishing a merge in progress: `--status` lists its conflicts, `--resolve` pins an
 * object or member to one side, `--continue` commits the conflict working copy once
 * every conflict is resolved (pinned, or its object's file edited) and the result is
 * a valid model with no dangling reference, `--abort` forgets it all.
 */
import { filesToModel, ModelFileError, objectPaths, modelToFiles, splitId, type ModelFile } from '../../unified-model/index.js';
import { conflictTarget, semanticConflicts, type MergeConflict, type MergeResolution, type MergeSide } from '../diff/index.js';
import { usageError } from '../errors.js';
import { commitMerged, conflictsError, mergedOf, modelHas, planModels, type MergeResult } from './merge.js';
import { editedIds, readMergeState, readWorkingCopy, removeMergeState, syncWorkingCopy, workDir, writeMergeState, type MergeState } from './merge-state.js';
import type { Workspace } from './workspace.js';

export interface ConflictEntry extends MergeConflict {
  /** How to name it for `--resolve`: `ID` or `ID.MEMBER`. */
  target: string;
  /** Settled already: by a resolution, or by an edit of the object's file in the working copy. */
  resolved?: 'edited';
}

export interface MergeStatus {
  repo: string;
  inProgress: boolean;
  kind?: MergeState['kind'];
  branch?: string;
  label?: string;
  head?: string;
  theirs?: string;
  base?: string;
  resolutions: MergeResolution[];
  conflicts: ConflictEntry[];
  workingCopy?: string;
}

async function requireState(gitDir: string): Promise<MergeState> {
  const state = await readMergeState(gitDir);
  if (!state) throw usageError('E_NO_MERGE', 'no merge is in progress', 'start one with `redb merge BRANCH` (or `redb revert REV`)');
  return state;
}

const idOf = (f: ModelFile): string | undefined => {
  try {
    const id = (JSON.parse(f.content) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** The merge re-run with the resolutions so far, and which of its conflicts an edit settled. */
async function current(gitDir: string, state: MergeState) {
  const models = await planModels(gitDir, state);
  const merged = mergedOf(models, state.renames, state.resolutions);
  const edited = await editedIds(gitDir, state.written, idOf);
  const conflicts: ConflictEntry[] = merged.conflicts.map((c) => ({ ...c, target: conflictTarget(c), ...(edited.has(c.id) ? { resolved: 'edited' as const } : {}) }));
  return { models, merged, conflicts };
}

export async function mergeStatus(ws: Workspace, repo: string): Promise<MergeStatus> {
  const gitDir = ws.repoGitDir(repo);
  const state = await readMergeState(gitDir);
  if (!state) return { repo, inProgress: false, resolutions: [], conflicts: [] };
  const { conflicts } = await current(gitDir, state);
  return {
    repo, inProgress: true, kind: state.kind, branch: state.branch, label: state.label, head: state.head, theirs: state.theirs, base: state.base,
    resolutions: [...state.resolutions], conflicts, workingCopy: workDir(gitDir),
  };
}

/** Parses `ID[.MEMBER]=ours|theirs|base`, naming the object among the conflicts and the three models. */
function parseResolution(spec: string, conflicts: readonly MergeConflict[], ids: ReadonlySet<string>): MergeResolution {
  const eq = spec.lastIndexOf('=');
  const side = spec.slice(eq + 1) as MergeSide;
  const target = spec.slice(0, eq);
  if (eq <= 0 || !['ours', 'theirs', 'base'].includes(side)) {
    throw usageError('E_USAGE', `--resolve takes ID[.MEMBER]=ours|theirs|base (got ${JSON.stringify(spec)})`, 'e.g. --resolve public.users.email=theirs; `redb merge --status` lists the conflicts');
  }
  const named = conflicts.find((c) => conflictTarget(c) === target);
  if (named) return { id: named.id, ...(named.member !== undefined ? { member: named.member } : {}), side };
  if (ids.has(target)) return { id: target, side };
  const owner = [...ids].filter((id) => target.startsWith(`${id}.`)).sort((a, b) => b.length - a.length)[0];
  if (owner) return { id: owner, member: target.slice(owner.length + 1), side };
  const list = conflicts.map(conflictTarget);
  throw usageError('E_NO_OBJECT', `no object or conflict ${target} in this merge`, list.length ? `conflicts: ${[...new Set(list)].join(', ')}` : 'redb merge --status lists the conflicts');
}

/** Pins an object or member to a side and rewrites the working copy's unedited files. */
export async function resolveConflict(ws: Workspace, repo: string, spec: string): Promise<MergeStatus> {
  const gitDir = ws.repoGitDir(repo);
  const state = await requireState(gitDir);
  const { models, merged } = await current(gitDir, state);
  const ids = new Set([models.base, models.ours, models.theirs, merged.model].flatMap((m) => m.objects.map((o) => o.id)));
  const r = parseResolution(spec, merged.conflicts, ids);
  const resolutions = [...state.resolutions.filter((x) => x.id !== r.id || x.member !== r.member), r];
  const again = mergedOf(models, state.renames, resolutions);
  const paths = new Map([...objectPaths(again.model.objects)].map(([o, p]) => [p, o.id]));
  const written = await syncWorkingCopy(gitDir, modelToFiles(again.model), paths, state.written);
  await writeMergeState(gitDir, { ...state, resolutions, written, trailerRenames: again.trailerRenames });
  return mergeStatus(ws, repo);
}

/** Commits the working copy once nothing is left to resolve. */
export async function continueMerge(ws: Workspace, repo: string, opts: { message?: string } = {}): Promise<MergeResult> {
  const gitDir = ws.repoGitDir(repo);
  const state = await requireState(gitDir);
  const { models, conflicts } = await current(gitDir, state);
  const open = conflicts.filter((c) => c.kind === 'content' && !c.resolved);
  if (open.length) {
    throw conflictsError(`${open.length} conflict${open.length === 1 ? '' : 's'} left: ${[...new Set(open.map((c) => c.target))].join(', ')}`, `resolve each with \`redb merge --resolve ID=ours|theirs|base\`, or edit its file in ${workDir(gitDir)}; then \`redb merge --continue\``);
  }
  let model;
  try {
    model = filesToModel(await readWorkingCopy(gitDir));
  } catch (err) {
    if (!(err instanceof ModelFileError)) throw err;
    throw usageError('E_MODEL_FILE', `the merge's working copy holds an invalid file: ${err.message}`, `fix the file in ${workDir(gitDir)}, or \`redb merge --resolve\` its object`);
  }
  const semantic = semanticConflicts(model, models);
  if (semantic.length) {
    throw conflictsError(`the merged schema is not consistent: ${semantic.map((c) => c.message).join('; ')}`, 'resolve each with `redb merge --resolve ID[.MEMBER]=ours|theirs|base` (e.g. keep the dropped object, or drop what refers to it), or edit the files; then `redb merge --continue`');
  }
  const ref = { repo, branch: state.branch };
  // an edit may have undone a rename theirs made: record only those the result holds
  const [inOurs, inResult] = [modelHas(models.ours), modelHas(model)];
  const renames = state.trailerRenames.filter((r) => (inOurs(r.from) ? inResult(r.to) : model.objects.some((o) => o.kind === 'table' && inResult(o.id, splitId(r.to).at(-1)))));
  const done = await commitMerged(ws, ref, { ...state, parents: [...state.parents], message: opts.message ?? state.message }, model, renames);
  await removeMergeState(gitDir);
  return { repo, branch: state.branch, kind: state.kind, label: state.label, status: 'merged', head: state.head, theirs: state.theirs, base: state.base, ...done, conflicts: [] };
}

/** Forgets the merge in progress: the branch never moved, so only its state and working copy go. */
export async function abortMerge(ws: Workspace, repo: string): Promise<MergeStatus> {
  const gitDir = ws.repoGitDir(repo);
  const state = await requireState(gitDir);
  await removeMergeState(gitDir);
  return { repo, inProgress: false, kind: state.kind, branch: state.branch, label: state.label, head: state.head, theirs: state.theirs, base: state.base, resolutions: [], conflicts: [] };
}
