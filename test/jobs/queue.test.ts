/**
 * The queue's mechanics with the real pg-boss on the real PostgreSQL server: one entry
 * per relationship, leases that a live worker renews and a dead one lets run out, a job
 * held elsewhere given back without spending a retry, a worker that stops cleanly. The
 * jobs here are run by a stand-in runner (`run`), so every outcome can be produced on
 * demand; queue-workers.test.ts runs real migrations in worker processes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/core/databases.js';
import { Workspace } from '../../src/core/workspace.js';
import { addRelationship } from '../../src/jobs/relationships.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { enqueueJob, queueSettings, runWorker, type JobRunFn, type WorkerEvent } from '../../src/jobs/queue/index.js';
import type { JobOutcome, RunJobOptions } from '../../src/jobs/types.js';
import { RedbError } from '../../src/errors.js';
import { freshPgDatabase, MYSQL_URL, PG_URL, skipNote } from '../support/live.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { withDatabase } from '../../src/core/databases.js';
import { jobStore, writeState } from '../../src/jobs/state.js';
import { tempDir } from '../support/cli.js';

const skip = PG_URL ? undefined : 'REDB_TEST_PG_URL is not set';
const FAST = { leaseSeconds: 2, retryDelaySeconds: 0, pollSeconds: 0.5, sweepSeconds: 1, retryLimit: 3 };

const outcome = (job: string, status: JobOutcome['status']): JobOutcome => ({ job, type: 'migration', status, state: { status, updatedAt: new Date().toISOString() } });

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skip)(skipNote('job queue (pg-boss on PostgreSQL)', skip), () => {
  let ws: Workspace;
  let queueDb: Awaited<ReturnType<typeof freshPgDatabase>>;
  let targetDb: Awaited<ReturnType<typeof freshPgDatabase>>;
  let sql: pg.Client;
  let n = 0;

  beforeAll(async () => {
    queueDb = await freshPgDatabase('redb_queue');
    targetDb = await freshPgDatabase('redb_queue_target');
    ws = await Workspace.init(tempDir('redb-queue-'));
    await connectDatabase(ws, 'src', queueDb.url, { verify: false });
    await connectDatabase(ws, 'dst', targetDb.url, { verify: false });
    sql = new pg.Client({ connectionString: queueDb.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await queueDb?.drop();
    await targetDb?.drop();
  });

  /** A relationship of its own per test, so entries of one test never meet another's. */
  async function relationship(type: 'migration' | 'replication' = 'migration'): Promise<string> {
    const name = `job${++n}`;
    await addRelationship(ws, { name, type, source: 'src', target: 'dst' });
    return name;
  }
  const entries = async (job: string) =>
    (await sql.query(`SELECT id, state, retry_count, start_after > now() AS later, output, data FROM redb_queue.job WHERE name = 'redb-jobs' AND singleton_key = $1 ORDER BY created_on`, [job])).rows;

  /** A worker in this process; `stop()` aborts it and waits until it has stopped. */
  function worker(run: JobRunFn, workerId: string) {
    const ctl = new AbortController();
    const events: WorkerEvent[] = [];
    const done = runWorker(ws, 'src', { ...FAST, signal: ctl.signal, workerId, run, onEvent: (e) => { if (process.env.QDEBUG) console.log(JSON.stringify(e)); events.push(e); } });
    return { events, done, stop: async () => (ctl.abort(), done) };
  }

  it('queues one entry per relationship, however often it is enqueued', async () => {
    const job = await relationship();
    const first = await enqueueJob(ws, job, 'src', FAST);
    const second = await enqueueJob(ws, job, queueDb.url, FAST);
    expect(first).toMatchObject({ job, queued: true });
    expect(second).toEqual({ ...first, queued: false, queue: expect.stringContaining('127.0.0.1') });
    expect(await entries(job)).toHaveLength(1);
    // the entry names the job and its mode and nothing else: no URL, no secret
    const { rows } = await sql.query(`SELECT data FROM redb_queue.job WHERE id = $1`, [first.id]);
    expect(rows[0].data).toEqual({ job, follow: false });
    await sql.query(`DELETE FROM redb_queue.job WHERE singleton_key = $1`, [job]);

    // enqueued from several processes at the same moment: still one
    const racing = await relationship();
    const all = await Promise.all([1, 2, 3, 4].map(() => enqueueJob(ws, racing, 'src', FAST)));
    expect(all.filter((e) => e.queued)).toHaveLength(1);
    expect(new Set(all.map((e) => e.id)).size).toBe(1);
    expect(await entries(racing)).toHaveLength(1);
    await sql.query(`DELETE FROM redb_queue.job WHERE singleton_key = $1`, [racing]);
  });

  it('keeps the mode of an entry: the same mode again is that entry, the other one is refused (E_QUEUE_CONFLICT)', async () => {
    const rep = await relationship('replication');
    const follow = await enqueueJob(ws, rep, 'src', { ...FAST, follow: true });
    expect(follow).toMatchObject({ job: rep, follow: true, queued: true });
    expect(await enqueueJob(ws, rep, 'src', { ...FAST, follow: true })).toEqual({ ...follow, queued: false });
    expect((await entries(rep))[0].data).toEqual({ job: rep, follow: true });
    const conflict = await enqueueJob(ws, rep, 'src', FAST).then(() => undefined, (e: RedbError) => e);
    expect(conflict).toMatchObject({ code: 'E_QUEUE_CONFLICT', exitCode: 64 });
    expect(conflict!.message).toBe(`job ${rep} is already on the queue database src (${ws.displayUrl('src')}) as ${follow.id}, to run with --follow (streaming until paused or cancelled): it cannot be queued to run until caught up (without --follow) as well`);
    expect(conflict!.hint).toBe(`stop it with redb job pause ${rep} (while a worker runs it) or redb job cancel ${rep}, and queue it again once its worker has ended the entry`);
    expect(await entries(rep)).toHaveLength(1);

    // the other way round: a queued catch-up, then --follow
    const other = await relationship('replication');
    await enqueueJob(ws, other, 'src', FAST);
    await expect(enqueueJob(ws, other, 'src', { ...FAST, follow: true })).rejects.toMatchObject({
      code: 'E_QUEUE_CONFLICT',
      message: expect.stringContaining('to run until caught up (without --follow): it cannot be queued to run with --follow'),
      hint: `wait until that entry has run (redb job status ${other}), or cancel the job (redb job cancel ${other}), then queue it again`,
    });

    // a migration runs to its end in either mode: one mode, no conflict
    const mig = await relationship();
    const first = await enqueueJob(ws, mig, 'src', { ...FAST, follow: true });
    expect(first).toMatchObject({ follow: false, queued: true });
    expect(await enqueueJob(ws, mig, 'src', FAST)).toMatchObject({ id: first.id, queued: false });
    await sql.query(`DELETE FROM redb_queue.job WHERE singleton_key = ANY($1)`, [[rep, other, mig]]);
  });

  it('runs a --follow entry with follow, a catch-up entry without; an entry of an older redb (no mode) runs until caught up', async () => {
    const following = await relationship('replication');
    const catchUp = await relationship('replication');
    const old = await relationship('replication');
    await enqueueJob(ws, following, 'src', { ...FAST, follow: true });
    await enqueueJob(ws, catchUp, 'src', FAST);
    const { id } = await enqueueJob(ws, old, 'src', FAST);
    await sql.query(`UPDATE redb_queue.job SET data = jsonb_build_object('job', $2::text) WHERE id = $1`, [id, old]);
    const modes: Record<string, boolean | undefined> = {};
    const w = worker(async (_ws, name, opts) => ((modes[name] = opts.follow), outcome(name, 'paused')), 'w-modes');
    try {
      await until('the three entries to complete', async () => (await Promise.all([following, catchUp, old].map(entries))).every(([e]) => e?.state === 'completed'));
    } finally {
      await w.stop();
    }
    expect(modes).toEqual({ [following]: true, [catchUp]: false, [old]: false });
    expect(w.events.find((e) => e.job === following && e.kind === 'started')?.message).toBe('following: streaming until paused or cancelled');
  });

  it('refuses an unknown relationship, a queue that is not PostgreSQL, and bad settings', async () => {
    await expect(enqueueJob(ws, 'nope', 'src')).rejects.toMatchObject({ code: 'E_NO_RELATIONSHIP' });
    const job = await relationship();
    await expect(enqueueJob(ws, job, 'mysql://root:hunter2@127.0.0.1:3306/test')).rejects.toSatisfy(
      (e: RedbError) => e.code === 'E_QUEUE_URL' && e.exitCode === 64 && !e.message.includes('hunter2'),
    );
    await expect(enqueueJob(ws, job, 'pglite://memory')).rejects.toMatchObject({ code: 'E_QUEUE_URL', message: expect.stringContaining('cannot hold a queue') });
    await expect(enqueueJob(ws, job, 'nodb')).rejects.toMatchObject({ code: 'E_NO_DATABASE' });
    // a queue that cannot be opened: unavailable (69), its password never shown
    const missing = new URL(queueDb.url);
    missing.password = 's3cret-pw';
    missing.pathname = '/redb_queue_missing_db';
    await expect(enqueueJob(ws, job, missing.toString())).rejects.toSatisfy(
      (e: RedbError) => e.code === 'E_CONNECT' && e.exitCode === 69 && e.message.includes('redb_queue_missing_db') && !e.message.includes('s3cret-pw'),
    );
    expect(() => queueSettings({}, { REDB_QUEUE_LEASE_SECONDS: 'soon' })).toThrow(/REDB_QUEUE_LEASE_SECONDS must be a whole number/);
    expect(queueSettings({ retryLimit: 0 }, { REDB_QUEUE_LEASE_SECONDS: '90' })).toMatchObject({ leaseSeconds: 90, retryLimit: 0, schema: 'redb_queue' });
  });

  it('runs a job with the worker as its runner and completes its entry; a failed job is retried', async () => {
    const job = await relationship();
    const calls: RunJobOptions[] = [];
    const w = worker(async (_ws, name, opts) => {
      calls.push(opts);
      opts.onProgress?.({ job: name, phase: 'copy', rows: 1 });
      return outcome(name, calls.length === 1 ? 'failed' : 'done');
    }, 'w-one');
    try {
      await enqueueJob(ws, job, 'src', FAST);
      await until('the job to finish', async () => (await entries(job))[0]?.state === 'completed');
    } finally {
      await w.stop();
    }
    expect(calls.map((c) => c.runner)).toEqual(['w-one', 'w-one']);
    const [entry] = await entries(job);
    expect(entry).toMatchObject({ retry_count: 1, output: { status: 'done' } });
    expect(w.events.filter((e) => e.job === job).map((e) => e.kind)).toEqual(['started', 'progress', 'failed', 'started', 'progress', 'finished']);
    expect(w.events.at(-1)?.kind).toBe('stopped');
  });

  it('retries a job that throws up to the limit, then leaves it failed; a job that refuses its state is not retried', async () => {
    const broken = await relationship();
    const done = await relationship();
    const runs: Record<string, number> = {};
    const w = worker(async (_ws, name) => {
      runs[name] = (runs[name] ?? 0) + 1;
      if (name === done) throw new RedbError('E_JOB_STATE', `job ${name} is done: its target holds a verified copy`, undefined, 64);
      throw new RedbError('E_DATA_WRITE', `cannot write table ${name}.items`);
    }, 'w-six');
    try {
      await enqueueJob(ws, broken, 'src', { ...FAST, retryLimit: 1 });
      await enqueueJob(ws, done, 'src', FAST);
      await until('both entries to end', async () => (await entries(broken))[0]?.state === 'failed' && (await entries(done))[0]?.state === 'completed');
    } finally {
      await w.stop();
    }
    expect(runs).toEqual({ [broken]: 2, [done]: 1 });
    expect(await entries(broken)).toMatchObject([{ retry_count: 1, output: { code: 'E_DATA_WRITE' } }]);
    expect(await entries(done)).toMatchObject([{ output: { status: 'refused', error: { code: 'E_JOB_STATE' } } }]);
    expect(w.events.filter((e) => e.job === done).map((e) => e.kind)).toEqual(['started', 'skipped']);
  });

  it('gives a job another runner holds back to the queue without spending a retry', async () => {
    const job = await relationship();
    let tries = 0;
    const w = worker(async (_ws, name) => {
      if (++tries < 3) throw new RedbError('E_JOB_RUNNING', `job ${name} is running on elsewhere:1: one runner at a time`);
      return outcome(name, 'done');
    }, 'w-two');
    try {
      await enqueueJob(ws, job, 'src', FAST);
      await until('the job to finish', async () => (await entries(job))[0]?.state === 'completed');
    } finally {
      await w.stop();
    }
    expect(tries).toBe(3);
    expect((await entries(job))[0].retry_count).toBe(0);
    expect(w.events.filter((e) => e.job === job).map((e) => e.kind)).toEqual(['started', 'waiting', 'started', 'waiting', 'started', 'finished']);
  });

  it('keeps a long job by renewing its lease, and another worker takes over a lease a dead worker let run out', async () => {
    const job = await relationship();
    // a "dead worker": takes the entry and never renews its lease nor reports back
    const dead = await postgresAdapter.queue!.open(queueDb.url, { ...queueSettings(FAST), sweep: false });
    const { id } = await enqueueJob(ws, job, 'src', FAST);
    expect((await dead.take())?.id).toBe(id);
    await dead.close(false);

    // the live worker's run lasts three leases: its heartbeat must keep the entry
    const w = worker(async (_ws, name) => {
      await new Promise((r) => setTimeout(r, FAST.leaseSeconds * 3 * 1000));
      return outcome(name, 'done');
    }, 'w-three');
    try {
      await until('the job to finish', async () => (await entries(job))[0]?.state === 'completed', 30_000);
    } finally {
      await w.stop();
    }
    const mine = w.events.filter((e) => e.job === job).map((e) => e.kind);
    expect(mine).toEqual(['started', 'finished']);
    expect((await entries(job))[0].retry_count).toBe(1);
  });

  it.skipIf(!MYSQL_URL)('runs a job queued again after it was cancelled while its first entry waited', async () => {
    const target = await freshMysqlDatabase('redb_queue_requeue');
    try {
      await connectDatabase(ws, 'requeue-dst', target.url, { verify: false });
      const job = `job${++n}`;
      await addRelationship(ws, { name: job, type: 'migration', source: 'src', target: 'requeue-dst' });
      const first = await enqueueJob(ws, job, 'src', FAST);
      // \`redb job cancel\` while the entry waits, then \`redb job run --queue\` again: the new request must run
      await withDatabase(ws, 'requeue-dst', async (db) => {
        const store = jobStore(db.conn, db.adapter, 'target');
        await store.ensure();
        await writeState(store, job, { status: 'cancelled', updatedAt: '' });
      });
      const second = await enqueueJob(ws, job, 'src', FAST);
      expect(second).toMatchObject({ job, queued: true });
      expect(second.id).not.toBe(first.id);
      expect(await enqueueJob(ws, job, 'src', FAST)).toMatchObject({ id: second.id, queued: false });
      expect(await entries(job)).toMatchObject([{ id: first.id, state: 'cancelled', output: { status: 'superseded' } }, { id: second.id, state: 'created' }]);
      let runs = 0;
      const w = worker(async (_ws, name) => (runs++, outcome(name, 'done')), 'w-requeue');
      try {
        await until('the new entry to complete', async () => (await entries(job))[1]?.state === 'completed');
      } finally {
        await w.stop();
      }
      expect(runs).toBe(1);
      expect(w.events.filter((e) => e.job === job).map((e) => e.kind)).toEqual(['started', 'finished']);
    } finally {
      await target.drop();
    }
  });

  it.skipIf(!MYSQL_URL)('completes without running an entry whose job ended on its target after it was queued', async () => {
    const target = await freshMysqlDatabase('redb_queue_ended');
    try {
      await connectDatabase(ws, 'ended-dst', target.url, { verify: false });
      const job = `job${++n}`;
      await addRelationship(ws, { name: job, type: 'migration', source: 'src', target: 'ended-dst' });
      const { id } = await enqueueJob(ws, job, 'src', FAST);
      // e.g. its worker finished the job and died before reporting, or `redb job cancel` while it was queued
      await withDatabase(ws, 'ended-dst', async (db) => {
        const store = jobStore(db.conn, db.adapter, 'target');
        await store.ensure();
        await writeState(store, job, { status: 'cancelled', updatedAt: '' });
      });
      let runs = 0;
      const w = worker(async (_ws, name) => (runs++, outcome(name, 'done')), 'w-five');
      try {
        await until('the entry to complete', async () => (await entries(job))[0]?.state === 'completed');
      } finally {
        await w.stop();
      }
      expect(runs).toBe(0);
      expect(w.events.filter((e) => e.job === job).map((e) => e.kind)).toEqual(['skipped']);
      expect(await entries(job)).toMatchObject([{ id, output: { status: 'already-ended' } }]);
    } finally {
      await target.drop();
    }
  });

  it('pauses a job whose lease is lost (the entry handed back by the queue) and leaves the entry to the queue', async () => {
    const job = await relationship();
    const signals: AbortSignal[] = [];
    const w = worker(async (_ws, name, opts) => {
      signals.push(opts.signal!);
      await new Promise<void>((r) => opts.signal?.addEventListener('abort', () => r(), { once: true }));
      return outcome(name, 'paused');
    }, 'w-six');
    try {
      await enqueueJob(ws, job, 'src', FAST);
      await until('the job to start', () => w.events.some((e) => e.job === job && e.kind === 'started'));
      // what a sweep does to a lease it thinks ran out: the entry is no longer this worker's
      await sql.query(`UPDATE redb_queue.job SET state = 'created', start_after = now() + interval '1 hour' WHERE name = 'redb-jobs' AND singleton_key = $1`, [job]);
      await until('the job to be released', () => w.events.some((e) => e.job === job && e.kind === 'released'), 10_000);
    } finally {
      await w.stop();
    }
    expect(signals[0]?.aborted).toBe(true);
    expect(w.events.filter((e) => e.job === job).map((e) => e.kind)).toEqual(['started', 'lease-lost', 'released']);
    expect(await entries(job)).toMatchObject([{ state: 'created', retry_count: 0 }]);
  });

  it('keeps an entry that ran for longer than pg-boss retains a waiting one, when it goes back to the queue', async () => {
    const job = await relationship('replication');
    const w = worker(async (_ws, name, opts) => {
      await new Promise<void>((r) => opts.signal?.addEventListener('abort', () => r(), { once: true }));
      return outcome(name, 'paused');
    }, 'w-seven');
    // another process's sweeps: pg-boss archives a waiting entry past its keep_until
    const sweeper = await postgresAdapter.queue!.open(queueDb.url, { ...queueSettings(FAST), sweep: true });
    try {
      await enqueueJob(ws, job, 'src', { ...FAST, follow: true });
      await until('the job to start', () => w.events.some((e) => e.job === job && e.kind === 'started'));
      // what 14 days of streaming leave: pg-boss set keep_until when the entry was sent, and never moves it
      await sql.query(`UPDATE redb_queue.job SET keep_until = now() - interval '1 minute' WHERE name = 'redb-jobs' AND singleton_key = $1`, [job]);
      const keptFor = async () => (await sql.query(`SELECT extract(epoch FROM keep_until - now())::int AS s FROM redb_queue.job WHERE name = 'redb-jobs' AND singleton_key = $1`, [job])).rows[0]?.s as number | undefined;
      await until('a renewal to keep the entry', async () => ((await keptFor()) ?? 0) > 13 * 86400, 10_000);
      await w.stop();
      expect(await entries(job)).toMatchObject([{ state: 'created', retry_count: 0 }]);
      // two sweeps later it is still queued, still kept for as long as a new entry
      await new Promise((r) => setTimeout(r, (FAST.sweepSeconds * 2 + 1) * 1000));
      expect(await entries(job)).toMatchObject([{ state: 'created', data: { job, follow: true } }]);
      expect(await keptFor()).toBeGreaterThan(13 * 86400);
    } finally {
      await w.stop();
      await sweeper.close(false);
      // left queued, it would be the next test's worker's first entry
      await sql.query(`DELETE FROM redb_queue.job WHERE singleton_key = $1`, [job]);
    }
  });

  it('stops on abort: no more fetching, the running job pauses and goes back to the queue', async () => {
    const job = await relationship();
    let seen: AbortSignal | undefined;
    const w = worker(async (_ws, name, opts) => {
      seen = opts.signal;
      await new Promise<void>((r) => opts.signal?.addEventListener('abort', () => r(), { once: true }));
      return outcome(name, 'paused');
    }, 'w-four');
    await enqueueJob(ws, job, 'src', FAST);
    await until('the job to start', () => w.events.some((e) => e.job === job && e.kind === 'started'));
    await w.stop();
    expect(seen?.aborted).toBe(true);
    expect(w.events.filter((e) => e.job === job || !e.job).map((e) => e.kind)).toEqual(['ready', 'started', 'stopping', 'released', 'stopped']);
    expect(await entries(job)).toMatchObject([{ state: 'created', retry_count: 0, later: false }]);
  });
});
