/**
 * `redb diff` as text, the way git prints a diff: one header per object with its mark
 * (`+` added, `-` dropped, `~` modified), then for a table its member changes and for
 * any other kind a unified line diff of its definition (views, routines) or canonical
 * JSON; a summary line and the plan's hazards at the end. Coloured when colour is on.
 *
 * @example
 * console.log(renderDiffText(await diff(ws, ref, 'main~1', 'main')));
 */
import type { Change } from '../../unified-model/index.js';
import type { DiffResult } from '../core/diff.js';
import { paint } from './color.js';
import { columnOrderLines, renameHintLines } from './diff-notices.js';
import { changeBodyParts } from './change-body.js';
import type { Mark } from './diff-members.js';
import { groupChanges, hazardSteps, plural, sideLabel, summaryLine, type ObjectDiff, type ObjectStatus } from './diff-summary.js';

const INDENT = '    ';
const STATUS_MARK: Record<ObjectStatus, Mark> = { added: '+', dropped: '-', modified: '~' };
const MARK_COLOR = { '+': 'green', '-': 'red', '~': 'yellow' } as const;
const line = (mark: Mark | ' ', text: string): string => (mark === ' ' ? `${INDENT}  ${text}` : paint(MARK_COLOR[mark], `${INDENT}${mark} ${text}`));

/** The lines of one change under its object's header. */
export function changeBody(c: Change): string[] {
  return changeBodyParts(c).flatMap((p) => ('hunk' in p ? [`${INDENT}${paint('cyan', p.hunk.header)}`, ...p.hunk.lines.map((l) => line(l.op, l.text))] : [line(p.mark, p.text)]));
}

/** `~ table public.members (renamed from public.users)` and the body of each change. */
export function renderObject(o: ObjectDiff): string[] {
  const rename = o.changes.find((c): c is Extract<Change, { type: 'rename' }> => c.type === 'rename');
  const mark = STATUS_MARK[o.status];
  const header = `${mark} ${o.kind} ${o.id}${rename ? ` (renamed from ${rename.from.id})` : ''}`;
  return [paint('bold', paint(MARK_COLOR[mark], header)), ...o.changes.flatMap(changeBody)];
}

/** `hazards: data-loss (step 2), blocking-lock (steps 1, 3)`. */
export function hazardsLine(result: DiffResult): string | undefined {
  const { plan } = result;
  if (plan.hazards.length === 0) return undefined;
  const parts = [...hazardSteps(plan.steps)].map(([h, steps]) => `${h} (${steps.length === 1 ? 'step' : 'steps'} ${steps.join(', ')})`);
  const lossy = plan.lossyRollback ? '; the rollback cannot restore the data the plan destroys' : '';
  return paint(plan.hazards.includes('data-loss') ? 'red' : 'yellow', `hazards: ${parts.join(', ')}${lossy}`);
}

/** The whole text rendering of a diff result. */
export function renderDiffText(result: DiffResult): string {
  const from = sideLabel(result.from);
  const to = sideLabel(result.to);
  if (result.same) return `No differences: ${from} and ${to} have the same schema (tree ${result.to.tree.slice(0, 10)}).`;
  const objects = groupChanges(result.changes);
  const { plan } = result;
  const planLine = `plan: ${plural(plan.steps.length, 'step')}, rollback ${plural(plan.rollback.length, 'step')}, hash ${plan.hash.slice(0, 12)} (--format sql shows them)`;
  const hazards = hazardsLine(result);
  return [
    paint('bold', `diff ${from} → ${to}`),
    '',
    ...objects.flatMap(renderObject),
    '',
    summaryLine(objects),
    paint('dim', planLine),
    ...(hazards ? [hazards] : []),
    ...columnOrderLines(plan).map((l) => paint('yellow', l)),
    ...renameHintLines(plan).map((l) => paint('cyan', l)),
  ].join('\n');
}
