/**
 * Opens a `Connection` over better-sqlite3 (in-process, synchronous; wrapped in
 * promises to fit the adapter contract). Foreign keys are enforced on every connection
 * (SQLite leaves them off unless asked, per connection).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConnectError, type Connection } from '../types.js';
import { describeTarget, parseSqliteUrl, type SqliteTarget } from './url.js';

/** How long a statement waits for another process's write lock on the file before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** A SQLite connection (the contract's `Connection`; the name stays for callers that spell it). */
export type SqliteConnection = Connection;

/** The driver handle and target behind each connection, for the deploy lock (`deploy.ts`). */
const handles = new WeakMap<Connection, { readonly db: Database.Database; readonly target: SqliteTarget }>();

/** The better-sqlite3 handle behind a connection opened by `connectSqlite` (the data copy prepares its own statements); undefined for any other. */
export function driverOf(conn: Connection): Database.Database | undefined {
  return handles.get(conn)?.db;
}

/** What runs when a connection closes (the deploy lock releases its sidecar), by connection. */
const closeHooks = new WeakMap<Connection, (() => void)[]>();

/** Runs `fn` when `conn` closes: what a connection holds ends with it, as a server session's locks do. */
export function onClose(conn: Connection, fn: () => void): void {
  closeHooks.set(conn, [...(closeHooks.get(conn) ?? []), fn]);
}

/** The target a connection opened by `connectSqlite` points at; undefined for any other connection. */
export function targetOf(conn: Connection): SqliteTarget | undefined {
  return handles.get(conn)?.target;
}

/**
 * Runs `fn` inside a read transaction on a connection opened by `connectSqlite`, so
 * every query in it sees one snapshot of the file; inside a transaction already (a
 * deploy verifying its own changes), or on any other connection, it just runs `fn`.
 */
export async function inReadSnapshot<T>(conn: Connection, fn: () => Promise<T>): Promise<T> {
  const db = handles.get(conn)?.db;
  if (!db || db.inTransaction) return fn();
  // DEFERRED: the read lock is taken by the first SELECT and held to the end
  db.exec('BEGIN DEFERRED');
  try {
    return await fn();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function openError(target: Extract<SqliteTarget, { kind: 'file' }>, err: unknown): ConnectError {
  const e = err as { code?: string; message?: string };
  if (!existsSync(dirname(target.path))) {
    return new ConnectError(`the directory of the SQLite database ${target.path} does not exist`, 'Fix the path in the URL, or create the directory first.');
  }
  if (!existsSync(target.path)) {
    return new ConnectError(
      `the SQLite database ${target.path} does not exist`,
      'Fix the path in the URL (relative paths start at the working directory), or add ?mode=rwc to the URL to create a new empty database there.',
    );
  }
  if (e.code === 'SQLITE_NOTADB') return new ConnectError(`${target.path} is not a SQLite database`, 'Check the path in the URL: it names some other kind of file.');
  return new ConnectError(`cannot open ${describeTarget(target)}: ${e.message ?? String(err)}`, 'Check that the file is readable (and writable unless ?mode=ro) by this user.');
}

function open(target: SqliteTarget): Database.Database {
  if (target.kind === 'memory') return new Database(':memory:');
  let db: Database.Database | undefined;
  try {
    db = new Database(target.path, { fileMustExist: target.mode !== 'rwc', readonly: target.mode === 'ro', timeout: BUSY_TIMEOUT_MS });
    // the header is read lazily: a file that is not a database fails only here
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (err) {
    db?.close();
    throw openError(target, err);
  }
}

function wrap(db: Database.Database, target: SqliteTarget, serverVersion: string): SqliteConnection {
  let savepoints = 0;
  const conn: SqliteConnection = {
    serverVersion,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const stmt = db.prepare(sql);
      const args = (params ?? []).map(bindable);
      if (stmt.reader) return stmt.all(...args) as R[];
      stmt.run(...args);
      return [];
    },
    async run(sql: string) {
      // prepare() compiles one statement and refuses a string holding a second one
      db.prepare(sql).run();
    },
    async *stream<R>(sql: string, params?: readonly unknown[], batchSize = 1000) {
      // iterate() steps the statement row by row: only one batch is held at a time
      let batch: R[] = [];
      for (const row of db.prepare(sql).iterate(...(params ?? []).map(bindable))) {
        batch.push(row as R);
        if (batch.length < batchSize) continue;
        yield batch;
        batch = [];
      }
      if (batch.length) yield batch;
    },
    async exec(sql: string) {
      db.exec(sql);
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      // a transaction inside a transaction is a savepoint: SQLite has no nested BEGIN
      const name = db.inTransaction ? `redb_sp_${++savepoints}` : undefined;
      // IMMEDIATE takes the write lock up front, so a concurrent writer fails now rather than at the first write
      db.exec(name ? `SAVEPOINT ${name}` : 'BEGIN IMMEDIATE');
      try {
        const result = await fn();
        db.exec(name ? `RELEASE ${name}` : 'COMMIT');
        return result;
      } catch (err) {
        // a failed COMMIT or a constraint error may already have ended the transaction
        if (db.inTransaction) db.exec(name ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK');
        throw err;
      }
    },
    async close() {
      for (const hook of closeHooks.get(conn) ?? []) hook();
      closeHooks.delete(conn);
      if (db.open) db.close();
    },
  };
  handles.set(conn, { db, target });
  return conn;
}

/**
 * Opens a connection for a `sqlite://` URL (see url.ts).
 *
 * @example const conn = await connectSqlite('sqlite::memory:'); await conn.query('select 1 as one');
 */
export async function connectSqlite(url: string): Promise<SqliteConnection> {
  const target = parseSqliteUrl(url);
  const db = open(target);
  try {
    db.pragma('foreign_keys = ON');
    const { v } = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
    return wrap(db, target, `SQLite ${v}`);
  } catch (err) {
    db.close();
    throw err;
  }
}
