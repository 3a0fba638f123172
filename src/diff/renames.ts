/**
 * Rename intents: recorded in a commit (`Redb-Rename: public.users.name=full_name`),
 * never guessed. The differ may suggest candidates, which a person then confirms.
 */
import { quoteIdPart, splitId, type Change, type DbObject, type Model, type RenameIntent } from '../../unified-model/index.js';

/** Parses `public.users.name=full_name` (column) or `public.users=public.members` (object). */
export function parseRenameIntent(text: string): RenameIntent {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new Error(`a rename is written OLD_ID=NEW_NAME, e.g. public.users.name=full_name (got ${JSON.stringify(text)})`);
  const from = text.slice(0, eq).trim();
  let to = text.slice(eq + 1).trim();
  // a bare new name keeps the parent part of the old id
  if (!to.includes('.')) to = [...splitId(from).slice(0, -1), to].map((p) => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : `"${p.replaceAll('"', '""')}"`)).join('.');
  return { from, to };
}

export function formatRenameIntent(r: RenameIntent): string {
  return `${r.from}=${r.to}`;
}

/** Rename intents split by what they rename: whole objects (by id) and columns (by table id). */
export interface RenamePlan {
  objects: Map<string, string>;
  columns: Map<string, Map<string, string>>;
}

export function classifyRenames(intents: readonly RenameIntent[], from: Model): RenamePlan {
  const ids = new Set(from.objects.map((o) => o.id));
  const plan: RenamePlan = { objects: new Map(), columns: new Map() };
  for (const r of intents) {
    if (ids.has(r.from)) {
      plan.objects.set(r.from, r.to);
      continue;
    }
    // a column: the longest table id that prefixes it, followed by exactly one part
    const table = from.objects
      .filter((o) => o.kind === 'table' && r.from.startsWith(`${o.id}.`) && splitId(r.from.slice(o.id.length + 1)).length === 1)
      .sort((a, b) => b.id.length - a.id.length)[0];
    if (!table) throw new Error(`rename ${formatRenameIntent(r)}: no object or column ${r.from} in the source schema`);
    const cols = plan.columns.get(table.id) ?? new Map<string, string>();
    cols.set(splitId(r.from.slice(table.id.length + 1))[0], splitId(r.to).at(-1)!);
    plan.columns.set(table.id, cols);
  }
  return plan;
}

/** Objects dropped and created with the same kind and same content but the name: likely renames to confirm. */
export function suggestRenames(dropped: readonly DbObject[], created: readonly DbObject[]): RenameIntent[] {
  const body = (o: DbObject) => JSON.stringify({ ...o, id: '', name: '', dependsOn: undefined, dependsOnColumns: undefined });
  const out: RenameIntent[] = [];
  for (const d of dropped) {
    const match = created.find((c) => c.kind === d.kind && body(c) === body(d));
    if (match) out.push({ from: d.id, to: match.id });
  }
  return out;
}

/**
 * The renames of the way back. A column rename is named with its table's old id; when
 * that table was renamed too, the way back names the column under the table's new id.
 */
export function reverseRenames(intents: readonly RenameIntent[]): RenameIntent[] {
  return intents.map((r) => {
    const table = intents.find((o) => o !== r && r.to.startsWith(`${o.from}.`));
    const from = table ? `${table.to}${r.to.slice(table.from.length)}` : r.to;
    return { from, to: r.from };
  });
}

/** A rename the differ suggests and a person confirms (`--rename`); the plan keeps the drop and the add until then. */
export interface RenameSuggestion {
  /** Id of the dropped column or object. */
  readonly from: string;
  /** Id of the added one. */
  readonly to: string;
  /** The flag that plans it as a rename: `--rename public.users.name=full_name`. */
  readonly flag: string;
}

/**
 * Columns dropped and added with the same type in one table, and objects dropped and
 * created alike but for their name: each pair is a suggestion, never applied.
 */
export function suggestedRenames(changes: readonly Change[]): RenameSuggestion[] {
  const out: RenameSuggestion[] = [];
  for (const c of changes) {
    if (c.type !== 'alter-table') continue;
    const dropped = c.changes.flatMap((t) => (t.type === 'drop-column' ? [t.column] : []));
    const added = c.changes.flatMap((t) => (t.type === 'add-column' ? [t.column] : []));
    for (const d of dropped) {
      for (const a of added.filter((x) => x.type.native === d.type.native)) {
        const from = `${c.from.id}.${quoteIdPart(d.name)}`;
        out.push({ from, to: `${c.to.id}.${quoteIdPart(a.name)}`, flag: `--rename ${from}=${quoteIdPart(a.name)}` });
      }
    }
  }
  const drops = changes.flatMap((c) => (c.type === 'drop' ? [c.object] : []));
  const creates = changes.flatMap((c) => (c.type === 'create' ? [c.object] : []));
  for (const r of suggestRenames(drops, creates)) out.push({ ...r, flag: `--rename ${formatRenameIntent(r)}` });
  return out;
}
