/**
 * Columns that become VIRTUAL or stop being VIRTUAL: the server refuses to MODIFY them
 * (MariaDB error 1907, MySQL 3106), so the plan drops and adds the column again, in its
 * place, with the indexes, unique keys and checks on it. On the real server: forward reaches desired, nothing is left, the rollback
 * brings back current (found by the MySQL conformance run: VIRTUAL → STORED).
 */
import { describe, expect, it } from 'vitest';
import { skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { noServer } from './helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const ROWS = 'INSERT INTO t (a, z) VALUES (1, 10), (2, 20)';

/** [name, current, desired]; the changed column sits between two others, so its place is checked too. */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['virtual to stored', `CREATE TABLE t (a INT, g INT AS (a * 2) VIRTUAL, z INT) ${T}`, `CREATE TABLE t (a INT, g INT AS (a * 2) STORED, z INT) ${T}`],
  ['stored to virtual, new expression', `CREATE TABLE t (a INT, g INT AS (a + 1) STORED, z INT) ${T}`, `CREATE TABLE t (a INT, g BIGINT AS (a * 3) VIRTUAL, z INT) ${T}`],
  ['plain to virtual', `CREATE TABLE t (a INT, g INT, z INT) ${T}`, `CREATE TABLE t (a INT, g INT AS (a - 1) VIRTUAL, z INT) ${T}`],
  ['virtual to stored with indexes, a unique key and a check on it', `CREATE TABLE t (a INT, g INT AS (a * 2) VIRTUAL, z INT, KEY kg (g), KEY kgz (z, g), UNIQUE KEY ug (g), CONSTRAINT c CHECK (g < 100)) ${T}`,
    `CREATE TABLE t (a INT, g INT AS (a * 2) STORED, z INT, KEY kg (g), KEY kgz (z, g), UNIQUE KEY ug (g), CONSTRAINT c CHECK (g < 100)) ${T}`],
  ['plain to virtual, its index changes too', `CREATE TABLE t (a INT, g INT, z INT, KEY kg (g)) ${T}`, `CREATE TABLE t (a INT, g INT AS (a - 1) VIRTUAL, z INT, KEY kg (g, z)) ${T}`],
  ['virtual and another column moved', `CREATE TABLE t (a INT, g INT AS (a * 2) VIRTUAL, z INT) ${T}`, `CREATE TABLE t (z INT, a INT, g INT AS (a * 2) STORED) ${T}`],
];

describe.skipIf(noServer)(skipNote('MySQL plans for VIRTUAL switches on MariaDB', noServer), () => {
  for (const [name, current, desired] of PAIRS) {
    it(name, async () => {
      let values: unknown[] = [];
      const r = await runPair(current, desired, {
        rows: ROWS,
        check: async (conn) => {
          values = await conn.query('SELECT a, z FROM t ORDER BY a');
        },
      });
      expect(r.plan.steps.map((s) => s.sql).join('\n')).toMatch(/DROP COLUMN `g`[\s\S]*ADD COLUMN `g`/);
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back).toEqual(r.from);
      // the other columns keep their rows
      expect(values).toEqual([{ a: 1, z: 10 }, { a: 2, z: 20 }]);
    });
  }

  it('a generated expression change alone is still one MODIFY', async () => {
    const r = await runPair(`CREATE TABLE t (a INT, g INT AS (a * 2) VIRTUAL, z INT) ${T}`, `CREATE TABLE t (a INT, g INT AS (a * 5) VIRTUAL, z INT) ${T}`);
    expect(r.plan.steps.map((s) => s.sql).join('\n')).toMatch(/MODIFY COLUMN `g`/);
    expect(r.plan.steps.map((s) => s.sql).join('\n')).not.toMatch(/DROP COLUMN/);
    expect(r.forward).toEqual(r.to);
    expect(r.back).toEqual(r.from);
  });
});
