/**
 * `redb diff`: two schemas, each a revision or a live database (`@NAME`), compared
 * and planned. No sides: the attached database against the branch head. Two revisions
 * are read only as far as they differ (partial-models.ts), and compared once.
 */
import { ModelFileError, type Change, type Model, type RenameIntent } from '../../unified-model/index.js';
import type { DdlOptions } from '../../adapters/types.js';
import { diffModels } from '../diff/index.js';
import { createPlan, type ColumnOrderPolicy, type Plan } from '../plan/index.js';
import * as vcs from '../vcs/index.js';
import { attachedDatabase, type BranchRef } from './branches.js';
import { plannerFor } from './dialects.js';
import { usageError } from '../errors.js';
import { renamesBetween } from './renames.js';
import { snapshotDatabase, wholeModelAt } from './snapshot.js';
import { partialModels } from './partial-models.js';
import { columnOrderNotices } from '../plan/column-order.js';
import type { Workspace } from './workspace.js';

export interface ResolvedSide {
  /** As the user wrote it: `main~1`, `@prod`. */
  label: string;
  model: Model;
  tree: string;
  commit?: string;
  database?: string;
  /** A live side's server: what the DDL may use there (not part of the result). */
  server?: { readonly serverVersion: string; readonly flavour?: string };
}

/**
 * The repository and branch a diff works on, or a function that finds them: comparing
 * two live databases (`@a @b`) needs no repository, so it is looked up only when a
 * side is a revision or a default (the branch head, the attached database).
 */
export type BranchScope = BranchRef | (() => BranchRef);

function scopeOf(ref: BranchScope): () => BranchRef {
  if (typeof ref !== 'function') return () => ref;
  let found: BranchRef | undefined;
  return () => (found ??= ref());
}

/** Reads one side: `@NAME` is a live database, anything else a revision of the repository. */
export async function resolveSide(ws: Workspace, scope: BranchScope, side: string): Promise<ResolvedSide> {
  const found = await locateSide(ws, scope, side);
  return 'model' in found ? found : { ...found, model: await wholeModelAt(found.gitDir, found.commit, found.tree) };
}

/** A revision side before its model is read: a diff of two revisions may need only part of it. */
interface RevisionSide extends Omit<ResolvedSide, 'model'> {
  commit: string;
  gitDir: string;
}

async function locateSide(ws: Workspace, scope: BranchScope, side: string): Promise<ResolvedSide | RevisionSide> {
  if (side.startsWith('@')) {
    const database = side.slice(1);
    const snap = await snapshotDatabase(ws, database);
    const server = { serverVersion: snap.serverVersion, ...(snap.flavour ? { flavour: snap.flavour } : {}) };
    return { label: side, model: snap.model, tree: vcs.treeOidOf(snap.files), database, server };
  }
  const ref = scopeOf(scope)();
  const gitDir = ws.repoGitDir(ref.repo);
  const commit = await vcs.resolveRevision(gitDir, side, ref.branch);
  const { tree } = await vcs.readCommit(gitDir, commit);
  return { label: side, tree, commit, gitDir };
}

export interface DiffResult {
  from: Omit<ResolvedSide, 'model'>;
  to: Omit<ResolvedSide, 'model'>;
  /** True when both sides are the same schema (equal tree ids). */
  same: boolean;
  changes: Change[];
  plan: Plan;
}

export interface DiffOptions {
  renames?: readonly RenameIntent[];
  ddl?: DdlOptions;
  /** What the plan does about column orders the engine cannot reach (default: refuse). */
  columnOrder?: ColumnOrderPolicy;
}

/**
 * Compares and plans FROM → TO. Defaults: FROM = the branch head, TO = the attached
 * database. Two databases (`@a @b`) are compared without touching any repository.
 */
export async function diff(ws: Workspace, scope: BranchScope, fromArg?: string, toArg?: string, opts: DiffOptions = {}): Promise<DiffResult> {
  const ref = scopeOf(scope);
  if (fromArg === undefined && (await vcs.branchHead(ws.repoGitDir(ref().repo), ref().branch)) === undefined) {
    throw usageError('E_NO_COMMITS', `branch ${ref().branch} has no commits yet`, 'commit first: redb commit -m MSG');
  }
  const fromSide = fromArg ?? ref().branch;
  const toSide = toArg ?? `@${attachedDatabase(ws, ref())}`;
  const [from, to] = await Promise.all([locateSide(ws, ref, fromSide), locateSide(ws, ref, toSide)]);
  const recorded = from.commit && to.commit ? await renamesBetween(ws.repoGitDir(ref().repo), from.commit, to.commit) : [];
  const renames = [...recorded, ...(opts.renames ?? [])];
  const { models, changes } = await compared(from, to, renames);
  const planner = await plannerFor(models.to.dialect);
  const plan = createPlan({
    from: models.from,
    to: models.to,
    source: { tree: from.tree, ...(from.commit ? { commit: from.commit } : {}) },
    target: { tree: to.tree, ...(to.commit ? { commit: to.commit } : {}) },
    ddl: planner.ddl,
    renames,
    // the statements run where FROM is: a live FROM side's server decides what they may use
    // (a live TO side is the next best guess: the same engine, most likely the same version)
    options: { ...(from.server ?? to.server), ...opts.ddl },
    reorderColumns: planner.capabilities.reorderColumns,
    transactionalDdl: planner.capabilities.transactionalDdl,
    ...(opts.columnOrder ? { columnOrder: opts.columnOrder } : {}),
    changes,
  });
  const strip = ({ label, tree, commit, database }: ResolvedSide | RevisionSide) => ({ label, tree, ...(commit ? { commit } : {}), ...(database ? { database } : {}) });
  return { from: strip(from), to: strip(to), same: from.tree === to.tree, changes, plan };
}

/**
 * The models to plan from and their changes, computed once. Two revisions are read
 * partially when their trees allow it (partial-models.ts): only the files that differ
 * and what the planner looks at beside them. A plan whose column order the engine
 * cannot reach names the whole target's tree, so that case reads both models whole.
 */
async function compared(from: ResolvedSide | RevisionSide, to: ResolvedSide | RevisionSide, renames: readonly RenameIntent[]): Promise<{ models: { from: Model; to: Model }; changes: Change[] }> {
  if (!('model' in from) && !('model' in to) && from.gitDir === to.gitDir) {
    // an invalid file: the whole read below names it and its commit
    const partial = await partialModels(to.gitDir, from.tree, to.tree, renames).catch((err: unknown) => {
      if (err instanceof ModelFileError) return undefined;
      throw err;
    });
    if (partial) {
      const changes = from.tree === to.tree ? [] : diffModels(partial.from, partial.to, renames);
      const reorder = (await plannerFor(partial.to.dialect)).capabilities.reorderColumns;
      if (!columnOrderNotices(changes, reorder).length) return { models: partial, changes };
    }
  }
  const whole = async (s: ResolvedSide | RevisionSide) => ('model' in s ? s.model : wholeModelAt(s.gitDir, s.commit, s.tree));
  if (from.tree === to.tree) {
    // one schema: the side already read serves as both, and nothing is compared
    const model = await whole('model' in from ? from : to);
    return { models: { from: model, to: model }, changes: [] };
  }
  const [a, b] = await Promise.all([whole(from), whole(to)]);
  return { models: { from: a, to: b }, changes: diffModels(a, b, renames) };
}
