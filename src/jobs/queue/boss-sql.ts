/**
 * What pg-boss 10's API does not offer, done on its own job table (schema version 24 of
 * pg-boss 10.x; `package.json` pins the major version):
 *
 * - one queued-or-running entry per relationship: pg-boss's `singletonKey` only
 *   deduplicates with a time slot or with policies that either still allow a second
 *   queued job while one runs (`stately`) or fail every fetch once that happens;
 * - a lease renewed by a heartbeat: pg-boss expires a job `expireIn` after it started,
 *   so a fixed expiry would either hand a long migration to a second worker while the
 *   first still runs, or leave a killed worker's job waiting for hours;
 * - giving a job back without spending a retry: when the job's lock on the target says
 *   another runner has it (E_JOB_RUNNING), or when a worker shuts down.
 */
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { QUEUE_NAME } from './connect.js';

const ident = (schema: string) => `"${schema}"`;

/**
 * Runs `fn` in a transaction holding a lock on `key`, with the id of the entry that is
 * queued, waiting for a retry or running for that key (if any), and a `db` that makes
 * pg-boss's `send` part of the same transaction.
 */
export async function withSingleton<T>(url: string, schema: string, key: string, fn: (existing: string | undefined, db: PgBoss.Db) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'redb-queue' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`redb-queue:${schema}:${key}`]);
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM ${ident(schema)}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' ORDER BY created_on LIMIT 1`,
      [QUEUE_NAME, key],
    );
    const db: PgBoss.Db = { executeSql: (text, values) => client.query(text, values) };
    const out = await fn(rows[0]?.id, db);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Renews a running entry's lease to `seconds` from now; false when this worker no longer holds it. */
export async function renewLease(boss: PgBoss, schema: string, id: string, seconds: number): Promise<boolean> {
  const { rows } = await boss.getDb().executeSql(
    `UPDATE ${ident(schema)}.job SET expire_in = (now() - started_on) + make_interval(secs => $3)
      WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
    [QUEUE_NAME, id, seconds],
  );
  return rows.length === 1;
}

/**
 * Puts a running entry back in the queue, to be handed out again in `seconds`, without
 * counting a retry (pg-boss counts one when it hands out an entry that had started).
 */
export async function giveBack(boss: PgBoss, schema: string, id: string, seconds: number): Promise<boolean> {
  const { rows } = await boss.getDb().executeSql(
    `UPDATE ${ident(schema)}.job SET state = 'created', started_on = NULL, start_after = now() + make_interval(secs => $3)
      WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
    [QUEUE_NAME, id, seconds],
  );
  return rows.length === 1;
}
