/**
 * The bench databases on the PostgreSQL server: made from a shape over the pg
 * driver (one multi-statement query per batch of tables), counted from the
 * catalogs; psql for the odd statement, as an operator would.
 */
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { peakRssMethod, run } from './measure.js';
import type { ObjectCounts, Shape } from './shapes/index.js';

/** The server URL with its database replaced. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs SQL with psql and returns unaligned, tuples-only output. */
export function psql(url: string, ...commands: string[]): string {
  return run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, ...commands.flatMap((c) => ['-c', c])]);
}

/** `redb_bench_<shape>_<n>`. */
export function benchDatabaseName(shape: Shape, n: number): string {
  return `redb_bench_${shape.name}_${n}`;
}

/** Stored as the database comment so `--reuse` only reuses a database the same generator made. */
export function fingerprint(shape: Shape, n: number): string {
  return `redb bench shape ${shape.name} v${shape.version}, ${n} tables`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `name` (default `redb_bench_<shape>_<n>`) from `shape.batches(n)`, or
 * keeps an existing one made by the same generator when `reuse` is set.
 * Returns the database's URL and the load time.
 */
export async function prepareDatabase(
  serverUrl: string,
  shape: Shape,
  n: number,
  opts: { reuse?: boolean; name?: string } = {},
): Promise<{ url: string; name: string; reused: boolean; seconds: number }> {
  const name = opts.name ?? benchDatabaseName(shape, n);
  const url = databaseUrl(serverUrl, name);
  const print = fingerprint(shape, n);
  const started = process.hrtime.bigint();
  const reused = await withClient(serverUrl, async (server) => {
    if (opts.reuse) {
      const { rows } = await server.query<{ c: string | null }>("SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1", [name]);
      if (rows[0]?.c === print) return true;
    }
    await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.query(`CREATE DATABASE ${name}`);
    return false;
  });
  if (reused) return { url, name, reused, seconds: 0 };
  await withClient(url, async (db) => {
    // each batch is one simple-protocol query: its statements travel in one round trip
    for (const batch of shape.batches(n)) await db.query(batch);
    // Settle the catalogs (dead tuples from index builds, fresh statistics) as autovacuum
    // would on a real server, so neither tool pays for the bulk load.
    await db.query('VACUUM ANALYZE');
    await db.query(`COMMENT ON DATABASE ${name} IS '${print}'`);
  });
  return { url, name, reused, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export function dropDatabaseNamed(serverUrl: string, name: string): void {
  psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** The catalog counts plus columns (not objects) and the total of objects. */
export type DatabaseCounts = ObjectCounts & { columns: number; total: number };

/** What the database holds in `schemas`, counted from the catalogs (objects = everything but columns). */
export async function countObjects(url: string, schemas: readonly string[]): Promise<DatabaseCounts> {
  const sql = `
    WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = ANY($1::text[]))
    SELECT
      (SELECT count(*) FROM ns) AS schemas,
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind IN ('r', 'p') AND NOT relispartition) AS tables,
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind IN ('r', 'p') AND relispartition) AS partitions,
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'v') AS views,
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'S') AS sequences,
      (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace IN (SELECT oid FROM ns) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))) AS indexes,
      (SELECT count(*) FROM pg_constraint WHERE connamespace IN (SELECT oid FROM ns) AND contype IN ('p', 'u', 'f', 'c', 'x')) AS constraints,
      (SELECT count(*) FROM pg_type WHERE typnamespace IN (SELECT oid FROM ns) AND typtype = 'e') AS enums,
      (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped) AS columns`;
  const row = await withClient(url, async (db) => (await db.query<Record<string, string>>(sql, [schemas])).rows[0]);
  const c = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as ObjectCounts & { columns: number };
  const total = c.schemas + c.tables + c.partitions + c.views + c.sequences + c.indexes + c.constraints + c.enums;
  return { ...c, total };
}

/** The machine and server the figures come from. */
export function machine(serverUrl: string) {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: psql(serverUrl, 'SHOW server_version').trim(),
    pgDump: run('pg_dump', ['--version']).trim(),
    git: run('git', ['--version']).trim(),
    peakRss: peakRssMethod(),
  };
}
