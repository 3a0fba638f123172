/**
 * The MySQL/MariaDB bench databases: made from bench/mysql-shape.ts over mysql2
 * (multiple statements per query, in this loader only: a batch of 200 tables
 * travels in one round trip), counted from information_schema, dumped with
 * `mariadb-dump`/`mysqldump --no-data` as an operator would.
 */
import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { measure, run, type Measurement } from './measure.js';
import { MYSQL_GENERATOR_VERSION, mysqlExpectedCounts, mysqlSchemaBatches } from './mysql-shape.js';
import type { ObjectCounts } from './shapes/index.js';

export const DEFAULT_MYSQL_URL = process.env.REDB_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** The server URL with its database replaced. */
export function mysqlDatabaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** `redb_bench_mysql_v<generator>_<n>`: the version in the name keeps `--reuse` from keeping an older generator's database. */
export function mysqlBenchDatabaseName(n: number): string {
  return `redb_bench_mysql_v${MYSQL_GENERATOR_VERSION}_${n}`;
}

async function withConnection<T>(url: string, fn: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ uri: url, multipleStatements: true });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export type MysqlCounts = ObjectCounts & { columns: number; total: number };

/** What database `db` holds, from information_schema (objects = everything but columns). */
export async function countMysqlObjects(serverUrl: string, db: string): Promise<MysqlCounts> {
  // MariaDB adds a column-level CHECK (json_valid) to every JSON column: that is the
  // type, not a constraint anyone wrote, so only table-level checks count.
  const sql = `
    SELECT
      (SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?) AS n_schemas,
      (SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE') AS n_tables,
      (SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'VIEW') AS n_views,
      (SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'SEQUENCE') AS n_sequences,
      (SELECT count(DISTINCT TABLE_NAME, INDEX_NAME) FROM information_schema.STATISTICS s WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 1) AS n_indexes,
      (SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')) +
      (SELECT count(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND LEVEL = 'Table') AS n_constraints,
      (SELECT count(*) FROM information_schema.COLUMNS c JOIN information_schema.TABLES t USING (TABLE_SCHEMA, TABLE_NAME)
        WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN ('BASE TABLE', 'VIEW')) AS n_columns`;
  const row = await withConnection(serverUrl, async (c) => {
    const [rows] = await c.query(sql, Array(8).fill(db));
    return (rows as Record<string, unknown>[])[0];
  });
  const n = (k: string) => Number(row[`n_${k}`]);
  const counts = { schemas: n('schemas'), tables: n('tables'), partitions: 0, views: n('views'), sequences: n('sequences'), indexes: n('indexes'), constraints: n('constraints'), enums: 0, columns: n('columns') };
  const total = counts.schemas + counts.tables + counts.views + counts.sequences + counts.indexes + counts.constraints;
  return { ...counts, total };
}

function sameCounts(a: ObjectCounts, b: ObjectCounts): boolean {
  return (Object.keys(b) as (keyof ObjectCounts)[]).every((k) => a[k] === b[k]);
}

/**
 * Creates `name` (default `redb_bench_mysql_v<g>_<n>`) from the generator, or keeps an
 * existing one when `reuse` is set and it holds what the generator makes.
 */
export async function prepareMysqlDatabase(
  serverUrl: string,
  n: number,
  opts: { reuse?: boolean; name?: string } = {},
): Promise<{ url: string; name: string; reused: boolean; seconds: number }> {
  const name = opts.name ?? mysqlBenchDatabaseName(n);
  const url = mysqlDatabaseUrl(serverUrl, name);
  const started = process.hrtime.bigint();
  if (opts.reuse && sameCounts(await countMysqlObjects(serverUrl, name), mysqlExpectedCounts(n))) return { url, name, reused: true, seconds: 0 };
  await withConnection(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  });
  await withConnection(url, async (c) => {
    for (const batch of mysqlSchemaBatches(n)) await c.query(batch);
  });
  return { url, name, reused: false, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function dropMysqlDatabase(serverUrl: string, name: string): Promise<void> {
  await withConnection(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

/** `mariadb-dump` where the client has it, else `mysqldump` (the same program under its older name). */
export function dumpProgram(): string {
  return ['/usr/bin/mariadb-dump', '/usr/local/bin/mariadb-dump'].some(existsSync) ? 'mariadb-dump' : 'mysqldump';
}

/** Connection flags for the dump tool from a mysql:// URL. */
function dumpArgs(url: string): string[] {
  const u = new URL(url);
  return [
    `--host=${u.hostname}`,
    `--port=${u.port || '3306'}`,
    `--user=${decodeURIComponent(u.username || 'root')}`,
    ...(u.password ? [`--password=${decodeURIComponent(u.password)}`] : []),
  ];
}

/** `mysqldump --no-data` of one database (tables, views, sequences, triggers) to /dev/null. */
export function mysqlDump(serverUrl: string, db: string): Promise<Measurement> {
  return measure(dumpProgram(), [...dumpArgs(serverUrl), '--no-data', '--result-file=/dev/null', db]);
}

/** The server and dump tool the figures come from. */
export async function mysqlMachine(serverUrl: string): Promise<{ server: string; dump: string }> {
  const server = await withConnection(serverUrl, async (c) => {
    const [rows] = await c.query('SELECT VERSION() AS v');
    return String((rows as { v: string }[])[0].v);
  });
  return { server, dump: run(dumpProgram(), ['--version']).trim() };
}
