/**
 * Job positions hold no raw source data: a migration whose key is hashed keeps its resume
 * position sealed in the target's job table (no source key in it, in any row), still
 * resumes from it after a pause, and verifies; a replication's snapshot keeps its
 * positions sealed the same way. The position module's encoding round-trips
 * binary keys, reads the older snapshot encoding, and refuses without (or with another) salt.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { resumeJob, runJob } from '../../src/core/jobs.js';
import { keyPositions } from '../../src/jobs/positions.js';
import { SNAPSHOT_BATCH } from '../../src/jobs/replicate/snapshot.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { freshPgDatabase, PG_URL, skipNote } from '../support/live.js';
import { migrationWorkspace, useJobEnv } from './migrate-support.js';

const skip = PG_URL ? undefined : 'REDB_TEST_PG_URL is not set';
const ROWS = 20;

useJobEnv({ REDB_JOB_BATCH_ROWS: '5', REDB_TRANSFORM_SALT: 'positions-test-salt' });

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Every source email found in the job table's rows (there must be none). */
async function leakedKeys(dst: string): Promise<string[]> {
  const text = (await query<{ t: string }>(dst, 'SELECT row_to_json(j)::text AS t FROM redb.redb_jobs j')).map((r) => r.t).join('\n');
  expect(text).toContain('table:public.people');
  return Array.from({ length: ROWS }, (_v, i) => `user${i + 1}@corp.example`).filter((e) => text.includes(e));
}

describe.skipIf(skip)(skipNote('job positions on PostgreSQL', skip), () => {
  it('keeps no raw key of a hashed-key table in the job table, and resumes from its sealed position', async () => {
    const src = await freshPgDatabase('redb_pos_src');
    const dst = await freshPgDatabase('redb_pos_dst');
    try {
      await query(src.url, `CREATE TABLE people (email text PRIMARY KEY, name text);
        INSERT INTO people SELECT 'user' || i || '@corp.example', 'n' || i FROM generate_series(1, ${ROWS}) i`);
      const ws = await migrationWorkspace({ src: src.url, dst: dst.url }, { transforms: { 'people.email': 'hash' }, deterministic: true });
      const ctl = new AbortController();
      const first = await runJob(ws, 'copy', { signal: ctl.signal, onProgress: (e) => { if (e.table === 'public.people' && (e.rows ?? 0) >= 10) ctl.abort(); } });
      expect(first.status).toBe('paused');
      const [{ n }] = await query<{ n: number }>(dst.url, 'SELECT count(*)::int AS n FROM people');
      expect(n).toBe(10);
      expect(await leakedKeys(dst.url)).toEqual([]);
      const cp = (await query<{ value: string }>(dst.url, "SELECT value FROM redb.redb_jobs WHERE scope = 'table:public.people'"))[0];
      expect(JSON.parse(cp.value).after).toEqual({ sealed: expect.any(String) });

      const second = await resumeJob(ws, 'copy');
      expect(second.status).toBe('done');
      expect(second.state.tables?.['public.people']).toMatchObject({ rows: ROWS, verified: { rows: true, checksum: true } });
      const target = await query<{ email: string }>(dst.url, 'SELECT email FROM people');
      expect(target).toHaveLength(ROWS);
      expect(target.some((r) => r.email.includes('@corp.example'))).toBe(false);
      expect(await leakedKeys(dst.url)).toEqual([]);
    } finally {
      await src.drop();
      await dst.drop();
    }
  });
});

describe.skipIf(skip)(skipNote('snapshot positions of a replication on PostgreSQL', skip), () => {
  it('keeps no raw key of a hashed-key table in the job table during the snapshot, and resumes from its sealed position', async () => {
    const rows = SNAPSHOT_BATCH + 500;
    const src = await freshPgDatabase('redb_pos_src');
    const dst = await freshPgDatabase('redb_pos_dst');
    const capture = postgresAdapter.changes!;
    try {
      await query(src.url, `CREATE TABLE people (email text PRIMARY KEY, name text);
        INSERT INTO people SELECT 'user' || i || '@corp.example', 'n' || i FROM generate_series(1, ${rows}) i`);
      const ws = await migrationWorkspace({ src: src.url, dst: dst.url }, { type: 'replication', transforms: { 'people.email': 'hash' }, deterministic: true }, 'replica');
      const ctl = new AbortController();
      const first = await runJob(ws, 'replica', { signal: ctl.signal, onProgress: (e) => { if (e.phase === 'snapshot' && (e.rows ?? 0) >= SNAPSHOT_BATCH) ctl.abort(); } });
      expect(first.status).toBe('paused');
      const cp = (await query<{ value: string }>(dst.url, "SELECT value FROM redb.redb_jobs WHERE scope = 'table:public.people'"))[0];
      expect(JSON.parse(cp.value)).toMatchObject({ rows: SNAPSHOT_BATCH, after: { sealed: expect.any(String) } });
      const text = (await query<{ t: string }>(dst.url, 'SELECT row_to_json(j)::text AS t FROM redb.redb_jobs j')).map((r) => r.t).join('\n');
      expect(text).not.toMatch(/user\d+@corp\.example/);

      const second = await resumeJob(ws, 'replica');
      expect(second.status).toBe('paused');
      const [{ n, plain }] = await query<{ n: number; plain: number }>(dst.url, "SELECT count(*)::int AS n, count(*) FILTER (WHERE email LIKE '%@corp.example')::int AS plain FROM people");
      expect([n, plain]).toEqual([rows, 0]);
    } finally {
      const conn = await postgresAdapter.connect(src.url);
      await capture.drop(conn, await capture.artifactNames(conn, 'replica')).catch(() => undefined);
      await conn.close();
      await src.drop();
      await dst.drop();
    }
  }, 60_000);
});

describe('key positions', () => {
  const salt = Buffer.from('s1');
  it('round-trips keys with binary values, plain and sealed', () => {
    const key = ['42', Buffer.from([0, 1, 255]), 'a@b.example', null];
    const plain = keyPositions({ sealed: false, table: 't' });
    expect(plain.encode(key)).toEqual(['42', { $hex: '0001ff' }, 'a@b.example', null]);
    expect(plain.decode(plain.encode(key))).toEqual(key);
    const sealed = keyPositions({ sealed: true, salt, table: 't' });
    const stored = sealed.encode(key);
    expect(JSON.stringify(stored)).not.toContain('a@b.example');
    expect(sealed.decode(JSON.parse(JSON.stringify(stored)))).toEqual(key);
  });

  it('reads the older `{ b: base64 }` encoding of binary values', () => {
    expect(keyPositions({ sealed: false, table: 't' }).decode([{ b: Buffer.from('hi').toString('base64') }])).toEqual([Buffer.from('hi')]);
  });

  it('needs the salt to seal, and the same salt to open', () => {
    expect(() => keyPositions({ sealed: true, table: 'public.people' })).toThrow(expect.objectContaining({ code: 'E_TRANSFORM_SALT' }));
    const stored = keyPositions({ sealed: true, salt, table: 't' }).encode(['x']);
    expect(() => keyPositions({ sealed: false, table: 't' }).decode(stored)).toThrow(expect.objectContaining({ code: 'E_TRANSFORM_SALT' }));
    expect(() => keyPositions({ sealed: true, salt: Buffer.from('other'), table: 't' }).decode(stored)).toThrow(expect.objectContaining({ code: 'E_JOB_STATE' }));
  });
});
