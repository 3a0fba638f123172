/**
 * Table constraints (primary key, foreign keys, unique, check, exclusion) and domain
 * checks. NOT NULL is a column property: the `n` rows PostgreSQL 18 keeps in
 * pg_constraint are not read. Foreign keys that PostgreSQL clones onto partitions
 * (conparentid ≠ 0) are implied by the parent's and left out, as pg_dump does.
 */
import { objectId, type CheckConstraint, type ExclusionConstraint, type ForeignKey, type PrimaryKey, type ReferentialAction, type UniqueConstraint } from '../../../unified-model/index.js';
import { attNames, commentOf, qualifiedName, schemaFilter } from './sql.js';

export interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f' | 'c' | 'x';
  rel: string;
  typ: string;
  definition: string;
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  noinherit: boolean;
  expression: string | null;
  columns: string[] | null;
  ref: [string, string] | null;
  ref_columns: string[] | null;
  on_update: string;
  on_delete: string;
  match: string;
  delete_set_columns: string[] | null;
  include: string[] | null;
  nulls_not_distinct: boolean | null;
  exclusion: { method: string; predicate: string | null; elements: { expression: string; operator: string }[] } | null;
  comment: string | null;
}

export const CONSTRAINTS_SQL = `
SELECT co.conname AS name, co.contype::text AS type, co.conrelid::text AS rel, co.contypid::text AS typ,
  pg_get_constraintdef(co.oid) AS definition,
  co.condeferrable AS deferrable, co.condeferred AS deferred, co.convalidated AS validated, co.connoinherit AS noinherit,
  CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) END AS expression,
  ${attNames('co.conrelid', 'co.conkey')} AS columns,
  CASE WHEN co.contype = 'f' THEN json_build_array(fn.nspname, fc.relname) END AS ref,
  ${attNames('co.confrelid', 'co.confkey')} AS ref_columns,
  co.confupdtype::text AS on_update, co.confdeltype::text AS on_delete, co.confmatchtype::text AS match,
  -- ON DELETE SET NULL (cols) exists from PostgreSQL 15; read through jsonb so older servers answer NULL
  ${attNames('co.conrelid', "(SELECT array_agg(v::int2) FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(co) -> 'confdelsetcols') = 'array' THEN to_jsonb(co) -> 'confdelsetcols' END) v)")} AS delete_set_columns,
  CASE WHEN co.contype IN ('p', 'u') THEN (
    SELECT json_agg(a.attname ORDER BY k.ord) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indexrelid = co.conindid AND k.ord > i.indnkeyatts) END AS include,
  CASE WHEN co.contype = 'u' THEN (SELECT (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean FROM pg_index i WHERE i.indexrelid = co.conindid) END
    AS nulls_not_distinct,
  CASE WHEN co.contype = 'x' THEN (
    SELECT json_build_object('method', am.amname, 'predicate', pg_get_expr(i.indpred, i.indrelid),
      'elements', (SELECT json_agg(json_build_object('expression', pg_get_indexdef(i.indexrelid, k.ord::int, false),
          'operator', CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname::text
            ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.' || op.oprname || ')' END) ORDER BY k.ord)
        FROM unnest(co.conexclop) WITH ORDINALITY AS k(opoid, ord)
        JOIN pg_operator op ON op.oid = k.opoid JOIN pg_namespace opn ON opn.oid = op.oprnamespace))
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
    WHERE i.indexrelid = co.conindid) END AS exclusion,
  ${commentOf('pg_constraint', 'co.oid')} AS comment
FROM pg_constraint co
JOIN pg_namespace n ON n.oid = co.connamespace
LEFT JOIN pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND NOT (co.contype = 'f' AND co.conparentid <> 0) AND ${schemaFilter('n')}
ORDER BY co.conrelid, co.contypid, co.conname`;

const ACTION: Readonly<Record<string, ReferentialAction>> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };
const MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;

/** Fields every constraint kind shares; defaults (not deferrable, validated) are left out. */
function base(row: ConstraintRow) {
  return {
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    ...(row.deferrable ? { deferrable: true } : {}),
    ...(row.deferred ? { initiallyDeferred: true } : {}),
    ...(row.validated ? {} : { validated: false }),
  };
}

export function buildPrimaryKey(row: ConstraintRow): PrimaryKey {
  return { ...base(row), columns: row.columns ?? [], include: row.include ?? [] };
}

export function buildUnique(row: ConstraintRow): UniqueConstraint {
  return {
    ...base(row),
    columns: row.columns ?? [],
    include: row.include ?? [],
    ...(row.nulls_not_distinct ? { nullsNotDistinct: true } : {}),
  };
}

export function buildForeignKey(row: ConstraintRow): ForeignKey {
  const [schema, table] = row.ref ?? ['', ''];
  return {
    ...base(row),
    columns: row.columns ?? [],
    references: objectId(schema, table),
    referencedColumns: row.ref_columns ?? [],
    onDelete: ACTION[row.on_delete] ?? 'no-action',
    onUpdate: ACTION[row.on_update] ?? 'no-action',
    match: MATCH[row.match as keyof typeof MATCH] ?? 'simple',
    onDeleteColumns: row.delete_set_columns ?? [],
  };
}

export function buildCheck(row: ConstraintRow): CheckConstraint {
  return { ...base(row), expression: row.expression ?? '', ...(row.noinherit ? { noInherit: true } : {}) };
}

export function buildExclusion(row: ConstraintRow): ExclusionConstraint {
  const x = row.exclusion ?? { method: '', predicate: null, elements: [] };
  return {
    ...base(row),
    definition: row.definition,
    method: x.method,
    elements: x.elements,
    ...(x.predicate !== null ? { predicate: x.predicate } : {}),
  };
}
