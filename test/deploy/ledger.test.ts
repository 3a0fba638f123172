/**
 * The ledger on an embedded PostgreSQL: only "the table does not exist" means there is
 * no ledger; any other error reading it is an error (skipping it would skip the drift check).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../adapters/postgres/connect.js';
import { postgresDeploy } from '../../adapters/postgres/deploy.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { readSchema } from '../../adapters/read-schema.js';
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

describe('the ledger on an engine without CREATE TABLE IF NOT EXISTS', () => {
  it('checks for the table first, so a second ensure() is harmless', async () => {
    const conn = await connectPostgres('pglite://memory');
    try {
      const strict = { ...postgresDeploy, ledger: { ...postgresDeploy.ledger, createIfNotExists: false } };
      const ledger = new Ledger(conn, strict);
      await ledger.ensure();
      await ledger.begin({ kind: 'deploy', repo: 'r', branch: 'main', commit: 'c', source_tree: 's', target_tree: 't', plan_hash: 'h', plan: '{}', steps_total: 1, deployed_by: 'me' });
      await ledger.ensure();
      expect((await ledger.entries()).length).toBe(1);
    } finally {
      await conn.close();
    }
  });
});

describe('readSchema', () => {
  it('leaves the ledger out of the model, which the adapter alone would return', async () => {
    const conn = await connectPostgres('pglite://memory');
    try {
      await new Ledger(conn, postgresDeploy).ensure();
      const raw = await postgresAdapter.introspect(conn);
      expect(raw.objects.map((o) => o.id)).toContain('redb.redb_deployments');
      const model = await readSchema(postgresAdapter, conn);
      expect(model.objects.filter((o) => o.id === 'redb' || o.id.startsWith('redb.'))).toEqual([]);
      expect(model.objects.map((o) => o.id)).toContain('public');
    } finally {
      await conn.close();
    }
  });
});
