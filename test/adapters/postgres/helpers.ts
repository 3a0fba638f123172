/** Shared helpers for the PostgreSQL adapter tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { modelToFiles, type DbObject, type Model, type Table, type View } from '../../../unified-model/index.js';
import { CORPUS, freshPgDatabase, psqlFile } from '../../support/live.js';

export const FEATURES_SQL = new URL('./features.sql', import.meta.url).pathname;

export const CORPUS_SCHEMAS = {
  pagila: 'pagila/_derived/pagila-schema.pg15.sql',
  sakila: 'jooq-sakila/postgres-sakila-db/postgres-sakila-schema.sql',
  chinook: 'chinook/_derived/Chinook_PostgreSql.schema.sql',
  chinookSerial: 'chinook/_derived/Chinook_PostgreSql_SerialPKs.schema.sql',
  chinookIdentity: 'chinook/_derived/Chinook_PostgreSql_AutoIncrementPKs.schema.sql',
} as const;

export function corpusFile(rel: string): string {
  return join(CORPUS, rel);
}

/** A fresh in-memory PGlite with a script loaded through exec(). */
export async function pgliteWith(sql = ''): Promise<Connection> {
  const conn = await postgresAdapter.connect('pglite://memory');
  if (sql) await conn.exec(sql);
  return conn;
}

/** A fresh server database with a SQL file loaded by psql; `done()` closes and drops it. */
export async function serverWithFile(file: string): Promise<{ conn: Connection; url: string; done: () => Promise<void> }> {
  const db = await freshPgDatabase('redb_pgad');
  psqlFile(db.url, file);
  const conn = await postgresAdapter.connect(db.url);
  return { conn, url: db.url, done: async () => { await conn.close(); await db.drop(); } };
}

export function readSql(file: string): string {
  return readFileSync(file, 'utf8');
}

/** path → content of a model's canonical files. */
export function filesOf(model: Model): Map<string, string> {
  return new Map(modelToFiles(model).map((f) => [f.path, f.content]));
}

/** Paths whose content differs between two file sets (added, removed or changed). */
export function changedPaths(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}

/** A connection that counts the statements sent through it. */
export function countingConnection(conn: Connection): Connection & { readonly count: number } {
  let count = 0;
  return {
    get count() {
      return count;
    },
    serverVersion: conn.serverVersion,
    query: (sql, params) => {
      count++;
      return conn.query(sql, params);
    },
    run: (sql) => {
      count++;
      return conn.run(sql);
    },
    exec: (sql) => {
      count++;
      return conn.exec(sql);
    },
    close: () => conn.close(),
  };
}

export const tables = (m: Model) => m.objects.filter((o): o is Table => o.kind === 'table');
export const views = (m: Model) => m.objects.filter((o): o is View => o.kind === 'view' || o.kind === 'materialized-view');
export const byId = (m: Model, id: string): DbObject | undefined => m.objects.find((o) => o.id === id);

/** Object counts of a model, in the categories `_pairs/schemas.status.json` uses. */
export function modelCounts(m: Model): Record<string, number> {
  const ts = tables(m);
  const vs = views(m);
  const domains = m.objects.filter((o) => o.kind === 'domain');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    schemas: m.objects.filter((o) => o.kind === 'schema').length,
    tables: ts.length,
    views: vs.length,
    indexes:
      sum(ts.map((t) => (t.indexes?.length ?? 0) + (t.primaryKey ? 1 : 0) + (t.uniques?.length ?? 0) + (t.exclusions?.length ?? 0))) +
      sum(vs.map((v) => v.indexes?.length ?? 0)),
    sequences: m.objects.filter((o) => o.kind === 'sequence').length,
    functions: m.objects.filter((o) => o.kind === 'function' || o.kind === 'procedure' || o.kind === 'aggregate').length,
    triggers: sum([...ts, ...vs].map((t) => t.triggers?.length ?? 0)),
    types: m.objects.filter((o) => o.kind === 'enum' || o.kind === 'domain' || o.kind === 'composite-type').length,
    constraints:
      sum(ts.map((t) => (t.primaryKey ? 1 : 0) + (t.foreignKeys?.length ?? 0) + (t.uniques?.length ?? 0) + (t.checks?.length ?? 0) + (t.exclusions?.length ?? 0))) +
      sum(domains.map((d) => (d.kind === 'domain' ? (d.checks?.length ?? 0) : 0))),
    columns: sum(ts.map((t) => t.columns.length)),
    identities: sum(ts.map((t) => t.columns.filter((c) => c.identity).length)),
    policies: sum(ts.map((t) => t.policies?.length ?? 0)),
  };
}

/**
 * The same counts straight from the catalogs, written independently of the
 * introspection queries. Rules shared with the adapter (documented there): system
 * schemas and the `redb` schema are out, extension members are out, identity
 * sequences belong to their column, FK and trigger clones on partitions are out.
 */
export const CATALOG_COUNTS_SQL = `
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'redb')),
ext AS (SELECT objid FROM pg_depend WHERE deptype = 'e'),
rel AS (SELECT c.* FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.oid NOT IN (SELECT objid FROM ext))
SELECT
  (SELECT count(*) FROM ns)::int AS schemas,
  (SELECT count(*) FROM rel WHERE relkind IN ('r', 'p'))::int AS tables,
  (SELECT count(*) FROM rel WHERE relkind IN ('v', 'm'))::int AS views,
  (SELECT count(*) FROM pg_index i JOIN rel ON rel.oid = i.indrelid)::int AS indexes,
  (SELECT count(*) FROM rel WHERE relkind = 'S'
     AND oid NOT IN (SELECT objid FROM pg_depend WHERE deptype = 'i'))::int AS sequences,
  (SELECT count(*) FROM pg_proc WHERE pronamespace IN (SELECT oid FROM ns) AND oid NOT IN (SELECT objid FROM ext))::int AS functions,
  (SELECT count(*) FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgparentid = 0)::int AS triggers,
  (SELECT count(*) FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns) AND t.oid NOT IN (SELECT objid FROM ext)
     AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')))::int AS types,
  (SELECT count(*) FROM pg_constraint co
     WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND NOT (co.contype = 'f' AND co.conparentid <> 0)
       AND (co.conrelid IN (SELECT oid FROM rel) OR co.contypid IN (SELECT oid FROM pg_type WHERE typnamespace IN (SELECT oid FROM ns))))::int AS constraints,
  (SELECT count(*) FROM pg_attribute a JOIN rel ON rel.oid = a.attrelid
     WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped)::int AS columns,
  (SELECT count(*) FROM pg_attribute a JOIN rel ON rel.oid = a.attrelid
     WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity <> '')::int AS identities,
  (SELECT count(*) FROM pg_policy p JOIN rel ON rel.oid = p.polrelid)::int AS policies`;

export async function catalogCounts(conn: Connection): Promise<Record<string, number>> {
  const [row] = await conn.query<Record<string, number>>(CATALOG_COUNTS_SQL);
  return row;
}
