/**
 * `redb diff` as text, the way git prints a diff: one header per object with its mark
 * (`+` added, `-` dropped, `~` modified), then for a table its member changes and for
 * any other kind a unified line diff of its definition (views, routines) or canonical
 * JSON; a summary line and the plan's hazards at the end. Coloured when colour is on.
 *
 * @example
 * console.log(renderDiffText(await diff(ws, ref, 'main~1', 'main')));
 */
import { canonicalJson, type Change, type DbObject } from '../../unified-model/index.js';
import type { DiffResult } from '../core/diff.js';
import { paint } from './color.js';
import { columnOrderLines, renameHintLines } from './diff-notices.js';
import { memberLines, tableMembers, type Mark } from './diff-members.js';
import { groupChanges, hazardSteps, plural, sideLabel, summaryLine, type ObjectDiff, type ObjectStatus } from './diff-summary.js';
import { unifiedHunks } from './line-diff.js';

const INDENT = '    ';
const STATUS_MARK: Record<ObjectStatus, Mark> = { added: '+', dropped: '-', modified: '~' };
const MARK_COLOR = { '+': 'green', '-': 'red', '~': 'yellow' } as const;
/** Fields shown as text of their own rather than inside the JSON. */
const TEXT_FIELDS = ['definition', 'body'];
const IDENTITY_FIELDS = ['kind', 'id', 'schema', 'name'];

const line = (mark: Mark | ' ', text: string): string => (mark === ' ' ? `${INDENT}  ${text}` : paint(MARK_COLOR[mark], `${INDENT}${mark} ${text}`));

/** The definition text of a view or routine, if the kind has one. */
const definitionOf = (o: DbObject): string | undefined => ('definition' in o && typeof o.definition === 'string' ? o.definition : undefined);

const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Canonical JSON of an object without the fields shown elsewhere (and without empty ones). */
function restJson(o: DbObject, omit: readonly string[]): string {
  const rest = Object.fromEntries(Object.entries(o).filter(([k, v]) => !omit.includes(k) && !empty(v)));
  return Object.keys(rest).length ? canonicalJson(rest) : '';
}

/** A whole text added or removed: every line marked. */
function wholeText(mark: '+' | '-', text: string): string[] {
  return text ? text.replace(/\n$/, '').split('\n').map((l) => line(mark, l)) : [];
}

function hunks(before: string, after: string): string[] {
  return unifiedHunks(before, after).flatMap((h) => [`${INDENT}${paint('cyan', h.header)}`, ...h.lines.map((l) => line(l.op, l.text))]);
}

/** The body of a created or dropped object. */
function objectBody(mark: '+' | '-', o: DbObject): string[] {
  if (o.kind === 'table') return tableMembers(o).map((t) => line(mark, t));
  const def = definitionOf(o);
  // a view's columns follow from its query: a created or dropped view shows the query alone
  const omit = def === undefined ? IDENTITY_FIELDS : [...IDENTITY_FIELDS, ...TEXT_FIELDS, ...(o.kind === 'view' || o.kind === 'materialized-view' ? ['columns'] : [])];
  return [...wholeText(mark, def ?? ''), ...wholeText(mark, restJson(o, omit))];
}

/** The lines of one change under its object's header. */
export function changeBody(c: Change): string[] {
  switch (c.type) {
    case 'create':
      return objectBody('+', c.object);
    case 'drop':
      return objectBody('-', c.object);
    case 'rename':
      return [];
    case 'alter-table':
      return c.changes.flatMap(memberLines).map((m) => line(m.mark, m.text));
    case 'alter': {
      const [a, b] = [definitionOf(c.from), definitionOf(c.to)];
      // a view's columns follow from its query: shown only when the query did not change
      const derived = a !== b && (c.to.kind === 'view' || c.to.kind === 'materialized-view') ? ['columns'] : [];
      const omit = a !== undefined || b !== undefined ? [...TEXT_FIELDS, ...derived] : [];
      return [...hunks(a ?? '', b ?? ''), ...hunks(restJson(c.from, omit), restJson(c.to, omit))];
    }
  }
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
