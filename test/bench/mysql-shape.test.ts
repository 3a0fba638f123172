/**
 * The MariaDB translation of the bench shape (bench/mysql-shape.ts): at 40 tables it
 * loads into a real MariaDB through the bench's own loader, and what
 * information_schema holds is what the generator says it made. The DDL is
 * deterministic and frozen per generator version (which is part of the database
 * name `--reuse` keeps).
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countMysqlObjects, dropMysqlDatabase, mysqlBenchDatabaseName, mysqlDump, prepareMysqlDatabase } from '../../bench/mysql.js';
import { MYSQL_GENERATOR_VERSION, mysqlExpectedCounts, mysqlSchemaBatches } from '../../bench/mysql-shape.js';
import { mysqlTable } from '../../bench/report.js';
import { expectedCounts } from '../../bench/shapes/bench.js';
import { MYSQL_URL, skipNote } from '../support/live.js';

const N = 40;
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
/** sha256 (first 16 hex digits) of `mysqlSchemaBatches(40)` at each generator version. */
const FROZEN: Record<number, string> = { 1: 'b2afd1749f6b3fc1' };

describe('bench mysql shape: deterministic DDL', () => {
  it('gives the same DDL every time, frozen for its version', () => {
    const ddl = mysqlSchemaBatches(N).join('');
    expect(mysqlSchemaBatches(N).join('')).toBe(ddl);
    expect(sha(ddl)).toBe(FROZEN[MYSQL_GENERATOR_VERSION]);
    expect(mysqlBenchDatabaseName(5000)).toBe(`redb_bench_mysql_v${MYSQL_GENERATOR_VERSION}_5000`);
  });

  it('makes the same tables, views, sequences, indexes and constraints as the PostgreSQL bench shape', () => {
    // only the schemas (one database), the enum types (inline ENUM columns) and the
    // identity columns' sequences (AUTO_INCREMENT, no sequence) differ
    const { schemas: _s, enums: _e, sequences: pgSequences, ...pg } = expectedCounts(450);
    const { schemas, enums, sequences, ...my } = mysqlExpectedCounts(450);
    expect(my).toEqual(pg);
    expect([schemas, enums, sequences]).toEqual([1, 0, 45]);
    expect(pgSequences).toBeGreaterThan(sequences);
  });

  it('cuts the DDL into batches of whole modules', () => {
    const batches = mysqlSchemaBatches(450);
    expect(batches.length).toBe(3);
    expect(batches.join('').split('CREATE TABLE ').length - 1).toBe(450);
  });
});

describe('bench mysql report', () => {
  it('shows the ratio to mysqldump and whether the goal is met at 5,000 tables', () => {
    const sum = (s: number, mb: number) => ({ seconds: [s], peakMB: [mb], medianSeconds: s, medianPeakMB: mb });
    const row = (tables: number, dump: number, commit: number) => ({
      tables,
      database: `redb_bench_mysql_v1_${tables}`,
      objects: { ...mysqlExpectedCounts(tables), columns: 0, total: 42 },
      loadSeconds: 1,
      files: 7,
      dump: sum(dump, 8),
      commit: sum(commit, 90),
      noop: sum(commit / 2, 80),
      ratio: { commit: commit / dump, noop: commit / 2 / dump },
      loadAvg: [0.5, 0.7] as [number, number],
    });
    const table = mysqlTable([row(1000, 4, 2), row(5000, 10, 12)]);
    expect(table.split('\n')[2]).toBe('| 1000 | 42 | 7 | 4.00 | 8 | 2.00 | 0.50 | 1.00 | 0.25 | 90 | — | 0.5–0.7 |');
    expect(table.split('\n')[3]).toContain('| 1.20 |');
    expect(table.split('\n')[3]).toContain('| not met |');
  });
});

describe.skipIf(!MYSQL_URL)(skipNote('bench mysql shape: loaded into MariaDB', MYSQL_URL ? undefined : 'REDB_TEST_MYSQL_URL is not set'), () => {
  it('information_schema holds what the generator says, and mysqldump reads it', async () => {
    const name = `redb_test_mysql_shape_${randomBytes(4).toString('hex')}`;
    try {
      const db = await prepareMysqlDatabase(MYSQL_URL!, N, { name });
      expect(db.reused).toBe(false);
      const { columns, total, ...counts } = await countMysqlObjects(MYSQL_URL!, name);
      expect(counts).toEqual(mysqlExpectedCounts(N));
      expect(counts.tables).toBe(N);
      expect(columns).toBeGreaterThan(N * 9);
      expect(total).toBeGreaterThan(N);
      // a second prepare with reuse keeps the database the same generator made
      expect((await prepareMysqlDatabase(MYSQL_URL!, N, { name, reuse: true })).reused).toBe(true);
      // and one for another size does not (the counts differ)
      expect((await prepareMysqlDatabase(MYSQL_URL!, N + 10, { name, reuse: true })).reused).toBe(false);
      expect((await countMysqlObjects(MYSQL_URL!, name)).tables).toBe(N + 10);
      const dump = await mysqlDump(MYSQL_URL!, name);
      expect(dump.seconds).toBeGreaterThan(0);
    } finally {
      await dropMysqlDatabase(MYSQL_URL!, name);
    }
  });
});
