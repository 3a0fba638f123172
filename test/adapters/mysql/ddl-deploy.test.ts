/**
 * What deploys need from MariaDB, on the real server: the GET_LOCK deploy lock (one
 * holder per database, released with the session), scratch databases created and
 * dropped on the same server, and the ledger's missing-table error.
 */
import { describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import { skipNote } from '../../support/live.js';
import { freshMysqlDatabase, noServer } from './helpers.js';

const deploy = mysqlAdapter.deploy!;

describe.skipIf(noServer)(skipNote('MySQL deploy support on MariaDB', noServer), () => {
  it('takes the deploy lock once per database; another session waits for nothing and gets false', async () => {
    const a = await freshMysqlDatabase('redb_mylock');
    const b = await freshMysqlDatabase('redb_mylock');
    const [c1, c2, other] = await Promise.all([mysqlAdapter.connect(a.url), mysqlAdapter.connect(a.url), mysqlAdapter.connect(b.url)]);
    try {
      expect(await deploy.tryLock(c1, 'redb-deploy')).toBe(true);
      expect(await deploy.tryLock(c2, 'redb-deploy')).toBe(false);
      // another database of the same server has a lock of its own
      expect(await deploy.tryLock(other, 'redb-deploy')).toBe(true);
      await deploy.unlock(c1, 'redb-deploy');
      expect(await deploy.tryLock(c2, 'redb-deploy')).toBe(true);
      // a session that ends releases its lock: once the server has ended it, which
      // happens after the client's QUIT returns, so allow it a moment
      await c2.close();
      let relocked = false;
      for (let i = 0; i < 40 && !relocked; i++) {
        relocked = await deploy.tryLock(c1, 'redb-deploy');
        if (!relocked) await new Promise((r) => setTimeout(r, 50));
      }
      expect(relocked).toBe(true);
    } finally {
      await Promise.all([c1.close(), c2.close().catch(() => undefined), other.close()]);
      await a.drop();
      await b.drop();
    }
  });

  it('creates a scratch database on the same server and drops it', async () => {
    const a = await freshMysqlDatabase('redb_myscratch');
    const admin = await mysqlAdapter.connect(a.url);
    try {
      const scratch = await deploy.scratch(a.url);
      const [{ db }] = await scratch.conn.query<{ db: string }>('SELECT DATABASE() AS db');
      expect(db).toMatch(/^redb_scratch_[0-9a-f]{12}$/u);
      expect(scratch.description).toBe(`a scratch database on the target server (${admin.serverVersion})`);
      await scratch.dispose();
      expect(await admin.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [db])).toEqual([]);
    } finally {
      await admin.close();
      await a.drop();
    }
  });

  it('tells a missing ledger table from other errors', async () => {
    const a = await freshMysqlDatabase('redb_myledger');
    const conn = await mysqlAdapter.connect(a.url);
    try {
      const missing = await conn.query('SELECT * FROM redb_deployments').catch((e: unknown) => e);
      expect(deploy.isMissingTable(missing)).toBe(true);
      const syntax = await conn.query('SELECT FROM').catch((e: unknown) => e);
      expect(deploy.isMissingTable(syntax)).toBe(false);
    } finally {
      await conn.close();
      await a.drop();
    }
  });
});
