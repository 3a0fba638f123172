/**
 * `redb job list|status|pause|cancel|resume|run` by CLI on PostgreSQL: the state is read
 * from the target's job table; a job that never ran cannot be resumed or paused
 * (E_JOB_STATE, exit 64), a cancel marks it at once; a running state whose runner holds
 * no lock (a killed process) shows as interrupted with the way out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';
import { redb, redbOk, tempDir } from '../support/cli.js';

/** The one-line JSON values `redb job run|resume --json` prints: progress events, then the outcome or error. */
export function jsonLines(stdout: string): any[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

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
