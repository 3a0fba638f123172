/**
 * Table constraints (primary key, foreign keys, unique, check, exclusion) and domain
 * checks. NOT NULL is a column property: the `n` rows PostgreSQL 18 keeps in
 * pg_constraint are not read. Foreign keys that PostgreSQL clones onto partitions
 * (conparentid ≠ 0) are implied by the parent's and left out, as pg_dump does.
 */
import { objectId, type CheckConstraint, type ExclusionConstraint, type ForeignKey, type PrimaryKey, type ReferentialAction, type UniqueConstraint } from '../../../unified-model/index.js';
import type { ColumnNamer } from './columns.js';
import { attNames, commentOf, schemaFilter } from './sql.js';

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
  /** Column numbers of the constrained columns (conkey), named from the columns already read. */
  attnums: number[] | null;
  ref: [string, string] | null;
  ref_columns: string[] | null;
  on_update: string;
  on_delete: string;
  match: string;
  delete_set_columns: string[] | null;
  /** Column numbers of the INCLUDE columns of a primary key or unique constraint. */
  include_attnums: number[] | null;
  nulls_not_distinct: boolean | null;
  exclusion: { method: string; predicate: string | null; elements: { expression: string; operator: string }[] } | null;
  comment: string | null;
}

/**
 * The constrained columns (and a key's INCLUDE columns) come back as column numbers,
 * named from the columns already read (the constraint's table is always among
 * them); the referenced columns of a foreign key are named here, with `attNames`,
 * since the referenced table may be in a schema left out of the read. The backing
 * index is joined once, for the constraints that have their own (p, u, x); the
 * parts only some kinds have (definition, check expression, ON DELETE SET NULL
 * (cols), exclusion elements) are computed only for those kinds.
 */
export function constraintsSql(serverVersion: number): string {
  // NULLS NOT DISTINCT and ON DELETE SET NULL / SET DEFAULT (cols) exist from PostgreSQL 15
  const v15 = serverVersion >= 150000;
  return `
SELECT co.conname AS name, co.contype::text AS type, co.conrelid::text AS rel, co.contypid::text AS typ,
  CASE WHEN co.contype = 'x' THEN pg_get_constraintdef(co.oid) END AS definition,
  co.condeferrable AS deferrable, co.condeferred AS deferred, co.convalidated AS validated, co.connoinherit AS noinherit,
  CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) END AS expression,
  to_json(co.conkey) AS attnums,
  CASE WHEN co.contype = 'f' THEN json_build_array(fn.nspname, fc.relname) END AS ref,
  CASE WHEN co.contype = 'f' THEN ${attNames('co.confrelid', 'co.confkey')} END AS ref_columns,
  co.confupdtype::text AS on_update, co.confdeltype::text AS on_delete, co.confmatchtype::text AS match,
  ${v15 ? `CASE WHEN co.contype = 'f' AND co.confdeltype IN ('n', 'd') THEN ${attNames('co.conrelid', 'co.confdelsetcols')} END` : 'NULL::json'} AS delete_set_columns,
  CASE WHEN co.contype IN ('p', 'u') AND ci.indnatts > ci.indnkeyatts THEN to_json((ci.indkey::int2[])[ci.indnkeyatts:]) END AS include_attnums,
  ${v15 ? "CASE WHEN co.contype = 'u' THEN ci.indnullsnotdistinct END" : 'NULL::boolean'} AS nulls_not_distinct,
  CASE WHEN co.contype = 'x' THEN (
    SELECT json_build_object('method', am.amname, 'predicate', pg_get_expr(ci.indpred, ci.indrelid),
      'elements', (SELECT json_agg(json_build_object('expression', pg_get_indexdef(ci.indexrelid, k.ord::int, false),
          'operator', CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname::text
            ELSE 'OPERATOR(' || quote_ident(opn.nspname) || '.' || op.oprname || ')' END) ORDER BY k.ord)
        FROM unnest(co.conexclop) WITH ORDINALITY AS k(opoid, ord)
        JOIN pg_operator op ON op.oid = k.opoid JOIN pg_namespace opn ON opn.oid = op.oprnamespace))
    FROM pg_class ic JOIN pg_am am ON am.oid = ic.relam
    WHERE ic.oid = ci.indexrelid) END AS exclusion,
  ${commentOf('pg_constraint', 'co.oid')} AS comment
FROM pg_constraint co
JOIN pg_namespace n ON n.oid = co.connamespace
LEFT JOIN pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_index ci ON ci.indexrelid = co.conindid AND co.contype IN ('p', 'u', 'x')
WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND NOT (co.contype = 'f' AND co.conparentid <> 0) AND ${schemaFilter('n')}
ORDER BY co.conrelid, co.contypid, co.conname`;
}

/** Names of columns by number, in order; a number that names no column is left out. */
function names(rel: string, attnums: readonly number[] | null, columnName: ColumnNamer): string[] {
  const out: string[] = [];
  for (const n of attnums ?? []) {
    const name = columnName(rel, n);
    if (name !== undefined) out.push(name);
  }
  return out;
}

const ACTION: Readonly<Record<string, ReferentialAction>> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };
const MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;

/**
 * Adds the fields every constraint kind shares to `out`; defaults (not deferrable,
 * validated) are left out. Fields are set in place, not spread: there are tens of
 * thousands of constraints in a large schema.
 */
function withBase<T extends { name: string }>(row: ConstraintRow, out: T): T {
  const o = out as T & { comment?: string; deferrable?: boolean; initiallyDeferred?: boolean; validated?: boolean };
  if (row.comment !== null) o.comment = row.comment;
  if (row.deferrable) o.deferrable = true;
  if (row.deferred) o.initiallyDeferred = true;
  if (!row.validated) o.validated = false;
  return out;
}

export function buildPrimaryKey(row: ConstraintRow, columnName: ColumnNamer): PrimaryKey {
  return withBase(row, { name: row.name, columns: names(row.rel, row.attnums, columnName), include: names(row.rel, row.include_attnums, columnName) });
}

export function buildUnique(row: ConstraintRow, columnName: ColumnNamer): UniqueConstraint {
  const u = withBase(row, {
    name: row.name,
    columns: names(row.rel, row.attnums, columnName),
    include: names(row.rel, row.include_attnums, columnName),
  } as UniqueConstraint & { nullsNotDistinct?: boolean });
  if (row.nulls_not_distinct) u.nullsNotDistinct = true;
  return u;
}

export function buildForeignKey(row: ConstraintRow, columnName: ColumnNamer): ForeignKey {
  return withBase(row, {
    name: row.name,
    columns: names(row.rel, row.attnums, columnName),
    references: row.ref ? objectId(row.ref[0], row.ref[1]) : objectId('', ''),
    referencedColumns: row.ref_columns ?? [],
    onDelete: ACTION[row.on_delete] ?? 'no-action',
    onUpdate: ACTION[row.on_update] ?? 'no-action',
    match: MATCH[row.match as keyof typeof MATCH] ?? 'simple',
    onDeleteColumns: row.delete_set_columns ?? [],
  });
}

export function buildCheck(row: ConstraintRow): CheckConstraint {
  const c = withBase(row, { name: row.name, expression: row.expression ?? '' } as CheckConstraint & { noInherit?: boolean });
  if (row.noinherit) c.noInherit = true;
  return c;
}

export function buildExclusion(row: ConstraintRow): ExclusionConstraint {
  const x = row.exclusion ?? { method: '', predicate: null, elements: [] };
  return withBase(row, {
    name: row.name,
    definition: row.definition,
    method: x.method,
    elements: x.elements,
    ...(x.predicate !== null ? { predicate: x.predicate } : {}),
  });
}
