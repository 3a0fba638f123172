/**
 * A PostgreSQL → PostgreSQL migration end to end through `redb job run`: `--json` progress
 * lines and the outcome, `job status` afterwards; `job pause` from another process and
 * Ctrl-C (SIGINT) pause between two batches with exit 0, a second Ctrl-C exits at once
 * (exit 1, the job interrupted); a `kill -9` mid-copy leaves the job interrupted (the runner's
 * session lock dies with it) and `job resume` finishes with exactly the source's rows.
 * Small batches (REDB_JOB_BATCH_ROWS) make the copy long enough to be stopped midway.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshPgDatabase, PG_URL, psql, skipNote } from '../support/live.js';
import { redb, redbOk, tempDir } from '../support/cli.js';

const ROWS = 20_000;
const BATCH = { REDB_JOB_BATCH_ROWS: '100' };
const BIN = new URL('../../bin/redb.js', import.meta.url).pathname;

function lines(stdout: string): any[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; sent: boolean };

/**
 * Starts `redb ARGS` and, once a progress line shows at least `after` rows of a table
 * copied (and fewer than its total), calls `act` with the process (which sends a
 * signal, or runs another command); resolves with its exit and output.
 */
function runUntil(ws: string, args: string[], after: number, act: NodeJS.Signals | ((child: ChildProcess) => void)): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { NODE_ENV: _n, ...env } = process.env;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, REDB_WORKSPACE: ws, NO_COLOR: '1', ...BATCH } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const l of parts) {
        const e = l ? JSON.parse(l) : {};
        if (!sent && e.phase === 'copy' && e.rows >= after && e.total !== undefined && e.rows < e.total) {
          sent = true;
          if (typeof act === 'string') child.kill(act);
          else act(child);
        }
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr, sent }));
  });
}

/** Polls `job status` until the runner's lock is gone (the server ends a dead client's session). */
async function settled(ws: string, job: string): Promise<any> {
  let status = redbOk(ws, ['job', 'status', job, '--json']).json;
  for (let i = 0; i < 50 && status.alive; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = redbOk(ws, ['job', 'status', job, '--json']).json;
  }
  return status;
}

async function count(url: string, table: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await c.end();
  }
}

describe.skipIf(!PG_URL)(skipNote('redb job run: a PostgreSQL migration by CLI', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir('redb-jobmig-');
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dst: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dst2: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    [src, dst, dst2] = await Promise.all([freshPgDatabase('redb_jm_src'), freshPgDatabase('redb_jm_dst'), freshPgDatabase('redb_jm_dst2')]);
    psql(src.url, `CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE posts (id bigint PRIMARY KEY, author_id int NOT NULL REFERENCES authors(id), title text, body text);
      INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 50) g;
      INSERT INTO posts SELECT g, 1 + g % 50, 'title ' || g, repeat('x', 50) FROM generate_series(1, ${ROWS}) g;`);
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['database', 'connect', 'src', src.url]);
    redbOk(ws, ['database', 'connect', 'dst', dst.url]);
    redbOk(ws, ['database', 'connect', 'dst2', dst2.url]);
    redbOk(ws, ['relationship', 'add', 'copy', '--type', 'migration', '--source', 'src', '--target', 'dst']);
    redbOk(ws, ['relationship', 'add', 'killed', '--type', 'migration', '--source', 'src', '--target', 'dst2']);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([src?.drop(), dst?.drop(), dst2?.drop()]);
  });

  it('job pause from another process pauses the running job; Ctrl-C pauses a resumed run (exit 0); a second Ctrl-C exits at once', async () => {
    let paused: ReturnType<typeof redb> | undefined;
    const first = await runUntil(ws, ['job', 'run', 'copy', '--json'], 500, () => {
      paused = redb(ws, ['job', 'pause', 'copy']);
    });
    expect(first.sent, `${first.stdout}\n${first.stderr}`).toBe(true);
    expect(paused?.code, paused?.stderr).toBe(0);
    // the runner may obey before the command reads the state back
    expect(paused?.stdout).toMatch(/^(Asked job copy to pause: it stops after its current batch|Job copy is paused)/);
    expect([first.code, lines(first.stdout).at(-1).status], first.stderr).toEqual([0, 'paused']);

    const stopped = await runUntil(ws, ['job', 'resume', 'copy', '--json'], 1000, 'SIGINT');
    expect(stopped.sent, `${stopped.stdout}\n${stopped.stderr}`).toBe(true);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('stops after the current batch');
    const out = lines(stopped.stdout);
    expect(out.at(-1)).toMatchObject({ job: 'copy', type: 'migration', status: 'paused' });
    expect(redbOk(ws, ['job', 'status', 'copy', '--json']).json).toMatchObject({ alive: false, state: { status: 'paused', phase: 'copy' } });

    // the second SIGINT once the first was seen: exit 1 at once, the job left interrupted
    const twice = await runUntil(ws, ['job', 'resume', 'copy', '--json'], 1500, (child) => {
      child.kill('SIGINT');
      const again = setInterval(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        else clearInterval(again);
      }, 5);
    });
    expect(twice.code, twice.stderr).toBe(1);
    expect(twice.stderr).toContain('SIGINT again: exiting now');
    // the first SIGINT may have paused the job at a batch boundary before the second arrived:
    // either way nobody runs it and the next test resumes it to the exact rows
    const after = await settled(ws, 'copy');
    expect(after.alive).toBe(false);
    expect(after.interrupted ? `interrupted ${after.state.status}` : after.state.status).toMatch(/^(interrupted running|paused)$/);
  }, 180_000);

  it('resume --json streams progress lines and ends done, verified; status and list say so', async () => {
    const r = redb(ws, ['job', 'resume', 'copy', '--json'], BATCH);
    expect(r.code, r.stderr).toBe(0);
    const all = lines(r.stdout);
    const outcome = all.at(-1);
    expect(outcome).toMatchObject({ job: 'copy', type: 'migration', status: 'done', state: { status: 'done' } });
    const events = all.slice(0, -1);
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(e).toMatchObject({ job: 'copy', phase: expect.any(String) });
    expect(events.some((e) => e.phase === 'copy' && e.table === 'public.posts' && e.total === ROWS)).toBe(true);
    expect(events.some((e) => e.phase === 'verify')).toBe(true);
    expect(await count(dst.url, 'posts')).toBe(ROWS);

    const status = redbOk(ws, ['job', 'status', 'copy', '--json']).json;
    expect(status.state.tables['public.posts']).toMatchObject({ rows: ROWS, total: ROWS, done: true, verified: { rows: true, checksum: true } });
    const text = redbOk(ws, ['job', 'status', 'copy']).stdout;
    expect(text).toContain('status   done');
    expect(text).toMatch(/public\.posts\s+20,000 \/ 20,000 rows {2}done {2}verified: rows ok, checksum ok/);
    expect(redbOk(ws, ['job', 'list']).stdout).toMatch(/copy\s+migration\s+src -> dst\s+done/);
  }, 120_000);

  it('kill -9 mid-copy: status shows interrupted, resume copies exactly the source rows', async () => {
    const killed = await runUntil(ws, ['job', 'run', 'killed', '--json'], 2000, 'SIGKILL');
    expect(killed.sent, `${killed.stdout}\n${killed.stderr}`).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    // the server ends the dead runner's session (and its lock) once it sees the socket closed
    const status = await settled(ws, 'killed');
    expect(status).toMatchObject({ interrupted: true, alive: false, state: { status: 'running', phase: 'copy' } });
    expect(redbOk(ws, ['job', 'status', 'killed']).stdout).toContain('interrupted (runner gone): resume with redb job resume killed');
    const copied = await count(dst2.url, 'posts');
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(ROWS);

    const r = redb(ws, ['job', 'resume', 'killed', '--json'], BATCH);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatchObject({ status: 'done' });
    expect(await count(dst2.url, 'posts')).toBe(ROWS);
    expect(await count(dst2.url, 'authors')).toBe(50);
    const done = redbOk(ws, ['job', 'status', 'killed', '--json']).json;
    expect(done.state.tables['public.posts'].verified).toEqual({ rows: true, checksum: true });
  }, 120_000);
});
