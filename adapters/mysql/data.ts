/**
 * Rows in and out of MySQL/MariaDB for migration and replication jobs (`DataSupport`).
 * The model's schema is the connected database: tables are named unqualified.
 *
 * Reads go in primary-key order after a key (data-keys.ts). Writes are multi-row statements as large as max_allowed_packet allows (capped), in a
 * strict session: any warning is an error (data-session.ts). AUTO_INCREMENT moves past
 * explicit ids by itself, so there is no `resetCounters`.
 */
import type { Column, Table } from '../../unified-model/index.js';
import type { Connection, DataBatch, DataSupport, DataTable, PortableValue } from '../types.js';
import { featuresOfConnection } from './features.js';
import { quoteIdent as q } from './introspect/names.js';
import { DataWriteError } from './data-errors.js';
import { fromMysql, literal, rowLiteral, selectExpr, zoned } from './data-values.js';
import { inDataSession, maxPacket, selectRows, write, type WriteTarget } from './data-session.js';
import { canLoad, loadRows } from './data-load.js';
import { columnOf, keyOf, keyOrderSelect } from './data-keys.js';
import { mysqlCanonical } from './data-canonical.js';

/** The largest statement sent, whatever the server allows: bigger ones gain nothing measurable. */
const STATEMENT_CAP = 4 * 1024 * 1024;

function writeTarget(table: Table, columns: readonly string[]): WriteTarget {
  const names = new Set<string>(['PRIMARY', ...table.columns.map((c) => c.name)]);
  for (const i of table.indexes ?? []) names.add(i.name);
  for (const u of table.uniques ?? []) names.add(u.name);
  if (table.primaryKey?.name) names.add(table.primaryKey.name);
  return { table: table.name, columns, names };
}

async function readBatch(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<DataBatch> {
  const key = keyOf(t.table).map((n) => columnOf(t.table, n));
  const moved = t.columns.map((n) => columnOf(t.table, n));
  // the key is read too, for `last`, when the job does not move all of it
  const extra = key.filter((k) => !t.columns.includes(k.name));
  const selected = [...moved, ...extra];
  const list = selected.map((c, i) => `${selectExpr(c)} AS c${i}`).join(', ');
  const sql = keyOrderSelect(t.table, list, after, limit);
  const raw = await inDataSession(conn, selected.some(zoned), () => selectRows(conn, sql));
  const logical = selected.map((c) => c.type.logical);
  const all = raw.map((r) => r.map((v, i) => fromMysql(v, logical[i])));
  const rows = all.map((r) => r.slice(0, moved.length));
  if (!key.length || !all.length) return { rows };
  const lastRow = all[all.length - 1];
  const last = key.map((k) => {
    const at = t.columns.indexOf(k.name);
    return lastRow[at >= 0 ? at : moved.length + extra.indexOf(k)];
  });
  return { rows, last };
}

/** The rows of these primary keys, one query each (see DataSupport.readKeys). */
async function readKeys(conn: Connection, t: DataTable, keys: readonly (readonly PortableValue[])[]): Promise<(PortableValue[] | undefined)[]> {
  const key = keyOf(t.table).map((n) => columnOf(t.table, n));
  if (!key.length) throw new Error(`${t.table.name} has no primary key: rows cannot be read by key`);
  const moved = t.columns.map((n) => columnOf(t.table, n));
  const list = moved.map((c, i) => `${selectExpr(c)} AS c${i}`).join(', ');
  const logical = moved.map((c) => c.type.logical);
  return inDataSession(conn, moved.some(zoned) || key.some(zoned), async () => {
    const out: (PortableValue[] | undefined)[] = [];
    for (const k of keys) {
      const where = key.map((c, i) => `${q(c.name)} = ${literal(k[i], c, t.table.name)}`).join(' AND ');
      const [row] = await selectRows(conn, `SELECT ${list} FROM ${q(t.table.name)} WHERE ${where}`);
      out.push(row ? row.map((v, i) => fromMysql(v, logical[i])) : undefined);
    }
    return out;
  });
}

/**
 * Writes the rows: `LOAD DATA LOCAL INFILE` for a plain insert where it can (data-load.ts),
 * else `INSERT … VALUES (…),(…) tail` in statements that fit the server's packet size. All
 * of it in one savepoint (a transaction outside the caller's): a batch refused halfway,
 * or one whose rows the server changed (a warning after the statement ran), leaves nothing.
 */
async function insertRows(conn: Connection, t: DataTable, rows: readonly PortableValue[][], upsert: boolean): Promise<void> {
  if (!rows.length) return;
  const cols = t.columns.map((n) => columnOf(t.table, n));
  const target = writeTarget(t.table, t.columns);
  const packet = await maxPacket(conn);
  await conn.transaction(() =>
    inDataSession(conn, cols.some(zoned), async () => {
      if (!upsert && canLoad(conn, cols) && (await loadRows(conn, t.table.name, cols, rows, target))) return;
      await insertStatements(conn, t.table, cols, rows, upsert ? onDuplicate(conn, t.table, cols) : '', target, packet);
    }),
  );
}

async function insertStatements(conn: Connection, table: Table, cols: readonly Column[], rows: readonly PortableValue[][], end: string, target: WriteTarget, packet: number): Promise<void> {
  const head = `INSERT INTO ${q(table.name)} (${cols.map((c) => q(c.name)).join(', ')}) VALUES `;
  // room for the statement around the rows and the protocol's own bytes
  const room = packet - Buffer.byteLength(head) - Buffer.byteLength(end) - 1024;
  const budget = Math.min(room, STATEMENT_CAP);
  let parts: string[] = [];
  let bytes = 0;
  let first = 0;
  const flush = async (next: number) => {
    if (parts.length) await write(conn, head + parts.join(',') + end, target, first);
    parts = [];
    bytes = 0;
    first = next;
  };
  for (let i = 0; i < rows.length; i++) {
    const lit = rowLiteral(rows[i], cols, table.name);
    const size = Buffer.byteLength(lit) + 1;
    if (size > room) throw new DataWriteError(table.name, undefined, `row ${i + 1} of the batch is larger than the server's max_allowed_packet (${packet} bytes); raise max_allowed_packet on the target server`);
    if (bytes + size > budget) await flush(i);
    parts.push(lit);
    bytes += size;
  }
  await flush(rows.length);
}

/** `ON DUPLICATE KEY UPDATE c = VALUES(c)`; MySQL 8.0.19+ deprecates VALUES() (a warning, so an error here) for a row alias. */
function onDuplicate(conn: Connection, table: Table, cols: readonly Column[]): string {
  const key = new Set(keyOf(table));
  const others = cols.filter((c) => !key.has(c.name));
  const f = featuresOfConnection(conn);
  const alias = f.flavour === 'mysql' && (f.version[0] > 8 || (f.version[0] === 8 && (f.version[1] > 0 || f.version[2] >= 19)));
  const value = (c: Column) => (alias ? `redb_new.${q(c.name)}` : `VALUES(${q(c.name)})`);
  // every column is in the key: nothing to replace, the row is there
  const sets = others.length ? others.map((c) => `${q(c.name)} = ${value(c)}`) : [`${q(cols[0].name)} = ${q(cols[0].name)}`];
  return `${alias ? ' AS redb_new' : ''} ON DUPLICATE KEY UPDATE ${sets.join(', ')}`;
}

async function deleteKeys(conn: Connection, table: Table, keys: readonly (readonly PortableValue[])[]): Promise<void> {
  if (!keys.length) return;
  const key = keyOf(table).map((n) => columnOf(table, n));
  if (!key.length) throw new Error(`${table.name} has no primary key: rows cannot be deleted by key`);
  const target = writeTarget(table, key.map((k) => k.name));
  const head = key.length === 1 ? `DELETE FROM ${q(table.name)} WHERE ${q(key[0].name)} IN (` : `DELETE FROM ${q(table.name)} WHERE (${key.map((k) => q(k.name)).join(', ')}) IN (`;
  const budget = Math.min((await maxPacket(conn)) - head.length - 1024, STATEMENT_CAP);
  await inDataSession(conn, key.some(zoned), async () => {
    let parts: string[] = [];
    let bytes = 0;
    for (const k of keys) {
      const lits = k.map((v, i) => literal(v, key[i], table.name));
      const lit = key.length === 1 ? lits[0] : `(${lits.join(',')})`;
      const size = Buffer.byteLength(lit) + 1;
      if (bytes + size > budget && parts.length) {
        await write(conn, `${head}${parts.join(',')})`, target, 0);
        parts = [];
        bytes = 0;
      }
      parts.push(lit);
      bytes += size;
    }
    if (parts.length) await write(conn, `${head}${parts.join(',')})`, target, 0);
  });
}

export const mysqlData: DataSupport = {
  readBatch,
  readKeys,
  async count(conn, table) {
    const [row] = await conn.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${q(table.name)}`);
    return Number(row?.n ?? 0);
  },
  insert: (conn, t, rows) => insertRows(conn, t, rows, false),
  upsert: (conn, t, rows) => insertRows(conn, t, rows, true),
  deleteKeys,
  async truncate(conn, table) {
    // TRUNCATE TABLE commits implicitly: it would end the caller's transaction
    await conn.query(`DELETE FROM ${q(table.name)}`);
  },
  canonical: mysqlCanonical,
};
