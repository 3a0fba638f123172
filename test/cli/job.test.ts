/**
 * `redb job list|status|pause|cancel|resume|run` by CLI on PostgreSQL: the state is read
 * from the target's job table; a job that never ran cannot be resumed or paused
 * (E_JOB_STATE, exit 64), a cancel marks it at once; a running state whose runner holds
 * no lock (a killed process) shows as interrupted with the way out.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { jobLockKey } from '../../src/jobs/state.js';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';
import { redb, redbOk, tempDir } from '../support/cli.js';

/** The one-line JSON values `redb job run|resume --json` prints: progress events, then the outcome or error. */
export function jsonLines(stdout: string): any[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const scalar = (url: string, sql: string) => spawnSync('psql', ['-X', '-A', '-t', '-d', url, '-c', sql], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(!PG_URL)(skipNote('redb job by CLI on PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir('redb-job-');
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dst: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    src = await freshPgDatabase('redb_job_src');
    dst = await freshPgDatabase('redb_job_dst');
    psql(src.url, 'CREATE TABLE items (id int PRIMARY KEY, name text)');
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['database', 'connect', 'src', src.url]);
    redbOk(ws, ['database', 'connect', 'dst', dst.url]);
    redbOk(ws, ['relationship', 'add', 'copy', '--type', 'migration', '--source', 'src', '--target', 'dst']);
  });
  afterAll(async () => {
    await src?.drop();
    await dst?.drop();
  });

  it('a job that never ran: listed without state, status says how to start it, resume and pause are refused', () => {
    expect(redbOk(ws, ['job', 'list', '--json']).json).toEqual([{ name: 'copy', type: 'migration', source: 'src', target: 'dst' }]);
    expect(redbOk(ws, ['job', 'list']).stdout).toContain('copy  migration    src -> dst  never ran');
    expect(redbOk(ws, ['job', 'status', 'copy', '--json']).json).toEqual({ name: 'copy', type: 'migration', source: 'src', target: 'dst' });
    expect(redbOk(ws, ['job', 'status', 'copy']).stdout).toContain('never ran: start it with redb job run copy');
    for (const verb of ['resume', 'pause']) {
      const r = redb(ws, ['job', verb, 'copy', '--json']);
      expect([r.code, r.json?.error.code], `${verb}\n${r.stdout}${r.stderr}`).toEqual([64, 'E_JOB_STATE']);
      expect(r.json.error.hint).toContain('redb job run copy');
    }
    // resume --json streams lines: its error is one line too
    expect(redb(ws, ['job', 'resume', 'copy', '--json']).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a running state whose runner is gone is interrupted: status shows the way out, pause is refused, cancel marks it', () => {
    // a cancel of a job nobody runs is at once (and creates the job table)
    expect(redbOk(ws, ['job', 'cancel', 'copy', '--json']).json.state.status).toBe('cancelled');
    // what a runner killed mid-copy leaves: its state says running, and no session holds its lock
    psql(dst.url, `INSERT INTO redb.redb_jobs (job, scope, value, updated_at) VALUES ('copy', 'state', '{"status":"running","phase":"copy","runner":"gone-host:1","updatedAt":"2026-01-01T00:00:00.000Z","tables":{"public.items":{"rows":5,"total":10}}}', now())
                   ON CONFLICT (job, scope) DO UPDATE SET value = excluded.value`);
    const status = redbOk(ws, ['job', 'status', 'copy', '--json']).json;
    expect(status).toMatchObject({ name: 'copy', alive: false, interrupted: true, state: { status: 'running', runner: 'gone-host:1', tables: { 'public.items': { rows: 5, total: 10 } } } });
    const text = redbOk(ws, ['job', 'status', 'copy']).stdout;
    expect(text).toContain('status   interrupted (runner gone): resume with redb job resume copy');
    expect(text).toContain('public.items  5 / 10 rows');
    expect(redbOk(ws, ['job', 'list']).stdout).toContain('copy  migration    src -> dst  interrupted  (copy, 5 / 10 rows in 1 table)');
    const pause = redb(ws, ['job', 'pause', 'copy', '--json']);
    expect([pause.code, pause.json.error.code]).toEqual([64, 'E_JOB_STATE']);
    expect(pause.json.error.hint).toBe('resume it with: redb job resume copy');
    const cancel = redbOk(ws, ['job', 'cancel', 'copy', '--json']).json;
    expect(cancel.state.status).toBe('cancelled');
    expect(cancel.interrupted).toBeUndefined();
    const again = redb(ws, ['job', 'resume', 'copy', '--json']);
    expect([again.code, again.json.error.code]).toEqual([64, 'E_JOB_STATE']);
    expect(again.json.error.message).toBe('job copy is cancelled: there is nothing to resume');
  });

  it('a cancel while a runner holds the lock (starting, its state not yet running) is a request: its checkpoints stay', async () => {
    redbOk(ws, ['job', 'cancel', 'copy']); // creates the job table
    psql(dst.url, `INSERT INTO redb.redb_jobs (job, scope, value, updated_at) VALUES ('copy', 'state', '{"status":"paused","phase":"copy","updatedAt":"2026-01-01T00:00:00.000Z"}', now()), ('copy', 'copy:public.items', '{"rows":5}', now())
                   ON CONFLICT (job, scope) DO UPDATE SET value = excluded.value`);
    // another session holds the job's lock, as a runner does from before it writes its state
    const runner = await postgresAdapter.connect(dst.url);
    try {
      expect(await postgresAdapter.deploy!.tryLock(runner, jobLockKey('copy'))).toBe(true);
      const cancel = redbOk(ws, ['job', 'cancel', 'copy', '--json']).json;
      expect(cancel.state).toMatchObject({ status: 'paused', request: 'cancel' });
      expect(scalar(dst.url, "SELECT count(*) FROM redb.redb_jobs WHERE job = 'copy' AND scope = 'copy:public.items'")).toBe('1');
      // the runner gone, the cancel is at once and forgets the checkpoints
      await runner.close();
      expect(redbOk(ws, ['job', 'cancel', 'copy', '--json']).json.state.status).toBe('cancelled');
      expect(scalar(dst.url, "SELECT count(*) FROM redb.redb_jobs WHERE job = 'copy' AND scope <> 'state'")).toBe('0');
    } finally {
      await runner.close().catch(() => undefined);
    }
  });

  it('relationship delete forgets the job on the target', () => {
    redbOk(ws, ['relationship', 'add', 'tmp', '--type', 'migration', '--source', 'src', '--target', 'dst']);
    redbOk(ws, ['job', 'cancel', 'tmp']);
    expect(redbOk(ws, ['job', 'status', 'tmp', '--json']).json.state.status).toBe('cancelled');
    redbOk(ws, ['relationship', 'delete', 'tmp']);
    redbOk(ws, ['relationship', 'add', 'tmp', '--type', 'migration', '--source', 'src', '--target', 'dst']);
    expect(redbOk(ws, ['job', 'status', 'tmp', '--json']).json.state).toBeUndefined();
    redbOk(ws, ['relationship', 'delete', 'tmp']);
  });
});

describe.skipIf(!PG_URL)(skipNote('redb job on a PostgreSQL replication', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir('redb-jobrep-');
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dst: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    [src, dst] = await Promise.all([freshPgDatabase('redb_jr_src'), freshPgDatabase('redb_jr_dst')]);
    psql(src.url, "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, 100) g;");
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['database', 'connect', 'src', src.url]);
    redbOk(ws, ['database', 'connect', 'dst', dst.url]);
    redbOk(ws, ['relationship', 'add', 'rep', '--type', 'replication', '--source', 'src', '--target', 'dst']);
  }, 60_000);
  afterAll(async () => {
    await dst?.drop();
    await src?.drop();
  });

  const artifacts = () => {
    const out = spawnSync('psql', ['-X', '-A', '-t', '-d', src.url, '-c', "SELECT (SELECT count(*) FROM pg_replication_slots WHERE database = current_database()) || ',' || (SELECT count(*) FROM pg_publication)"], { encoding: 'utf8' });
    return out.stdout.trim();
  };

  it('a run until caught up; status shows the stream; relationship delete drops the slot and the publication', () => {
    const r = redb(ws, ['job', 'run', 'rep', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const all = jsonLines(r.stdout);
    expect(all.at(-1)).toMatchObject({ job: 'rep', type: 'replication', state: { tables: { 'public.items': { rows: 100 } } } });
    expect(all.slice(0, -1).every((e) => e.job === 'rep' && typeof e.phase === 'string')).toBe(true);
    expect(artifacts()).toBe('1,1');
    const status = redbOk(ws, ['job', 'status', 'rep', '--json']).json;
    expect(status.state.replication).toMatchObject({ appliedLsn: expect.any(String) });
    expect(redbOk(ws, ['job', 'status', 'rep']).stdout).toMatch(/\nreplication {2}.*at \d+\/[0-9A-F]+/);
    const del = redbOk(ws, ['relationship', 'delete', 'rep', '--json']).json;
    expect(del.artifactsLeft).toBeUndefined();
    expect(artifacts()).toBe('0,0');
  }, 120_000);
});
