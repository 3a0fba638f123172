/**
 * What deploys need from PostgreSQL: session advisory locks, a scratch database on the
 * same server (same version, same roles) to prove plans on, and kysely's compiler for
 * the ledger table.
 */
import { randomBytes } from 'node:crypto';
import { PostgresAdapter, PostgresQueryCompiler } from 'kysely';
import type { Connection, DeploySupport, ScratchDatabase } from '../types.js';
import { connectPostgres } from './connect.js';
import { urlScheme } from '../url.js';

/** Advisory lock keys are numbers: hash the name into PostgreSQL's own 32-bit text hash. */
const lockSql = (fn: string) => `SELECT ${fn}(hashtext($1)) AS ok`;

async function serverScratch(url: string): Promise<ScratchDatabase | undefined> {
  const name = `redb_scratch_${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(url);
  try {
    await admin.exec(`CREATE DATABASE ${name} TEMPLATE template0`);
  } catch {
    await admin.close();
    return undefined; // no CREATEDB right: fall back to PGlite
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  let conn: Connection;
  try {
    conn = await connectPostgres(target.toString());
  } catch (err) {
    await admin.exec(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    await admin.close();
    throw err;
  }
  return {
    conn,
    description: `a scratch database on the target server (${conn.serverVersion})`,
    dispose: async () => {
      await conn.close().catch(() => undefined);
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    },
  };
}

export const postgresDeploy: DeploySupport = {
  kysely: { createAdapter: () => new PostgresAdapter(), createQueryCompiler: () => new PostgresQueryCompiler() },
  ledger: {
    schema: 'redb',
    table: 'redb_deployments',
    jobsTable: 'redb_jobs',
    types: { text: 'varchar(200)', longText: 'text', timestamp: 'varchar(40)', integer: 'integer' },
    createIfNotExists: true,
  },
  async tryLock(conn, key) {
    const [row] = await conn.query<{ ok: boolean }>(lockSql('pg_try_advisory_lock'), [key]);
    return row.ok === true;
  },
  async unlock(conn, key) {
    await conn.query(lockSql('pg_advisory_unlock'), [key]);
  },
  // undefined_table: the ledger's schema or table is not there yet
  isMissingTable: (err) => (err as { code?: string } | undefined)?.code === '42P01',
  async scratch(url) {
    if (urlScheme(url) !== 'pglite') {
      const onServer = await serverScratch(url);
      if (onServer) return onServer;
    }
    const conn = await connectPostgres('pglite://memory');
    return { conn, description: `an in-process PGlite database (${conn.serverVersion})`, dispose: () => conn.close() };
  },
};
