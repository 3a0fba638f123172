/**
 * `--online` plans on the real MariaDB: a change the server makes in place gets
 * `ALGORITHM=INPLACE, LOCK=NONE` (so the server would refuse rather than copy or lock),
 * applies, reads as the desired schema and rolls back; a change only a copy of the table
 * or a write lock can make is refused when the plan is made, naming the step.
 */
import { describe, expect, it } from 'vitest';
import { RedbError } from '../../../src/errors.js';
import { skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { freshMysqlDatabase, mysqlScript, noServer } from './helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4';

/** [name, current, desired]: in place (or INSTANT) on MariaDB 10.11, both ways. */
const IN_PLACE: readonly (readonly [string, string, string])[] = [
  ['add a column and an index', `CREATE TABLE t (id INT PRIMARY KEY, a INT) ${T}`, `CREATE TABLE t (id INT PRIMARY KEY, n INT, a INT, b VARCHAR(10), KEY ia (a, b)) ${T}`],
  ['NULL to NOT NULL, over rows', `CREATE TABLE t (id INT PRIMARY KEY, a INT) ${T}`, `CREATE TABLE t (id INT PRIMARY KEY, a INT NOT NULL) ${T}`],
  ['a foreign key', `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (id INT PRIMARY KEY, pid INT, KEY k (pid)) ${T}`,
    `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (id INT PRIMARY KEY, pid INT, KEY k (pid), CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id)) ${T}`],
];

/** [name, current, desired, the step named, a clause named] */
const COPY_ONLY: readonly (readonly [string, string, string, string, string])[] = [
  ['another column type', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a BIGINT) ${T}`, 'alter table main.t: alter-column', 'MODIFY COLUMN `a` bigint(20)'],
  ['another engine', `CREATE TABLE t (a INT) ${T}`, 'CREATE TABLE t (a INT) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4', 'alter table main.t: set-options', 'ENGINE=MyISAM'],
  ['a FULLTEXT index', `CREATE TABLE t (a TEXT) ${T}`, `CREATE TABLE t (a TEXT, FULLTEXT KEY fa (a)) ${T}`, 'alter table main.t: add-index', 'ADD FULLTEXT'],
  ['partitioning', `CREATE TABLE t (id INT NOT NULL PRIMARY KEY) ${T}`, `CREATE TABLE t (id INT NOT NULL PRIMARY KEY) ${T} PARTITION BY HASH (id) PARTITIONS 2`, 'partition table main.t', 'PARTITION BY HASH'],
];

describe.skipIf(noServer)(skipNote('MySQL --online plans on MariaDB', noServer), () => {
  for (const [name, current, desired] of IN_PLACE) {
    it(`runs in place: ${name}`, async () => {
      const r = await runPair(current, desired, { online: true, rows: current.includes('TABLE t ') ? 'INSERT INTO t (id, a) VALUES (1, 2)' : undefined });
      const alters = [...r.plan.steps, ...r.plan.rollback].filter((s) => s.sql.startsWith('ALTER TABLE'));
      expect(alters.length).toBeGreaterThan(0);
      for (const s of alters) expect(s.sql).toMatch(/,\n {2}ALGORITHM=INPLACE, LOCK=NONE$/u);
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back).toEqual(r.from);
    });
  }

  for (const [name, current, desired, step, clause] of COPY_ONLY) {
    it(`refuses at plan time: ${name}`, async () => {
      const err = await runPair(current, desired, { online: true }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(RedbError);
      expect((err as RedbError).code).toBe('E_NOT_ONLINE');
      expect((err as RedbError).message).toContain(`the step "${step}" cannot run online`);
      expect((err as RedbError).message).toContain(clause);
      expect((err as RedbError).hint).toMatch(/plan without --online/u);
    });
  }

  it('the same copy-only change plans without --online, marked blocking-lock', async () => {
    const r = await runPair(`CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a BIGINT) ${T}`);
    expect(r.plan.steps[0].sql).not.toContain('ALGORITHM=');
    expect(r.plan.steps[0].hazards).toContain('blocking-lock');
    expect(r.forward).toEqual(r.to);
  });

  it('the server itself refuses the online clauses for a copy (what --online relies on)', async () => {
    const db = await freshMysqlDatabase('redb_myonline');
    try {
      mysqlScript(db.name, `CREATE TABLE t (a INT) ${T}`);
      expect(() => mysqlScript(db.name, 'ALTER TABLE t MODIFY COLUMN a BIGINT, ALGORITHM=INPLACE, LOCK=NONE')).toThrow(/ALGORITHM=INPLACE is not supported|LOCK=NONE is not supported/u);
    } finally {
      await db.drop();
    }
  });
});
