/**
 * Fractions of a second across engines: PostgreSQL's time and timestamp types declared
 * without a precision keep microseconds, MySQL's keep none. A migration must keep the
 * microseconds, never cut them off (MariaDB truncates a fraction without a warning).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/core/jobs.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { freshPgDatabase, MYSQL_URL, PG_URL, skipNote } from '../support/live.js';
import { asObject, migrationWorkspace, open, rowsOf } from './migrate-support.js';

const skip = !PG_URL ? 'REDB_TEST_PG_URL is not set' : !MYSQL_URL ? 'REDB_TEST_MYSQL_URL is not set' : undefined;

describe.skipIf(skip)(skipNote('migration of fractional seconds PostgreSQL → MariaDB', skip), () => {
  it('keeps the microseconds of columns declared without a precision', async () => {
    const src = await freshPgDatabase('redb_mig_frac');
    const dst = await freshMysqlDatabase('redb_mig_frac');
    const c = new pg.Client({ connectionString: src.url });
    await c.connect();
    try {
      await c.query(`
        CREATE TABLE events (id integer PRIMARY KEY, at timestamptz, local timestamp, t time);
        INSERT INTO events VALUES (1, '2024-01-02 03:04:05.123456+00', '1999-12-31 23:59:59.654321', '12:34:56.789012');
      `);
      const ws = await migrationWorkspace({ src: src.url, dst: dst.url });
      const out = await runJob(ws, 'copy');
      expect(out.status).toBe('done');
      const db = await open(dst.url);
      try {
        const { table, columns, rows } = await rowsOf(db, 'events');
        expect(table.columns.map((col) => col.type.native)).toEqual(['int(11)', 'datetime(6)', 'datetime(6)', 'time(6)']);
        expect(asObject(columns, rows[0])).toEqual({ id: '1', at: '2024-01-02 03:04:05.123456', local: '1999-12-31 23:59:59.654321', t: '12:34:56.789012' });
      } finally {
        await db.close();
      }
    } finally {
      await c.end();
      await src.drop();
      await dst.drop();
    }
  });
});
