/**
 * Replication PostgreSQL → PostgreSQL against the live server (docs/jobs.md, "Replication"):
 * snapshot then stream, exact contents after inserts, updates (a key change), deletes,
 * NULLs, unicode and bytea; a kill -9 of the runner mid-stream and a restart; a schema
 * change deployed on the branch; tables without a primary key; the source's artifacts.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { attachBranch, createBranch } from '../../src/core/branches.js';
import { commitBranch } from '../../src/core/commit.js';
import { deploy } from '../../src/core/deploy.js';
import { forgetJob, jobStatus, requestJob, runJob } from '../../src/core/jobs.js';
import { Workspace } from '../../src/core/workspace.js';
import { RedbError } from '../../src/errors.js';
import { addRelationship, deleteRelationship, getRelationship } from '../../src/jobs/relationships.js';
import { applyToReplicas, dropReplicationArtifacts } from '../../src/jobs/replicate/index.js';
import { freshPgDatabase, PG_URL, skipNote, pgQuery } from '../support/live.js';
import { redbOk, tempDir, PROJECT_DIR } from '../support/cli.js';

type Db = Awaited<ReturnType<typeof freshPgDatabase>>;
const capture = postgresAdapter.changes!;

const sql = pgQuery;

/** Every row of a table, in key order, as text (bytea in hex): equal contents compare equal. */
async function contents(url: string, table: string): Promise<string[]> {
  const r = await sql(url, `SELECT t::text AS row FROM ${table} t ORDER BY 1`);
  return r.rows.map((x) => x.row as string);
}

async function targetLsn(url: string, job: string): Promise<string | undefined> {
  const r = await sql(url, `SELECT value FROM redb.redb_jobs WHERE job = $1 AND scope = 'lsn'`, [job]);
  return r.rows[0] ? (JSON.parse(r.rows[0].value) as { lsn: string }).lsn : undefined;
}

async function artifactsOf(url: string, job: string) {
  const conn = await postgresAdapter.connect(url);
  try {
    return await capture.artifactNames(conn, job);
  } finally {
    await conn.close();
  }
}

async function confirmed(url: string, job: string): Promise<string | undefined> {
  const conn = await postgresAdapter.connect(url);
  try {
    return await capture.confirmedPosition(conn, await capture.artifactNames(conn, job));
  } finally {
    await conn.close();
  }
}

describe.skipIf(!PG_URL)(skipNote('replication PostgreSQL → PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  let src: Db;
  let tgt: Db;
  let dev: Db;
  let tgt2: Db;
  let tgt3: Db;
  let dir: string;
  let ws: Workspace;
  const jobs: string[] = [];
  const job = (name: string) => {
    const n = `${name}-${process.pid}`;
    jobs.push(n);
    return n;
  };

  beforeAll(async () => {
    [src, tgt, dev, tgt2, tgt3] = await Promise.all(['redb_rsrc', 'redb_rtgt', 'redb_rdev', 'redb_rtgt', 'redb_rtgt'].map((p) => freshPgDatabase(p)));
    dir = join(tempDir('redb-repl-'), 'ws');
    redbOk(dir, ['init', dir]);
    redbOk(dir, ['repo', 'add', 'app']);
    redbOk(dir, ['database', 'connect', 'src', src.url]);
    redbOk(dir, ['database', 'connect', 'tgt', tgt.url]);
    redbOk(dir, ['database', 'connect', 'dev', dev.url]);
    redbOk(dir, ['database', 'connect', 'tgt2', tgt2.url]);
    redbOk(dir, ['database', 'connect', 'tgt3', tgt3.url]);
    await sql(src.url, `
      CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, bio text, pic bytea, score numeric(10,2), seen timestamptz);
      CREATE TABLE posts (id bigint PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), title text);
      CREATE TABLE tags (code text PRIMARY KEY, label text);
      CREATE TABLE events (at timestamptz NOT NULL, what text);
      INSERT INTO users SELECT g, 'user ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'bio ✓ ' || g END, decode(lpad(to_hex(g), 4, '0'), 'hex'), g * 1.5, '2024-01-01 00:00:00+00'::timestamptz + g * interval '1 minute' FROM generate_series(1, 120) g;
      INSERT INTO posts SELECT g, 1 + g % 120, 'post ' || g FROM generate_series(1, 300) g;
      INSERT INTO tags VALUES ('a', 'Ä'), ('b', NULL);
      CREATE UNIQUE INDEX users_name ON users (name);`);
    ws = await Workspace.open(dir);
  });

  afterAll(async () => {
    // a leftover slot holds WAL forever, and a database with a slot cannot be dropped
    const conn = src && (await postgresAdapter.connect(src.url));
    for (const j of jobs) await capture.drop(conn, await capture.artifactNames(conn, j)).catch(() => undefined);
    await conn?.close();
    await Promise.all([src, tgt, dev, tgt2, tgt3].map((d) => d?.drop()));
  });

  it('refuses a table without a primary key, and replicates it with REPLICA IDENTITY FULL when asked', async () => {
    const name = job('keyless');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['events'] });
    const err = await runJob(ws, name).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedbError);
    expect([(err as RedbError).code, (err as RedbError).exitCode]).toEqual(['E_NO_PRIMARY_KEY', 64]);
    expect((err as RedbError).hint).toContain('--replica-identity-full');

    ws.config.relationships![name] = { ...ws.config.relationships![name], replicaIdentityFull: true };
    await ws.save();
    await sql(src.url, `INSERT INTO events VALUES ('2024-01-01 00:00:00+00', 'one'), ('2024-01-02 00:00:00+00', NULL)`);
    expect((await runJob(ws, name)).status).toBe('paused');
    await sql(src.url, `INSERT INTO events VALUES ('2024-01-03 00:00:00+00', 'three'); DELETE FROM events WHERE what = 'one'; UPDATE events SET what = 'two' WHERE what IS NULL`);
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await contents(tgt.url, 'events')).toEqual(await contents(src.url, 'events'));
    expect((await sql(src.url, `SELECT relreplident FROM pg_class WHERE relname = 'events'`)).rows[0].relreplident).toBe('f');
  });

  it('copies a snapshot, then replicates inserts, updates, key changes and deletes exactly', async () => {
    const name = job('main');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['users', 'posts', 'tags'] });
    const events: string[] = [];
    const first = await runJob(ws, name, { onProgress: (e) => events.push(e.phase) });
    expect(first.status).toBe('paused');
    expect(first.state.phase).toBe('streaming');
    expect(events).toContain('snapshot');
    for (const t of ['users', 'posts', 'tags']) expect(await contents(tgt.url, t)).toEqual(await contents(src.url, t));

    await sql(src.url, `
      INSERT INTO users VALUES (500, 'Zoë 😀', NULL, '\\x00ff00'::bytea, NULL, NULL);
      UPDATE users SET bio = NULL, pic = NULL, score = 99.99 WHERE id = 1;
      UPDATE users SET name = name || ' (edited)' WHERE id BETWEEN 10 AND 20;
      UPDATE tags SET code = 'c', label = 'moved' WHERE code = 'a';
      INSERT INTO tags VALUES ('a', 'new a');
      DELETE FROM posts WHERE id > 250;
      DELETE FROM users WHERE id = 120 AND NOT EXISTS (SELECT 1 FROM posts WHERE user_id = 120);
      INSERT INTO posts VALUES (1000, 500, 'ünïcödé');
      INSERT INTO posts SELECT g, 1 + g % 100, 'bulk ' || g FROM generate_series(10001, 22000) g;
      UPDATE posts SET title = 'bulk, edited' WHERE id BETWEEN 10001 AND 10100;
      BEGIN;
      UPDATE users SET name = 'swap' WHERE id = 2;
      UPDATE users SET name = 'user 2' WHERE id = 3;
      UPDATE users SET name = 'user 3' WHERE id = 2;
      COMMIT;`);
    const second = await runJob(ws, name);
    expect(second.status).toBe('paused');
    for (const t of ['users', 'posts', 'tags']) expect(await contents(tgt.url, t)).toEqual(await contents(src.url, t));
    // the replica checks nothing across rows: the swap above passed through a duplicate on it
    expect((await sql(tgt.url, `SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype IN ('f', 'u') AND nspname = 'public'`)).rows).toEqual([]);
    expect((await sql(tgt.url, `SELECT indexname FROM pg_indexes WHERE indexname = 'users_name'`)).rowCount).toBe(0);
    const rep = second.state.replication!;
    // `main-<pid>` had to change (`-`): its hash keeps it apart; the slot adds the database's
    expect(rep.publication).toMatch(new RegExp(`^redb_main_${process.pid}_[0-9a-f]{8}$`));
    expect(rep.slot).toBe(`${rep.publication}_${createHash('sha256').update(src.name).digest('hex').slice(0, 8)}`);
    expect(rep.changes!.delete).toBeGreaterThanOrEqual(50);
    expect(rep.changes!.update).toBeGreaterThanOrEqual(12);
    const lsn = await targetLsn(tgt.url, name);
    expect(lsn).toBe(rep.appliedLsn);
    expect(capture.distance(lsn!, (await confirmed(src.url, name))!)).toBeGreaterThanOrEqual(0);
  });

  it('survives a kill -9 of its runner in the middle of a stream: no change lost or duplicated', async () => {
    const name = job('crash');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt2', tables: ['tags'] });
    expect((await runJob(ws, name)).status).toBe('paused');
    const script = `
      const { Workspace } = await import(${JSON.stringify(join(PROJECT_DIR, 'dist/src/core/workspace.js'))});
      const { runJob } = await import(${JSON.stringify(join(PROJECT_DIR, 'dist/src/core/jobs.js'))});
      await runJob(await Workspace.open(${JSON.stringify(dir)}), ${JSON.stringify(name)}, { follow: true });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const start = await targetLsn(tgt2.url, name);
    // a stream of small transactions, with the runner killed while it applies them
    let killed = false;
    for (let i = 0; i < 120; i++) {
      await sql(src.url, `INSERT INTO tags VALUES ('k${i}', 'v${i}') ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label; UPDATE tags SET label = label || '+' WHERE code = 'k${Math.floor(i / 2)}'; DELETE FROM tags WHERE code = 'k${i - 5}'`);
      if (!killed && i >= 40 && (await targetLsn(tgt2.url, name)) !== start) {
        child.kill('SIGKILL');
        killed = true;
      }
    }
    await exited;
    expect(killed, `the child never applied a batch: ${stderr}`).toBe(true);
    const resumed = await runJob(ws, name);
    expect(resumed.status).toBe('paused');
    expect(await contents(tgt2.url, 'tags')).toEqual(await contents(src.url, 'tags'));
    const lsn = await targetLsn(tgt2.url, name);
    expect(capture.distance(lsn!, (await confirmed(src.url, name))!)).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('follows its branch: a column deployed on the branch appears on the replica, then receives values', async () => {
    const name = job('branch');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt3', repo: 'app', branch: 'main', tables: ['posts'] });
    expect((await runJob(ws, name)).status).toBe('paused');
    // main is attached to the source; the change is made on dev and deployed onto main's database
    await attachBranch(ws, { repo: 'app', branch: 'main' }, 'src');
    await commitBranch(ws, { repo: 'app', branch: 'main', message: 'as it is' });
    await sql(dev.url, `
      CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, bio text, pic bytea, score numeric(10,2), seen timestamptz);
      CREATE TABLE posts (id bigint PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), title text, rating int);
      CREATE TABLE tags (code text PRIMARY KEY, label text);
      CREATE TABLE events (at timestamptz NOT NULL, what text);`);
    await createBranch(ws, { repo: 'app', branch: 'dev' }, 'main');
    await attachBranch(ws, { repo: 'app', branch: 'dev' }, 'dev');
    await commitBranch(ws, { repo: 'app', branch: 'dev', message: 'posts.rating' });
    const result = await deploy(ws, { repo: 'app', branch: 'main' }, { rev: 'dev', yes: true, force: true, prove: false });
    expect(result.status).toBe('succeeded');
    expect(result.replicas).toEqual([{ relationship: name, target: 'tgt3', status: 'updated' }]);
    const cols = await sql(tgt3.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'rating'`);
    expect(cols.rowCount).toBe(1);

    await sql(src.url, `UPDATE posts SET rating = id % 5 WHERE id <= 30; INSERT INTO posts VALUES (2000, 1, 'rated', 5)`);
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await contents(tgt3.url, 'posts')).toEqual(await contents(src.url, 'posts'));

    // a change made on the source behind redb's back: the stream deploys it before its values
    await sql(src.url, `ALTER TABLE posts ADD COLUMN note text; UPDATE posts SET note = 'n' || id WHERE id <= 3`);
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await contents(tgt3.url, 'posts')).toEqual(await contents(src.url, 'posts'));
  }, 60_000);

  it('with follow, streams until stopped: progress with lag, a signal pauses, a cancel drops the slot', async () => {
    const name = job('follow');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt3', tables: ['tags'] });
    const seen: number[] = [];
    const controller = new AbortController();
    const running = runJob(ws, name, { follow: true, signal: controller.signal, onProgress: (e) => { if (e.replication?.lagMs !== undefined) seen.push(e.replication.lagMs); } });
    for (let i = 0; i < 15; i++) {
      await sql(src.url, `INSERT INTO tags VALUES ('f${i}', 'follow') ON CONFLICT (code) DO UPDATE SET label = 'again'`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1200));
    const live = await jobStatus(ws, name);
    expect([live.state?.status, live.state?.phase, live.alive]).toEqual(['running', 'streaming', true]);
    expect(live.state?.replication?.lagBytes).toBeGreaterThanOrEqual(0);
    expect(await contents(tgt3.url, 'tags')).toEqual(await contents(src.url, 'tags'));
    controller.abort();
    expect((await running).status).toBe('paused');
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThan(5000);

    const again = runJob(ws, name, { follow: true });
    // the cancel is meant for a running job: wait until the runner has taken it (a fixed wait lost that race on a loaded machine)
    const taken = async () => {
      const s = await jobStatus(ws, name);
      return s.state?.status === 'running' && s.alive;
    };
    for (let i = 0; i < 100 && !(await taken()); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await requestJob(ws, name, 'cancel')).state?.status).toBe('running');
    expect((await again).status).toBe('cancelled');
    expect(await confirmed(src.url, name)).toBeUndefined();
    expect(await targetLsn(tgt3.url, name)).toBeUndefined();
  }, 30_000);

  it('transforms values on the way, in the snapshot and in the stream: no raw value reaches the replica', async () => {
    const name = job('masked');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt2', tables: ['users'], transforms: ['users.name=redact', 'users.bio=null'] });
    expect((await runJob(ws, name)).status).toBe('paused');
    await sql(src.url, `UPDATE users SET name = 'Secret Name', bio = 'secret bio' WHERE id = 5; INSERT INTO users VALUES (7000, 'Another Secret', 'bio', NULL, NULL, NULL)`);
    expect((await runJob(ws, name)).status).toBe('paused');
    const rows = (await sql(tgt2.url, 'SELECT id, name, bio FROM users ORDER BY id')).rows;
    expect(rows.length).toBe(Number((await sql(src.url, 'SELECT count(*) AS n FROM users')).rows[0].n));
    expect(rows.every((r) => /^\*+$/.test(r.name) && r.bio === null)).toBe(true);
    expect(rows.find((r) => r.id === 5)!.name).toBe('*'.repeat('Secret Name'.length));

    // a key column transformed at random: its rows could never be found again
    const keyed = job('masked-key');
    await addRelationship(ws, { name: keyed, type: 'replication', source: 'src', target: 'tgt2', tables: ['tags'], transforms: ['tags.code=random-string'] });
    const err = (await runJob(ws, keyed).catch((e: unknown) => e)) as RedbError;
    expect([err.code, err.exitCode]).toEqual(['E_TRANSFORM_KEY', 64]);
    expect(await confirmed(src.url, keyed)).toBeUndefined(); // refused before any slot was made
    await deleteRelationship(ws, keyed);
  });

  it('refuses a source without logical replication, naming what to change', async () => {
    const name = job('embedded');
    ws.config.databases.lite = { url: `pglite://${join(dir, 'lite')}` };
    await ws.save();
    await addRelationship(ws, { name, type: 'replication', source: 'lite', target: 'tgt' });
    const err = (await runJob(ws, name).catch((e: unknown) => e)) as RedbError;
    expect([err.code, err.exitCode]).toEqual(['E_CDC_UNAVAILABLE', 1]);
    expect(err.message).toContain('no logical replication');
  });

  it('a replica that cannot be reached does not fail the deploy: it is reported', async () => {
    const name = job('gone');
    const u = new URL(PG_URL!);
    u.password = 's3cret-pw';
    u.pathname = `/redb_no_such_database_${process.pid}`;
    ws.config.databases.gone = { url: u.toString() };
    await ws.save();
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'gone', repo: 'app', branch: 'main', tables: ['tags'] });
    const updates = await applyToReplicas(ws, { repo: 'app', branch: 'main' }, '');
    const gone = updates.find((u) => u.relationship === name)!;
    expect(gone.status).toBe('failed');
    expect(gone.error).toContain('redb_no_such_database');
    expect(gone.error).not.toContain('s3cret-pw');
    await deleteRelationship(ws, name);
  });

  it('drops its slot and publication on the source (relationship delete); missing ones are fine', async () => {
    const name = job('drop');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt2', tables: ['tags'] });
    await runJob(ws, name);
    const a = await artifactsOf(src.url, name);
    expect((await sql(src.url, 'SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [a.slot])).rowCount).toBe(1);
    await forgetJob(ws, getRelationship(ws, name));
    expect((await sql(src.url, 'SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [a.slot])).rowCount).toBe(0);
    expect((await sql(src.url, 'SELECT 1 FROM pg_publication WHERE pubname = $1', [a.publication])).rowCount).toBe(0);
    await dropReplicationArtifacts(ws, getRelationship(ws, name));

    // a cancel of a replication nobody runs drops them too, and the next run starts over with a snapshot
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await confirmed(src.url, name)).toBeDefined();
    expect((await requestJob(ws, name, 'cancel')).state?.status).toBe('cancelled');
    expect(await confirmed(src.url, name)).toBeUndefined();
    await sql(src.url, `INSERT INTO tags VALUES ('after-cancel', 'x')`);
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await contents(tgt2.url, 'tags')).toEqual(await contents(src.url, 'tags'));
  });
});
