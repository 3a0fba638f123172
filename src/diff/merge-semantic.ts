/**
 * Conflicts of the merged model as a whole: each side may be consistent and the
 * merge still not, when one side uses what the other dropped. Checked: objects named
 * in `dependsOn`, `dependsOnColumns`, foreign keys and enum column types exist; the
 * columns a key, foreign key, index or trigger names exist on its table; an enum value
 * one side removed is not still used (quoted) by the merged model. A reference is
 * checked only when what it names is in one of the three models: the model does not
 * hold everything a database has (an extension's types), and a name it never had was
 * never there to be dropped.
 */
import type { DbObject, LogicalType, Model, Table } from '../../unified-model/index.js';
import type { MergeConflict } from './conflicts.js';

interface Sides {
  readonly base: Model;
  readonly ours: Model;
  readonly theirs: Model;
}

const byId = (m: Model) => new Map(m.objects.map((o) => [o.id, o]));

/** Columns of a table or view (what `dependsOnColumns` and foreign keys name). */
function columnNames(o: DbObject | undefined): Set<string> | undefined {
  if (!o) return undefined;
  if (o.kind === 'table' || o.kind === 'view' || o.kind === 'materialized-view') return new Set(o.columns.map((c) => c.name));
  return undefined;
}

function enumRefs(t: LogicalType): string[] {
  if (t.kind === 'enum' && t.ref) return [t.ref];
  if (t.kind === 'array') return enumRefs(t.of);
  return [];
}

/** Where a side stands on an id: for the message ("dropped on theirs"). */
function whoDropped(id: string, sides: Sides): string {
  const [o, t] = [byId(sides.ours).has(id), byId(sides.theirs).has(id)];
  return !o && t ? 'ours' : o && !t ? 'theirs' : 'a side';
}

export function semanticConflicts(merged: Model, sides: Sides): MergeConflict[] {
  const now = byId(merged);
  const known = new Set([sides.base, sides.ours, sides.theirs].flatMap((m) => m.objects.map((o) => o.id)));
  const out: MergeConflict[] = [];
  const sideValues = (id: string, pick: (o: DbObject) => unknown) => {
    const v = (m: Model) => { const o = byId(m).get(id); return o ? pick(o) : undefined; };
    const [base, ours, theirs] = [v(sides.base), v(sides.ours), v(sides.theirs)];
    return { ...(base !== undefined ? { base } : {}), ...(ours !== undefined ? { ours } : {}), ...(theirs !== undefined ? { theirs } : {}) };
  };
  const report = (o: DbObject, member: string | undefined, field: string, message: string, pick: (x: DbObject) => unknown) =>
    out.push({ kind: 'semantic', id: o.id, ...(member !== undefined ? { member } : {}), field, ...sideValues(o.id, pick), message });
  const missing = (ref: string) => known.has(ref) && !now.has(ref);

  for (const o of merged.objects) {
    // a table's foreign keys, enum columns and triggers name what they need themselves, member by member
    const named = new Set(o.kind === 'table' ? [...(o.foreignKeys ?? []).map((f) => f.references), ...o.columns.flatMap((c) => enumRefs(c.type.logical)), ...(o.triggers ?? []).flatMap((t) => (t.function ? [t.function] : []))] : []);
    for (const ref of 'dependsOn' in o ? (o.dependsOn ?? []) : []) {
      if (missing(ref) && !named.has(ref)) report(o, undefined, 'dependsOn', `${o.id} depends on ${ref}, which ${whoDropped(ref, sides)} dropped`, (x) => ('dependsOn' in x ? x.dependsOn : undefined));
    }
    for (const dep of 'dependsOnColumns' in o ? (o.dependsOnColumns ?? []) : []) {
      const cols = columnNames(now.get(dep.id));
      const gone = cols ? dep.columns.filter((c) => !cols.has(c)) : [];
      if (gone.length) report(o, undefined, 'dependsOnColumns', `${o.id} reads ${gone.map((c) => `${dep.id}.${c}`).join(', ')}, which the merge no longer has`, (x) => ('dependsOnColumns' in x ? x.dependsOnColumns : undefined));
    }
    if (o.kind === 'table') checkTable(o, now, missing, sides, report);
  }
  out.push(...removedEnumValuesInUse(merged, sides));
  return out;
}

type Report = (o: DbObject, member: string | undefined, field: string, message: string, pick: (x: DbObject) => unknown) => void;

function checkTable(t: Table, now: ReadonlyMap<string, DbObject>, missing: (id: string) => boolean, sides: Sides, report: Report): void {
  const own = new Set(t.columns.map((c) => c.name));
  const member = (list: 'foreignKeys' | 'uniques' | 'indexes' | 'triggers', name: string) => (x: DbObject) => (x.kind === 'table' ? (x[list] as readonly { name: string }[] | undefined)?.find((m) => m.name === name) : undefined);
  const lacking = (cols: readonly (string | undefined)[]) => cols.filter((c): c is string => c !== undefined && !own.has(c));
  for (const c of t.columns) {
    for (const ref of enumRefs(c.type.logical)) {
      if (missing(ref)) report(t, c.name, 'type', `${t.id}.${c.name} has type ${ref}, which ${whoDropped(ref, sides)} dropped`, (x) => (x.kind === 'table' ? x.columns.find((y) => y.name === c.name) : undefined));
    }
  }
  if (t.primaryKey && lacking([...t.primaryKey.columns, ...(t.primaryKey.include ?? [])]).length) {
    report(t, 'primary key', 'columns', `${t.id}: the primary key names column ${lacking(t.primaryKey.columns).join(', ')}, which the merge no longer has`, (x) => (x.kind === 'table' ? x.primaryKey : undefined));
  }
  for (const fk of t.foreignKeys ?? []) {
    const pick = member('foreignKeys', fk.name);
    if (lacking(fk.columns).length) report(t, fk.name, 'columns', `${t.id} ${fk.name} names column ${lacking(fk.columns).join(', ')}, which the merge no longer has`, pick);
    if (missing(fk.references)) {
      report(t, fk.name, 'references', `${t.id} ${fk.name} references ${fk.references}, which ${whoDropped(fk.references, sides)} dropped`, pick);
      continue;
    }
    const cols = columnNames(now.get(fk.references));
    const gone = cols ? fk.referencedColumns.filter((c) => !cols.has(c)) : [];
    if (gone.length) report(t, fk.name, 'referencedColumns', `${t.id} ${fk.name} references ${gone.map((c) => `${fk.references}.${c}`).join(', ')}, which the merge no longer has`, pick);
  }
  for (const u of t.uniques ?? []) {
    if (lacking([...u.columns, ...(u.include ?? [])]).length) report(t, u.name, 'columns', `${t.id} ${u.name} names column ${lacking([...u.columns, ...(u.include ?? [])]).join(', ')}, which the merge no longer has`, member('uniques', u.name));
  }
  for (const i of t.indexes ?? []) {
    const gone = lacking([...i.keys.map((k) => k.column), ...(i.include ?? [])]);
    if (gone.length) report(t, i.name, 'keys', `${t.id}: index ${i.name} is on column ${gone.join(', ')}, which the merge no longer has`, member('indexes', i.name));
  }
  for (const tr of t.triggers ?? []) {
    const gone = lacking(tr.updateColumns ?? []);
    if (gone.length) report(t, tr.name, 'updateColumns', `${t.id}: trigger ${tr.name} fires on column ${gone.join(', ')}, which the merge no longer has`, member('triggers', tr.name));
    if (tr.function && missing(tr.function)) report(t, tr.name, 'function', `${t.id}: trigger ${tr.name} calls ${tr.function}, which ${whoDropped(tr.function, sides)} dropped`, member('triggers', tr.name));
  }
}

/** Text of every string in an object (defaults, checks, definitions, predicates…). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** An enum value the base had and the merge has not, still written as a literal (`'pending'`) somewhere in the merge. */
function removedEnumValuesInUse(merged: Model, sides: Sides): MergeConflict[] {
  const now = byId(merged);
  const out: MergeConflict[] = [];
  for (const b of sides.base.objects) {
    const m = now.get(b.id);
    if (b.kind !== 'enum' || !m || m.kind !== 'enum') continue;
    const removed = b.values.filter((v) => !m.values.includes(v));
    for (const value of removed) {
      const literal = `'${value.replaceAll("'", "''")}'`;
      const users = merged.objects.filter((o) => o.id !== b.id && strings(o).some((s) => s.includes(literal))).map((o) => o.id);
      if (!users.length) continue;
      const values = (x: Model) => { const e = byId(x).get(b.id); return e?.kind === 'enum' ? e.values : undefined; };
      out.push({
        kind: 'semantic', id: b.id, field: 'values', base: values(sides.base), ours: values(sides.ours), theirs: values(sides.theirs),
        message: `${b.id}: value ${literal} was removed on ${values(sides.ours)?.includes(value) ? 'theirs' : 'ours'} and is still used by ${users.join(', ')}`,
      });
    }
  }
  return out;
}
