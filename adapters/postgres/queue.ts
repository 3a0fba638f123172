/**
 * The job queue on a PostgreSQL server: pg-boss 10, in a schema of an existing database
 * (no broker of redb's own). Loaded only when a queue is opened.
 *
 * pg-boss's own API is used to install, enqueue, take, complete and fail entries. Three
 * things it lacks are done with small statements on its job table (schema version 24 of
 * pg-boss 10.x; `package.json` pins the major version):
 * - one queued-or-running entry per key: `singletonKey` dedupes only within a time slot,
 *   or with policies that let a second entry in while one runs (`stately`, which then
 *   fails every fetch of that queue) or allow one queued entry per state;
 * - a lease renewed by a heartbeat: pg-boss expires an entry `expireIn` after it started,
 *   so a fixed expiry would hand a long migration to a second worker while the first one
 *   still runs, or leave a killed worker's entry waiting for hours;
 * - giving an entry back without spending a retry (the job is held elsewhere, or the
 *   worker stops);
 * - keeping an entry that ran for longer than pg-boss's retention (below).
 * Its `work()` loop is not used either: it fails an entry whose handler runs longer than
 * `expireIn`, whatever the handler does.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import { ConnectError, type QueueEntry, type QueueHandle, type QueueOpenOptions, type QueueSupport } from '../types.js';
import { parsePgUrl } from './url.js';

/** The one pg-boss queue redb uses; entries are told apart by their singleton key. */
const QUEUE = 'redb-jobs';

/** Errors of two processes creating the queue at the same moment: the later one tries again. */
const RACE = new Set(['40P01', '23505', '42P07']);

const quoted = (schema: string) => `"${schema.replace(/"/g, '""')}"`;

/**
 * How long an entry that waits (queued, or for a retry) is kept: pg-boss's default
 * retention. pg-boss sets `keep_until` once, when the entry is sent, and archives (drops
 * from the queue) a waiting entry past it, however long it ran before: a `follow` entry
 * that streamed for weeks would vanish the moment its worker stopped or died. Renewals
 * and give-backs keep it this long after the lease, as if freshly queued.
 */
const RETENTION = "interval '14 days'";
/** The SET of an entry back in (or still out of) the queue for `$3` seconds: kept RETENTION past that. */
const KEEP_WAITING = `keep_until = GREATEST(keep_until, now() + make_interval(secs => $3) + ${RETENTION})`;

export const postgresQueue: QueueSupport = { open: openQueue };

async function openQueue(url: string, opts: QueueOpenOptions): Promise<QueueHandle> {
  if (parsePgUrl(url).kind === 'pglite') {
    throw new ConnectError('an embedded PGlite database cannot hold a queue: workers on other machines could not reach it', 'put the queue on a PostgreSQL server: a postgres:// URL or a workspace database on one');
  }
  const boss = new PgBoss({
    connectionString: url,
    schema: opts.schema,
    application_name: 'redb-queue',
    max: 4,
    supervise: opts.sweep,
    schedule: false,
    maintenanceIntervalSeconds: opts.sweepSeconds,
  });
  // errors of pg-boss's background work: an EventEmitter with no listener would throw them and end the process
  boss.on('error', (err) => opts.onError?.(err));
  try {
    await boss.start();
    await ensureQueue(boss, opts);
  } catch (err) {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    throw err;
  }
  const table = `${quoted(opts.schema)}.job`;
  const db = boss.getDb();
  return {
    add: (key, follow, supersede) => addOnce(url, opts, table, key, follow, boss, supersede),
    async take(): Promise<QueueEntry | undefined> {
      const [job] = await boss.fetch<{ job?: unknown; follow?: unknown }>(QUEUE, { includeMetadata: true, batchSize: 1 });
      if (!job) return undefined;
      // an entry of a redb that did not know modes has no `follow`: it ran until caught up
      return { id: job.id, key: typeof job.data?.job === 'string' ? job.data.job : '', queuedAt: job.createdOn, retryCount: job.retryCount, follow: job.data?.follow === true };
    },
    async renew(id, seconds) {
      const { rows } = await db.executeSql(
        `UPDATE ${table} SET expire_in = (now() - started_on) + make_interval(secs => $3), ${KEEP_WAITING}
         WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
        [QUEUE, id, seconds],
      );
      return rows.length === 1;
    },
    complete: (id, output) => boss.complete(QUEUE, id, output),
    fail: (id, error) => boss.fail(QUEUE, id, error),
    async giveBack(id, seconds) {
      // started_on NULL: pg-boss counts a retry only when it hands out an entry that had started
      const { rows } = await db.executeSql(
        `UPDATE ${table} SET state = 'created', started_on = NULL, start_after = now() + make_interval(secs => $3), ${KEEP_WAITING}
         WHERE name = $1 AND id = $2 AND state = 'active' RETURNING id`,
        [QUEUE, id, seconds],
      );
      return rows.length === 1;
    },
    close: (graceful = true) => boss.stop({ graceful, wait: true, close: true, timeout: 10_000 }),
  };
}

async function ensureQueue(boss: PgBoss, opts: QueueOpenOptions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(QUEUE)) return;
      await boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard', retryLimit: opts.retryLimit, retryDelay: opts.retryDelaySeconds, expireInSeconds: opts.leaseSeconds });
      return;
    } catch (err) {
      if (attempt >= 5 || !RACE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/**
 * One entry per key: in a transaction holding an advisory lock on the key, the entry
 * already queued, retrying or running is returned with its mode, else pg-boss's `send`
 * adds one in the same transaction. The entry's data is the key and the mode alone
 * (`{ job, follow }`): no URL, no secret.
 */
async function addOnce(url: string, opts: QueueOpenOptions, table: string, key: string, follow: boolean, boss: PgBoss, supersede?: Date): Promise<{ id: string; added: boolean; follow: boolean }> {
  const client = new pg.Client({ connectionString: url, application_name: 'redb-queue' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`redb-queue:${opts.schema}:${key}`]);
    if (supersede) {
      // the job ended after this entry was queued: a worker would skip it, and the new request with it
      await client.query(
        `UPDATE ${table} SET state = 'cancelled', completed_on = now(), output = '{"status":"superseded"}'::jsonb
          WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry') AND created_on < $3`,
        [QUEUE, key, supersede],
      );
    }
    const { rows } = await client.query<{ id: string; follow: boolean }>(
      `SELECT id, coalesce(data->>'follow' = 'true', false) AS follow FROM ${table} WHERE name = $1 AND singleton_key = $2 AND state < 'completed' ORDER BY created_on LIMIT 1`,
      [QUEUE, key],
    );
    let out: { id: string; added: boolean; follow: boolean };
    if (rows[0]) {
      out = { id: rows[0].id, added: false, follow: rows[0].follow };
    } else {
      const id = await boss.send(QUEUE, { job: key, follow }, {
        singletonKey: key,
        retryLimit: opts.retryLimit,
        retryDelay: opts.retryDelaySeconds,
        expireInSeconds: opts.leaseSeconds,
        db: { executeSql: (text, values) => client.query(text, values) },
      });
      if (!id) throw new Error(`the queue did not take an entry for ${key}`);
      out = { id, added: true, follow };
    }
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}
