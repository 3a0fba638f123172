/**
 * The job table on each engine: values by (job, scope), a put that commits or rolls
 * back with the caller's transaction, and a table no model ever shows.
 */
import { describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../adapters/mysql/index.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { readSchema } from '../../adapters/read-schema.js';
import { sqliteAdapter } from '../../adapters/sqlite/index.js';
import type { Adapter } from '../../adapters/types.js';
import { JobStore } from '../../src/jobs/job-store.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { MYSQL_URL, skipNote } from '../support/live.js';

const engines: { name: string; adapter: Adapter; url: () => Promise<{ url: string; drop: () => Promise<void> }>; skip?: string }[] = [
  { name: 'PGlite', adapter: postgresAdapter, url: async () => ({ url: 'pglite://memory', drop: async () => undefined }) },
  { name: 'SQLite', adapter: sqliteAdapter, url: async () => ({ url: 'sqlite::memory:', drop: async () => undefined }) },
  { name: 'MariaDB', adapter: mysqlAdapter, url: () => freshMysqlDatabase('redb_jobs'), ...(MYSQL_URL ? {} : { skip: 'REDB_TEST_MYSQL_URL is not set' }) },
];

for (const e of engines) {
  describe.skipIf(e.skip)(skipNote(`job store on ${e.name}`, e.skip), () => {
    it('keeps values by job and scope, commits them with the caller, and stays out of the model', async () => {
      const db = await e.url();
      const conn = await e.adapter.connect(db.url);
      try {
        const store = new JobStore(conn, e.adapter.deploy!);
        expect(await store.exists()).toBe(false);
        await store.ensure();
        await store.ensure();
        await store.put('a', 'state', '{"status":"running"}');
        await store.put('a', 'state', '{"status":"done"}');
        await store.put('a', 'table:main.t', '{"after":[3]}');
        await store.put('b', 'lsn', '"0/16B3748"');
        expect(await store.get('a', 'state')).toBe('{"status":"done"}');
        expect([...(await store.all('a')).keys()]).toEqual(['state', 'table:main.t']);
        expect(await store.jobs()).toEqual(['a', 'b']);

        await expect(
          conn.transaction(async () => {
            await store.put('a', 'state', '{"status":"lost"}');
            throw new Error('the batch failed');
          }),
        ).rejects.toThrow('the batch failed');
        expect(await store.get('a', 'state')).toBe('{"status":"done"}');

        await store.clear('a', 'state');
        expect(await store.get('a', 'state')).toBeUndefined();
        await store.clear('b');
        expect(await store.jobs()).toEqual(['a']);

        const ids = (await readSchema(e.adapter, conn)).objects.map((o) => o.id);
        expect(ids.filter((id) => id.includes('redb_jobs'))).toEqual([]);
      } finally {
        await conn.close();
        await db.drop();
      }
    });
  });
}
