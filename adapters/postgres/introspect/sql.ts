/**
 * SQL fragments shared by the catalog queries. Every query takes the same two
 * parameters, so the whole introspection is a fixed list of (sql, params):
 * `$1` a JSON array of schemas to include (NULL = all), `$2` a JSON array to leave out.
 * Arrays come back as JSON and oids as text, so node-postgres and PGlite (which
 * parse arrays, int8 and oid differently) return the same JavaScript values.
 */
import type { IntrospectOptions } from '../../types.js';

/**
 * Schemas that are never user schemas: `pg_*` (catalog, toast, temp; the prefix is
 * reserved, users cannot create such schemas) and `information_schema`. redb's ledger
 * is left out by the caller (`readSchema`), as on every engine.
 */
export function schemaFilter(ns: string): string {
  return `${ns}.nspname NOT LIKE 'pg\\_%' AND ${ns}.nspname <> 'information_schema'
    AND ($1::jsonb IS NULL OR $1::jsonb ? ${ns}.nspname) AND NOT coalesce($2::jsonb ? ${ns}.nspname, false)`;
}

/** True when the object is not a member of an extension (those belong to the extension, not to the model). */
export function notInExtension(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;
}

/** The comment of an object (or of a column when `subId` is given). */
export function commentOf(catalog: string, oid: string, subId = '0'): string {
  return `(SELECT description FROM pg_description WHERE classoid = '${catalog}'::regclass AND objoid = ${oid} AND objsubid = ${subId})`;
}

/**
 * The ACL as JSON rows `{g: grantee, p: privilege, o: grantable}`, leaving out the
 * owner's own rights (implicit in ownership). NULL when the ACL is NULL (engine defaults).
 */
export function aclOf(acl: string, owner: string): string {
  // most ACLs are NULL: the CASE skips the subquery for them (it would answer NULL too)
  return `CASE WHEN ${acl} IS NOT NULL THEN (SELECT json_agg(json_build_object('g', CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END,
      'p', x.privilege_type, 'o', x.is_grantable))
    FROM aclexplode(${acl}) x WHERE x.grantee <> ${owner}) END`;
}

/**
 * Column names of `rel` for an array of attribute numbers, in array order, as JSON
 * (NULL for an empty or NULL array); `where` filters the keys (`k.attnum`, `k.ord`).
 * Each name is one primary-key lookup: `OFFSET 0` keeps the planner from turning the
 * lookups into a scan of all the table's columns joined to the keys.
 */
export function attNames(rel: string, attnums: string, where?: string): string {
  return `(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(${attnums}) WITH ORDINALITY AS k(attnum, ord)
    CROSS JOIN LATERAL (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = ${rel} AND a.attnum = k.attnum OFFSET 0) a${where ? ` WHERE ${where}` : ''})`;
}

/**
 * The SQL spelling of a named catalog object (collation, operator class): quoted where
 * needed, bare for pg_catalog objects and schema-qualified otherwise, as pg_dump prints
 * them: `"C"`, `text_pattern_ops`, `app.c_order`.
 */
export function qualifiedName(nsp: string, name: string): string {
  return `CASE WHEN ${nsp} = 'pg_catalog' THEN quote_ident(${name}) ELSE quote_ident(${nsp}) || '.' || quote_ident(${name}) END`;
}

/** The two parameters every catalog query takes. */
export function filterParams(options: IntrospectOptions = {}): [string | null, string | null] {
  return [
    options.schemas ? JSON.stringify(options.schemas) : null,
    options.excludeSchemas ? JSON.stringify(options.excludeSchemas) : null,
  ];
}
