/**
 * Two `redb worker` processes on one machine share a queue on the PostgreSQL server.
 * One enqueued migration (a few thousand rows in tiny batches, so the copy takes
 * seconds): the worker that takes it is killed with SIGKILL mid-copy, its lease runs
 * out, pg-boss hands the job to the other worker, which resumes from the target's
 * checkpoints. The target ends with exactly the source's rows, state `done`, run by the
 * second worker. A worker stopped with SIGTERM mid-copy pauses the job at a checkpoint
 * and gives it back to the queue, and exits 0.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobStatus } from '../../src/core/jobs.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { freshPgDatabase, MYSQL_URL, PG_URL, skipNote } from '../support/live.js';
import { redb } from '../support/cli.js';
import { killWorkers, until, WorkerProcess } from '../support/workers.js';
import { migrationWorkspace } from './migrate-support.js';

const ROWS = 3000;
/** Tiny batches and a short lease: the copy lasts seconds, a dead worker's job waits about 3. */
const ENV = {
  REDB_JOB_BATCH_ROWS: '10',
  REDB_QUEUE_LEASE_SECONDS: '3',
  REDB_QUEUE_SWEEP_SECONDS: '1',
  REDB_QUEUE_POLL_SECONDS: '0.5',
  REDB_QUEUE_RETRY_DELAY_SECONDS: '0',
};

interface Db {
  url: string;
  drop: () => Promise<void>;
  count: (table: string) => Promise<{ rows: number; distinct: number }>;
}

async function pgDb(fill: boolean): Promise<Db> {
  const db = await freshPgDatabase('redb_qw');
  const q = async <T>(text: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(text)).rows as T[];
    } finally {
      await c.end();
    }
  };
  if (fill) {
    await q(`CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL);
      INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, ${ROWS}) i`);
  }
  return { ...db, count: async (t) => (await q<{ rows: number; distinct: number }>(`SELECT count(*)::int AS rows, count(DISTINCT id)::int AS distinct FROM ${t}`))[0] };
}

async function mariaDb(fill: boolean): Promise<Db> {
  const db = await freshMysqlDatabase('redb_qw');
  const q = async <T>(text: string) => {
    const c = await mysql.createConnection({ uri: db.url, multipleStatements: true });
    try {
      return (await c.query(text))[0] as T[];
    } finally {
      await c.end();
    }
  };
  if (fill) {
    await q(`CREATE TABLE items (id int PRIMARY KEY, label varchar(40) NOT NULL);
      SET SESSION max_recursive_iterations = 100000; INSERT INTO items WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${ROWS}) SELECT i, concat('item ', i) FROM s`);
  }
  return { ...db, count: async (t) => (await q<{ rows: number; distinct: number }>(`SELECT count(*) AS \`rows\`, count(DISTINCT id) AS \`distinct\` FROM ${t}`))[0] };
}

afterEach(killWorkers);

const pairs = [
  { name: 'PostgreSQL → PostgreSQL', tag: 'pg', make: pgDb, skip: undefined, graceful: true },
  // the job's lock on another engine (GET_LOCK): the kill only, the graceful stop does not depend on it
  { name: 'MariaDB → MariaDB', tag: 'my', make: mariaDb, skip: MYSQL_URL ? undefined : 'REDB_TEST_MYSQL_URL is not set', graceful: false },
];

describe.skipIf(!PG_URL)(skipNote('two worker processes on one queue', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  let queue: Awaited<ReturnType<typeof freshPgDatabase>>;
  beforeAll(async () => void (queue = await freshPgDatabase('redb_qw_queue')));
  afterAll(async () => queue?.drop());

  const entry = async (job: string) => {
    const c = new pg.Client({ connectionString: queue.url });
    await c.connect();
    try {
      return (await c.query(`SELECT id, state, retry_count FROM redb_queue.job WHERE name = 'redb-jobs' AND singleton_key = $1`, [job])).rows;
    } finally {
      await c.end();
    }
  };

  for (const pair of pairs) {
    describe.skipIf(pair.skip)(skipNote(pair.name, pair.skip), () => {
      it('a worker killed mid-copy leaves the job to the other, which finishes it exactly', { timeout: 120_000 }, async () => {
        const src = await pair.make(true);
        const dst = await pair.make(false);
        const workers: WorkerProcess[] = [];
        try {
          // one queue for every pair: each job a name of its own
          const job = `copy-${pair.tag}`;
          const ws = await migrationWorkspace({ src: src.url, dst: dst.url }, {}, job);
          ws.config.databases.jobs = { url: queue.url };
          await ws.save();

          // enqueued twice: one entry
          const first = redb(ws.dir, ['job', 'run', job, '--queue', 'jobs', '--json'], ENV);
          const again = redb(ws.dir, ['job', 'run', job, '--queue', 'jobs', '--json'], ENV);
          expect(first.code, first.stderr).toBe(0);
          expect(first.json).toMatchObject({ job, queued: true });
          expect(again.json).toMatchObject({ job, queued: false, id: first.json.id });
          expect(await entry(job)).toHaveLength(1);

          workers.push(new WorkerProcess(ws.dir, 'jobs', ENV), new WorkerProcess(ws.dir, 'jobs', ENV));
          const all = () => workers.map((w) => w.describe()).join('\n');
          const victim = await new Promise<WorkerProcess>((resolve, reject) => {
            const t = setInterval(() => {
              const w = workers.find((x) => x.copied(job) > 0);
              if (w) resolve(w), clearInterval(t);
              else if (workers.some((x) => x.kinds(job).includes('finished'))) reject(new Error(`the copy ended before it could be killed\n${all()}`)), clearInterval(t);
            }, 10);
          });
          victim.kill('SIGKILL');
          expect((await victim.exited).signal).toBe('SIGKILL');
          const survivor = workers.find((w) => w !== victim)!;
          await until('the other worker to finish the job', () => survivor.kinds(job).includes('finished') || survivor.kinds(job).includes('failed'), 90_000, all);

          expect(survivor.kinds(job), all()).toEqual(['started', 'finished']);
          expect(victim.copied(job)).toBeLessThan(ROWS);
          expect(await dst.count('items')).toEqual({ rows: ROWS, distinct: ROWS });
          const info = await jobStatus(ws, job);
          expect(info.state).toMatchObject({ status: 'done', runner: survivor.id });
          expect(survivor.id).toMatch(new RegExp(`:${survivor.pid}$`));
          expect(await entry(job)).toMatchObject([{ state: 'completed', retry_count: 1 }]);

          // SIGTERM: the idle worker stops cleanly
          survivor.kill('SIGTERM');
          expect(await survivor.exited).toEqual({ code: 0, signal: null });
          expect(survivor.events.at(-1)?.kind).toBe('stopped');
        } finally {
          for (const w of workers) w.kill('SIGKILL');
          await src.drop();
          await dst.drop();
        }
      });

      // one engine pair is enough for the graceful stop: it tests the worker, not the engines
      if (pair.graceful) it('a worker stopped by SIGTERM mid-copy pauses the job and gives it back; the next worker finishes it', { timeout: 120_000 }, async () => {
        const src = await pair.make(true);
        const dst = await pair.make(false);
        const workers: WorkerProcess[] = [];
        try {
          const job = `graceful-${pair.tag}`;
          const ws = await migrationWorkspace({ src: src.url, dst: dst.url }, {}, job);
          ws.config.databases.jobs = { url: queue.url };
          await ws.save();
          expect(redb(ws.dir, ['job', 'run', job, '--queue', 'jobs', '--json'], ENV).json).toMatchObject({ queued: true });

          const first = new WorkerProcess(ws.dir, 'jobs', ENV);
          workers.push(first);
          await until('the copy to start', () => first.copied(job) > 0, 60_000, () => first.describe());
          first.kill('SIGTERM');
          expect(await first.exited, first.describe()).toEqual({ code: 0, signal: null });
          expect(first.kinds(job)).toEqual(['started', 'released']);
          expect((await jobStatus(ws, job)).state?.status).toBe('paused');
          expect(await entry(job)).toMatchObject([{ state: 'created', retry_count: 0 }]);

          const next = new WorkerProcess(ws.dir, 'jobs', ENV);
          workers.push(next);
          await until('the next worker to finish the job', () => next.kinds(job).includes('finished') || next.kinds(job).includes('failed'), 90_000, () => next.describe());
          expect(next.kinds(job), next.describe()).toEqual(['started', 'finished']);
          expect(await dst.count('items')).toEqual({ rows: ROWS, distinct: ROWS });
          expect((await jobStatus(ws, job)).state).toMatchObject({ status: 'done', runner: next.id });
        } finally {
          for (const w of workers) w.kill('SIGKILL');
          await src.drop();
          await dst.drop();
        }
      });
    });
  }
});
