/**
 * Enums. New values are added in place (ALTER TYPE … ADD VALUE … BEFORE/AFTER). Since
 * PostgreSQL 12 that may run inside a transaction as long as the new value is not used
 * before the commit: the statement is transactional, and marked `unusableUntilCommit`
 * with the value's literal so the deploy commits it first only when a later step uses
 * it. On an older or unknown server it runs outside the plan's transaction (and the
 * deploy runs it first, before anything destructive commits).
 * Removed or reordered values need a new type: a guard first refuses if a row still
 * holds a removed value, then the old type is renamed away, the new one created, every
 * column that uses it converted through text, and the old type dropped.
 */
import type { Column, EnumType, Table } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { parentColumn, parentsIn } from './inheritance.js';
import { quoteIdent, quoteLiteral, qualified } from './quote.js';
import { renameInSchema } from './rename.js';
import { stmt, type DdlContext } from './statement.js';

const literals = (values: readonly string[]) => values.map(quoteLiteral).join(', ');

export function createEnum(e: EnumType): Statement[] {
  const name = qualified(e.schema, e.name);
  return [
    stmt(`CREATE TYPE ${name} AS ENUM (${literals(e.values)})`, `create enum ${e.id}`),
    ...commentChange(`TYPE ${name}`, undefined, e.comment, `enum ${e.id}`),
    ...grantChanges(`TYPE ${name}`, `enum ${e.id}`, [], e.grants),
  ];
}

export function dropEnum(e: EnumType): Statement[] {
  return [stmt(`DROP TYPE ${qualified(e.schema, e.name)}`, `drop enum ${e.id}`)];
}

export function renameEnum(from: EnumType, to: EnumType): Statement[] {
  return renameInSchema('TYPE', from, to);
}

/** True when `a` keeps its order inside `b` (values were only added). */
function onlyAdded(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (const v of b) if (v === a[i]) i++;
  return i === a.length;
}

/** Major version of a `Connection.serverVersion` such as `PostgreSQL 15.20`; 0 when unknown. */
function serverMajor(version: string | undefined): number {
  const m = /PostgreSQL (\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : 0;
}

function addValues(e: EnumType, from: readonly string[], to: readonly string[], ctx: DdlContext): Statement[] {
  const name = qualified(e.schema, e.name);
  const inTransaction = serverMajor(ctx.options.serverVersion) >= 12;
  const present = new Set(from);
  const out: Statement[] = [];
  to.forEach((v, i) => {
    if (present.has(v)) return;
    const place = i > 0 ? `AFTER ${quoteLiteral(to[i - 1])}` : from.length ? `BEFORE ${quoteLiteral(to.find((x) => present.has(x))!)}` : '';
    const add = stmt(`ALTER TYPE ${name} ADD VALUE ${quoteLiteral(v)}${place ? ` ${place}` : ''}`, `add value ${quoteLiteral(v)} to enum ${e.id}`, [], inTransaction);
    out.push({ ...add, unusableUntilCommit: quoteLiteral(v) });
    present.add(v);
  });
  return out;
}

interface EnumColumn {
  readonly table: Table;
  readonly column: Column;
  readonly array: boolean;
  readonly newDefault?: string;
}

/** Columns that exist before and after and hold the enum (or an array of it); a child's inherited column goes with its parent's. */
function columnsUsing(e: EnumType, ctx: DdlContext): EnumColumn[] {
  const native = qualified(e.schema, e.name);
  const out: EnumColumn[] = [];
  for (const t of ctx.from.objects) {
    if (t.kind !== 'table') continue;
    const after = ctx.to.objects.find((o): o is Table => o.kind === 'table' && o.id === t.id);
    const parents = parentsIn(t, ctx.from);
    for (const c of t.columns) {
      if (c.type.native !== native && c.type.native !== `${native}[]`) continue;
      const target = after?.columns.find((x) => x.name === c.name);
      if (!target || parentColumn(c, parents)) continue;
      out.push({ table: t, column: c, array: c.type.native.endsWith('[]'), ...(target.default !== undefined ? { newDefault: target.default } : {}) });
    }
  }
  return out;
}

function guard(e: EnumType, removed: readonly string[], columns: readonly EnumColumn[]): Statement[] {
  if (!removed.length || !columns.length) return [];
  const tests = columns.map(({ table, column, array }) => {
    const col = quoteIdent(column.name);
    const test = array ? `${col}::text[] && ARRAY[${literals(removed)}]` : `${col}::text IN (${literals(removed)})`;
    return `EXISTS (SELECT 1 FROM ${qualified(table.schema, table.name)} WHERE ${test})`;
  });
  const message = quoteLiteral(`enum ${e.id}: rows still hold a value this change removes (${removed.join(', ')})`);
  const sql = `DO $redb$\nBEGIN\n  IF ${tests.join('\n    OR ')} THEN\n    RAISE EXCEPTION ${message};\n  END IF;\nEND\n$redb$`;
  return [stmt(sql, `check that no row holds a value removed from enum ${e.id}`, ['data-dependent'])];
}

/** A name for the old type that no object of the schema has. */
function asideName(e: EnumType, ctx: DdlContext): string {
  const taken = new Set([...ctx.from.objects, ...ctx.to.objects].filter((o) => 'schema' in o && o.schema === e.schema).map((o) => o.name));
  let name = `${e.name}_old`;
  for (let i = 2; taken.has(name); i++) name = `${e.name}_old${i}`;
  return name;
}

function recreate(from: EnumType, to: EnumType, ctx: DdlContext): Statement[] {
  const name = qualified(to.schema, to.name);
  const aside = asideName(from, ctx);
  const removed = from.values.filter((v) => !to.values.includes(v));
  const columns = columnsUsing(from, ctx);
  const out = [
    ...guard(to, removed, columns),
    stmt(`ALTER TYPE ${name} RENAME TO ${quoteIdent(aside)}`, `rename enum ${to.id} aside to re-create it`),
    stmt(`CREATE TYPE ${name} AS ENUM (${literals(to.values)})`, `create enum ${to.id} with its new values`),
  ];
  for (const { table, column, array, newDefault } of columns) {
    const t = qualified(table.schema, table.name);
    const col = quoteIdent(column.name);
    const what = `${table.id}.${col}`;
    if (column.default !== undefined) out.push(stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`, `drop default of ${what} while its enum changes`));
    const cast = array ? `${col}::text[]::${name}[]` : `${col}::text::${name}`;
    out.push(stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${name}${array ? '[]' : ''} USING ${cast}`, `convert ${what} to the new enum ${to.id}`, ['table-rewrite', 'blocking-lock', 'data-dependent']));
    if (newDefault !== undefined) out.push(stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${newDefault}`, `set default of ${what}`));
  }
  out.push(stmt(`DROP TYPE ${qualified(to.schema, aside)}`, `drop the old enum ${to.id}`));
  out.push(...commentChange(`TYPE ${name}`, undefined, to.comment, `enum ${to.id}`), ...grantChanges(`TYPE ${name}`, `enum ${to.id}`, [], to.grants));
  return out;
}

export function alterEnum(from: EnumType, to: EnumType, ctx: DdlContext): Statement[] {
  if (from.values.join('\u0000') !== to.values.join('\u0000') && !onlyAdded(from.values, to.values)) return recreate(from, to, ctx);
  const name = qualified(to.schema, to.name);
  return [
    ...addValues(to, from.values, to.values, ctx),
    ...commentChange(`TYPE ${name}`, from.comment, to.comment, `enum ${to.id}`),
    ...grantChanges(`TYPE ${name}`, `enum ${to.id}`, from.grants, to.grants),
  ];
}
