/**
 * A digest of everything the catalog queries read, for `Adapter.schemaFingerprint`:
 * the contents of every catalog table of the database, the role names that owners
 * and grants print, and the settings that shape printed definitions. It costs one
 * scan of the catalogs and no deparsing (≈ 1/8 of a full read at 5,000 tables), so
 * `redb status` on an unchanged database need not read the schema at all.
 *
 * Row contents are hashed, not row versions (ctid, xmin), though versions cost half as
 * much: two databases made alike (from PGlite's stored cluster, or clones of one
 * snapshot) write the same row versions for different definitions of the same size —
 * an int column in one, a real in the other. Left out are catalogs that hold data or
 * statistics rather than definitions, and the pg_class columns that VACUUM and ANALYZE
 * overwrite in place, so maintenance does not count as a change. Anything else that
 * moves (a catalog rewritten by VACUUM FULL, say) changes the digest; the schema is
 * then read whole.
 */
import type { Connection } from '../../types.js';
import { quoteLiteral } from '../ddl/quote.js';

/** Catalogs of data and statistics: they change without any definition changing. */
const DATA_CATALOGS = ['pg_statistic', 'pg_statistic_ext_data', 'pg_largeobject', 'pg_largeobject_metadata'];
/** pg_class columns that VACUUM and ANALYZE update in place. */
const MAINTENANCE_COLUMNS = ['relpages', 'reltuples', 'relallvisible', 'relallfrozen', 'relfrozenxid', 'relminmxid'];
/** Settings that change how the server prints a definition (defaults with times, floats, bytea, strings). */
const PRINTING_SETTINGS = ['server_version_num', 'TimeZone', 'DateStyle', 'IntervalStyle', 'extra_float_digits', 'bytea_output', 'standard_conforming_strings'];

/** hashtextextended came with PostgreSQL 11; on older servers there is no fingerprint. */
const FIRST_VERSION = 110000;

const CATALOG_COLUMNS_SQL = `
SELECT c.oid::regclass::text AS rel,
       string_agg(format('x.%I', a.attname), ', ' ORDER BY a.attnum) AS cols
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' AND NOT c.relisshared
  AND c.relname <> ALL ($1::text[]) AND NOT (c.relname = 'pg_class' AND a.attname = ANY ($2::text[]))
  -- an application's role cannot read every catalog (pg_user_mapping holds passwords)
  AND has_table_privilege(c.oid, 'SELECT')
GROUP BY c.oid
ORDER BY 1`;

/** The digest, or undefined where the server cannot compute it. */
export async function fingerprintPostgres(conn: Connection): Promise<string | undefined> {
  const [{ version }] = await conn.query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
  if (version < FIRST_VERSION) return undefined;
  const catalogs = await conn.query<{ rel: string; cols: string }>(CATALOG_COLUMNS_SQL, [DATA_CATALOGS, MAINTENANCE_COLUMNS]);
  // a count and a sum of 64-bit row hashes per catalog: duplicates add up instead of cancelling out
  const parts = catalogs.map(
    (c) => `SELECT ${quoteLiteral(c.rel)} AS part, count(*) || ':' || coalesce(sum(hashtextextended(row(${c.cols})::text, 0)), 0) AS digest FROM ${c.rel} x`,
  );
  parts.push("SELECT 'roles', count(*) || ':' || coalesce(sum(hashtextextended(oid::text || ' ' || rolname, 0)), 0) FROM pg_catalog.pg_roles");
  parts.push("SELECT 'settings', string_agg(s || '=' || current_setting(s), ',' ORDER BY s) FROM unnest($1::text[]) s");
  const [row] = await conn.query<{ fingerprint: string }>(`SELECT md5(string_agg(part || '|' || digest, ',' ORDER BY part)) AS fingerprint FROM (${parts.join('\nUNION ALL ')}) p`, [PRINTING_SETTINGS]);
  return row.fingerprint;
}
