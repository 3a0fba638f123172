/**
 * A job's state and steering in its target: one runner at a time through a session lock
 * that ends with the runner's session, requests that a runner's own state writes never
 * overwrite, on each engine a job can write into.
 */
import { describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../adapters/mysql/index.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { sqliteAdapter } from '../../adapters/sqlite/index.js';
import type { Adapter } from '../../adapters/types.js';
import { JobStore } from '../../src/jobs/job-store.js';
import { clearRequest, jobIsAlive, lockJob, readRequest, readState, writeRequest, writeState } from '../../src/jobs/state.js';
import { freshMysqlDatabase } from '../adapters/mysql/helpers.js';
import { tempDir } from '../support/cli.js';
import { sqliteExec } from '../support/sqlite.js';
import { freshPgDatabase, MYSQL_URL, PG_URL, skipNote } from '../support/live.js';

const engines: { name: string; adapter: Adapter; db: () => Promise<{ url: string; drop: () => Promise<void> }>; skip?: string }[] = [
  { name: 'PostgreSQL', adapter: postgresAdapter, db: () => freshPgDatabase('redb_jobstate'), ...(PG_URL ? {} : { skip: 'REDB_TEST_PG_URL is not set' }) },
  { name: 'MariaDB', adapter: mysqlAdapter, db: () => freshMysqlDatabase('redb_jobstate'), ...(MYSQL_URL ? {} : { skip: 'REDB_TEST_MYSQL_URL is not set' }) },
  { name: 'SQLite', adapter: sqliteAdapter, db: async () => sqliteFile() },
];

async function sqliteFile(): Promise<{ url: string; drop: () => Promise<void> }> {
  const path = `${tempDir()}/target.db`;
  sqliteExec(path, 'CREATE TABLE users (id INTEGER PRIMARY KEY)');
  return { url: `sqlite://${path}`, drop: async () => undefined };
}

for (const e of engines) {
  describe.skipIf(e.skip)(skipNote(`job state on ${e.name}`, e.skip), () => {
    it('lets one runner hold a job, frees it when that session ends, and keeps requests apart from the state', async () => {
      const db = await e.db();
      const [runner, other] = [await e.adapter.connect(db.url), await e.adapter.connect(db.url)];
      try {
        const store = new JobStore(runner, e.adapter.deploy!);
        await store.ensure();
        expect(await readState(store, 'copy')).toBeUndefined();

        await lockJob(runner, e.adapter, 'copy', undefined);
        await writeState(store, 'copy', { status: 'running', runner: 'host-a:1', updatedAt: '' });
        expect(await jobIsAlive(other, e.adapter, 'copy')).toBe(true);
        await expect(lockJob(other, e.adapter, 'copy', await readState(store, 'copy'))).rejects.toMatchObject({ code: 'E_JOB_RUNNING', message: expect.stringContaining('host-a:1') });
        // another job is not held by this one's lock
        expect(await jobIsAlive(other, e.adapter, 'nightly')).toBe(false);

        const steering = new JobStore(other, e.adapter.deploy!);
        await writeRequest(steering, 'copy', 'pause');
        // the runner's next state write does not lose the request
        await writeState(store, 'copy', { status: 'running', phase: 'copy', updatedAt: '' });
        expect(await readRequest(store, 'copy')).toBe('pause');
        expect(await readState(steering, 'copy')).toMatchObject({ status: 'running', phase: 'copy', request: 'pause' });
        await clearRequest(store, 'copy');
        expect((await readState(steering, 'copy'))?.request).toBeUndefined();

        await runner.close();
        expect(await jobIsAlive(other, e.adapter, 'copy')).toBe(false);
        // the state still says running: only the lock tells a live runner from a dead one
        expect((await readState(steering, 'copy'))?.status).toBe('running');
        await lockJob(other, e.adapter, 'copy', undefined);
      } finally {
        await runner.close().catch(() => undefined);
        await other.close();
        await db.drop();
      }
    });
  });
}
