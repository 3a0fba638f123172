/**
 * MariaDB → PostgreSQL migration as canonical text (rows.ts canonicalPath): the source
 * server prints each row as a line, the target's COPY reads it, and the verification is
 * the target server's checksum against the sums of the lines sent. Every covered type
 * with the values whose printing differs between the engines (a decimal's trailing
 * zeros and a scale of 0, a fraction of a second or none, TIMESTAMP's zone, TINYINT(1),
 * CHAR padding, the characters COPY escapes, `\N` as text, NULL, 4-byte UTF-8); a text
 * key with those characters read on after across batches; a table with a float beside
 * them (value by value); values PostgreSQL cannot hold refused by name, never by value;
 * a row changed on the target found by its chunk.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DataTable, PortableValue } from '../../adapters/types.js';
import { jobStatus, resumeJob, runJob } from '../../src/core/jobs.js';
import { jobStore, writeState } from '../../src/jobs/state.js';
import { canonical } from '../../src/jobs/values/digest.js';
import { LineSums } from '../../src/jobs/values/line-sums.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { freshPgDatabase, MYSQL_URL, PG_URL, skipNote } from '../support/live.js';
import { migrationWorkspace, rowsOf, useJobEnv, withDb } from './migrate-support.js';

const skip = !PG_URL ? 'REDB_TEST_PG_URL is not set' : !MYSQL_URL ? 'REDB_TEST_MYSQL_URL is not set' : undefined;

useJobEnv({ REDB_JOB_BATCH_ROWS: '3' });

const SCHEMA = `
  CREATE TABLE plain (
    id bigint PRIMARY KEY, qty smallint NOT NULL, n int, price decimal(12,3), whole decimal(10,0), flag tinyint(1),
    d date, t time(6), t0 time, ts datetime(6), ts0 datetime, at timestamp(3) NULL, code char(6), name varchar(40),
    body text, m enum('happy','sad'), u uuid) DEFAULT CHARSET=utf8mb4;
  CREATE TABLE words (w varchar(20), n int, note text, PRIMARY KEY (w, n)) DEFAULT CHARSET=utf8mb4;
  CREATE TABLE measures (id int PRIMARY KEY, ratio double, label varchar(10)) DEFAULT CHARSET=utf8mb4;
  INSERT INTO plain VALUES
    (1, 1, 10, 1.500, 10, 1, '2024-02-29', '23:59:59.123456', '08:00:00', '1999-12-31 23:59:59.500000', '2000-01-01 00:00:00', '2024-01-02 03:04:05.250', 'ab', 'é', CONCAT('tab', CHAR(9), 'nl', CHAR(10), 'cr', CHAR(13), 'bs', CHAR(92), 'end'), 'sad', '0b3e7f2c-1d4a-4c5e-9f60-7a8b9c0d1e2f'),
    (2, -2, -100, -0.250, -100, 0, '0001-01-01', '00:00:00.000000', '00:00:00', '2020-01-01 00:00:00.000000', '2020-01-01 00:00:10', '2024-01-02 03:04:05.000', '', '😀', '\\\\N', 'happy', '00000000-0000-0000-0000-000000000000'),
    (3, 0, NULL, 0.000, 0, NULL, NULL, NULL, NULL, '2020-01-01 00:00:10.000001', '2020-01-01 00:00:00', NULL, NULL, NULL, '', NULL, NULL),
    (4, 32767, 2147483647, 999999999.999, 9999999990, 1, '9999-12-31', '12:00:00.100000', '23:59:59', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59', '2038-01-19 03:14:07.999', 'x y', 'trailing  ', 'a,b;c:d', 'happy', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
    (5, 5, 5, 5.000, 50, 0, '2024-06-01', '01:02:03.000400', '01:02:03', '2024-06-01 01:02:03.000400', '2024-06-01 01:02:03', '2024-06-01 01:02:03.100', 'zz', 'N', 'N', 'sad', '12345678-1234-1234-1234-123456789abc'),
    (6, 6, 6, 6.120, 60, 1, '2024-06-02', '01:02:03.999999', '01:02:03', '2024-06-02 01:02:03.123000', '2024-06-02 01:02:03', '2024-06-02 01:02:03.010', 'q', 'x', REPEAT('long text ', 5000), 'sad', NULL),
    (7, 7, 7, 7.007, 70, 0, '2024-06-03', '10:00:00.000000', '10:00:00', '2024-06-03 10:00:00.000000', '2024-06-03 10:00:00', '2024-06-03 10:00:00.000', 'r', 'y', 'z', 'happy', NULL);
  INSERT INTO words VALUES (CONCAT('a', CHAR(9), 'b'), 1, NULL), (CONCAT('a', CHAR(9), 'b'), 2, 'x'), (CONCAT('back', CHAR(92), 'slash'), 1, 'y'),
    (CONCAT('new', CHAR(10), 'line'), 1, 'z'), ('é', 1, '\\\\N'), ('😀', 3, ''), ('zz', 1, 'w');
  INSERT INTO measures VALUES (1, 0.1, 'a'), (2, -1e300, 'b'), (3, NULL, NULL), (4, 3.25, 'd');`;

/**
 * Every row of a table on either side, each value as digest.ts's canonical text of its
 * logical type (independent of the servers' printing), sorted: the engines order text keys apart.
 */
function canonicalRows(url: string, name: string): Promise<string[][]> {
  return withDb(url, async (db) => {
    const { table, rows } = await rowsOf(db, name);
    const canon = table.columns.map((c) => canonical(c.type.logical));
    return rows.map((r) => r.map((v: PortableValue, i) => (v === null ? '<null>' : canon[i](v)))).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  });
}

/** The canonical checksums of a table, whole and per chunk of 2 rows, as the server computes them. */
function checksums(url: string, name: string): Promise<string[]> {
  return withDb(url, async (db) => {
    const { table, columns } = await rowsOf(db, name);
    const t: DataTable = { table, columns };
    const c = db.adapter.data!.canonical!;
    return [...(await c.checksums(db.conn, t)), ...(await c.checksums(db.conn, t, 2))];
  });
}

/** The lines MariaDB exports for the whole table, as LineSums sums them. */
function exportedSums(url: string, name: string): Promise<{ rows: number; sum: string }> {
  return withDb(url, async (db) => {
    const { table, columns } = await rowsOf(db, name);
    const sums = new LineSums();
    const out = await db.adapter.data!.canonical!.export!(db.conn, { table, columns }, undefined, 1000, async (lines) => {
      for await (const piece of lines) sums.push(piece);
    });
    return { rows: out.rows, sum: sums.sum() };
  });
}

describe.skipIf(skip)(skipNote('migration MariaDB → PostgreSQL as canonical text', skip), () => {
  it('moves every covered value exactly, reads on after awkward text keys, and finds a changed row by its chunk', async () => {
    const src = await freshMysqlDatabase('redb_canon_src');
    const dst = await freshPgDatabase('redb_canon_dst');
    const m = await mysql.createConnection({ uri: src.url, multipleStatements: true });
    try {
      // the session's zone is not UTC: TIMESTAMP must still be read as the instant
      await m.query(`SET time_zone = '+05:30'; ${SCHEMA}`);
      const t = new pg.Client({ connectionString: dst.url });
      await t.connect();
      await t.query(`ALTER DATABASE ${dst.name} SET TimeZone = 'Asia/Kolkata'; ALTER DATABASE ${dst.name} SET DateStyle = 'German, DMY'`);
      await t.end();

      const ws = await migrationWorkspace({ src: src.url, dst: dst.url });
      const out = await runJob(ws, 'copy');
      expect(out.status).toBe('done');
      expect(out.state.tables?.['public.plain']).toMatchObject({ rows: 7, done: true, verified: { rows: true, checksum: true } });
      for (const table of ['plain', 'words', 'measures']) expect(await canonicalRows(dst.url, table), table).toEqual(await canonicalRows(src.url, table));

      // plain and words moved as lines: their chunks hold the lines' sums (decimal), measures (a float) node's digests (hex)
      const scopes = await withDb(dst.url, (db) => jobStore(db.conn, db.adapter, 'dst').all('copy'));
      const digests = (table: string) => [...scopes].filter(([k]) => k.startsWith(`chunk:public.${table}:`)).map(([, v]) => (JSON.parse(v) as { digest: string }).digest);
      expect(digests('plain')).toHaveLength(3);
      for (const d of [...digests('plain'), ...digests('words')]) expect(d).toMatch(/^\d+$/);
      for (const d of digests('measures')) expect(d).toMatch(/^[0-9a-f]{32}$/);
      // the two servers' checksums agree (per chunk only where both order the keys alike), and with the sums of the lines exported
      expect(await checksums(dst.url, 'plain')).toEqual(await checksums(src.url, 'plain'));
      expect((await checksums(dst.url, 'words'))[0]).toBe((await checksums(src.url, 'words'))[0]);
      const [whole] = await checksums(src.url, 'plain');
      const sent = await exportedSums(src.url, 'plain');
      expect(`${sent.rows}:${sent.sum}`).toBe(whole);

      // a row changed on the target after the copy: found by the target's checksum, by its chunk (rows 4–6 of plain)
      await new Promise<void>((resolve, reject) => {
        const c = new pg.Client({ connectionString: dst.url });
        c.connect().then(() => c.query(`UPDATE plain SET price = 5.001 WHERE id = 5`)).then(() => c.end()).then(resolve, reject);
      });
      expect(await checksums(dst.url, 'plain')).not.toEqual(await checksums(src.url, 'plain'));
      const done = (await jobStatus(ws, 'copy')).state!;
      await withDb(dst.url, (db) => writeState(jobStore(db.conn, db.adapter, 'dst'), 'copy', { ...done, status: 'failed', phase: 'verify' }));
      const err = await resumeJob(ws, 'copy').catch((e: unknown) => e as Error);
      expect(err).toMatchObject({ code: 'E_VERIFY' });
      expect(err.message).toContain('public.plain: chunk 2 of 3 (rows 4–6 in key order)');
      expect(err.message).not.toContain('5.001');
    } finally {
      await m.end();
      await src.drop();
      await dst.drop();
    }
  }, 120_000);

  it('refuses a value PostgreSQL cannot hold by table and column, never by value, and writes nothing of its batch', async () => {
    const cases = [
      ['d', `CREATE TABLE bad (id int PRIMARY KEY, d date); SET SESSION sql_mode = ''; INSERT INTO bad VALUES (1, '2024-01-01'), (2, '0000-00-00')`, '0000'],
      ['flag', `CREATE TABLE bad (id int PRIMARY KEY, flag tinyint(1)); INSERT INTO bad VALUES (1, 1), (2, 7)`, '"7"'],
    ] as const;
    for (const [column, setup, value] of cases) {
      const src = await freshMysqlDatabase('redb_canon_src');
      const dst = await freshPgDatabase('redb_canon_dst');
      const m = await mysql.createConnection({ uri: src.url, multipleStatements: true });
      try {
        await m.query(setup);
        const ws = await migrationWorkspace({ src: src.url, dst: dst.url });
        const err = await runJob(ws, 'copy').catch((e: unknown) => e as Error);
        expect(err, column).toMatchObject({ code: 'E_DATA_WRITE' });
        expect(err.message).toContain('bad');
        expect(err.message).toContain(column);
        expect(err.message).not.toContain(value);
        expect((await withDb(dst.url, (db) => rowsOf(db, 'bad'))).rows).toEqual([]);
      } finally {
        await m.end();
        await src.drop();
        await dst.drop();
      }
    }
  }, 120_000);
});
