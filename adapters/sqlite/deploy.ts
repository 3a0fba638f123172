/**
 * What deploys need from SQLite: the ledger as a plain table in the database, a deploy
 * lock, and an in-memory scratch database to prove plans on.
 *
 * The lock. SQLite has no advisory locks, and the obvious substitutes fail a deploy:
 * - a lock row in the database outlives a deploy whose process dies (kill -9, power
 *   loss): every later deploy is locked out until someone deletes the row by hand;
 * - `BEGIN IMMEDIATE` on the target itself for the whole deploy would turn the deploy's
 *   own transactions into savepoints and its ledger rows into uncommitted writes.
 * So the lock is SQLite's own file lock on a sidecar database `<file>.<key>.lock`
 * next to the target: tryLock opens it and holds an EXCLUSIVE transaction on it
 * (empty, nothing is ever written). Another process's tryLock gets SQLITE_BUSY at
 * once (busy timeout 0) and sees the lock held; when the holder closes it, or its
 * process ends in any way, the operating system releases the lock. The sidecar file
 * stays (an empty database, like a journal it is harmless); it is never deleted,
 * because a process that opened it just before a delete would lock a file nobody
 * else can find. An in-memory database is private to its connection: its lock is
 * held in this process.
 */
import { SqliteAdapter, SqliteQueryCompiler } from 'kysely';
import Database from 'better-sqlite3';
import type { Connection, DeploySupport } from '../types.js';
import { connectSqlite, onClose, targetOf } from './connect.js';

/** Held locks, by connection and key: the sidecar handle (a file) or nothing (in memory). */
const held = new WeakMap<Connection, Map<string, Database.Database | undefined>>();

/** The sidecar lock file of a database file for a lock key. */
export function lockFileOf(path: string, key: string): string {
  return `${path}.${key.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function lockFileError(file: string, err: unknown): Error {
  return new Error(`cannot take the deploy lock: cannot open its lock file ${file}: ${(err as Error).message} (the folder of the database must be writable)`);
}

/** Opens the sidecar and takes its exclusive lock; undefined when another connection holds it. */
function lockSidecar(file: string): Database.Database | undefined {
  let lock: Database.Database;
  try {
    lock = new Database(file, { timeout: 0 });
  } catch (err) {
    throw lockFileError(file, err);
  }
  try {
    // an empty file takes no lock: give it a schema once (whoever gets there first)
    lock.exec('CREATE TABLE IF NOT EXISTS redb_lock (held integer)');
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (err) {
    lock.close();
    if (isBusy(err)) return undefined;
    throw lockFileError(file, err);
  }
}

export const sqliteDeploy: DeploySupport = {
  kysely: { createAdapter: () => new SqliteAdapter(), createQueryCompiler: () => new SqliteQueryCompiler() },
  // SQLite has one type per storage class; timestamps are ISO text
  ledger: { table: 'redb_deployments', jobsTable: 'redb_jobs', types: { text: 'text', longText: 'text', timestamp: 'text', integer: 'integer' }, createIfNotExists: true },
  async tryLock(conn, key) {
    let locks = held.get(conn);
    if (!locks) {
      const mine = (locks = new Map<string, Database.Database | undefined>());
      held.set(conn, mine);
      // a lock ends with its connection, as a server session's does
      onClose(conn, () => {
        for (const lock of mine.values()) lock?.close();
        mine.clear();
      });
    }
    if (locks.has(key)) return false;
    const target = targetOf(conn);
    if (target?.kind !== 'file') {
      // only this connection can reach an in-memory database
      locks.set(key, undefined);
      return true;
    }
    const lock = lockSidecar(lockFileOf(target.path, key));
    if (!lock) return false;
    locks.set(key, lock);
    return true;
  },
  async unlock(conn, key) {
    const locks = held.get(conn);
    if (!locks?.has(key)) return;
    const lock = locks.get(key);
    locks.delete(key);
    // closing ends the transaction, and with it the file lock
    lock?.close();
  },
  isMissingTable: (err) => /\bno such table\b/i.test((err as Error | undefined)?.message ?? ''),
  async scratch() {
    // SQLite is the same engine in memory: the proof runs on this process's SQLite
    const conn = await connectSqlite('sqlite::memory:');
    return { conn, description: `an in-memory SQLite database (${conn.serverVersion})`, dispose: () => conn.close() };
  },
};
