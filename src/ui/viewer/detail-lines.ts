/**
 * What the right pane shows, as lines: for an object its change (fields before and
 * after, then the forward DDL with hazards) or its rollback DDL; for a schema or kind
 * row what it holds; and the whole plan as the SQL script `redb diff --format sql` prints.
 */
import type { ScriptFraming } from '../../../adapters/types.js';
import type { Hazard } from '../../plan/types.js';
import { renderPlanSql } from '../diff-sql.js';
import { plural, sideLabel } from '../diff-summary.js';
import { changeLines } from './change-lines.js';
import { blank, line, type Line, type Tone } from './lines.js';
import type { NumberedStep, TreeRow, ViewerModel, ViewerObject } from './model.js';

export type DetailView = 'change' | 'rollback' | 'plan';

const BADGE_TONE = { '+': 'add', '-': 'remove', '~': 'change', '→': 'change' } as const;
const hazardTone = (h: Hazard): Tone => (h === 'data-loss' ? 'danger' : 'hazard');

const hazardPieces = (hs: readonly Hazard[]): Line => hs.flatMap((h, i) => [...(i ? [{ text: ', ', tone: 'dim' as const }] : []), { text: h, tone: hazardTone(h) }]);

/** `3. drop column public.users.age [data-loss]` and the statement under it. */
export function stepLines(s: NumberedStep): Line[] {
  const head: Line = [
    { text: `${s.n}. ${s.step.comment.replace(/\s*\n\s*/g, ' ')}`, tone: 'dim' },
    ...(s.step.hazards.length ? [{ text: ' [', tone: 'dim' as const }, ...hazardPieces(s.step.hazards), { text: ']', tone: 'dim' as const }] : []),
    ...(s.step.transactional ? [] : [{ text: ' (outside a transaction)', tone: 'hazard' as const }]),
  ];
  return [head, ...s.step.sql.split('\n').map((l) => line('plain', `   ${l}`))];
}

function objectHeader(o: ViewerObject): Line[] {
  return [
    [{ text: `${o.badge} ${o.kind} ${o.id}${o.renamedFrom ? ` (renamed from ${o.renamedFrom})` : ''}`, tone: BADGE_TONE[o.badge], bold: true }],
    ...(o.hazards.length ? [[{ text: 'hazards: ', tone: 'dim' as const }, ...hazardPieces(o.hazards)]] : []),
  ];
}

function changeView(o: ViewerObject): Line[] {
  return [
    ...objectHeader(o),
    blank,
    line('heading', 'Change'),
    ...o.changes.flatMap(changeLines),
    blank,
    line('heading', `Forward DDL (${plural(o.steps.length, 'step')})`),
    ...(o.steps.length ? o.steps.flatMap(stepLines) : [line('dim', '  no statement of its own (see the whole plan: s)')]),
  ];
}

function rollbackView(o: ViewerObject, model: ViewerModel): Line[] {
  const lossy = o.steps.some((s) => s.step.lossyReverse);
  return [
    ...objectHeader(o),
    blank,
    line('heading', `Rollback DDL (${plural(o.rollback.length, 'step')})`),
    ...(o.rollback.length ? o.rollback.flatMap(stepLines) : [line('dim', '  no statement of its own (see the whole plan: s)')]),
    ...(lossy || (model.result.plan.lossyRollback && o.hazards.includes('data-loss')) ? [blank, line('danger', 'the rollback cannot restore the data the forward steps destroy')] : []),
  ];
}

function groupView(row: Extract<TreeRow, { type: 'schema' | 'kind' }>, model: ViewerModel): Line[] {
  const objects = model.objects.filter((o) => o.schema === row.schema && (row.type === 'schema' || o.kind === row.kind));
  const count = (b: ViewerObject['badge']) => objects.filter((o) => o.badge === b).length;
  const kinds = [...new Set(objects.map((o) => o.kind))].sort();
  return [
    line('heading', row.type === 'schema' ? `schema ${row.schema}` : `${row.kind} in ${row.schema}`),
    line('plain', `${plural(objects.length, 'object')} changed: ${count('+')} added, ${count('~')} changed, ${count('-')} dropped, ${count('→')} renamed`),
    ...(row.type === 'schema' ? kinds.map((k) => line('dim', `  ${k}: ${objects.filter((o) => o.kind === k).length}`)) : []),
    blank,
    line('dim', `Enter ${row.open ? 'folds' : 'unfolds'} it; ? lists the keys`),
  ];
}

/** The whole plan as the SQL script, comment lines dimmed. */
export function planLines(model: ViewerModel, framing: ScriptFraming): Line[] {
  const { result } = model;
  const text = renderPlanSql(result.plan, framing, { title: `${sideLabel(result.from)} → ${sideLabel(result.to)}` });
  const prefix = framing.comment('').trim();
  return text.replace(/\n$/, '').split('\n').map((l) => line(prefix && l.startsWith(prefix) ? 'dim' : 'plain', l));
}

/** The right pane's lines for the selected row and view. */
export function detailLines(model: ViewerModel, row: TreeRow | undefined, view: DetailView, framing: ScriptFraming): Line[] {
  if (view === 'plan') return planLines(model, framing);
  if (!row) return [line('dim', 'nothing matches: / changes the filter, h switches hazards only')];
  if (row.type !== 'object') return groupView(row, model);
  return view === 'rollback' ? rollbackView(row.object, model) : changeView(row.object);
}
