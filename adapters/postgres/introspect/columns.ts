/** Columns of tables, views and composite types: type, nullability, default, identity, generated, collation. */
import type { Column, ColumnType, Identity, ViewColumn } from '../../../unified-model/index.js';
import { columnType, type TypeResolver } from '../types.js';
import type { AclRow } from './grants.js';
import { aclOf, commentOf, qualifiedName, schemaFilter } from './sql.js';
import { parseOptions } from './tables.js';

export interface SequenceParams {
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface ColumnRow {
  rel: string;
  /** attnum: constraints and indexes name their columns by number. */
  num: number;
  name: string;
  native: string;
  nullable: boolean;
  default_expr: string | null;
  generated_expr: string | null;
  generated: '' | 's' | 'v';
  identity: '' | 'a' | 'd';
  seq: SequenceParams | null;
  collation: string | null;
  comment: string | null;
  acl: AclRow[] | null;
  storage: string | null;
  compression: string | null;
  stattarget: number | null;
  attoptions: string[] | null;
}

export const COLUMNS_SQL = `
SELECT a.attrelid::text AS rel, a.attnum::int AS num, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS native,
  NOT a.attnotnull AS nullable,
  -- a default cannot refer to columns, so it needs no table to be printed (0): naming the table
  -- makes the server open it and build its relation cache entry, the largest cost of this query
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) END AS default_expr,
  CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expr,
  a.attgenerated::text AS generated, a.attidentity::text AS identity,
  CASE WHEN a.attidentity <> '' THEN (
    SELECT json_build_object('type', format_type(s.seqtypid, NULL), 'start', s.seqstart::text, 'increment', s.seqincrement::text,
      'min', s.seqmin::text, 'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle)
    FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i' LIMIT 1) END AS seq,
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN (
    SELECT ${qualifiedName('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
    WHERE co.oid = a.attcollation) END AS collation,
  ${commentOf('pg_class', 'a.attrelid', 'a.attnum')} AS comment,
  ${aclOf('a.attacl', 'c.relowner')} AS acl,
  CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
  NULLIF(a.attcompression::text, '') AS compression,
  a.attstattarget::int AS stattarget,
  to_json(a.attoptions) AS attoptions
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND ${schemaFilter('n')}
ORDER BY a.attrelid, a.attnum`;

/** Resolves a column number of a table to its name. */
export type ColumnNamer = (rel: string, attnum: number) => string | undefined;

/** Names the columns of the tables, views and composite types read, by relation oid and column number. */
export function columnNamer(rows: readonly ColumnRow[]): ColumnNamer {
  const byRel = new Map<string, string[]>();
  for (const r of rows) {
    let names = byRel.get(r.rel);
    if (!names) byRel.set(r.rel, (names = []));
    names[r.num] = r.name;
  }
  return (rel, attnum) => byRel.get(rel)?.[attnum];
}

const TYPE_RANGE: Readonly<Record<string, [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** The values CREATE SEQUENCE (or an identity) picks when none are given, for a type and increment. */
export function sequenceDefaults(type: string, increment: string): Omit<SequenceParams, 'type'> {
  const [lo, hi] = TYPE_RANGE[type] ?? TYPE_RANGE.bigint;
  const up = !increment.startsWith('-');
  return { start: up ? '1' : '-1', increment: '1', min: up ? '1' : lo, max: up ? hi : '-1', cache: '1', cycle: false };
}

/** Identity options, keeping only those that differ from what a bare identity would get. */
function identity(row: ColumnRow): Identity | undefined {
  if (!row.identity) return undefined;
  const out: { -readonly [K in keyof Identity]: Identity[K] } = { generation: row.identity === 'a' ? 'always' : 'by-default' };
  if (row.seq) {
    const defaults = sequenceDefaults(row.seq.type, row.seq.increment);
    for (const k of ['start', 'increment', 'min', 'max', 'cache'] as const) if (row.seq[k] !== defaults[k]) out[k] = row.seq[k];
    if (row.seq.cycle) out.cycle = true;
  }
  return out;
}

const STORAGE: Readonly<Record<string, string>> = { p: 'plain', e: 'external', m: 'main', x: 'extended' };
const COMPRESSION: Readonly<Record<string, string>> = { p: 'pglz', l: 'lz4' };

/**
 * The attribute options ALTER COLUMN … SET (…) accepts. Anything else in attoptions
 * was put there by the server build, not by a schema (some builds stamp a per-column
 * version there), and would make two loads of the same DDL differ.
 */
const ATTRIBUTE_OPTIONS = new Set(['n_distinct', 'n_distinct_inherited']);

/** Per-column settings that differ from the defaults (storage, compression, statistics, attribute options). */
function columnOptions(row: ColumnRow): Record<string, string> {
  const out: Record<string, string> = {};
  if (row.attoptions) for (const [k, v] of Object.entries(parseOptions(row.attoptions))) if (ATTRIBUTE_OPTIONS.has(k)) out[k] = v;
  if (row.storage) out.storage = STORAGE[row.storage] ?? row.storage;
  if (row.compression) out.compression = COMPRESSION[row.compression] ?? row.compression;
  // -1 (up to 16) and NULL (17+) both mean "the default statistics target"
  if (row.stattarget !== null && row.stattarget >= 0) out.statistics = String(row.stattarget);
  return out;
}

/**
 * `columnType` once per distinct type name and resolver: a schema has thousands of
 * columns but few distinct types. The result is shared, so it is never mutated
 * (the model's canonical form is a copy).
 */
const typeCache = new WeakMap<TypeResolver, Map<string, ColumnType>>();
function typeOf(native: string, resolve: TypeResolver): ColumnType {
  let cache = typeCache.get(resolve);
  if (!cache) typeCache.set(resolve, (cache = new Map()));
  let type = cache.get(native);
  if (!type) cache.set(native, (type = columnType(native, resolve)));
  return type;
}

type Draft<T> = { -readonly [K in keyof T]: T[K] };

export function buildColumn(row: ColumnRow, resolve: TypeResolver): Column {
  // optional fields are set only when present (the canonical form orders the keys)
  const col: Draft<Column> = { name: row.name, type: typeOf(row.native, resolve), nullable: row.nullable, options: columnOptions(row) };
  if (row.default_expr !== null) col.default = row.default_expr;
  const ident = identity(row);
  if (ident) col.identity = ident;
  if (row.generated_expr !== null) col.generated = { expression: row.generated_expr, stored: row.generated === 's' };
  if (row.collation !== null) col.collation = row.collation;
  if (row.comment !== null) col.comment = row.comment;
  return col;
}

export function buildViewColumn(row: ColumnRow, resolve: TypeResolver): ViewColumn {
  return { name: row.name, type: typeOf(row.native, resolve), ...(row.comment !== null ? { comment: row.comment } : {}) };
}

export function buildAttribute(row: ColumnRow, resolve: TypeResolver): { name: string; type: ColumnType; collation?: string } {
  return { name: row.name, type: typeOf(row.native, resolve), ...(row.collation !== null ? { collation: row.collation } : {}) };
}
