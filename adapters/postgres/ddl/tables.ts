/**
 * CREATE, DROP and RENAME of tables, and the table-level units set-options,
 * attach-partition and detach-partition. A created table carries its columns, primary
 * key, uniques, checks, exclusions, comments, grants and row-level security; foreign
 * keys, indexes, triggers and policies come as units of their own.
 */
import type { AnyConstraint, Table } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { columnDefinition, columnExtras, columnOptionChanges } from './columns.js';
import { commentIfSet } from './comments.js';
import { constraintClause, constraintComment } from './constraints.js';
import { grantChanges } from './grants.js';
import { constraintList, parentColumn, parentConstraint, parentsIn } from './inheritance.js';
import { rowLevelSecurity } from './policies.js';
import { optionList, quoteIdent, qualified, sqlName } from './quote.js';
import { findObject, stmt, type DdlContext } from './statement.js';

/** Reloptions without the access method, which is a clause of its own. */
function storageOptions(t: Table): Record<string, string> {
  const { access_method: _, ...rest } = t.options ?? {};
  return rest;
}

/** `[PARTITION BY …] [USING am] [WITH (…)]` */
function tail(t: Table): string {
  const opts = storageOptions(t);
  return `${t.partitioning ? ` PARTITION BY ${t.partitioning.key}` : ''}${t.options?.access_method ? ` USING ${quoteIdent(t.options.access_method)}` : ''}${Object.keys(opts).length ? ` WITH (${optionList(opts)})` : ''}`;
}

/** Constraints of a new table that CREATE TABLE cannot state itself: NOT VALID checks. */
const deferredToAlter = (c: AnyConstraint) => c.kind === 'check' && c.def.validated === false;

/** Constraints CREATE TABLE writes inline (foreign keys come as their own units). */
const inlineConstraints = (t: Table) => constraintList(t).filter((c) => c.kind !== 'foreign-key');

export function addConstraintAfterCreate(t: Table, c: AnyConstraint): Statement {
  const notValid = c.def.validated === false ? ' NOT VALID' : '';
  return stmt(`ALTER TABLE ${qualified(t.schema, t.name)} ADD ${constraintClause(c)}${notValid}`, `add ${c.kind} ${t.id}.${quoteIdent(c.def.name)}`);
}

/** What a partition has beyond its parent: other defaults, NOT NULL, comments, options, constraints. */
function partitionExtras(t: Table, parent: Table | undefined): Statement[] {
  const name = qualified(t.schema, t.name);
  const out: Statement[] = [];
  for (const c of t.columns) {
    const pc = parent?.columns.find((x) => x.name === c.name);
    const col = `${name} ALTER COLUMN ${quoteIdent(c.name)}`;
    const what = `${t.id}.${quoteIdent(c.name)}`;
    if (c.default !== pc?.default && !c.identity && !c.generated) {
      out.push(c.default === undefined ? stmt(`ALTER TABLE ${col} DROP DEFAULT`, `drop default of ${what}`) : stmt(`ALTER TABLE ${col} SET DEFAULT ${c.default}`, `set default of ${what}`));
    }
    if (!c.nullable && (pc?.nullable ?? true)) out.push(stmt(`ALTER TABLE ${col} SET NOT NULL`, `forbid nulls in ${what}`));
    // storage and compression are copied from the parent's column
    const inherited = { ...(pc?.options?.storage ? { storage: pc.options.storage } : {}), ...(pc?.options?.compression ? { compression: pc.options.compression } : {}) };
    out.push(...commentIfSet(`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment, `column ${what}`), ...columnOptionChanges(t, c, inherited, c.options));
  }
  for (const c of inlineConstraints(t)) {
    const fromParent = parentConstraint(c, parent, true);
    if (!fromParent) out.push(addConstraintAfterCreate(t, c));
    // the partition's copy of the parent key is named <partition>_pkey
    else if (c.kind === 'primary-key' && c.def.name !== `${t.name}_pkey`) {
      out.push(stmt(`ALTER TABLE ${name} RENAME CONSTRAINT ${quoteIdent(`${t.name}_pkey`)} TO ${quoteIdent(c.def.name)}`, `rename primary key of ${t.id}`));
    }
    out.push(...constraintComment(t, c));
  }
  return out;
}

export function createTable(t: Table, ctx: DdlContext): Statement[] {
  const name = qualified(t.schema, t.name);
  const unlogged = t.unlogged ? 'UNLOGGED ' : '';
  const out: Statement[] = [];
  if (t.partitionOf) {
    const parent = findObject(ctx.to, t.partitionOf.parent, 'table');
    out.push(stmt(`CREATE ${unlogged}TABLE ${name} PARTITION OF ${sqlName(t.partitionOf.parent)} ${t.partitionOf.bound}${tail(t)}`, `create table ${t.id} (partition of ${t.partitionOf.parent})`));
    out.push(...partitionExtras(t, parent));
  } else {
    const parents = parentsIn(t, ctx.to);
    // inherited columns and checks come from the parents; only what differs is stated (and merged)
    const columns = t.columns.filter((c) => { const pc = parentColumn(c, parents); return !pc || columnDefinition(pc) !== columnDefinition(c); });
    const constraints = inlineConstraints(t).filter((c) => !deferredToAlter(c) && !parents.some((p) => parentConstraint(c, p, false)));
    const body = [...columns.map(columnDefinition), ...constraints.map(constraintClause)];
    const inherits = t.inherits?.length ? ` INHERITS (${t.inherits.map(sqlName).join(', ')})` : '';
    out.push(stmt(`CREATE ${unlogged}TABLE ${name} (${body.length ? `\n    ${body.join(',\n    ')}\n` : ''})${inherits}${tail(t)}`, `create table ${t.id}`));
    out.push(...inlineConstraints(t).filter(deferredToAlter).map((c) => addConstraintAfterCreate(t, c)));
    for (const c of t.columns) out.push(...columnExtras(t, c));
    for (const c of inlineConstraints(t)) out.push(...constraintComment(t, c));
  }
  out.push(...commentIfSet(`TABLE ${name}`, t.comment, `table ${t.id}`));
  out.push(...grantChanges(`TABLE ${name}`, `table ${t.id}`, [], t.grants));
  out.push(...rowLevelSecurity(t, undefined, t.rowLevelSecurity));
  return out;
}

export function dropTable(t: Table): Statement[] {
  return [stmt(`DROP TABLE ${qualified(t.schema, t.name)}`, `drop table ${t.id}`, ['data-loss'])];
}

/** set-options unit: storage parameters (SET / RESET) and the access method. */
export function tableOptions(t: Table, from: Table['options'] = {}, to: Table['options'] = {}): Statement[] {
  const name = qualified(t.schema, t.name);
  const out: Statement[] = [];
  if (from.access_method !== to.access_method) {
    out.push(stmt(`ALTER TABLE ${name} SET ACCESS METHOD ${quoteIdent(to.access_method ?? 'heap')}`, `set access method of ${t.id}`, ['table-rewrite', 'blocking-lock']));
  }
  const keys = (o: Record<string, string>) => Object.keys(o).filter((k) => k !== 'access_method');
  const set = Object.fromEntries(keys(to).filter((k) => to[k] !== from[k]).map((k) => [k, to[k]]));
  const reset = keys(from).filter((k) => to[k] === undefined);
  if (Object.keys(set).length) out.push(stmt(`ALTER TABLE ${name} SET (${optionList(set)})`, `set storage parameters of ${t.id}`));
  if (reset.length) out.push(stmt(`ALTER TABLE ${name} RESET (${reset.join(', ')})`, `reset storage parameters of ${t.id}`));
  return out;
}

export function attachPartition(t: Table, of: NonNullable<Table['partitionOf']>): Statement[] {
  const bound = of.bound === 'DEFAULT' ? 'DEFAULT' : of.bound;
  return [stmt(`ALTER TABLE ${sqlName(of.parent)} ATTACH PARTITION ${qualified(t.schema, t.name)} ${bound}`, `attach ${t.id} to ${of.parent}`, ['blocking-lock', 'data-dependent'])];
}

export function detachPartition(t: Table, of: NonNullable<Table['partitionOf']>, ctx: DdlContext): Statement[] {
  // CONCURRENTLY is refused when the parent has a default partition
  const hasDefault = ctx.from.objects.some((o) => o.kind === 'table' && o.partitionOf?.parent === of.parent && o.partitionOf.bound === 'DEFAULT');
  const online = !!ctx.options.online && !hasDefault;
  return [stmt(`ALTER TABLE ${sqlName(of.parent)} DETACH PARTITION ${qualified(t.schema, t.name)}${online ? ' CONCURRENTLY' : ''}`, `detach ${t.id} from ${of.parent}`, online ? [] : ['blocking-lock'], !online)];
}

/** set-inherits unit: NO INHERIT for parents left, INHERIT for parents gained (the child must have their columns). */
export function setInherits(t: Table, from: readonly string[], to: readonly string[]): Statement[] {
  const name = qualified(t.schema, t.name);
  return [
    ...from.filter((p) => !to.includes(p)).map((p) => stmt(`ALTER TABLE ${name} NO INHERIT ${sqlName(p)}`, `${t.id} stops inheriting from ${p}`, ['blocking-lock'])),
    ...to.filter((p) => !from.includes(p)).map((p) => stmt(`ALTER TABLE ${name} INHERIT ${sqlName(p)}`, `${t.id} inherits from ${p}`, ['blocking-lock'])),
  ];
}

/** set-unlogged unit: the table is rewritten (to or from the write-ahead log). */
export function setUnlogged(t: Table, to: boolean): Statement[] {
  return [stmt(`ALTER TABLE ${qualified(t.schema, t.name)} SET ${to ? 'UNLOGGED' : 'LOGGED'}`, `make ${t.id} ${to ? 'unlogged' : 'logged'}`, ['table-rewrite', 'blocking-lock'])];
}
