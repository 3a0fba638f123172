/**
 * Writing rows in portable form (DataSupport.insert, upsert, deleteKeys, truncate),
 * always on the caller's connection and so inside its transaction.
 *
 * insert on a server streams COPY FROM STDIN (pg-copy-streams, text format) on the
 * connection's own client: the fastest way in, and it writes identity ALWAYS columns as
 * they come. PGlite has no COPY stream from the client: it copies the same text from a
 * Blob (`COPY … FROM '/dev/blob'`). An upsert COPYs into a staging table, then inserts
 * from it. For a connection of neither kind rows go as multi-row INSERTs of literals,
 * each value the same text COPY would carry, left untyped so the column's input
 * function reads it (a value that does not fit is an error, never cut down as an
 * explicit cast would).
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { RedbError, usageError } from '../../src/errors.js';
import type { Connection, DataTable, PortableValue } from '../types.js';
import type { Table } from '../../unified-model/index.js';
import { withServerClient } from './connect.js';
import { identList, qualified, quoteIdent } from './ddl/quote.js';
import { pgliteOf } from './session.js';
import { dataWriteError } from './data-errors.js';
import { exactnessCheck, withUtcTimes } from './data-exact.js';
import { copyStreams } from './data-copy-out.js';
import { columnOf } from './data-read.js';
import { copyField, NulInText, sqlValue } from './data-text.js';

/** COPY data is handed to the stream in pieces of about this many characters, not as one string per batch. */
const COPY_CHUNK = 256 * 1024;
/** A multi-row INSERT holds rows until its text is about this long. */
const STATEMENT_CHARS = 4 * 1024 * 1024;
/** Keys per DELETE. */
const DELETE_KEYS = 1000;

const tableName = (table: Table): string => qualified(table.schema, table.name);

function checkWidth(t: DataTable, rows: readonly PortableValue[][]): void {
  const bad = rows.find((r) => r.length !== t.columns.length);
  if (bad) throw new Error(`internal: a row of ${bad.length} values for the ${t.columns.length} columns of ${t.table.id}`);
}

const holdsNul = (v: PortableValue): boolean => (typeof v === 'string' ? v.includes('\0') : Array.isArray(v) && v.some(holdsNul));

/** A row's values encoded by `encode`; a string holding U+0000 is an E_DATA_WRITE naming its column. */
function encodeRow<T>(row: readonly PortableValue[], encode: (row: readonly PortableValue[]) => T, table: Table, columns: readonly string[]): T {
  try {
    return encode(row);
  } catch (err) {
    if (!(err instanceof NulInText)) throw err;
    const column = columns[row.findIndex(holdsNul)];
    throw new RedbError('E_DATA_WRITE', `cannot write ${table.schema}.${table.name}.${column}: a text value holds the NUL character (U+0000), which PostgreSQL text cannot store`, 'Remove or replace NUL characters in the source, e.g. with a transform of the column, or use a binary (bytea) column.');
  }
}

const copyLine = (row: readonly PortableValue[]): string => `${row.map(copyField).join('\t')}\n`;

/** COPY's text lines, a chunk at a time. */
function* copyChunks(rows: readonly PortableValue[][], table: Table, columns: readonly string[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += encodeRow(row, copyLine, table, columns);
    if (chunk.length >= COPY_CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** COPY of rows into `target` (a quoted table name) through the connection's client. */
async function copyRows(client: pg.Client, target: string, table: Table, columns: readonly string[], rows: readonly PortableValue[][]): Promise<void> {
  const { from } = await copyStreams();
  const stream = client.query(from(`COPY ${target} (${identList(columns)}) FROM STDIN`));
  await pipeline(Readable.from(copyChunks(rows, table, columns)), stream);
}

/** Rows of one INSERT: `(v1, v2), (…)`, and where each value starts in that text (to name the column of an error). */
interface ValueGroup {
  readonly text: string;
  readonly starts: readonly number[];
}

/** The rows in groups of at most about STATEMENT_CHARS of text. */
function* valueGroups(rows: readonly PortableValue[][], table: Table, columns: readonly string[]): Generator<ValueGroup> {
  let text = '';
  let starts: number[] = [];
  for (const row of rows) {
    if (starts.length && text.length > STATEMENT_CHARS) {
      yield { text, starts };
      text = '';
      starts = [];
    }
    text += text ? ', (' : '(';
    const values = encodeRow(row, (r) => r.map(sqlValue), table, columns);
    values.forEach((v, i) => {
      if (i) text += ', ';
      starts.push(text.length);
      text += v;
    });
    text += ')';
  }
  if (starts.length) yield { text, starts };
}

/**
 * The column of the literal at an error's `position` (1-based, in characters: code points,
 * where JS strings count UTF-16 units), or undefined when the error has none.
 */
function columnAt(err: unknown, sql: string, offset: number, group: ValueGroup, columns: readonly string[]): string | undefined {
  const position = Number((err as { position?: unknown } | null)?.position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  let index = 0;
  for (let chars = 1; chars < position && index < sql.length; chars++) index += (sql.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  const at = index - offset;
  let value = -1;
  for (let lo = 0, hi = group.starts.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (group.starts[mid] <= at) (value = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  return value < 0 ? undefined : columns[value % columns.length];
}

/** INSERTs of literal rows; `tail` follows VALUES (an ON CONFLICT clause). */
async function insertValues(conn: Connection, t: DataTable, rows: readonly PortableValue[][], action: string, tail = ''): Promise<void> {
  // OVERRIDING SYSTEM VALUE: identity ALWAYS columns take the source's values, as with COPY
  const head = `INSERT INTO ${tableName(t.table)} (${identList(t.columns)}) OVERRIDING SYSTEM VALUE VALUES `;
  for (const group of valueGroups(rows, t.table, t.columns)) {
    const sql = `${head}${group.text}${tail}`;
    try {
      await conn.query(sql);
    } catch (err) {
      throw dataWriteError(err, t.table, t.columns, action, columnAt(err, sql, head.length, group, t.columns));
    }
  }
}

/**
 * COPY of rows into `target` (a quoted table name) on the connection's session: streamed on
 * a server, from a Blob on PGlite. Undefined when the connection is of neither kind.
 */
function copyInto(conn: Connection, target: string, table: Table, columns: readonly string[], rows: readonly PortableValue[][]): Promise<void> | undefined {
  const pglite = pgliteOf(conn);
  if (!pglite) return withServerClient(conn, (client) => copyRows(client, target, table, columns, rows));
  const blob = new Blob([...copyChunks(rows, table, columns)]);
  return pglite.query(`COPY ${target} (${identList(columns)}) FROM '/dev/blob'`, [], { blob }).then(() => undefined);
}

/** Whether the session is inside a transaction block; undefined when it cannot be told. */
async function inTransactionBlock(conn: Connection): Promise<boolean | undefined> {
  const pglite = pgliteOf(conn);
  if (pglite) return pglite.isInTransaction();
  const status = await withServerClient(conn, async (client) => client.getTransactionStatus());
  return status === undefined ? undefined : status !== 'I';
}

/** Inserts rows by COPY (see the file comment). */
export async function insertRows(conn: Connection, t: DataTable, given: readonly PortableValue[][]): Promise<void> {
  if (given.length === 0) return;
  checkWidth(t, given);
  exactnessCheck(t.table, t.columns)?.(given);
  const rows = withUtcTimes(t.table, t.columns, given);
  const copied = copyInto(conn, tableName(t.table), t.table, t.columns, rows);
  if (!copied) return insertValues(conn, t, rows, 'insert into');
  try {
    await copied;
  } catch (err) {
    throw dataWriteError(err, t.table, t.columns, 'insert into');
  }
}

function keyOf(table: Table, action: string): readonly string[] {
  const key = table.primaryKey?.columns;
  if (!key?.length) {
    throw usageError('E_NO_PRIMARY_KEY', `cannot ${action} ${table.schema}.${table.name}: it has no primary key`, 'Give the table a primary key: rows are matched by it.');
  }
  return key;
}

/** The last row of each key (an upsert touches a row once per statement: the last one wins, as applied in order). */
function lastPerKey(rows: readonly PortableValue[][], at: readonly number[]): PortableValue[][] {
  const byKey = new Map<string, PortableValue[]>();
  for (const row of rows) {
    const k = at.map((i) => copyField(row[i])).join('\t');
    byKey.delete(k);
    byKey.set(k, row);
  }
  return [...byKey.values()];
}

/**
 * A temporary table of the session holding the written columns of `t` as they are typed
 * in the table (CREATE TABLE AS keeps types and lengths, no constraints), emptied at each
 * commit. Its name follows the columns and their types, so a table that changed gets another.
 */
async function stagingTable(conn: Connection, t: DataTable): Promise<string> {
  const shape = t.columns.map((c) => `${c} ${columnOf(t.table, c).type.native}`).join('\n');
  const name = `redb_upsert_${createHash('sha256').update(`${t.table.id}\n${shape}`).digest('hex').slice(0, 16)}`;
  await conn.query(`CREATE TEMP TABLE IF NOT EXISTS ${name} ON COMMIT DELETE ROWS AS SELECT ${identList(t.columns)} FROM ${tableName(t.table)} WITH NO DATA`);
  return name;
}

/** Inserts rows or replaces the other columns of those whose key is there. */
export async function upsertRows(conn: Connection, t: DataTable, given: readonly PortableValue[][]): Promise<void> {
  if (given.length === 0) return;
  checkWidth(t, given);
  exactnessCheck(t.table, t.columns)?.(given);
  const rows = withUtcTimes(t.table, t.columns, given);
  const key = keyOf(t.table, 'upsert into');
  const at = key.map((k) => t.columns.indexOf(k));
  if (at.includes(-1)) throw new Error(`internal: an upsert into ${t.table.id} must write its key columns`);
  // identity ALWAYS columns can only be updated to DEFAULT: an existing row keeps its own
  const set = t.columns.filter((c) => !key.includes(c) && columnOf(t.table, c).identity?.generation !== 'always');
  const action = set.length ? `DO UPDATE SET ${set.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}` : 'DO NOTHING';
  const conflict = ` ON CONFLICT (${identList(key)}) ${action}`;
  const unique = lastPerKey(rows, at);
  // COPY into a staging table, then one INSERT … SELECT: parsing thousands of literal rows is slower
  const inBlock = await inTransactionBlock(conn);
  if (inBlock === undefined) return insertValues(conn, t, unique, 'upsert into', conflict);
  const stageAndApply = async () => {
    const cols = identList(t.columns);
    try {
      const staged = await stagingTable(conn, t);
      await copyInto(conn, staged, t.table, t.columns, unique);
      await conn.query(`INSERT INTO ${tableName(t.table)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${staged}${conflict}`);
      // for a second upsert in the same transaction
      await conn.query(`DELETE FROM ${staged}`);
    } catch (err) {
      throw dataWriteError(err, t.table, t.columns, 'upsert into');
    }
  };
  // the staging table is emptied at commit: outside a transaction, COPY and INSERT get one of their own
  await (inBlock ? stageAndApply() : conn.transaction(stageAndApply));
}

/** Deletes the rows with these keys: `k IN (…)`, or `(k1, k2) IN ((…), …)` for a composite key. */
export async function deleteKeys(conn: Connection, table: Table, keys: readonly (readonly PortableValue[])[]): Promise<void> {
  const key = keyOf(table, 'delete from');
  const target = key.length === 1 ? quoteIdent(key[0]) : `(${identList(key)})`;
  try {
    const utcKeys = withUtcTimes(table, key, keys as readonly PortableValue[][]);
    for (let i = 0; i < utcKeys.length; i += DELETE_KEYS) {
      const list = utcKeys.slice(i, i + DELETE_KEYS).map((k) => {
        if (k.length !== key.length) throw new Error(`internal: a key of ${key.length} values expected for ${table.id}, got ${k.length}`);
        return key.length === 1 ? sqlValue(k[0]) : `(${k.map(sqlValue).join(', ')})`;
      });
      // untyped literals take the key columns' types (no cast that could cut a value to another key)
      await conn.query(`DELETE FROM ${tableName(table)} WHERE ${target} IN (${list.join(', ')})`);
    }
  } catch (err) {
    throw dataWriteError(err, table, key, 'delete from');
  }
}

/**
 * Empties the table in the caller's transaction: TRUNCATE, or DELETE when another table's
 * foreign key references it (TRUNCATE refuses that, and CASCADE would empty the other).
 */
export async function truncateTable(conn: Connection, table: Table): Promise<void> {
  const name = tableName(table);
  const [ref] = await conn.query<{ referenced: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass AND conrelid <> confrelid) AS referenced",
    [name],
  );
  await conn.query(ref.referenced ? `DELETE FROM ${name}` : `TRUNCATE ${name}`);
}
