/**
 * The ledger on an embedded PostgreSQL: only "the table does not exist" means there is
 * no ledger; any other error reading it is an error (skipping it would skip the drift check).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../adapters/postgres/connect.js';
import { postgresDeploy } from '../../adapters/postgres/deploy.js';
import type { Connection } from '../../adapters/types.js';
import { Ledger } from '../../src/deploy/ledger.js';

describe('ledger exists()', () => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await connectPostgres('pglite://memory');
  });
  afterEach(async () => {
    await conn.close();
  });

  it('is false when the ledger table does not exist', async () => {
    expect(await new Ledger(conn, postgresDeploy).exists()).toBe(false);
  });

  it('is true once created', async () => {
    const ledger = new Ledger(conn, postgresDeploy);
    await ledger.ensure();
    expect(await ledger.exists()).toBe(true);
  });

  it('throws E_LEDGER, naming the table, when the ledger exists but cannot be read', async () => {
    const ledger = new Ledger(conn, postgresDeploy);
    await ledger.ensure();
    await conn.exec('ALTER TABLE redb.redb_deployments DROP COLUMN status');
    await expect(ledger.exists()).rejects.toMatchObject({ code: 'E_LEDGER', message: expect.stringMatching(/redb\.redb_deployments.*status/) });
  });
});
