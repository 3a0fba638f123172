/**
 * Indexes of tables and materialized views that do not back a constraint (those are
 * the constraint's). Key details are recorded only where they differ from what a
 * plain `CREATE INDEX … (col)` gives: DESC, non-default NULLS order, a non-default
 * operator class, a collation other than the column's.
 */
import type { Index, IndexKey } from '../../../unified-model/index.js';
import type { ColumnNamer } from './columns.js';
import { commentOf, qualifiedName, schemaFilter } from './sql.js';
import { parseOptions } from './tables.js';

interface KeyRow {
  column: string | null;
  expression: string | null;
  /** indoption bits: 1 = DESC, 2 = NULLS FIRST. */
  option: number | null;
  opclass: string | null;
  collation: string | null;
  key: boolean;
}

export interface IndexRow {
  rel: string;
  name: string;
  is_unique: boolean;
  method: string;
  definition: string;
  predicate: string | null;
  options: string[] | null;
  nulls_not_distinct: boolean | null;
  /** Column numbers of the keys, then of the INCLUDE columns (0 = an expression). */
  attnums: number[];
  /** indoption of the keys. */
  key_options: number[];
  /** How many of `attnums` are keys; the rest are INCLUDE columns. */
  key_count: number;
  /**
   * Every key spelled out, for an index with an expression, a non-default operator
   * class or an explicit collation; NULL for a plain index, whose keys are column
   * numbers the model's columns name (see `buildIndex`).
   */
  keys: KeyRow[] | null;
  comment: string | null;
}

/**
 * Most indexes are plain: columns only, default operator classes, no COLLATE. Those
 * come back as column numbers, named from the columns already read (see
 * `buildIndex`); only the others run the per-key subquery, which spells out
 * expressions, operator classes and collations where they differ from the defaults.
 * In the subquery every lookup is by primary key, and `OFFSET 0` keeps the planner
 * from turning the column lookup into a join over all of the table's columns.
 */
export function indexesSql(serverVersion: number): string {
  // NULLS NOT DISTINCT exists from PostgreSQL 15
  const nullsNotDistinct = serverVersion >= 150000 ? 'i.indnullsnotdistinct' : 'NULL::boolean';
  return `
SELECT i.indrelid::text AS rel, ic.relname AS name, i.indisunique AS is_unique, am.amname AS method,
  pg_get_indexdef(i.indexrelid) AS definition, pg_get_expr(i.indpred, i.indrelid) AS predicate,
  to_json(ic.reloptions) AS options, ${nullsNotDistinct} AS nulls_not_distinct,
  to_json(i.indkey::int2[]) AS attnums, to_json(i.indoption::int2[]) AS key_options, i.indnkeyatts::int AS key_count,
  CASE WHEN i.indexprs IS NOT NULL OR NOT (0 = ALL (i.indcollation::oid[]))
    OR i.indclass::oid[] && (SELECT coalesce(array_agg(oid), '{}') FROM pg_opclass WHERE NOT opcdefault) THEN
  (SELECT json_agg(json_build_object(
      'column', a.attname,
      'expression', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, false) END,
      'option', i.indoption[k.ord - 1],
      'opclass', CASE WHEN k.ord <= i.indnkeyatts AND i.indclass[k.ord - 1] = ANY ((SELECT array_agg(oid) FROM pg_opclass WHERE NOT opcdefault)::oid[]) THEN
        (SELECT ${qualifiedName('opn.nspname', 'opc.opcname')} FROM pg_opclass opc JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
         WHERE opc.oid = i.indclass[k.ord - 1]) END,
      -- the collation the key would have without COLLATE: its column's, or for an expression its type's
      'collation', CASE WHEN i.indcollation[k.ord - 1] <> 0 AND i.indcollation[k.ord - 1] <> coalesce(a.attcollation,
          (SELECT it.typcollation FROM pg_attribute ia JOIN pg_type it ON it.oid = ia.atttypid WHERE ia.attrelid = i.indexrelid AND ia.attnum = k.ord)) THEN
        (SELECT ${qualifiedName('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = i.indcollation[k.ord - 1]) END,
      'key', k.ord <= i.indnkeyatts) ORDER BY k.ord)
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN LATERAL (SELECT a.attname, a.attcollation FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum OFFSET 0) a
      ON k.attnum <> 0) END AS keys,
  ${commentOf('pg_class', 'i.indexrelid')} AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'm') AND ${schemaFilter('n')}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`;
}

/** The keys of a plain index (columns only, every default), from its column numbers. */
function plainKeys(row: IndexRow, columnName: ColumnNamer): KeyRow[] {
  return row.attnums.map((attnum, k) => ({
    column: columnName(row.rel, attnum) ?? null,
    expression: null,
    option: row.key_options[k] ?? null,
    opclass: null,
    collation: null,
    key: k < row.key_count,
  }));
}

function buildKey(k: KeyRow): IndexKey {
  const desc = ((k.option ?? 0) & 1) !== 0;
  const nullsFirst = ((k.option ?? 0) & 2) !== 0;
  // the default is NULLS LAST for ASC and NULLS FIRST for DESC
  const nulls = nullsFirst && !desc ? 'first' : !nullsFirst && desc ? 'last' : undefined;
  return {
    ...(k.column !== null ? { column: k.column } : { expression: k.expression ?? '' }),
    ...(desc ? { order: 'desc' as const } : {}),
    ...(nulls ? { nulls } : {}),
    ...(k.opclass !== null ? { opclass: k.opclass } : {}),
    ...(k.collation !== null ? { collation: k.collation } : {}),
  };
}

export function buildIndex(row: IndexRow, columnName: ColumnNamer): Index {
  const all = row.keys ?? plainKeys(row, columnName);
  return {
    name: row.name,
    unique: row.is_unique,
    method: row.method,
    keys: all.filter((k) => k.key).map(buildKey),
    include: all.filter((k) => !k.key).map((k) => k.column ?? k.expression ?? ''),
    ...(row.predicate !== null ? { predicate: row.predicate } : {}),
    ...(row.nulls_not_distinct ? { nullsNotDistinct: true } : {}),
    ...(row.comment !== null ? { comment: row.comment } : {}),
    definition: row.definition,
    options: parseOptions(row.options),
  };
}
