/**
 * The SQLite data checks count, on a real database, the rows a plan would fail on: NULLs
 * for a new NOT NULL, duplicates for a new key, rows a new CHECK rejects, orphans of a
 * new foreign key; and find nothing on rows that fit.
 */
import { describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import { sqliteWith } from './helpers.js';

const CURRENT = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER, email TEXT, age INTEGER, pid INTEGER);';
const DESIRED = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (id INTEGER, email TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0), pid INTEGER REFERENCES p (id));';

async function counts(rows: string): Promise<Record<string, number>> {
  const work = await sqliteWith(CURRENT + rows);
  const want = await sqliteWith(DESIRED);
  try {
    const checks = sqliteAdapter.ddl!.dataChecks(await sqliteAdapter.introspect(work.conn), await sqliteAdapter.introspect(want.conn));
    const out: Record<string, number> = {};
    for (const c of checks) out[`${c.fails}: ${c.rows}`] = Number((await work.conn.query<{ n: number }>(c.sql))[0].n);
    return out;
  } finally {
    await work.done();
    await want.done();
  }
}

describe('SQLite data checks', () => {
  it('count the rows each new rule fails on', async () => {
    expect(await counts("INSERT INTO p VALUES (1); INSERT INTO t VALUES (1, NULL, -1, 9), (2, 'a', 5, 1), (3, 'a', NULL, NULL);")).toEqual({
      'NOT NULL: NULL rows': 1,
      'the unique constraint t_email_key: duplicate rows': 2,
      'the check t_age_check (age >= 0): rows where it is false': 1,
      'the foreign key t_pid_fkey: rows without a match in main.p': 1,
    });
  });

  it('find nothing on rows that fit', async () => {
    const found = await counts("INSERT INTO p VALUES (1); INSERT INTO t VALUES (1, 'a', 0, 1), (2, 'b', NULL, NULL);");
    expect(Object.keys(found)).toHaveLength(4);
    expect(Object.values(found).every((n) => n === 0)).toBe(true);
  });
});
