/**
 * User-defined types: enums (labels in sort order), domains (base type, NOT NULL,
 * default, collation, checks) and composite types (not the row types tables have).
 * Range and base types have no model kind yet and are not read.
 */
import { objectId, type CheckConstraint, type CompositeType, type DomainType, type EnumType, type LogicalType } from '../../../unified-model/index.js';
import { columnType, logicalType, type TypeResolver } from '../types.js';
import { grantsFrom, PUBLIC_DEFAULTS, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, qualifiedName, schemaFilter } from './sql.js';

export interface TypeRow {
  oid: string;
  /** The pg_class oid of a composite type's attributes. */
  relid: string;
  schema: string;
  name: string;
  kind: 'e' | 'd' | 'c';
  /** `format_type` of the type itself: how columns of this type spell it. */
  native: string;
  labels: string[] | null;
  base: string | null;
  not_null: boolean;
  default_expr: string | null;
  collation: string | null;
  comment: string | null;
  acl: AclRow[] | null;
}

export const TYPES_SQL = `
SELECT t.oid::text AS oid, t.typrelid::text AS relid, n.nspname AS schema, t.typname AS name, t.typtype::text AS kind,
  format_type(t.oid, NULL) AS native,
  CASE WHEN t.typtype = 'e' THEN (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
  t.typnotnull AS not_null,
  CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
  CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype) THEN (
    SELECT ${qualifiedName('cn.nspname', 'co.collname')} FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
    WHERE co.oid = t.typcollation) END AS collation,
  ${commentOf('pg_type', 't.oid')} AS comment, ${aclOf('t.typacl', 't.typowner')} AS acl
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class r ON r.oid = t.typrelid
WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
  AND ${schemaFilter('n')} AND ${notInExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

/** Column types that name a user type resolve through it: enums by id, domains by their base type. */
export function typeResolver(rows: readonly TypeRow[]): TypeResolver {
  const byNative = new Map(rows.map((r) => [r.native, r]));
  const resolve = (name: string, depth = 0): LogicalType | undefined => {
    const row = byNative.get(name);
    if (!row || depth > 16) return undefined;
    if (row.kind === 'e') return { kind: 'enum', ref: objectId(row.schema, row.name) };
    if (row.kind === 'd' && row.base) return logicalType(row.base, (n) => resolve(n, depth + 1));
    return undefined;
  };
  return (name) => resolve(name);
}

function base(row: TypeRow, dependsOn: readonly string[]) {
  return {
    id: objectId(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    grants: grantsFrom(row.acl, PUBLIC_DEFAULTS.type),
    dependsOn,
  };
}

export function buildEnum(row: TypeRow, dependsOn: readonly string[]): EnumType {
  return { kind: 'enum', ...base(row, dependsOn), values: row.labels ?? [] };
}

export function buildDomain(row: TypeRow, checks: readonly CheckConstraint[], resolve: TypeResolver, dependsOn: readonly string[]): DomainType {
  return {
    kind: 'domain',
    ...base(row, dependsOn),
    type: columnType(row.base ?? '', resolve),
    nullable: !row.not_null,
    ...(row.default_expr !== null ? { default: row.default_expr } : {}),
    ...(row.collation !== null ? { collation: row.collation } : {}),
    checks,
  };
}

export function buildComposite(row: TypeRow, attributes: CompositeType['attributes'], dependsOn: readonly string[]): CompositeType {
  return { kind: 'composite-type', ...base(row, dependsOn), attributes };
}
