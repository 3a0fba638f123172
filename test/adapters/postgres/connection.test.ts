/**
 * The connection contract on PostgreSQL (PGlite, and the server when REDB_TEST_PG_URL is
 * set): transactions through the connection, results read in batches.
 */
import { describe, expect, it } from 'vitest';
import { connectPostgres } from '../../../adapters/postgres/connect.js';
import type { Connection } from '../../../adapters/types.js';

describe('Connection.transaction', () => {
  it('commits what fn did when it resolves and rolls all of it back when it throws', async () => {
    const conn = await connectPostgres('pglite://memory');
    try {
      await conn.transaction(async () => conn.run('CREATE TABLE kept (a int)'));
      const failed = conn.transaction(async () => {
        await conn.run('CREATE TABLE lost (a int)');
        throw new Error('step 2 failed');
      });
      await expect(failed).rejects.toThrow('step 2 failed');
      const rows = await conn.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      expect(rows.map((r) => r.t)).toEqual(['kept']);
    } finally {
      await conn.close();
    }
  });
});

describe('Connection.stream', () => {
  const streamed = async (conn: Connection) => {
    const batches: number[][] = [];
    for await (const rows of conn.stream<{ n: number }>('SELECT n FROM generate_series(1, $1::int) AS n ORDER BY n', [25], 10)) batches.push(rows.map((r) => r.n));
    return batches;
  };

  it('reads a result in batches, and the connection works after it (PGlite and the server)', async () => {
    const urls = ['pglite://memory', ...(process.env.REDB_TEST_PG_URL ? [process.env.REDB_TEST_PG_URL] : [])];
    for (const url of urls) {
      const conn = await connectPostgres(url);
      try {
        const batches = await streamed(conn);
        expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
        expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        // leaving the loop early releases the cursor: the next query runs
        for await (const rows of conn.stream('SELECT n FROM generate_series(1, 100) AS n', [], 10)) if (rows.length) break;
        expect(await conn.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await conn.close();
      }
    }
  });
});
