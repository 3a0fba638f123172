/**
 * What the viewer shows, computed once from a diff result: every changed object with
 * its schema, badge, the plan's forward and rollback steps about it and their hazards;
 * and the tree of rows (schema → kind → object) the left pane lists, after the filter,
 * the hazards-only switch and the collapsed groups. Pure: no ink, no react.
 *
 * @example
 * const model = viewerModel(await diff(ws, ref, 'main~1', 'main'));
 * treeRows(model, { filter: 'user', hazardsOnly: false, collapsed: new Set() });
 */
import type { DiffResult } from '../../core/diff.js';
import type { Hazard, PlanStep } from '../../plan/types.js';
import { groupChanges, type ObjectDiff } from '../diff-summary.js';

/** `+` added, `~` changed, `-` dropped, `→` renamed (and maybe changed too). */
export type Badge = '+' | '~' | '-' | '→';

/** A plan step with its 1-based number in its plan. */
export interface NumberedStep {
  readonly n: number;
  readonly step: PlanStep;
}

export interface ViewerObject extends ObjectDiff {
  readonly schema: string;
  /** The id without its schema: `users`, `users_email_idx`, `lower_email(text)`. */
  readonly name: string;
  readonly badge: Badge;
  readonly renamedFrom?: string;
  readonly steps: readonly NumberedStep[];
  readonly rollback: readonly NumberedStep[];
  /** The forward steps' hazards, each once. */
  readonly hazards: readonly Hazard[];
}

export interface ViewerModel {
  readonly result: DiffResult;
  readonly objects: readonly ViewerObject[];
}

const BADGE = { added: '+', modified: '~', dropped: '-' } as const;

function schemaOf(o: ObjectDiff): string {
  const c = o.changes[o.changes.length - 1];
  const obj = c.type === 'create' || c.type === 'drop' ? c.object : c.to;
  return 'schema' in obj ? obj.schema : obj.name;
}

/** Steps grouped by the id of the object they came from. */
function stepsById(steps: readonly PlanStep[]): Map<string, NumberedStep[]> {
  const out = new Map<string, NumberedStep[]>();
  steps.forEach((step, i) => {
    const list = out.get(step.change.id);
    if (list) list.push({ n: i + 1, step });
    else out.set(step.change.id, [{ n: i + 1, step }]);
  });
  return out;
}

/** The viewer's objects, in the order of `groupChanges` (by id). */
export function viewerModel(result: DiffResult): ViewerModel {
  const forward = stepsById(result.plan.steps);
  const back = stepsById(result.plan.rollback);
  const objects = groupChanges(result.changes).map((o): ViewerObject => {
    const rename = o.changes.find((c) => c.type === 'rename');
    const renamedFrom = rename && rename.type === 'rename' ? rename.from.id : undefined;
    const schema = schemaOf(o);
    const name = o.kind !== 'schema' && o.id.startsWith(`${schema}.`) ? o.id.slice(schema.length + 1) : o.id;
    const steps = forward.get(o.id) ?? [];
    // the rollback renames back: its steps are about the old id
    const rollback = [...(back.get(o.id) ?? []), ...(renamedFrom ? back.get(renamedFrom) ?? [] : [])].sort((a, b) => a.n - b.n);
    const hazards = [...new Set(steps.flatMap((s) => s.step.hazards))];
    return { ...o, schema, name, badge: renamedFrom ? '→' : BADGE[o.status], ...(renamedFrom ? { renamedFrom } : {}), steps, rollback, hazards };
  });
  return { result, objects };
}

/** What narrows the tree: a name filter, hazards only, folded groups. */
export interface TreeView {
  readonly filter: string;
  readonly hazardsOnly: boolean;
  /** Keys of folded groups: `SCHEMA` or `SCHEMA/KIND`. */
  readonly collapsed: ReadonlySet<string>;
}

export interface BadgeCounts {
  readonly '+': number;
  readonly '~': number;
  readonly '-': number;
  readonly '→': number;
}

export type TreeRow =
  | { readonly type: 'schema'; readonly key: string; readonly schema: string; readonly count: number; readonly open: boolean }
  | { readonly type: 'kind'; readonly key: string; readonly schema: string; readonly kind: string; readonly counts: BadgeCounts; readonly open: boolean }
  | { readonly type: 'object'; readonly key: string; readonly object: ViewerObject };

/** The objects the filter and the hazards switch let through. */
export function shownObjects(model: ViewerModel, view: Pick<TreeView, 'filter' | 'hazardsOnly'>): ViewerObject[] {
  const needle = view.filter.trim().toLowerCase();
  return model.objects.filter((o) => (!view.hazardsOnly || o.hazards.length > 0) && (!needle || o.id.toLowerCase().includes(needle) || (o.renamedFrom?.toLowerCase().includes(needle) ?? false)));
}

const zero = (): { '+': number; '~': number; '-': number; '→': number } => ({ '+': 0, '~': 0, '-': 0, '→': 0 });

/**
 * The left pane's rows: a schema, its kinds (with counts per badge), their objects.
 * Schemas and kinds in alphabetical order, objects by name.
 */
export function treeRows(model: ViewerModel, view: TreeView): TreeRow[] {
  const bySchema = new Map<string, Map<string, ViewerObject[]>>();
  for (const o of shownObjects(model, view)) {
    let kinds = bySchema.get(o.schema);
    if (!kinds) bySchema.set(o.schema, (kinds = new Map()));
    const list = kinds.get(o.kind);
    if (list) list.push(o);
    else kinds.set(o.kind, [o]);
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows: TreeRow[] = [];
  for (const [schema, kinds] of sorted(bySchema)) {
    const open = !view.collapsed.has(schema);
    rows.push({ type: 'schema', key: schema, schema, count: [...kinds.values()].reduce((n, os) => n + os.length, 0), open });
    if (!open) continue;
    for (const [kind, objects] of sorted(kinds)) {
      const key = `${schema}/${kind}`;
      const counts = zero();
      for (const o of objects) counts[o.badge]++;
      const kindOpen = !view.collapsed.has(key);
      rows.push({ type: 'kind', key, schema, kind, counts, open: kindOpen });
      // objects come sorted by id, and within one schema that is by name
      if (kindOpen) for (const o of objects) rows.push({ type: 'object', key: o.id, object: o });
    }
  }
  return rows;
}
