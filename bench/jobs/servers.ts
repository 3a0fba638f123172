/**
 * The databases of the jobs benchmark on the two servers: every one is named
 * `redb_bench_jobs_<role>`, made empty for a run and dropped after it (unless --keep).
 * A PostgreSQL database with a replication slot cannot be dropped, and a forgotten slot
 * makes the server keep WAL for ever: so dropping one first drops the slots that live in
 * it (only those: a slot belongs to one database).
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { databaseUrl } from '../pg.js';
import { mysqlDatabaseUrl } from '../mysql.js';

export const PREFIX = 'redb_bench_jobs_';

async function pgServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function dropPgSlots(c: pg.Client, name: string): Promise<void> {
  const { rows } = await c.query<{ slot_name: string; active_pid: number | null }>('SELECT slot_name, active_pid FROM pg_replication_slots WHERE database = $1', [name]);
  for (const s of rows) {
    if (s.active_pid) await c.query('SELECT pg_terminate_backend($1)', [s.active_pid]);
    // a terminated walsender releases its slot a moment later
    for (let i = 0; i < 50; i++) {
      try {
        await c.query('SELECT pg_drop_replication_slot($1)', [s.slot_name]);
        break;
      } catch (err) {
        if (i === 49) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/** A new empty PostgreSQL database `redb_bench_jobs_<role>`; returns its URL. */
export async function freshPg(serverUrl: string, role: string): Promise<string> {
  const name = PREFIX + role;
  await pgServer(serverUrl, async (c) => {
    await dropPgSlots(c, name);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrl(serverUrl, name);
}

export async function dropPg(serverUrl: string, role: string): Promise<void> {
  const name = PREFIX + role;
  await pgServer(serverUrl, async (c) => {
    await dropPgSlots(c, name);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** A new empty MariaDB database `redb_bench_jobs_<role>`; returns its URL. */
export async function freshMysql(serverUrl: string, role: string): Promise<string> {
  const name = PREFIX + role;
  const c = await mysql.createConnection({ uri: serverUrl });
  try {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await c.end();
  }
  return mysqlDatabaseUrl(serverUrl, name);
}

export async function dropMysql(serverUrl: string, role: string): Promise<void> {
  const c = await mysql.createConnection({ uri: serverUrl });
  try {
    await c.query(`DROP DATABASE IF EXISTS \`${PREFIX + role}\``);
  } finally {
    await c.end();
  }
}
