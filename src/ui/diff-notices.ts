/**
 * What a plan says besides its steps, shared by every rendering (text, markdown, SQL
 * comments, deploy): tables that will not reach the target's column order, and drops
 * and adds that may be renames (a `--rename` flag to consider, never applied by itself).
 *
 * @example
 * columnOrderLines(plan);
 * // ["column order: the engine cannot reorder columns; 1 table will not reach the target's column order:",
 * //  '  public.users: reached id, email, nick; target id, nick, email', '  a deploy refuses this plan (exit 3): …']
 */
import type { Plan } from '../plan/types.js';
import { plural } from './diff-summary.js';

/** The column order notices (forward, and the way back), or nothing when every table reaches its order. */
export function columnOrderLines(plan: Pick<Plan, 'columnOrder' | 'target'>): string[] {
  const co = plan.columnOrder;
  if (!co) return [];
  const refused = '  a deploy refuses this plan (exit 3): pass --column-order accept to reach the order shown, or add the columns at the end in the target';
  const back = co.rollbackTables ?? [];
  return [
    ...(co.tables.length
      ? [
          `column order: the engine cannot reorder columns; ${plural(co.tables.length, 'table')} will not reach the target's column order:`,
          ...co.tables.map((t) => `  ${t.table}: reached ${t.reached.join(', ')}; target ${t.target.join(', ')}`),
          co.policy === 'accept' ? acceptedLine(plan) : refused,
        ]
      : []),
    ...(back.length
      ? [
          `column order: the rollback will not reach the source's column order of ${plural(back.length, 'table')} (so a deploy's proof fails):`,
          ...back.map((t) => `  ${t.table}: reached ${t.reached.join(', ')}; source ${t.target.join(', ')}`),
        ]
      : []),
  ];
}

function acceptedLine(plan: Pick<Plan, 'columnOrder' | 'target'>): string {
  const requested = plan.columnOrder?.requestedTree;
  return `  accepted (--column-order accept): the plan's target is the schema it reaches (tree ${plan.target.tree.slice(0, 10)}${requested ? `, not ${requested.slice(0, 10)}` : ''}), and a deploy verifies against it`;
}

/** `hint: public.users.name dropped and public.users.full_name added alike: if it is a rename, plan it with --rename public.users.name=full_name` */
export function renameHintLines(plan: Pick<Plan, 'suggestedRenames'>): string[] {
  return (plan.suggestedRenames ?? []).map((s) => `hint: ${s.from} dropped and ${s.to} added alike: if it is a rename, plan it with ${s.flag}`);
}

/** Every notice of a plan, in the order the renderings show them. */
export const planNotices = (plan: Plan): string[] => [...columnOrderLines(plan), ...renameHintLines(plan)];
