/** The bench databases on the PostgreSQL server, driven through psql (as an operator would). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { peakRssMethod, run } from './measure.js';
import { GENERATOR_VERSION, SCHEMAS, generateSchema } from './schema.js';

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

const dbName = (n: number) => `redb_bench_${n}`;
/** Stored as the database comment so `--reuse` only reuses a database this generator made. */
const fingerprint = (n: number) => `redb bench generator v${GENERATOR_VERSION}, ${n} tables`;

/**
 * Creates `redb_bench_<n>` with `generateSchema(n)`, or keeps an existing one made
 * by the same generator when `reuse` is set. Returns the load time.
 */
export function prepareDatabase(serverUrl: string, n: number, reuse: boolean): { reused: boolean; seconds: number } {
  const name = dbName(n);
  if (reuse) {
    const comment = psql(serverUrl, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '${name}'`).trim();
    if (comment === fingerprint(n)) return { reused: true, seconds: 0 };
  }
  const started = process.hrtime.bigint();
  psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'redb-bench-ddl-'));
  try {
    const file = join(dir, `${name}.sql`);
    // Transactions of 200 tables: far faster than a commit per statement, and within the lock table.
    writeFileSync(file, generateSchema(n, { batchTables: 200 }));
    run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl(serverUrl, name), '-f', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Settle the catalogs (dead tuples from index builds, fresh statistics) as autovacuum
  // would on a real server, so neither tool pays for the bulk load.
  psql(databaseUrl(serverUrl, name), 'VACUUM ANALYZE', `COMMENT ON DATABASE ${name} IS '${fingerprint(n)}'`);
  return { reused: false, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export function dropDatabase(serverUrl: string, n: number): void {
  dropDatabaseNamed(serverUrl, dbName(n));
}

export function dropDatabaseNamed(serverUrl: string, name: string): void {
  psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** What the database holds, counted from the catalogs (objects = everything but columns). */
export function countObjects(url: string): Record<string, number> & { total: number } {
  const inBench = `IN (${SCHEMAS.map((s) => `'${s}'`).join(', ')})`;
  const sql = `
    WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname ${inBench})
    SELECT
      (SELECT count(*) FROM ns),
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'r'),
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'v'),
      (SELECT count(*) FROM pg_class WHERE relnamespace IN (SELECT oid FROM ns) AND relkind = 'S'),
      (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relnamespace IN (SELECT oid FROM ns) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))),
      (SELECT count(*) FROM pg_constraint WHERE connamespace IN (SELECT oid FROM ns) AND contype IN ('p', 'u', 'f', 'c', 'x')),
      (SELECT count(*) FROM pg_type WHERE typnamespace IN (SELECT oid FROM ns) AND typtype = 'e'),
      (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped)`;
  const [schemas, tables, views, sequences, indexes, constraints, enums, columns] = psql(url, sql).trim().split('|').map(Number);
  const total = schemas + tables + views + sequences + indexes + constraints + enums;
  return { schemas, tables, views, sequences, indexes, constraints, enums, columns, total };
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
    peakRss: peakRssMethod(),
  };
}
