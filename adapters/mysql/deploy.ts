/**
 * What deploys need from MySQL/MariaDB: the ledger as a table `redb_deployments` in the
 * target database (the database is the model's one schema; readSchema leaves the table
 * out of every model), a deploy lock with GET_LOCK, and a scratch database on the same
 * server (same flavour and version) to prove plans on.
 *
 * GET_LOCK names are server-wide, not per database: the key is qualified by the target
 * database's name, so deploys to two databases of one server do not wait for each other.
 * The server releases the lock when the session ends in any way (a killed process too).
 */
import { randomBytes } from 'node:crypto';
import { MysqlAdapter, MysqlQueryCompiler } from 'kysely';
import { RedbError } from '../../src/errors.js';
import type { Connection, DeploySupport, ScratchDatabase } from '../types.js';
import { connectMysql } from './connect.js';
import { quoteIdent } from './introspect/names.js';

/** The lock name for `key` on the connection's database (GET_LOCK takes at most 64 characters). */
async function lockName(conn: Connection, key: string): Promise<string> {
  const [row] = await conn.query<{ db: string | null }>('SELECT DATABASE() AS db');
  return `${row?.db ?? ''}.${key}`.slice(0, 64);
}

/** The URL with another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function scratchOnServer(url: string): Promise<ScratchDatabase> {
  const name = `redb_scratch_${randomBytes(6).toString('hex')}`;
  const admin = await connectMysql(url);
  try {
    await admin.run(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (err) {
    await admin.close();
    const e = err as { errno?: number; message?: string };
    // ER_DBACCESS_DENIED_ERROR, ER_ACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR
    if (e.errno === 1044 || e.errno === 1045 || e.errno === 1227) {
      throw new RedbError('E_PROOF', `cannot prove the plan: the user may not create a scratch database on the target server (${e.message ?? 'access denied'})`, 'grant CREATE and DROP on redb_scratch_% databases (GRANT CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, TRIGGER, SELECT, INSERT ON `redb\\_scratch\\_%`.* TO …), or deploy with --no-prove');
    }
    throw err;
  }
  let conn: Connection;
  try {
    conn = await connectMysql(withDatabase(url, name));
  } catch (err) {
    await admin.run(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
    await admin.close();
    throw err;
  }
  return {
    conn,
    description: `a scratch database on the target server (${conn.serverVersion})`,
    dispose: async () => {
      await conn.close().catch(() => undefined);
      await admin.run(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
      await admin.close();
    },
  };
}

export const mysqlDeploy: DeploySupport = {
  kysely: { createAdapter: () => new MysqlAdapter(), createQueryCompiler: () => new MysqlQueryCompiler() },
  // TEXT holds 64 KB, too small for a whole plan: LONGTEXT
  ledger: { table: 'redb_deployments', jobsTable: 'redb_jobs', types: { text: 'varchar(200)', longText: 'longtext', timestamp: 'varchar(40)', integer: 'int' }, createIfNotExists: true },
  async tryLock(conn, key) {
    const [row] = await conn.query<{ ok: number | string | null }>('SELECT GET_LOCK(?, 0) AS ok', [await lockName(conn, key)]);
    return Number(row?.ok) === 1;
  },
  async unlock(conn, key) {
    await conn.query('SELECT RELEASE_LOCK(?) AS ok', [await lockName(conn, key)]);
  },
  // ER_NO_SUCH_TABLE
  isMissingTable: (err) => (err as { errno?: number } | undefined)?.errno === 1146,
  scratch: scratchOnServer,
};
