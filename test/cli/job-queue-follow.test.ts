/**
 * `redb job run NAME --follow --queue Q` by CLI, on PostgreSQL (the source with
 * wal_level=logical, the queue on the same server): a `redb worker` process keeps the
 * queued replication streaming, so a change made on the source after the snapshot
 * reaches the target while the job still runs; `redb job pause` ends it and the worker
 * completes the entry; a worker stopped by SIGTERM gives a following entry back. The same
 * job queued in the other mode meanwhile is refused (E_QUEUE_CONFLICT, exit 64).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';
import { redb, redbOk, tempDir } from '../support/cli.js';
import { killWorkers, until, WorkerProcess } from '../support/workers.js';

/** A short lease and quick polls: a test waits seconds, not minutes. */
const ENV = { REDB_QUEUE_LEASE_SECONDS: '3', REDB_QUEUE_SWEEP_SECONDS: '1', REDB_QUEUE_POLL_SECONDS: '0.5', REDB_QUEUE_RETRY_DELAY_SECONDS: '0' };

const scalar = (url: string, sql: string) => spawnSync('psql', ['-X', '-A', '-t', '-d', url, '-c', sql], { encoding: 'utf8' }).stdout.trim();

afterEach(killWorkers);

describe.skipIf(!PG_URL)(skipNote('redb job run --follow --queue: a worker keeps a replication streaming', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir('redb-jobqf-');
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dst: Awaited<ReturnType<typeof freshPgDatabase>>;
  let queue: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    [src, dst, queue] = await Promise.all([freshPgDatabase('redb_qf_src'), freshPgDatabase('redb_qf_dst'), freshPgDatabase('redb_qf_queue')]);
    psql(src.url, "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 50) g;");
    for (const args of [['init', ws], ['database', 'connect', 'src', src.url], ['database', 'connect', 'dst', dst.url], ['database', 'connect', 'jobs', queue.url],
      ['relationship', 'add', 'rep', '--type', 'replication', '--source', 'src', '--target', 'dst']]) redbOk(ws, args);
  }, 60_000);
  afterAll(async () => {
    // the slot and publication on the source: a database holding a slot cannot be dropped
    if (src) redb(ws, ['relationship', 'delete', 'rep']);
    await Promise.all([src?.drop(), dst?.drop(), queue?.drop()]);
  });

  const entries = () => scalar(queue.url, "SELECT string_agg(state || ':' || (data->>'follow'), ',' ORDER BY created_on) FROM redb_queue.job WHERE name = 'redb-jobs' AND singleton_key = 'rep'");
  const status = () => redbOk(ws, ['job', 'status', 'rep', '--json']).json.state as { status: string; phase?: string } | undefined;
  const enqueue = (...flags: string[]) => redb(ws, ['job', 'run', 'rep', '--queue', 'jobs', ...flags, '--json'], ENV);

  it('streams until paused; the other mode is refused meanwhile; a stopped worker gives the entry back', { timeout: 150_000 }, async () => {
    const queued = enqueue('--follow');
    expect(queued.code, queued.stdout + queued.stderr).toBe(0);
    expect(queued.json).toMatchObject({ job: 'rep', follow: true, queued: true });
    expect(enqueue('--follow').json).toMatchObject({ id: queued.json.id, follow: true, queued: false });
    const text = redb(ws, ['job', 'run', 'rep', '--queue', 'jobs', '--follow'], ENV);
    expect(text.stdout).toContain(`Queued job rep as ${queued.json.id} on database jobs`);
    expect(text.stdout).toContain('(it was already queued): a `redb worker --queue jobs` runs it, streaming until `redb job pause rep`');

    const worker = new WorkerProcess(ws, 'jobs', ENV);
    const events = () => worker.describe();
    await until('the replication to stream', () => status()?.phase === 'streaming', 60_000, events);

    // a change after the snapshot reaches the target while the job still runs
    psql(src.url, "INSERT INTO items VALUES (1001, 'after the snapshot'); UPDATE items SET name = 'changed' WHERE id = 7;");
    await until('the change to reach the target', () => scalar(dst.url, "SELECT name FROM items WHERE id = 1001") === 'after the snapshot', 30_000, events);
    expect(scalar(dst.url, 'SELECT name FROM items WHERE id = 7')).toBe('changed');
    expect(status()).toMatchObject({ status: 'running', phase: 'streaming' });
    // the worker's events arrive on its stdout, read between this test's polls: under load they can trail the job's state
    await until('the worker to report the start', () => worker.kinds('rep').length > 0, 30_000, events);
    expect(worker.kinds('rep'), events()).toEqual(['started']);
    expect(worker.events.find((e) => e.kind === 'started')?.message).toBe('following: streaming until paused or cancelled');
    expect(entries()).toBe('active:true');

    // queued in the other mode while the following entry runs: refused, the entry untouched
    const other = enqueue();
    expect([other.code, other.json?.error?.code], other.stdout + other.stderr).toEqual([64, 'E_QUEUE_CONFLICT']);
    expect(other.json.error.message).toMatch(new RegExp(`^job rep is already on the queue database jobs \\(postgres://[^)]+\\) as ${queued.json.id}, to run with --follow \\(streaming until paused or cancelled\\): it cannot be queued to run until caught up \\(without --follow\\) as well$`));
    expect(other.json.error.hint).toBe('stop it with redb job pause rep (while a worker runs it) or redb job cancel rep, and queue it again once its worker has ended the entry');
    expect(entries()).toBe('active:true');

    // a pause ends the stream: the worker completes the entry
    redbOk(ws, ['job', 'pause', 'rep']);
    await until('the worker to finish the entry', () => worker.kinds('rep').length > 1, 30_000, events);
    expect(worker.kinds('rep'), events()).toEqual(['started', 'finished']);
    expect(worker.events.find((e) => e.kind === 'finished')?.message).toBe('paused');
    expect(status()?.status).toBe('paused');
    expect(entries()).toBe('completed:true');

    // queued again, following: a worker stopped by SIGTERM pauses it and gives the entry back, no retry spent
    expect(enqueue('--follow').json).toMatchObject({ follow: true, queued: true });
    await until('the job to stream again', () => worker.kinds('rep').length > 2 && status()?.status === 'running' && status()?.phase === 'streaming', 60_000, events);
    worker.kill('SIGTERM');
    expect(await worker.exited, events()).toEqual({ code: 0, signal: null });
    expect(worker.kinds('rep')).toEqual(['started', 'finished', 'started', 'released']);
    expect(status()?.status).toBe('paused');
    expect(entries()).toBe('completed:true,created:true');
    expect(scalar(queue.url, "SELECT retry_count FROM redb_queue.job WHERE name = 'redb-jobs' AND singleton_key = 'rep' AND state = 'created'")).toBe('0');
  });
});
