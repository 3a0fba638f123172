/**
 * How one side of a merge renamed the base's objects and columns, from the rename
 * intents recorded in its commits since the merge base (oldest first). Intents chain
 * (`a=b` then `b=c` is `a` → `c`); an intent naming something the base never had (an
 * object the side created, then renamed) says nothing about the base and is skipped.
 */
import { quoteIdPart, splitId, type Model, type RenameIntent } from '../../unified-model/index.js';

export interface SideRenames {
  /** Base object id → its id on this side (renamed ones only). */
  readonly objects: ReadonlyMap<string, string>;
  /** Base table id → (base column name → its name on this side). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NO_SIDE_RENAMES: SideRenames = { objects: new Map(), columns: new Map() };

export function sideRenames(base: Model, intents: readonly RenameIntent[]): SideRenames {
  const current = new Map(base.objects.map((o) => [o.id, o.id])); // base id → id now
  const baseOf = new Map(base.objects.map((o) => [o.id, o.id])); // id now → base id
  const tables = new Map(base.objects.filter((o) => o.kind === 'table').map((t) => [t.id, t.kind === 'table' ? t.columns.map((c) => c.name) : []]));
  const columns = new Map<string, Map<string, string>>(); // base table id → base column → name now
  for (const r of intents) {
    const obj = baseOf.get(r.from);
    if (obj !== undefined) {
      baseOf.delete(r.from);
      baseOf.set(r.to, obj);
      current.set(obj, r.to);
      continue;
    }
    // a column: the longest current table id that prefixes it, followed by one part
    const tableNow = [...baseOf.keys()].filter((id) => r.from.startsWith(`${id}.`) && tables.has(baseOf.get(id)!) && splitId(r.from.slice(id.length + 1)).length === 1).sort((a, b) => b.length - a.length)[0];
    if (tableNow === undefined) continue;
    const table = baseOf.get(tableNow)!;
    const fromName = splitId(r.from.slice(tableNow.length + 1))[0];
    const toName = splitId(r.to).at(-1)!;
    const cols = columns.get(table) ?? new Map(tables.get(table)!.map((c) => [c, c]));
    const col = [...cols].find(([, now]) => now === fromName)?.[0];
    if (col === undefined) continue;
    cols.set(col, toName);
    columns.set(table, cols);
  }
  const objects = new Map([...current].filter(([b, now]) => b !== now));
  const renamedColumns = new Map([...columns].map(([t, cols]) => [t, new Map([...cols].filter(([b, now]) => b !== now))] as const).filter(([, cols]) => cols.size > 0));
  return { objects, columns: renamedColumns };
}

/**
 * What the merge renamed relative to ours, as intents a plan from ours to the merge
 * honours (the merge commit records them): the renames theirs made of what ours kept
 * under its base name, where the merge holds the renamed thing. `inOurs` and `inMerge`
 * say whether a model has an object, or a column of a table.
 */
export function renamesOntoOurs(ours: SideRenames, theirs: SideRenames, inOurs: Has, inMerge: Has): RenameIntent[] {
  const out: RenameIntent[] = [];
  for (const [b, to] of theirs.objects) if (!ours.objects.has(b) && inOurs(b) && inMerge(to)) out.push({ from: b, to });
  for (const [table, cols] of theirs.columns) {
    const oursTable = ours.objects.get(table) ?? table;
    const mergedTable = theirs.objects.get(table) ?? oursTable;
    for (const [c, to] of cols) {
      if (ours.columns.get(table)?.has(c) || !inOurs(oursTable, c) || !inMerge(mergedTable, to)) continue;
      out.push({ from: `${oursTable}.${quoteIdPart(c)}`, to: `${oursTable}.${quoteIdPart(to)}` });
    }
  }
  return out;
}

/** Whether a model has an object (or a column of a table). */
export type Has = (id: string, column?: string) => boolean;
