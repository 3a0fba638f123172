/**
 * The servers' checksums that verify a bulk-format copy (data-raw-checksum.ts), of both
 * kinds: equal for the same rows in two databases whose sessions print values apart, and
 * changed by every change of a stored value, also one the type's equality cannot see
 * (numeric 1.0 → 1.00, an interval's 1 day → 24 hours, float 0 → -0, jsonb 1.0 → 1.00,
 * 'a' → 'A' in a case-insensitive collation, an enum's label).
 */
import { describe, expect, it } from 'vitest';
import type { DataTable } from '../../adapters/types.js';
import { freshPgDatabase, PG_URL, pgQuery as sql, skipNote } from '../support/live.js';
import { open, rowsOf } from './migrate-support.js';

const skip = PG_URL ? undefined : 'REDB_TEST_PG_URL is not set';

const SCHEMA = `
  CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
  CREATE TYPE mood AS ENUM ('happy', 'sad');
  CREATE TABLE t (id int PRIMARY KEY, n numeric, span interval, f float8, jb jsonb, j json, name text COLLATE ci,
    m mood, p point, ts timestamptz, nums numeric[], code char(4), v varchar(10));
  INSERT INTO t SELECT i, 1.0, '1 day', 0, '{"a": 1.0}', '{"b": 2}', 'abc', 'sad', point(1, 2), TIMESTAMPTZ '2024-01-02 03:04:05+02' + i * INTERVAL '1 hour',
    ARRAY[1.0, 2], 'ab', 'xy' FROM generate_series(1, 5) i;`;

/** Changes of one stored value each that the column type's equality holds equal (but the last ones). */
const CHANGES = [
  ['n', `'1.00'`],
  ['span', `'24 hours'`],
  ['f', `'-0'`],
  ['jb', `'{"a": 1.00}'`],
  ['name', `'ABC'`],
  ['nums', `ARRAY[1.00, 2]`],
  ['m', `'happy'`],
  ['j', `'{"b":2}'`],
  ['p', `point(1, 3)`],
  ['ts', `ts + interval '1 microsecond'`],
  ['code', `'ac'`],
  ['v', `'xz'`],
] as const;

/** Both kinds' checksums of table t, whole and per chunk of 2 rows. */
async function sums(url: string): Promise<Record<string, string[]>> {
  const db = await open(url);
  try {
    const { table, columns } = await rowsOf(db, 't');
    const t: DataTable = { table, columns };
    const raw = db.adapter.data!.raw!;
    expect(await raw.checksumKinds(db.conn)).toEqual(['record', 'text']);
    const out: Record<string, string[]> = {};
    for (const kind of ['record', 'text']) {
      out[kind] = await raw.checksums(db.conn, t, kind);
      out[`${kind} by 2`] = await raw.checksums(db.conn, t, kind, 2);
    }
    return out;
  } finally {
    await db.close();
  }
}

describe.skipIf(skip)(skipNote('the checksums of a bulk-format copy', skip), () => {
  it('agree on equal rows across sessions and change with any stored value, of either kind', async () => {
    const a = await freshPgDatabase('redb_sums_a');
    const b = await freshPgDatabase('redb_sums_b');
    try {
      await sql(a.url, SCHEMA);
      await sql(b.url, `ALTER DATABASE ${b.name} SET TimeZone = 'Asia/Kolkata'; ALTER DATABASE ${b.name} SET IntervalStyle = 'sql_standard'; ALTER DATABASE ${b.name} SET extra_float_digits = 0`);
      await sql(b.url, SCHEMA);
      const before = await sums(a.url);
      expect(before.record[0]).toMatch(/^5:-?\d+$/);
      expect(before['record by 2']).toHaveLength(3);
      expect(before.text[0]).not.toBe(before.record[0]);
      expect(await sums(b.url)).toEqual(before);

      for (const [column, value] of CHANGES) {
        await sql(b.url, `UPDATE t SET ${column} = ${value} WHERE id = 4`);
        const after = await sums(b.url);
        for (const kind of ['record', 'text']) {
          expect(after[kind], `${kind} after ${column} = ${value}`).not.toEqual(before[kind]);
          // the chunk of rows 3–4 differs, the others not
          expect(after[`${kind} by 2`].map((s, i) => s === before[`${kind} by 2`][i])).toEqual([true, false, true]);
        }
        await sql(b.url, `DELETE FROM t WHERE id = 4; INSERT INTO t SELECT * FROM (VALUES (4)) v(id) CROSS JOIN LATERAL (SELECT 1.0::numeric, '1 day'::interval, 0::float8, '{"a": 1.0}'::jsonb, '{"b": 2}'::json, 'abc'::text, 'sad'::mood, point(1, 2), TIMESTAMPTZ '2024-01-02 03:04:05+02' + 4 * INTERVAL '1 hour', ARRAY[1.0, 2], 'ab'::char(4), 'xy'::varchar) r`);
        expect(await sums(b.url), `back after ${column}`).toEqual(before);
      }
    } finally {
      await a.drop();
      await b.drop();
    }
  }, 120_000);
});
