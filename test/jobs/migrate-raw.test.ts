/**
 * PostgreSQL → PostgreSQL migration in COPY's formats (the bulk-format path, rows.ts rawPath):
 * text for a table with an enum, binary for one of built-in types only; every common type and the text COPY escapes (tab, newline, backslash, `\N` as text,
 * NULL), a text key with those characters read on after across batches, a target whose
 * database has other time zone and date style settings, and a table with a transform
 * beside it (value by value); ranges of timestamptz on both paths, whose text follows the
 * session's zone. The verification is the servers' chunk checksums: a changed
 * row on the target is found by its chunk. A row the target refuses in the middle of a
 * streamed batch stops the job by table and constraint, never by value, and the job
 * resumes once the row is fixed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { resumeJob, runJob, jobStatus } from '../../src/core/jobs.js';
import { jobStore, writeState } from '../../src/jobs/state.js';
import { freshPgDatabase, PG_URL, pgQuery, skipNote } from '../support/live.js';
import { migrationWorkspace, open, rowsOf, useJobEnv } from './migrate-support.js';

const skip = PG_URL ? undefined : 'REDB_TEST_PG_URL is not set';
const BIN = Buffer.from(Array.from({ length: 70_000 }, (_v, i) => (i * 13) % 256));

useJobEnv({ REDB_JOB_BATCH_ROWS: '3', REDB_TRANSFORM_SALT: 'test-salt-not-a-secret' });

/** Each row of a table as its text in one fixed session setting, in key order. */
async function rowTexts(url: string, table: string, key: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3`);
    return (await c.query(`SELECT t::text AS r FROM ${table} AS t ORDER BY ${key}`)).rows.map((r: { r: string }) => r.r);
  } finally {
    await c.end();
  }
}

describe.skipIf(skip)(skipNote('migration PostgreSQL → PostgreSQL in COPY format', skip), () => {
  it('moves every value exactly, reads on after awkward text keys, and finds a changed row by its chunk', async () => {
    const src = await freshPgDatabase('redb_raw_src');
    const dst = await freshPgDatabase('redb_raw_dst');
    const c = new pg.Client({ connectionString: src.url });
    await c.connect();
    try {
      await c.query(`
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE things (
          id bigint PRIMARY KEY, qty smallint, price numeric(12,3), ratio double precision, r real, flag boolean,
          d date, t time(6), ts timestamp(6), tstz timestamptz(6), span interval, j json, jb jsonb, u uuid, m mood,
          tags text[], nums integer[], body text, bin bytea, addr inet, bits bit varying(8), during tstzrange);
        CREATE TABLE words (w text, n integer, note text, PRIMARY KEY (w, n));
        CREATE TABLE people (id integer PRIMARY KEY, email text NOT NULL, during tstzrange);
        INSERT INTO things (id, qty, price, ratio, r, flag, d, t, ts, tstz, span, j, jb, u, m, tags, nums, body, addr, bits)
          SELECT i, i, i * 1.125, 0.1 * i, 1.0 / i, i % 2 = 0, DATE '2024-02-29' + i, TIME '23:59:59.123456', TIMESTAMP '1999-12-31 23:59:59.5' + i * INTERVAL '1 day',
                 TIMESTAMPTZ '2024-01-02 03:04:05.654321+02' + i * INTERVAL '1 hour', i * INTERVAL '1 day 02:03:04.5', '{"a": "é", "b": [1, 2]}', '{"k": "😀"}',
                 md5(i::text)::uuid, 'sad', ARRAY['x,y', '😀', NULL, 'q"uote'], ARRAY[1, -i], 'line ' || i || E'\\ttab\\nnewline \\\\ back\\\\slash', ('10.0.0.' || i)::inet, B'1011'
          FROM generate_series(1, 10) i;
        INSERT INTO things (id) VALUES (11);
        UPDATE things SET body = E'\\\\N', ratio = 'NaN', r = '-Infinity' WHERE id = 2;
        UPDATE things SET body = '' WHERE id = 3;
        UPDATE things SET during = tstzrange(tstz, tstz + interval '90 minutes') WHERE id <= 5;
        INSERT INTO words VALUES (E'a\\tb', 1, NULL), (E'a\\tb', 2, 'x'), (E'back\\\\slash', 1, 'y'), (E'new\\nline', 1, 'z'), ('é', 1, E'\\\\N'), ('😀', 3, ''), ('zz', 1, 'w');
        INSERT INTO people SELECT i, 'user' || i || '@corp.example', tstzrange(TIMESTAMPTZ '2024-01-02 03:04:05+02' + i * INTERVAL '1 day', NULL) FROM generate_series(1, 7) i;`);
      await c.query(`UPDATE things SET bin = $1 WHERE id = 1`, [BIN]);
      // the same values but the enum: every column built in, so moved in COPY's binary format (things: in text)
      await c.query(`CREATE TABLE plain AS SELECT id, qty, price, ratio, r, flag, d, t, ts, tstz, span, j, jb, u, tags, nums, body, bin, addr, bits, during FROM things; ALTER TABLE plain ADD PRIMARY KEY (id)`);
      const t = new pg.Client({ connectionString: dst.url });
      await t.connect();
      await t.query(`ALTER DATABASE ${dst.name} SET TimeZone = 'Asia/Kolkata'; ALTER DATABASE ${dst.name} SET DateStyle = 'German, DMY'; ALTER DATABASE ${dst.name} SET IntervalStyle = 'sql_standard'`);
      await t.end();

      const ws = await migrationWorkspace({ src: src.url, dst: dst.url }, { transforms: { 'people.email': 'email:keep-domain=true' }, deterministic: true });
      const out = await runJob(ws, 'copy');
      expect(out.status).toBe('done');
      expect(out.state.tables?.['public.words']).toMatchObject({ rows: 7, done: true, verified: { rows: true, checksum: true } });
      for (const [table, key] of [['things', 'id'], ['plain', 'id'], ['words', 'w, n']] as const) expect(await rowTexts(dst.url, table, key)).toEqual(await rowTexts(src.url, table, key));
      const people = await rowTexts(dst.url, 'people', 'id');
      expect(people).toHaveLength(7);
      for (const row of people) expect(row).toMatch(/@corp\.example,"\[""2024-01-\d\d \d\d:04:05\+00"",\)"\)$/);
      expect(people.some((r) => r.includes('user1@'))).toBe(false);

      // a row changed on the target after the copy: found by the servers' checksums, by its chunk (rows 4–6 of `words`)
      const tamper = new pg.Client({ connectionString: dst.url });
      await tamper.connect();
      await tamper.query(`UPDATE words SET note = 'tampered' WHERE w = 'é'`);
      await tamper.end();
      const target = await open(dst.url);
      try {
        const done = (await jobStatus(ws, 'copy')).state!;
        await writeState(jobStore(target.conn, target.adapter, 'dst'), 'copy', { ...done, status: 'failed', phase: 'verify' });
        const err = await resumeJob(ws, 'copy').catch((e: unknown) => e as Error);
        expect(err).toMatchObject({ code: 'E_VERIFY' });
        expect(err.message).toContain('public.words: chunk 2 of 3 (rows 4–6 in key order)');
        expect(err.message).not.toContain('tampered');
      } finally {
        await target.close();
      }
    } finally {
      await c.end();
      await src.drop();
      await dst.drop();
    }
  }, 120_000);

  it('stops on a row the target refuses in the middle of a streamed batch, keeps the batches before it, and resumes once the row is fixed', async () => {
    const src = await freshPgDatabase('redb_raw_src');
    const dst = await freshPgDatabase('redb_raw_dst');
    try {
      // a NOT VALID check holds the old row -1 on the source; the target enforces it on every row it loads
      await pgQuery(src.url, `CREATE TABLE t (id int PRIMARY KEY, n int); INSERT INTO t SELECT i, CASE WHEN i = 5 THEN -1 ELSE i END FROM generate_series(1, 10) i;
        ALTER TABLE t ADD CONSTRAINT t_positive CHECK (n > 0) NOT VALID`);
      const ws = await migrationWorkspace({ src: src.url, dst: dst.url });
      const err = await runJob(ws, 'copy').catch((e: unknown) => e as Error);
      expect(err).toMatchObject({ code: 'E_DATA_WRITE' });
      expect(err.message).toContain('t_positive');
      expect(err.message).not.toContain('-1');
      // batches of 3: rows 1–3 committed with their checkpoint, nothing of rows 4–6
      expect((await pgQuery(dst.url, 'SELECT id FROM t ORDER BY id')).rows.map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
      expect((await jobStatus(ws, 'copy')).state).toMatchObject({ status: 'failed', error: { code: 'E_DATA_WRITE' } });

      await pgQuery(src.url, 'UPDATE t SET n = 5 WHERE id = 5');
      expect((await resumeJob(ws, 'copy')).status).toBe('done');
      expect(await rowTexts(dst.url, 't', 'id')).toEqual(await rowTexts(src.url, 't', 'id'));
    } finally {
      await src.drop();
      await dst.drop();
    }
  }, 60_000);

  it('moves the embedded engine (PGlite) onto a server the same way, both formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redb-raw-pglite-'));
    const src = `pglite://${join(dir, 'db')}`;
    const dst = await freshPgDatabase('redb_raw_dst');
    try {
      const db = await open(src);
      try {
        await db.conn.exec(`
          CREATE TYPE mood AS ENUM ('happy', 'sad');
          CREATE TABLE plain (id bigint PRIMARY KEY, body text, bin bytea, tstz timestamptz, during tstzrange, nums integer[]);
          CREATE TABLE moods (name varchar(20) PRIMARY KEY, m mood);
          INSERT INTO plain SELECT i, E'tab\\there ' || i, decode(md5(i::text), 'hex'), TIMESTAMPTZ '2024-01-02 03:04:05.5+02' + i * INTERVAL '1 hour',
            tstzrange(TIMESTAMPTZ '2024-01-02 03:04:05+02', NULL), ARRAY[i, -i] FROM generate_series(1, 8) i;
          INSERT INTO moods VALUES ('a', 'sad'), (E'b\\nc', 'happy'), ('é', NULL), ('z', 'sad');`);
      } finally {
        await db.close();
      }
      const ws = await migrationWorkspace({ src, dst: dst.url });
      expect((await runJob(ws, 'copy')).status).toBe('done');
      const [from, to] = [await open(src), await open(dst.url)];
      try {
        for (const table of ['plain', 'moods']) expect((await rowsOf(to, table)).rows).toEqual((await rowsOf(from, table)).rows);
        expect((await rowsOf(to, 'plain')).rows).toHaveLength(8);
      } finally {
        await from.close();
        await to.close();
      }
    } finally {
      await dst.drop();
    }
  }, 120_000);
});
