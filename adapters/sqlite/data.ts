/**
 * Rows in and out of SQLite for migration and replication jobs (`DataSupport`), on the
 * better-sqlite3 handle itself: SQLite runs in this process, so one prepared statement
 * run per row costs no round trip, and statements run with safeIntegers so 64-bit
 * integers stay exact (data-values.ts). Writes of a batch run in one transaction (a
 * savepoint inside the caller's): all of it or none of it, and fast outside a
 * transaction too. Reads compare row values `(k1, k2) > (?, ?)`, which SQLite answers
 * from the key's index.
 */
import type Database from 'better-sqlite3';
import type { Column, Table } from '../../unified-model/index.js';
import type { Connection, DataBatch, DataSupport, DataTable, PortableValue } from '../types.js';
import { driverOf } from './connect.js';
import { q } from './ddl/quote.js';
import { dataWriteError, fromSqlite, toSqlite } from './data-values.js';

function handle(conn: Connection): Database.Database {
  const db = driverOf(conn);
  if (!db) throw new Error('the SQLite data copy needs a connection opened by the SQLite adapter');
  return db;
}

function columnOf(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`${table.name} has no column ${name}`);
  return c;
}

const keyOf = (table: Table): readonly Column[] => (table.primaryKey?.columns ?? []).map((n) => columnOf(table, n));

/** SQLite's complaint about row `i` as E_DATA_WRITE; its messages name `table.column`, not values. */
function writeError(err: unknown, table: Table, i: number): unknown {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code !== 'string' || !e.code.startsWith('SQLITE_')) return err;
  const message = e.message ?? e.code;
  const named = /(?:failed: |column )"?([^".\s,]+)"?\.("?)([^",\s]+)\2/.exec(message);
  const column = named && named[1] === table.name && table.columns.some((c) => c.name === named[3]) ? named[3] : undefined;
  return dataWriteError(table.name, column, `${message} (row ${i + 1} of the batch) [${e.code}]`);
}

function readBatch(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<DataBatch> {
  const key = keyOf(t.table);
  const moved = t.columns.map((n) => columnOf(t.table, n));
  const extra = key.filter((k) => !t.columns.includes(k.name));
  const selected = [...moved, ...extra];
  let sql = `SELECT ${selected.map((c) => q(c.name)).join(', ')} FROM ${q(t.table.name)}`;
  const params: unknown[] = [];
  if (key.length) {
    const cols = key.map((k) => q(k.name)).join(', ');
    if (after) {
      if (after.length !== key.length) throw new Error(`${t.table.name}: a key of ${after.length} values after a primary key of ${key.length} columns`);
      sql += key.length === 1 ? ` WHERE ${cols} > ?` : ` WHERE (${cols}) > (${key.map(() => '?').join(', ')})`;
      params.push(...after.map((v, i) => toSqlite(v, key[i], t.table.name)));
    }
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`readBatch: limit ${limit} is not a positive integer`);
    sql += ` ORDER BY ${cols} LIMIT ${limit}`;
  }
  const stmt = handle(conn).prepare(sql).raw(true).safeIntegers(true);
  const logical = selected.map((c) => c.type.logical);
  const all = (stmt.all(...params) as unknown[][]).map((r) => r.map((v, i) => fromSqlite(v, logical[i])));
  const rows = all.map((r) => r.slice(0, moved.length));
  if (!key.length || !all.length) return Promise.resolve({ rows });
  const lastRow = all[all.length - 1];
  const last = key.map((k) => {
    const at = t.columns.indexOf(k.name);
    return lastRow[at >= 0 ? at : moved.length + extra.indexOf(k)];
  });
  return Promise.resolve({ rows, last });
}

/** Runs `sql` once per row with the row's values, all in one transaction. */
function writeRows(conn: Connection, t: DataTable, rows: readonly PortableValue[][], sql: string): Promise<void> {
  if (!rows.length) return Promise.resolve();
  const db = handle(conn);
  const cols = t.columns.map((n) => columnOf(t.table, n));
  const stmt = db.prepare(sql).safeIntegers(true);
  const name = t.table.name;
  db.transaction(() => {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const args = cols.map((c, j) => toSqlite(row[j] ?? null, c, name));
      try {
        stmt.run(...args);
      } catch (err) {
        throw writeError(err, t.table, i);
      }
    }
  })();
  return Promise.resolve();
}

function insertSql(t: DataTable): string {
  return `INSERT INTO ${q(t.table.name)} (${t.columns.map(q).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`;
}

function upsertSql(t: DataTable): string {
  const key = keyOf(t.table).map((k) => k.name);
  if (!key.length) throw new Error(`${t.table.name} has no primary key: rows cannot be upserted by key`);
  const others = t.columns.filter((c) => !key.includes(c));
  const action = others.length ? `DO UPDATE SET ${others.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'DO NOTHING';
  return `${insertSql(t)} ON CONFLICT (${key.map(q).join(', ')}) ${action}`;
}

function deleteKeys(conn: Connection, table: Table, keys: readonly (readonly PortableValue[])[]): Promise<void> {
  if (!keys.length) return Promise.resolve();
  const key = keyOf(table);
  if (!key.length) throw new Error(`${table.name} has no primary key: rows cannot be deleted by key`);
  const db = handle(conn);
  const stmt = db.prepare(`DELETE FROM ${q(table.name)} WHERE ${key.map((k) => `${q(k.name)} = ?`).join(' AND ')}`).safeIntegers(true);
  db.transaction(() => {
    for (const k of keys) stmt.run(...key.map((c, i) => toSqlite(k[i] ?? null, c, table.name)));
  })();
  return Promise.resolve();
}

export const sqliteData: DataSupport = {
  readBatch: async (conn, t, after, limit) => readBatch(conn, t, after, limit),
  async count(conn, table) {
    const row = handle(conn).prepare(`SELECT COUNT(*) FROM ${q(table.name)}`).pluck().get() as number;
    return Number(row);
  },
  insert: async (conn, t, rows) => writeRows(conn, t, rows, insertSql(t)),
  upsert: async (conn, t, rows) => writeRows(conn, t, rows, upsertSql(t)),
  deleteKeys: async (conn, table, keys) => deleteKeys(conn, table, keys),
  async truncate(conn, table) {
    handle(conn).prepare(`DELETE FROM ${q(table.name)}`).run();
  },
};
