/**
 * Column order policy. Some engines cannot reorder a table's columns (they add a
 * column at the end, always: `capabilities.reorderColumns` false): the differ's `reorder-columns` change then has no
 * statement, and the plan would not reach the target's column order. The plan says
 * so before anything runs, per table with both orders, and the user chooses:
 * `refuse` (the default: a deploy stops, nothing changed) or `accept` (the plan's
 * target becomes the schema the plan reaches, and a deploy verifies against that).
 */
import { type Change, type Model, type Table } from '../../unified-model/index.js';
import { ExitCode, RedbError } from '../errors.js';
import { modelTreeOid } from '../vcs/index.js';
import type { ColumnOrderNotice, ColumnOrderPolicy, Plan, PlanColumnOrder } from './types.js';

export const COLUMN_ORDER_POLICIES: readonly ColumnOrderPolicy[] = ['refuse', 'accept'];

/** The tables whose column order the plan cannot reach, when the engine cannot reorder columns. */
export function columnOrderNotices(changes: readonly Change[], canReorder: boolean): ColumnOrderNotice[] {
  if (canReorder) return [];
  return changes.flatMap((c) =>
    c.type === 'alter-table' ? c.changes.flatMap((t) => (t.type === 'reorder-columns' ? [{ table: c.to.id, reached: t.from, target: t.to }] : [])) : [],
  );
}

/** The target with each noticed table's columns in the order the plan reaches. */
export function reachableModel(to: Model, notices: readonly ColumnOrderNotice[]): Model {
  const byTable = new Map(notices.map((n) => [n.table, n.reached]));
  const objects = to.objects.map((o) => {
    const order = o.kind === 'table' ? byTable.get(o.id) : undefined;
    if (!order || o.kind !== 'table') return o;
    const cols = new Map(o.columns.map((c) => [c.name, c]));
    return { ...o, columns: order.map((n) => cols.get(n)!) } satisfies Table;
  });
  return { ...to, objects };
}


/** The plan's column order section (undefined when every order is reached). */
export function planColumnOrder(notices: readonly ColumnOrderNotice[], policy: ColumnOrderPolicy, requestedTree: string, back: readonly ColumnOrderNotice[] = []): PlanColumnOrder | undefined {
  if (notices.length === 0 && back.length === 0) return undefined;
  return { policy, tables: notices, ...(back.length ? { rollbackTables: back } : {}), ...(policy === 'accept' && notices.length ? { requestedTree } : {}) };
}

/** `public.users: id, email, name → id, name, email` */
export const describeNotice = (n: ColumnOrderNotice): string => `${n.table}: ${n.reached.join(', ')} (reachable) instead of ${n.target.join(', ')}`;

/** A deploy of a plan whose column orders are not reached, without `--column-order accept`: refused, nothing changed. */
export function requireReachableColumnOrder(plan: Plan): void {
  const co = plan.columnOrder;
  if (!co || co.policy === 'accept' || co.tables.length === 0) return;
  throw new RedbError(
    'E_COLUMN_ORDER',
    `the engine cannot reorder columns, so this plan would not reach the target's column order: ${co.tables.map(describeNotice).join('; ')}`,
    'deploy with --column-order accept to reach the order shown (verified against it), or add the columns at the end in the target schema; a reviewed plan: make it again with redb plan --column-order accept',
    ExitCode.confirmationNeeded,
  );
}
