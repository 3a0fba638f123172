/**
 * Checks of the live data for table changes that fail on existing rows: a column made
 * NOT NULL, a new primary key, unique constraint or unique index, a new CHECK, a new
 * foreign key. They read the tables as they are before the plan (the `from` model) and
 * run before anything commits, so a deploy is refused with the rows named instead of a
 * rebuild failing half-way. Only tables and columns on both sides are checked: a new
 * table or column holds no old rows. (The rebuild checks foreign keys again at its end.)
 */
import type { Column, Model, Table } from '../../../unified-model/index.js';
import { sharedTableChecks } from '../../data-checks.js';
import type { DataCheck } from '../../types.js';
import { q } from './quote.js';


function notNull(t: Table, before: Column, after: Column): DataCheck[] {
  if (!before.nullable || after.nullable || after.generated) return [];
  return [{ object: `${t.id}.${before.name}`, rows: 'NULL rows', fails: 'NOT NULL', sql: `SELECT count(*) AS n FROM ${q(t.name)} WHERE ${q(before.name)} IS NULL` }];
}

/** Rows whose key (all columns non-NULL: SQLite's NULLs are distinct) appears more than once. */
function duplicates(t: Table, columns: readonly string[], what: string): DataCheck {
  const cols = columns.map(q).join(', ');
  return {
    object: `${t.id} (${columns.join(', ')})`, rows: 'duplicate rows', fails: what,
    sql: `SELECT coalesce(sum(c), 0) AS n FROM (SELECT count(*) AS c FROM ${q(t.name)} WHERE ${columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING count(*) > 1)`,
  };
}

function keyChecks(before: Table, after: Table): DataCheck[] {
  const cols = new Set(before.columns.map((c) => c.name));
  const existing = (columns: readonly string[]) => columns.every((c) => cols.has(c));
  const out: DataCheck[] = [];
  const pk = after.primaryKey;
  if (pk && (before.primaryKey?.columns.join() ?? '') !== pk.columns.join() && existing(pk.columns)) out.push(duplicates(before, pk.columns, `the primary key ${pk.name}`));
  const oldUniques = new Set((before.uniques ?? []).map((u) => u.columns.join()));
  for (const u of after.uniques ?? []) if (!oldUniques.has(u.columns.join()) && existing(u.columns)) out.push(duplicates(before, u.columns, `the unique constraint ${u.name}`));
  const oldIndexes = new Set((before.indexes ?? []).map((i) => i.name));
  for (const i of after.indexes ?? []) {
    if (!i.unique || oldIndexes.has(i.name) || i.predicate || !i.keys.every((k) => k.column)) continue;
    const columns = i.keys.map((k) => k.column!);
    if (existing(columns)) out.push(duplicates(before, columns, `the unique index ${i.name}`));
  }
  const oldChecks = new Set((before.checks ?? []).map((c) => c.expression));
  for (const c of after.checks ?? []) {
    // a CHECK fails on a row where it is false, not NULL; its columns must all exist before (a conservative word test)
    const names = after.columns.map((x) => x.name).filter((n) => new RegExp(`\\b${n.replace(/\W/g, '\\$&')}\\b`, 'i').test(c.expression));
    if (oldChecks.has(c.expression) || !names.length || !existing(names)) continue;
    out.push({ object: `${before.id}`, rows: 'rows where it is false', fails: `the check ${c.name} (${c.expression})`, sql: `SELECT count(*) AS n FROM ${q(before.name)} WHERE NOT (${c.expression})` });
  }
  return out;
}

/** Rows whose key (all columns non-NULL) has no row in the referenced table; only when that table exists before. */
function orphans(before: Table, after: Table, tables: ReadonlyMap<string, Table>): DataCheck[] {
  const old = new Set((before.foreignKeys ?? []).map((f) => `${f.columns.join()}>${f.references}(${f.referencedColumns.join()})`));
  const cols = new Set(before.columns.map((c) => c.name));
  const out: DataCheck[] = [];
  for (const fk of after.foreignKeys ?? []) {
    const parent = tables.get(fk.references);
    if (old.has(`${fk.columns.join()}>${fk.references}(${fk.referencedColumns.join()})`) || !parent || !fk.columns.every((c) => cols.has(c))) continue;
    if (!fk.referencedColumns.every((c) => parent.columns.some((x) => x.name === c))) continue;
    const match = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i])} = c.${q(c)}`).join(' AND ');
    out.push({
      object: `${before.id}.${fk.columns.join(', ')}`, rows: `rows without a match in ${fk.references}`, fails: `the foreign key ${fk.name}`,
      sql: `SELECT count(*) AS n FROM ${q(before.name)} AS c WHERE ${fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${q(parent.name)} AS p WHERE ${match})`,
    });
  }
  return out;
}

export function dataChecks(from: Model, to: Model): DataCheck[] {
  return sharedTableChecks(from, to, {
    column: (t, old, c) => [...notNull(t, old, c)],
    table: (t, after, tables) => [...keyChecks(t, after), ...orphans(t, after, tables)],
  });
}
