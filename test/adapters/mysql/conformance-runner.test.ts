/**
 * The MySQL conformance runner (bench/conformance/mysql.ts) on the real server, on
 * made-up pairs: a change that passes both ways, names qualified with `mysqldef_test`,
 * a side that does not load (a skip), and an events change (planned, and the events the
 * runner reads from the catalog itself agree after each verify). The scratch databases
 * are gone after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairCase } from '../../../bench/conformance/cases.js';
import { MysqlScratch, runMysqlCase } from '../../../bench/conformance/mysql.js';
import { MYSQL_URL, skipNote } from '../../support/live.js';
import { noServer } from './helpers.js';

const pair = (id: string, current: string, desired: string): PairCase => ({
  id, source: 'test', dialect: 'mysql', setup: '', current, desired_setup: '', desired, expected_up: null, expected_down: null, flags: {}, notes: '',
});

describe.skipIf(noServer)(skipNote('MySQL conformance runner on MariaDB', noServer), () => {
  let scratch: MysqlScratch;
  beforeAll(async () => {
    scratch = await MysqlScratch.open(MYSQL_URL as string);
  });
  afterAll(async () => {
    await scratch?.close();
  });

  it('passes a change both ways, with qualified names and keys out of order', async () => {
    const r = await runMysqlCase(
      pair('t/pass', 'CREATE TABLE mysqldef_test.c (id INT PRIMARY KEY, pid INT, CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id)); CREATE TABLE p (id INT PRIMARY KEY)',
        'CREATE TABLE p (id INT PRIMARY KEY, n VARCHAR(10)); CREATE TABLE `mysqldef_test`.c (id INT PRIMARY KEY, pid INT, CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE)'),
      MYSQL_URL as string, scratch,
    );
    expect(r.reason).toBeUndefined();
    expect([r.status, r.rollback]).toEqual(['pass', 'pass']);
    expect(r.plan?.steps.length).toBeGreaterThan(0);
    expect(scratch.live.size).toBe(0);
  });

  it('skips a case whose side does not load, naming the side', async () => {
    const r = await runMysqlCase(pair('t/skip', 'CREATE TABLE t (a INT)', 'CREATE TABLE t (a NOTATYPE)'), MYSQL_URL as string, scratch);
    expect(r.status).toBe('skip');
    expect(r.reason).toMatch(/^desired side: desired: /);
  });

  it('passes an events change with a plan that creates the event, the catalog events agreeing both ways', async () => {
    const r = await runMysqlCase(pair('t/event', 'CREATE TABLE t (a INT)', 'CREATE TABLE t (a INT); CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t'), MYSQL_URL as string, scratch);
    expect(r.reason).toBeUndefined();
    expect([r.status, r.rollback]).toEqual(['pass', 'pass']);
    expect(r.plan?.steps.map((s) => s.sql).join('\n')).toMatch(/CREATE EVENT `e`\nON SCHEDULE EVERY 1 DAY STARTS '/);
  });
});
