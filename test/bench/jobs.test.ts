/**
 * The jobs benchmark's own parts (bench/jobs/), not its figures: the generator makes the
 * same rows on both engines (so a MariaDB → PostgreSQL run moves the same data as a
 * PostgreSQL one) of about 150 bytes, the fingerprint catches a target that lost or
 * changed rows, the lag percentiles are weighted by transaction size, and the report's
 * tables survive tool names with a `|` in them.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { weightedQuantile } from '../../bench/jobs/cdc.js';
import { fingerprintMysql, fingerprintPg, loadMysql, loadPg, pgBytesPerRow, sameFingerprint, TABLE } from '../../bench/jobs/data.js';
import { jobWorkspace, phaseTimes, removeWorkspace, timeJob } from '../../bench/jobs/redb-job.js';
import { migrationTable } from '../../bench/jobs/report.js';
import { freshMysqlDatabase, noServer } from '../adapters/mysql/helpers.js';
import { freshPgDatabase, PG_URL, skipNote } from '../support/live.js';

describe('bench jobs: lag percentiles', () => {
  it('weights each transaction by its rows', () => {
    const points = [{ value: 10, weight: 1 }, { value: 20, weight: 1 }, { value: 1000, weight: 98 }];
    expect(weightedQuantile(points, 0.5)).toBe(1000);
    expect(weightedQuantile(points, 0.01)).toBe(10);
    expect(weightedQuantile([{ value: 5, weight: 99 }, { value: 700, weight: 1 }], 0.99)).toBe(5);
    expect(weightedQuantile([{ value: 5, weight: 98 }, { value: 700, weight: 2 }], 0.99)).toBe(700);
  });
});

describe('bench jobs: where the time goes', () => {
  it('gives the time between two progress events to the later event (a job reports work once done)', () => {
    const ev = (at: number, phase: string) => ({ at, line: JSON.stringify({ job: 'j', phase }) });
    const lines = [ev(1.5, 'schema'), ev(2, 'copy'), ev(3, 'copy'), { at: 3.1, line: 'not json' }, ev(3.5, 'indexes'), ev(5.5, 'verify')];
    expect(phaseTimes(lines, 6)).toEqual({ first: 1.5, copy: 1.5, indexes: 0.5, verify: 2, tail: 0.5, exit: 6 });
    expect(phaseTimes([], 2)).toEqual({ tail: 2, exit: 2 });
  });
});

describe('bench jobs: report', () => {
  it('escapes a | in a tool name so the Markdown table keeps its columns', () => {
    const side = { tool: 'pg_dump -a | psql', seconds: [2], peakMB: [null], medianSeconds: 2, rowsPerSecond: 500 };
    const table = migrationTable([{ name: 'PostgreSQL → PostgreSQL', rows: 1000, loadSeconds: 0, redb: { ...side, tool: 'redb', medianSeconds: 2.5 }, reference: side, ratio: 1.25, goal: '≤ 1.5 × pg_dump | psql', met: true }]);
    const row = table.split('\n')[2];
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(11);
    expect(row).toContain('pg_dump -a \\| psql');
    expect(row).toContain('met');
  });
});

const noServers = !PG_URL ? 'REDB_TEST_PG_URL is not set' : noServer;

describe.skipIf(noServers)(skipNote('bench jobs: the generated table', noServers), () => {
  it('holds the same rows on PostgreSQL and MariaDB, about 150 bytes each, and a changed row is caught', async () => {
    const p = await freshPgDatabase('redb_bench_jobs_t');
    const m = await freshMysqlDatabase('redb_bench_jobs_t');
    try {
      await loadPg(p.url, 2500);
      await loadMysql(m.url, 2500);
      const a = await fingerprintPg(p.url);
      const b = await fingerprintMysql(m.url);
      expect(a.rows).toBe(2500);
      expect(a.nulls).toBe(250);
      expect(b).toEqual(a);
      const bytes = await pgBytesPerRow(p.url);
      expect(bytes).toBeGreaterThan(130);
      expect(bytes).toBeLessThan(190);
      const c = new pg.Client({ connectionString: p.url });
      await c.connect();
      await c.query(`UPDATE ${TABLE} SET note = note || 'x' WHERE id = 7`);
      await c.end();
      expect(() => sameFingerprint('run', b, a)).not.toThrow();
      const changed = await fingerprintPg(p.url);
      expect(() => sameFingerprint('run', b, changed)).toThrow(/sumLengths/);
    } finally {
      await p.drop();
      await m.drop();
    }
  }, 60_000);

  // `redb job run` runs from the esbuild bundle, where pg-copy-streams' exports arrive
  // under `default`: the COPY into a PostgreSQL target failed there ("from is not a
  // function") while the same job through the API worked.
  it('a PostgreSQL → PostgreSQL migration through the CLI moves the table (the redb side of the bench)', async () => {
    const src = await freshPgDatabase('redb_bench_jobs_t');
    const tgt = await freshPgDatabase('redb_bench_jobs_t');
    let ws: string | undefined;
    try {
      await loadPg(src.url, 1500);
      ws = jobWorkspace(src.url, tgt.url, { name: 'bench', type: 'migration' });
      await timeJob(ws, 'bench', 'cli');
      expect(await fingerprintPg(tgt.url)).toEqual(await fingerprintPg(src.url));
    } finally {
      if (ws) removeWorkspace(ws);
      await src.drop();
      await tgt.drop();
    }
  }, 120_000);
});
