/**
 * The PostgreSQL conformance case with its pg_dump referee (bench/conformance/check.ts,
 * referee.ts) on the real server, on made-up pairs: a change both judges pass, and a
 * column added in the middle, which the models pass up to column order while pg_dump
 * sees the appended column (a real difference the referee must not hide). The printed
 * figures give the model, pg_dump and combined rates.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { PairCase } from '../../bench/conformance/cases.js';
import { runCase } from '../../bench/conformance/check.js';
import { dumpReportLines } from '../../bench/conformance/dump-report.js';
import { findPgDump } from '../../bench/conformance/referee.js';
import type { CaseResult } from '../../bench/conformance/report.js';
import { freshPgDatabase, PG_URL, pgQuery, skipNote } from '../support/live.js';

const pair = (id: string, current: string, desired: string): PairCase => ({
  id, source: 'test', dialect: 'postgres', setup: '', current, desired_setup: '', desired, expected_up: null, expected_down: null, flags: {}, notes: '',
});

describe.skipIf(!PG_URL)(skipNote('PostgreSQL conformance case judged by pg_dump', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const drops: (() => Promise<void>)[] = [];
  const results: CaseResult[] = [];
  afterAll(async () => {
    await Promise.all(drops.map((drop) => drop()));
  });

  async function run(c: PairCase): Promise<CaseResult> {
    const major = Number((await pgQuery(PG_URL!, 'SHOW server_version_num')).rows[0].server_version_num) / 10000;
    const pgDump = findPgDump(Math.floor(major));
    expect(pgDump).toBeDefined();
    const [d, w] = await Promise.all([freshPgDatabase('redb_ref'), freshPgDatabase('redb_ref')]);
    drops.push(d.drop, w.drop);
    const r = await runCase({ case: c, serverUrl: PG_URL!, desiredDb: d.name, workDb: w.name, loadTimeoutMs: 30_000, pgDump });
    results.push(r);
    return r;
  }

  it('passes a change by both the models and pg_dump, both ways', async () => {
    const r = await run(pair('t/both', 'CREATE TABLE t (a int)', "CREATE TABLE t (a int, b text DEFAULT 'x'); CREATE INDEX t_b ON t (b)"));
    expect([r.status, r.rollback, r.reason]).toEqual(['pass', 'pass', undefined]);
    expect(r.dump).toEqual({ forward: 'pass', rollback: 'pass' });
  });

  it('fails forward by pg_dump when a column lands at the end, with the diff; the rollback restores the dump', async () => {
    const r = await run(pair('t/middle', 'CREATE TABLE t (a int, c int)', 'CREATE TABLE t (a int, b int, c int)'));
    expect([r.status, r.rollback]).toEqual(['pass', 'pass']);
    expect(r.warnings).toContain('column-order: forward');
    expect(r.dump?.forward).toBe('fail');
    expect(r.dump?.forwardDiff).toEqual(expect.arrayContaining(['-    c integer,', '-    b integer', '+    b integer,', '+    c integer']));
    expect(r.dump?.rollback).toBe('pass');
  });

  it('prints the model, pg_dump and combined figures and the miss with its excerpt', () => {
    const lines = dumpReportLines(results, 100, 100);
    expect(lines).toContain('DUMP t/middle: forward (model: pass)');
    expect(lines).toContain('model:   forward 100%, rollback 100% of 2 loaded cases');
    expect(lines).toContain('pg_dump: forward 50% (1), rollback 100% (2)');
    expect(lines).toContain('both:    forward 50% (1), rollback 50% (1); a case passes only when both agree');
  });
});
