/**
 * Change[] → Plan: units ordered through the dependency graph, each turned into the
 * adapter's statements, together with the rollback plan (target → source) made by the
 * same machinery. Pure: no I/O; proving a plan on a scratch database is prove.ts.
 */
import { createHash } from 'node:crypto';
import type { DdlGenerator, DdlOptions, Hazard, PlanUnit } from '../../adapters/types.js';
import type { Change, Model, RenameIntent } from '../../unified-model/index.js';
import { diffModels, reverseRenames, suggestedRenames } from '../diff/index.js';
import { RedbError } from '../errors.js';
import { modelTreeOid } from '../vcs/index.js';
import { columnOrderNotices, planColumnOrder, reachableModel } from './column-order.js';
import { durationMs } from './duration.js';
import { invertUnit } from './inverse.js';
import { orderUnits } from './order.js';
import type { ColumnOrderPolicy, Plan, PlanEndpoint, PlanStep, StepOrigin } from './types.js';
import { planUnits } from './units.js';

export interface PlanRequest {
  readonly from: Model;
  readonly to: Model;
  readonly source: PlanEndpoint;
  readonly target: PlanEndpoint;
  readonly ddl: DdlGenerator;
  /** Renames recorded in the commits the plan spans (old id → new id). */
  readonly renames?: readonly RenameIntent[];
  readonly options?: DdlOptions;
  /** The engine can reorder a table's columns (`capabilities.reorderColumns`); default false. */
  readonly reorderColumns?: boolean;
  /**
   * The engine rolls DDL back with its transaction (`capabilities.transactionalDdl`);
   * default true. Where it does not, every step commits on its own: each is marked
   * `not-transactional`, and dependents dropped around a change are gone between
   * steps whatever the order, so no step is moved out of such a window.
   */
  readonly transactionalDdl?: boolean;
  /** What to do about column orders the engine cannot reach (column-order.ts); default `refuse`. */
  readonly columnOrder?: ColumnOrderPolicy;
  /** `diffModels(from, to, renames)` when the caller has it already (a diff computes it once). */
  readonly changes?: readonly Change[];
}

function originOf(u: PlanUnit): StepOrigin {
  if (u.type === 'table') {
    const c = u.change;
    const member =
      'column' in c ? c.column.name : 'constraint' in c ? c.constraint.def.name : 'index' in c ? c.index.name : 'trigger' in c ? c.trigger.name
      : 'policy' in c ? c.policy.name : c.type === 'alter-column' || c.type === 'rename-column' || c.type === 'alter-policy' ? c.to.name : undefined;
    return { type: c.type, kind: 'table', id: u.to.id, ...(member ? { detail: member } : {}) };
  }
  if (u.type === 'table-group') return { type: `${u.mode}-table`, kind: 'table', id: u.to.id, detail: u.changes.map((c) => originOf({ type: 'table', from: u.from, to: u.to, change: c }).detail ?? c.type).join(', ') };
  if (u.type === 'create' || u.type === 'drop') return { type: u.type, kind: u.object.kind, id: u.object.id };
  return { type: u.type, kind: u.to.kind, id: u.to.id };
}

const LOSSY: ReadonlySet<Hazard> = new Set(['data-loss']);

/**
 * How long a step waits for a lock unless told otherwise: long enough for ordinary
 * transactions to finish, short enough that a deploy stuck behind a long one fails
 * (and says so) instead of queueing every other session behind its own lock request.
 */
export const DEFAULT_LOCK_TIMEOUT = '10s';

/** Hazards of a whole plan: the union of its steps'. */
export const hazardsOf = (steps: readonly PlanStep[]): Hazard[] => [...new Set(steps.flatMap((s) => s.hazards))].sort();

/**
 * Hazards that cannot apply to a member change of a table the plan creates: it is
 * empty and nobody uses it yet, so there is no lock to wait for and no row to check.
 * A foreign key also locks the table it references: only when both are new.
 */
function emptyTableHazards(unit: PlanUnit, created: ReadonlySet<string>): ReadonlySet<Hazard> {
  if (unit.type !== 'table' || !created.has(unit.to.id)) return new Set();
  const c = unit.change;
  const references = c.type === 'add-constraint' && c.constraint.kind === 'foreign-key' ? c.constraint.def.references : undefined;
  return new Set<Hazard>(['data-dependent', ...(references === undefined || created.has(references) ? (['blocking-lock'] as const) : [])]);
}

function steps(from: Model, to: Model, ddl: DdlGenerator, options: DdlOptions, changes: readonly Change[], transactionalDdl: boolean): PlanStep[] {
  const ctx = { from, to, options };
  const back = { from: to, to: from, options };
  const planned = planUnits(changes, from, to, ddl);
  const statementsOf = new Map(planned.units.map((u) => [u, ddl.statements(u, ctx)]));
  const transactional = (u: PlanUnit) => !transactionalDdl || statementsOf.get(u)!.every((s) => s.transactional !== false);
  const units = orderUnits(planned.units, from, to, { recreations: planned.recreations, transactional });
  const created = new Set(units.flatMap((u) => (u.type === 'create' && u.object.kind === 'table' ? [u.object.id] : [])));
  return units.flatMap((unit) => {
    const statements = statementsOf.get(unit)!;
    const moot = emptyTableHazards(unit, created);
    const reverse = ddl.statements(invertUnit(unit), back).map((s) => s.sql).join('\n');
    const lossy = statements.some((s) => (s.hazards ?? []).some((h) => LOSSY.has(h)));
    return statements.map((s) => {
      const transactional = transactionalDdl && s.transactional !== false;
      const hazards = [...new Set([...(s.hazards ?? []), ...(transactional ? [] : ['not-transactional' as const])])].filter((h) => !moot.has(h)).sort();
      return {
        sql: s.sql, comment: s.comment, change: originOf(unit), hazards, transactional,
        ...(s.unusableUntilCommit ? { unusableUntilCommit: s.unusableUntilCommit } : {}), ...(reverse ? { reverse } : {}), ...(lossy ? { lossyReverse: true } : {}),
      };
    });
  });
}

/** The hash that identifies a plan: what it goes from and to, and every statement both ways. */
export function planHash(p: Omit<Plan, 'hash'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([p.dialect, p.source.tree, p.target.tree, p.preamble, p.steps.map((s) => s.sql), p.rollback.map((s) => s.sql), ...(p.columnOrder ? [p.columnOrder] : [])]));
  return h.digest('hex');
}

/** The lock-timeout settings a plan's preamble holds for `value` (none where the engine has no such setting). */
const lockTimeoutSettings = (ddl: DdlGenerator, value: string | undefined): readonly string[] =>
  value === undefined ? [] : (ddl.lockTimeout?.(durationMs(value) ?? 0) ?? []);

export function createPlan(req: PlanRequest): Plan {
  if (req.from.dialect !== req.to.dialect) {
    throw new RedbError('E_DIALECT', `cannot plan from a ${req.from.dialect} schema to a ${req.to.dialect} schema`, 'moving between engines is a migration relationship, not a deploy plan');
  }
  const renames = req.renames ?? [];
  const options = req.options ?? {};
  const changes = req.changes ?? diffModels(req.from, req.to, renames);
  const notices = columnOrderNotices(changes, req.reorderColumns ?? false);
  const policy = req.columnOrder ?? 'refuse';
  // accepted: the plan's target is the schema it reaches, and the way back starts there
  const reached = notices.length && policy === 'accept' ? reachableModel(req.to, notices) : req.to;
  const target = reached === req.to ? req.target : { ...req.target, tree: modelTreeOid(reached) };
  // one model on both sides (a diff of equal trees): nothing to undo, nothing to compare
  const backChanges = reached === req.from && !changes.length ? [] : diffModels(reached, req.from, reverseRenames(renames));
  const transactionalDdl = req.transactionalDdl ?? true;
  const forward = steps(req.from, req.to, req.ddl, options, changes, transactionalDdl);
  const rollback = steps(reached, req.from, req.ddl, options, backChanges, transactionalDdl);
  const columnOrder = planColumnOrder(notices, policy, req.target.tree, columnOrderNotices(backChanges, req.reorderColumns ?? false));
  const suggestions = suggestedRenames(changes);
  const lockTimeout = options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT;
  const preamble = [...req.ddl.preamble, ...lockTimeoutSettings(req.ddl, lockTimeout)];
  const plan = {
    formatVersion: 1 as const,
    dialect: req.to.dialect,
    source: req.source,
    target,
    preamble,
    ...(req.ddl.lockTimeout ? { lockTimeout } : {}),
    steps: forward,
    rollback,
    hazards: hazardsOf(forward),
    rollbackHazards: hazardsOf(rollback),
    lossyRollback: forward.some((s) => s.lossyReverse === true),
    ...(suggestions.length ? { suggestedRenames: suggestions } : {}),
    ...(columnOrder ? { columnOrder } : {}),
    hash: '',
  };
  return { ...plan, hash: planHash(plan) };
}

/**
 * The plan that undoes `done` (a plan that ran): its rollback steps forward, with their
 * own hazards, so that what is shown and consented to is what will run. With
 * `relock.lockTimeout`, the rollback waits that long for locks instead of what `done` said.
 */
export function reversePlan(done: Plan, relock?: { readonly ddl: DdlGenerator; readonly lockTimeout?: string }): Plan {
  const { ddl, lockTimeout } = relock ?? {};
  const retimed = ddl?.lockTimeout && lockTimeout !== undefined
    ? { preamble: [...done.preamble.filter((s) => !lockTimeoutSettings(ddl, done.lockTimeout).includes(s)), ...lockTimeoutSettings(ddl, lockTimeout)], lockTimeout }
    : {};
  const reversed = {
    ...done,
    ...retimed,
    source: done.target,
    target: done.source,
    steps: done.rollback,
    rollback: done.steps,
    hazards: hazardsOf(done.rollback),
    rollbackHazards: hazardsOf(done.steps),
    lossyRollback: done.rollback.some((s) => s.lossyReverse === true),
    hash: '',
  };
  return { ...reversed, hash: planHash(reversed) };
}
