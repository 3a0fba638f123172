/**
 * A table rebuild, the procedure of https://www.sqlite.org/lang_altertable.html#otheralter
 * for every change ALTER TABLE cannot make (a type, nullability, default, constraint,
 * foreign key, column order or STRICT change): create the new table under a temporary
 * name, copy the rows, drop the old table, rename the new one, create its indexes and
 * triggers again, then check the foreign keys. Foreign keys are off for the plan (the
 * preamble: `PRAGMA foreign_keys` cannot change inside a transaction, and dropping a table
 * with keys on would run its ON DELETE actions); the check at the end fails the step,
 * and so the transaction, when a row violates one. The planner drops the views that read
 * the table before the rebuild and creates them after (a rename fails while they name a
 * missing table).
 */
import type { Column, Model, Table, TableChange } from '../../../unified-model/index.js';
import type { Hazard, Statement } from '../../types.js';
import { createIndexSql, createTriggerSql, dropTriggerSql } from './members.js';
import { mentions } from './alter.js';
import { lit, q } from './quote.js';
import { autoIncrementColumn, createTableSql } from './tables.js';

/** The temporary name of the new table while the old one still exists. */
export const rebuildName = (name: string): string => `_redb_new_${name}`;

/** For each column of `to` filled from `from`: its source column name (renames followed). */
function sources(from: Table, to: Table, changes: readonly TableChange[]): Map<string, string> {
  const renamed = new Map(changes.flatMap((c) => (c.type === 'rename-column' ? [[c.to.name, c.from.name] as const] : [])));
  const old = new Set(from.columns.map((c) => c.name));
  const out = new Map<string, string>();
  for (const c of to.columns) {
    if (c.generated) continue; // computed again, never inserted
    const src = renamed.get(c.name) ?? c.name;
    if (old.has(src) && !from.columns.find((f) => f.name === src)!.generated) out.set(c.name, src);
  }
  return out;
}

/** Whether rows that fit `a` may not fit `b`: a cast, a new NOT NULL, a new key or check, STRICT. */
function dataDependent(from: Table, to: Table, filled: Map<string, string>): boolean {
  const before = new Map(from.columns.map((c) => [c.name, c]));
  for (const c of to.columns) {
    const src = filled.get(c.name);
    const old: Column | undefined = src === undefined ? undefined : before.get(src);
    if (!old) { if (!c.nullable && c.default === undefined && !c.generated) return true; continue; }
    if (old.type.native.toLowerCase() !== c.type.native.toLowerCase() || (old.nullable && !c.nullable) || old.collation !== c.collation) return true;
  }
  const keys = (t: Table) => JSON.stringify([t.primaryKey?.columns, (t.uniques ?? []).map((u) => u.columns), (t.checks ?? []).map((k) => k.expression), (t.foreignKeys ?? []).map((f) => [f.columns, f.references, f.referencedColumns]), t.options?.strict]);
  return keys(from) !== keys(to);
}

/**
 * AUTOINCREMENT never hands out an id again, even of a deleted row: its high-water mark
 * (`sqlite_sequence`) moves to the new table, or copying the rows would reset it to the
 * largest id left.
 */
function keepSequence(from: Table, to: Table, temp: string): Statement[] {
  if (!autoIncrementColumn(from) || !autoIncrementColumn(to)) return [];
  const comment = `rebuild ${to.id}: keep its AUTOINCREMENT counter`;
  return [
    { sql: `DELETE FROM sqlite_sequence WHERE name = ${lit(temp)}`, comment },
    { sql: `INSERT INTO sqlite_sequence (name, seq) SELECT ${lit(temp)}, seq FROM sqlite_sequence WHERE name = ${lit(to.name)}`, comment },
  ];
}

/** Ids of what reads `id` in `model`, transitively (the planner re-creates those around the rebuild). */
function readersOf(model: Model, id: string): Set<string> {
  const out = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of model.objects) {
      if (out.has(o.id) || o.kind !== 'view' || !(o.dependsOn ?? []).some((d) => d === id || out.has(d))) continue;
      out.add(o.id);
      grew = true;
    }
  }
  return out;
}

/**
 * Triggers of other tables and views whose bodies name the table: SQLite refuses the
 * rename while a trigger names a missing table, so they are dropped before the old
 * table goes and created again after (those the plan keeps unchanged; the plan drops
 * and adds the others itself). Views that read the table are re-created by the planner,
 * with their triggers.
 */
function triggersNaming(t: Table, ctx: { readonly from: Model; readonly to: Model }): { drop: Statement[]; create: Statement[] } {
  const skip = readersOf(ctx.from, t.id);
  const drop: Statement[] = [];
  const create: Statement[] = [];
  for (const o of ctx.from.objects) {
    if (o.id === t.id || skip.has(o.id) || (o.kind !== 'table' && o.kind !== 'view')) continue;
    const after = ctx.to.objects.find((x) => x.id === o.id);
    for (const trg of o.triggers ?? []) {
      if (!mentions(trg.definition, t.name)) continue;
      drop.push({ sql: dropTriggerSql(trg).replace(/^DROP TRIGGER /, 'DROP TRIGGER IF EXISTS '), comment: `rebuild ${t.id}: drop trigger ${trg.name} on ${o.id}, which names it` });
      const kept = after && (after.kind === 'table' || after.kind === 'view') ? after.triggers?.find((x) => x.name === trg.name && x.definition === trg.definition) : undefined;
      if (kept) create.push({ sql: createTriggerSql(kept), comment: `rebuild ${t.id}: create trigger ${trg.name} on ${o.id} again` });
    }
  }
  return { drop, create };
}

/** Statements that rebuild `from` as `to`; `ctx` holds the whole models (for what else names the table). */
export function rebuildStatements(from: Table, to: Table, changes: readonly TableChange[], ctx: { readonly from: Model; readonly to: Model }): Statement[] {
  const referenced = ctx.to.objects.some((o) => o.kind === 'table' && o.id !== to.id && (o.foreignKeys ?? []).some((f) => f.references === to.id));
  const others = triggersNaming(from, ctx);
  const temp = rebuildName(to.name);
  const filled = sources(from, to, changes);
  const lost = from.columns.filter((c) => !c.generated && ![...filled.values()].includes(c.name));
  const copy: Hazard[] = ['table-rewrite', ...(lost.length ? (['data-loss'] as const) : []), ...(dataDependent(from, to, filled) ? (['data-dependent'] as const) : [])];
  const into = [...filled.keys()].map(q).join(', ');
  const select = [...filled.values()].map(q).join(', ');
  const out: Statement[] = [
    { sql: createTableSql(to, temp), comment: `rebuild ${to.id}: create the new table`, hazards: ['table-rewrite'] },
    ...(filled.size ? [{ sql: `INSERT INTO ${q(temp)} (${into}) SELECT ${select} FROM ${q(to.name)}`, comment: `rebuild ${to.id}: copy the rows${lost.length ? ` (drops ${lost.map((c) => c.name).join(', ')})` : ''}`, hazards: copy }] : []),
    ...keepSequence(from, to, temp),
    ...others.drop,
    { sql: `DROP TABLE ${q(to.name)}`, comment: `rebuild ${to.id}: drop the old table`, hazards: lost.length ? ['data-loss'] : [] },
    { sql: `ALTER TABLE ${q(temp)} RENAME TO ${q(to.name)}`, comment: `rebuild ${to.id}: the new table takes its name` },
    ...(to.indexes ?? []).map((i) => ({ sql: createIndexSql(i, to), comment: `rebuild ${to.id}: create index ${i.name}` })),
    ...(to.triggers ?? []).map((t) => ({ sql: createTriggerSql(t), comment: `rebuild ${to.id}: create trigger ${t.name}` })),
    ...others.create,
  ];
  if ((to.foreignKeys ?? []).length || referenced) out.push(...foreignKeyCheck(to));
  return out.map((s) => (s.hazards && !s.hazards.length ? { sql: s.sql, comment: s.comment } : s));
}

/**
 * Fails when a row of the table, or a row that references it, violates a foreign key:
 * SQLite reports violations as rows (`pragma_foreign_key_check`), so a CHECK on a count
 * turns them into an error that names the table.
 */
function foreignKeyCheck(t: Table): Statement[] {
  const guard = 'temp._redb_foreign_key_check';
  const rule = `foreign keys of or to ${t.name} hold on every row`;
  return [
    { sql: `CREATE TEMP TABLE _redb_foreign_key_check (n INTEGER CONSTRAINT ${q(rule)} CHECK (n = 0))`, comment: `rebuild ${t.id}: check its foreign keys` },
    { sql: `INSERT INTO ${guard} (n) SELECT count(*) FROM pragma_foreign_key_check WHERE "table" = ${lit(t.name)} OR parent = ${lit(t.name)}`, comment: `rebuild ${t.id}: check its foreign keys`, hazards: ['data-dependent'] },
    { sql: `DROP TABLE ${guard}`, comment: `rebuild ${t.id}: check its foreign keys` },
  ];
}
