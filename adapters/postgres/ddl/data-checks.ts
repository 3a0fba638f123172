/**
 * Checks of the live data for changes that can fail on existing rows: a column made
 * NOT NULL, a type change whose cast can fail, a new unique index/constraint or primary
 * key, a new foreign key. They read the schema as it is before the plan (the `from`
 * model) and run before anything commits, so a deploy is refused instead of stopping
 * half-way. Only tables and columns present on both sides are checked: a new table or
 * column holds no old rows.
 */
import type { Column, Model, Table } from '../../../unified-model/index.js';
import { sharedTableChecks } from '../../data-checks.js';
import type { DataCheck } from '../../types.js';
import { quoteIdent, qualified } from './quote.js';
import { typeChange } from './type-change.js';


function notNull(t: Table, before: Column, after: Column): DataCheck[] {
  if (!before.nullable || after.nullable || after.generated) return [];
  return [{
    object: `${t.id}.${before.name}`,
    rows: 'NULL rows',
    fails: 'SET NOT NULL',
    sql: `SELECT count(*)::int AS n FROM ${qualified(t.schema, t.name)} WHERE ${quoteIdent(before.name)} IS NULL`,
  }];
}

/** A cast that can fail raises on the first bad row: the check fails with the engine's reason (PostgreSQL 15 cannot count them). */
function cast(t: Table, before: Column, after: Column): DataCheck[] {
  if (before.type.native === after.type.native || after.generated || !typeChange(before.type, after.type).rewrite) return [];
  const col = quoteIdent(before.name);
  return [{
    object: `${t.id}.${before.name}`,
    rows: 'rows that cannot be cast',
    fails: `the type change to ${after.type.native}`,
    sql: `SELECT count(v)*0 AS n FROM (SELECT ${col}::${after.type.native} AS v FROM ${qualified(t.schema, t.name)}) AS cast_check`,
  }];
}

/** Rows whose key (all columns non-NULL unless NULLS NOT DISTINCT) appears more than once. */
function duplicates(t: Table, columns: readonly string[], what: string, nullsDistinct: boolean): DataCheck {
  const cols = columns.map(quoteIdent).join(', ');
  const where = nullsDistinct ? ` WHERE ${columns.map((c) => `${quoteIdent(c)} IS NOT NULL`).join(' AND ')}` : '';
  return {
    object: `${t.id} (${columns.join(', ')})`,
    rows: 'duplicate rows',
    fails: what,
    sql: `SELECT coalesce(sum(c), 0)::int AS n FROM (SELECT count(*) AS c FROM ${qualified(t.schema, t.name)}${where} GROUP BY ${cols} HAVING count(*) > 1) AS dup_check`,
  };
}

function keyChecks(before: Table, after: Table): DataCheck[] {
  const cols = new Set(before.columns.map((c) => c.name));
  const existing = (columns: readonly string[]) => columns.every((c) => cols.has(c));
  const out: DataCheck[] = [];
  if (after.primaryKey && !before.primaryKey && existing(after.primaryKey.columns)) {
    out.push(duplicates(before, after.primaryKey.columns, `the primary key ${after.primaryKey.name}`, false));
    for (const c of after.primaryKey.columns) {
      const col = before.columns.find((x) => x.name === c)!;
      if (col.nullable) out.push({ object: `${before.id}.${c}`, rows: 'NULL rows', fails: `the primary key ${after.primaryKey.name}`, sql: `SELECT count(*)::int AS n FROM ${qualified(before.schema, before.name)} WHERE ${quoteIdent(c)} IS NULL` });
    }
  }
  const oldUniques = new Set((before.uniques ?? []).map((u) => u.name));
  for (const u of after.uniques ?? []) {
    if (!oldUniques.has(u.name) && existing(u.columns)) out.push(duplicates(before, u.columns, `the unique constraint ${u.name}`, !u.nullsNotDistinct));
  }
  const oldIndexes = new Set((before.indexes ?? []).map((i) => i.name));
  for (const i of after.indexes ?? []) {
    if (!i.unique || oldIndexes.has(i.name) || i.predicate || !i.keys.every((k) => k.column)) continue;
    const columns = i.keys.map((k) => k.column!);
    if (existing(columns)) out.push(duplicates(before, columns, `the unique index ${i.name}`, !i.nullsNotDistinct));
  }
  return out;
}

/** Rows whose (non-NULL, MATCH SIMPLE) key has no row in the referenced table; only when that table exists before. */
function orphans(before: Table, after: Table, tables: ReadonlyMap<string, Table>): DataCheck[] {
  const old = new Set((before.foreignKeys ?? []).map((f) => f.name));
  const cols = new Set(before.columns.map((c) => c.name));
  const out: DataCheck[] = [];
  for (const fk of after.foreignKeys ?? []) {
    const parent = tables.get(fk.references);
    if (old.has(fk.name) || fk.validated === false || !parent || !fk.columns.every((c) => cols.has(c))) continue;
    if (!fk.referencedColumns.every((c) => parent.columns.some((x) => x.name === c))) continue;
    const child = fk.columns.map((c) => `c.${quoteIdent(c)}`);
    const match = fk.columns.map((c, i) => `p.${quoteIdent(fk.referencedColumns[i])} = c.${quoteIdent(c)}`).join(' AND ');
    out.push({
      object: `${before.id}.${fk.columns.join(', ')}`,
      rows: `rows without a match in ${fk.references}`,
      fails: `the foreign key ${fk.name}`,
      sql: `SELECT count(*)::int AS n FROM ${qualified(before.schema, before.name)} AS c WHERE ${child.map((c) => `${c} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${qualified(parent.schema, parent.name)} AS p WHERE ${match})`,
    });
  }
  return out;
}

export function dataChecks(from: Model, to: Model): DataCheck[] {
  return sharedTableChecks(from, to, {
    column: (t, old, c) => [...notNull(t, old, c), ...cast(t, old, c)],
    table: (t, after, tables) => [...keyChecks(t, after), ...orphans(t, after, tables)],
  });
}
