/**
 * Columns: their definition inside CREATE TABLE / ADD COLUMN, and the table units
 * add-column, drop-column, rename-column and alter-column (type with a USING cast,
 * collation, NOT NULL, default, identity, generated expression, comment, options).
 */
import type { Column, ColumnType, Identity, Table } from '../../../unified-model/index.js';
import type { Hazard, Statement } from '../../types.js';
import { sequenceDefaults } from '../introspect/columns.js';
import { commentChange, commentIfSet } from './comments.js';
import { quoteIdent, qualified } from './quote.js';
import { stmt } from './statement.js';
import { typeChange } from './type-change.js';

const IDENTITY_KEYS = [
  ['start', 'START WITH'],
  ['increment', 'INCREMENT BY'],
  ['min', 'MINVALUE'],
  ['max', 'MAXVALUE'],
  ['cache', 'CACHE'],
] as const;

/** ` (START WITH 10 INCREMENT BY 2)` for the options an identity sets, or '' for none. */
function identityOptions(identity: Identity): string {
  const opts = IDENTITY_KEYS.filter(([k]) => identity[k] !== undefined).map(([k, kw]) => `${kw} ${identity[k]}`);
  if (identity.cycle) opts.push('CYCLE');
  return opts.length ? ` (${opts.join(' ')})` : '';
}

const generation = (i: Identity) => (i.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT');

/** A column as CREATE TABLE and ADD COLUMN write it: name, type, collation, generated/identity, default, NOT NULL. */
export function columnDefinition(c: Column): string {
  let sql = `${quoteIdent(c.name)} ${c.type.native}`;
  if (c.collation) sql += ` COLLATE ${c.collation}`;
  if (c.generated) sql += ` GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  else if (c.identity) sql += ` GENERATED ${generation(c.identity)} AS IDENTITY${identityOptions(c.identity)}`;
  if (c.default !== undefined && !c.generated && !c.identity) sql += ` DEFAULT ${c.default}`;
  if (!c.nullable) sql += ' NOT NULL';
  return sql;
}

/** Fixed-length built-in types store PLAIN, numeric and network types MAIN, everything else EXTENDED. */
const PLAIN_TYPES = /^(smallint|integer|bigint|real|double precision|boolean|date|time\b.*|timestamp\b.*|interval\b.*|uuid|oid|money|"char"|point|macaddr8?|pg_lsn)$/;
function defaultStorage(type: ColumnType): string {
  if (type.logical.kind === 'enum') return 'plain';
  if (/^numeric\b|^(inet|cidr)$/.test(type.native)) return 'main';
  return PLAIN_TYPES.test(type.native) ? 'plain' : 'extended';
}

const ATTRIBUTE_OPTIONS = ['n_distinct', 'n_distinct_inherited'];

/** ALTER COLUMN statements that turn per-column options `from` into `to` (storage, compression, statistics, attribute options). */
export function columnOptionChanges(table: Table, col: Column, from: Column['options'] = {}, to: Column['options'] = {}): Statement[] {
  const t = qualified(table.schema, table.name);
  const what = `${table.id}.${quoteIdent(col.name)}`;
  const alter = (clause: string, verb: string) => stmt(`ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(col.name)} ${clause}`, `${verb} of column ${what}`);
  const out: Statement[] = [];
  if (from.storage !== to.storage) out.push(alter(`SET STORAGE ${(to.storage ?? defaultStorage(col.type)).toUpperCase()}`, 'set storage'));
  if (from.compression !== to.compression) out.push(alter(`SET COMPRESSION ${to.compression ?? 'default'}`, 'set compression'));
  if (from.statistics !== to.statistics) out.push(alter(`SET STATISTICS ${to.statistics ?? '-1'}`, 'set statistics target'));
  const set = ATTRIBUTE_OPTIONS.filter((k) => to[k] !== undefined && to[k] !== from[k]);
  const reset = ATTRIBUTE_OPTIONS.filter((k) => from[k] !== undefined && to[k] === undefined);
  if (set.length) out.push(alter(`SET (${set.map((k) => `${k}=${to[k]}`).join(', ')})`, 'set options'));
  if (reset.length) out.push(alter(`RESET (${reset.join(', ')})`, 'reset options'));
  return out;
}

/** Comment and options of a column that was just created. */
export function columnExtras(table: Table, c: Column): Statement[] {
  const t = qualified(table.schema, table.name);
  return [...commentIfSet(`COLUMN ${t}.${quoteIdent(c.name)}`, c.comment, `column ${table.id}.${quoteIdent(c.name)}`), ...columnOptionChanges(table, c, {}, c.options)];
}

/** Defaults that call volatile functions make ADD COLUMN rewrite the table (a constant default does not). */
const VOLATILE_DEFAULT = /\b(nextval|random|gen_random_uuid|uuid_generate_v\d\w*|clock_timestamp|timeofday|txid_current)\s*\(/;

export function addColumn(table: Table, c: Column): Statement[] {
  const t = qualified(table.schema, table.name);
  const hazards: Hazard[] = [];
  if (c.identity || c.generated?.stored || (c.default !== undefined && VOLATILE_DEFAULT.test(c.default))) hazards.push('table-rewrite', 'blocking-lock');
  if (!c.nullable && c.default === undefined && !c.identity && !c.generated) hazards.push('data-dependent');
  return [stmt(`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(c)}`, `add column ${table.id}.${quoteIdent(c.name)}`, hazards), ...columnExtras(table, c)];
}

export function dropColumn(table: Table, c: Column): Statement[] {
  return [stmt(`ALTER TABLE ${qualified(table.schema, table.name)} DROP COLUMN ${quoteIdent(c.name)}`, `drop column ${table.id}.${quoteIdent(c.name)}`, ['data-loss'])];
}

export function renameColumn(table: Table, from: Column, to: Column): Statement[] {
  return [stmt(`ALTER TABLE ${qualified(table.schema, table.name)} RENAME COLUMN ${quoteIdent(from.name)} TO ${quoteIdent(to.name)}`, `rename column ${table.id}.${quoteIdent(from.name)} to ${quoteIdent(to.name)}`)];
}

/** Every identity option spelled out, defaults filled in for the column type. */
function effectiveIdentity(i: Identity, type: string): Record<(typeof IDENTITY_KEYS)[number][0], string> & { cycle: boolean } {
  const d = sequenceDefaults(type, i.increment ?? '1');
  return { start: i.start ?? d.start, increment: i.increment ?? d.increment, min: i.min ?? d.min, max: i.max ?? d.max, cache: i.cache ?? d.cache, cycle: i.cycle ?? false };
}

/** SET GENERATED / SET option clauses that turn one identity into another. */
function identityChanges(from: Identity, to: Identity, fromType: string, toType: string): string[] {
  const a = effectiveIdentity(from, fromType);
  const b = effectiveIdentity(to, toType);
  const out: string[] = [];
  if (from.generation !== to.generation) out.push(`SET GENERATED ${generation(to)}`);
  for (const [k, kw] of IDENTITY_KEYS) if (a[k] !== b[k]) out.push(`SET ${kw} ${b[k]}`);
  if (a.cycle !== b.cycle) out.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
  return out;
}

const isEnum = (t: ColumnType['logical']): boolean => t.kind === 'enum' || (t.kind === 'array' && isEnum(t.of));

/** `col::new`; enums have no casts to other types but text, so they go through text (`col::text::new`, arrays `col::text[]::new`). */
export function castExpression(col: string, from: ColumnType, to: ColumnType): string {
  if (!isEnum(from.logical) && !isEnum(to.logical)) return `${col}::${to.native}`;
  const depth = (from.native.match(/\[\]/g) ?? []).length;
  return `${col}::text${'[]'.repeat(depth)}::${to.native}`;
}

/** The statements of an alter-column unit, in an order that keeps every step valid. */
export function alterColumn(table: Table, from: Column, to: Column, recreate: (col: string) => Statement[]): Statement[] {
  const t = qualified(table.schema, table.name);
  const col = quoteIdent(to.name);
  const what = `${table.id}.${col}`;
  const alter = (clause: string, verb: string, hazards: Hazard[] = []) => stmt(`ALTER TABLE ${t} ALTER COLUMN ${col} ${clause}`, `${verb} ${what}`, hazards);

  // a generated expression cannot change in place (PostgreSQL 15): drop the column, add it again
  const regenerate = to.generated && (!from.generated || from.generated.expression !== to.generated.expression || from.generated.stored !== to.generated.stored);
  if (regenerate) {
    const drop = stmt(`ALTER TABLE ${t} DROP COLUMN ${col}`, `drop column ${what} to change its expression`, from.generated ? [] : ['data-loss']);
    const [add, ...extras] = addColumn(table, to);
    return [drop, { ...add, comment: `add column ${what} with its new expression` }, ...extras, ...recreate(to.name)];
  }

  const out: Statement[] = [];
  if (from.generated && !to.generated) out.push(alter('DROP EXPRESSION', 'drop generated expression of'));
  if (from.identity && !to.identity) out.push(alter('DROP IDENTITY', 'drop identity of'));

  let currentDefault = from.default;
  const typeChanged = from.type.native !== to.type.native;
  if (typeChanged || from.collation !== to.collation) {
    const change = typeChanged ? typeChange(from.type, to.type) : { rewrite: false, narrowing: false };
    // a default may not cast to the new type by itself: take it off and set the target's after
    if (change.rewrite && currentDefault !== undefined) {
      out.push(alter('DROP DEFAULT', 'drop default (before its type changes) of'));
      currentDefault = undefined;
    }
    const hazards: Hazard[] = ['blocking-lock'];
    if (change.rewrite) hazards.push('table-rewrite', 'data-dependent');
    if (change.narrowing) hazards.push('data-loss');
    const collate = to.collation ? ` COLLATE ${to.collation}` : '';
    const using = typeChanged ? ` USING ${castExpression(col, from.type, to.type)}` : '';
    out.push(alter(`TYPE ${to.type.native}${collate}${using}`, typeChanged ? `change type of` : 'change collation of', hazards));
  }

  if (from.nullable !== to.nullable) out.push(to.nullable ? alter('DROP NOT NULL', 'allow nulls in') : alter('SET NOT NULL', 'forbid nulls in', ['blocking-lock', 'data-dependent']));
  if (currentDefault !== to.default) out.push(to.default === undefined ? alter('DROP DEFAULT', 'drop default of') : alter(`SET DEFAULT ${to.default}`, 'set default of'));

  if (to.identity && !from.identity) out.push(alter(`ADD GENERATED ${generation(to.identity)} AS IDENTITY${identityOptions(to.identity)}`, 'add identity to'));
  else if (to.identity && from.identity) {
    const clauses = identityChanges(from.identity, to.identity, from.type.native, to.type.native);
    if (clauses.length) out.push(alter(clauses.join(' '), 'change identity of'));
  }

  out.push(...commentChange(`COLUMN ${t}.${col}`, from.comment, to.comment, `column ${what}`));
  out.push(...columnOptionChanges(table, to, from.options, to.options));
  return out;
}
