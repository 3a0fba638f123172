/**
 * Live database servers for tests. A suite skips when its server URL is unset, so a
 * laptop without MariaDB still runs the rest; CI sets REDB_REQUIRE_LIVE=1, which turns
 * a missing URL into a failure instead (and .ci/run also fails on any skipped test).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';

export const PG_URL = process.env.REDB_TEST_PG_URL;
export const MYSQL_URL = process.env.REDB_TEST_MYSQL_URL;

if (process.env.REDB_REQUIRE_LIVE === '1' && (!PG_URL || !MYSQL_URL)) {
  throw new Error('REDB_REQUIRE_LIVE=1 but REDB_TEST_PG_URL or REDB_TEST_MYSQL_URL is not set');
}

/** Path of the shared corpus (read at run time, never copied into the project). */
export const CORPUS = process.env.REDB_CORPUS ?? new URL('../../../shared/corpus', import.meta.url).pathname;

/**
 * For suites that read the corpus: why they skip (the corpus is not there), or
 * undefined when it is. A plain clone has no ../shared, so its `npm test` skips them;
 * under REDB_REQUIRE_LIVE=1 a missing corpus is an error instead, like a missing URL.
 */
export function corpusMissing(): string | undefined {
  if (existsSync(CORPUS)) return undefined;
  const why = `no corpus of real schemas at ${CORPUS}: set REDB_CORPUS to its folder`;
  if (process.env.REDB_REQUIRE_LIVE === '1') throw new Error(`REDB_REQUIRE_LIVE=1 but there is ${why}`);
  return why;
}

/** A suite title that says why the suite skips, when it does: `pagila (skipped: no corpus at …)`. */
export function skipNote(title: string, reason: string | undefined): string {
  return reason ? `${title} (skipped: ${reason})` : title;
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh, empty PostgreSQL database on the test server; `drop()` removes it. */
export async function freshPgDatabase(prefix = 'redb_test'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  if (!PG_URL) throw new Error('REDB_TEST_PG_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(PG_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs SQL the way psql does (autocommit per statement, stop on the first error). */
export function psql(url: string, sql: string): void {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** Runs a SQL file with psql. */
export function psqlFile(url: string, file: string): void {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** One statement (or several, without params) on a new connection to `url`, closed after it. */
export async function pgQuery(url: string, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}
