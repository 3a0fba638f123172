/**
 * Indexes of tables and materialized views that do not back a constraint (those are
 * the constraint's). Key details are recorded only where they differ from what a
 * plain `CREATE INDEX … (col)` gives: DESC, non-default NULLS order, a non-default
 * operator class, a collation other than the column's.
 */
import type { Index, IndexKey } from '../../../unified-model/index.js';
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
  keys: KeyRow[];
  comment: string | null;
}

export const INDEXES_SQL = `
SELECT i.indrelid::text AS rel, ic.relname AS name, i.indisunique AS is_unique, am.amname AS method,
  pg_get_indexdef(i.indexrelid) AS definition, pg_get_expr(i.indpred, i.indrelid) AS predicate,
  to_json(ic.reloptions) AS options,
  -- NULLS NOT DISTINCT exists from PostgreSQL 15; read through jsonb so older servers answer NULL
  (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean AS nulls_not_distinct,
  (SELECT json_agg(json_build_object(
      'column', a.attname,
      'expression', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, false) END,
      'option', i.indoption[k.ord - 1],
      'opclass', CASE WHEN NOT opc.opcdefault THEN ${qualifiedName('opn.nspname', 'opc.opcname')} END,
      'collation', CASE WHEN i.indcollation[k.ord - 1] <> 0
          AND i.indcollation[k.ord - 1] <> coalesce(a.attcollation, it.typcollation) THEN
        (SELECT ${qualifiedName('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = i.indcollation[k.ord - 1]) END,
      'key', k.ord <= i.indnkeyatts) ORDER BY k.ord)
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    LEFT JOIN pg_attribute a ON k.attnum <> 0 AND a.attrelid = i.indrelid AND a.attnum = k.attnum
    LEFT JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.ord
    LEFT JOIN pg_type it ON it.oid = ia.atttypid
    LEFT JOIN pg_opclass opc ON k.ord <= i.indnkeyatts AND opc.oid = i.indclass[k.ord - 1]
    LEFT JOIN pg_namespace opn ON opn.oid = opc.opcnamespace) AS keys,
  ${commentOf('pg_class', 'i.indexrelid')} AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'm') AND ${schemaFilter('n')}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`;

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

export function buildIndex(row: IndexRow): Index {
  const keys = row.keys.filter((k) => k.key);
  return {
    name: row.name,
    unique: row.is_unique,
    method: row.method,
    keys: keys.map(buildKey),
    include: row.keys.filter((k) => !k.key).map((k) => k.column ?? k.expression ?? ''),
    ...(row.predicate !== null ? { predicate: row.predicate } : {}),
    ...(row.nulls_not_distinct ? { nullsNotDistinct: true } : {}),
    ...(row.comment !== null ? { comment: row.comment } : {}),
    definition: row.definition,
    options: parseOptions(row.options),
  };
}
