/**
 * Reading rows in primary-key order, in portable form (DataSupport.readBatch, count).
 *
 * Each column is selected by an expression chosen by its logical type, so the value the
 * driver hands over is exact and does not depend on the process: integers, decimals,
 * dates, times, intervals, json, uuid, enums and anything else as PostgreSQL's text;
 * timestamptz and timetz converted to UTC in SQL (`AT TIME ZONE 'UTC'`, whatever the
 * session's TimeZone); floats, booleans and bytea as the driver parses them (float8 text
 * is shortest-exact from PostgreSQL 12 with extra_float_digits ≥ 1); arrays as text[]
 * whose elements readConverter converts. On a server, rows arrive as text through COPY
 * TO STDOUT, and a column that is already portable (text) is not touched per value.
 */
import type { Connection, DataBatch, DataTable, PortableValue } from '../types.js';
import type { Column, LogicalType, Table } from '../../unified-model/index.js';
import { qualified, quoteIdent } from './ddl/quote.js';
import { withServerClient } from './connect.js';
import { copyOut, parseLines } from './data-copy-out.js';
import { pgliteOf } from './session.js';
import { readConverter, sqlValue } from './data-text.js';
import { withUtcTimes } from './data-exact.js';

/** The model's column `name` of `table`; a DataTable naming another is a caller's bug. */
export function columnOf(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`internal: ${table.id} has no column ${name}`);
  return column;
}

const hasTz = (l: LogicalType): boolean => (l.kind === 'timestamp' || l.kind === 'time') && l.tz;

/** The SELECT expression of a column, by its logical type (see the file comment). */
export function readExpression(column: Column): string {
  const c = quoteIdent(column.name);
  const l = column.type.logical;
  switch (l.kind) {
    case 'float':
    case 'boolean':
    case 'binary':
    case 'string':
    case 'text':
      return c;
    case 'timestamp':
    case 'time':
      return l.tz ? `(${c} AT TIME ZONE 'UTC')::text` : `${c}::text`;
    case 'array':
      if (!hasTz(l.of)) return `${c}::text[]`;
      // element by element in UTC; a multidimensional one keeps its shape, its elements in UTC by inUtc
      return `CASE WHEN array_ndims(${c}) = 1 THEN ARRAY(SELECT (e AT TIME ZONE 'UTC')::text FROM unnest(${c}) WITH ORDINALITY AS u(e, n) ORDER BY n) ELSE ${c}::text[] END`;
    default:
      return `${c}::text`;
  }
}

/** Connections whose output settings were found as the reads need them. */
const settled = new WeakSet<Connection>();

/**
 * The session settings the text forms depend on: ISO dates, PostgreSQL interval text,
 * exact float text, hex bytea. Each is the server's default; one a user changed is set
 * back on this session (nothing else in redb reads values in another style).
 */
export async function settleOutput(conn: Connection): Promise<void> {
  if (settled.has(conn)) return;
  const [s] = await conn.query<{ ds: string; ist: string; efd: string; bo: string }>(
    "SELECT current_setting('DateStyle') AS ds, current_setting('IntervalStyle') AS ist, current_setting('extra_float_digits') AS efd, current_setting('bytea_output') AS bo",
  );
  const fixes = [
    ...(s.ds.startsWith('ISO') ? [] : ["DateStyle = 'ISO, MDY'"]),
    ...(s.ist === 'postgres' ? [] : ['IntervalStyle = postgres']),
    // PostgreSQL 12+: any value > 0 is shortest-exact; before it, 3 is exact
    ...(Number(s.efd) >= 1 ? [] : ['extra_float_digits = 3']),
    ...(s.bo === 'hex' ? [] : ['bytea_output = hex']),
  ];
  for (const fix of fixes) await conn.run(`SET ${fix}`);
  // a SET inside a transaction that rolls back is undone: check again next time
  if (fixes.length === 0) settled.add(conn);
}

/**
 * Runs a read in a transaction of its own whose TimeZone is UTC (SET LOCAL: the session
 * keeps its own). readExpression converts timestamps itself, but a range, multirange or
 * record holding one prints it in the session's zone: two sessions in other zones would
 * spell the same instant apart, and a check comparing the two sides would differ.
 */
export function inUtc<T>(conn: Connection, read: () => Promise<T>): Promise<T> {
  return conn.transaction(async () => {
    await conn.run("SET LOCAL TimeZone = 'UTC'");
    return read();
  });
}

/** The rows of a query as arrays of values, in the SELECT's order: through COPY on a server and on PGlite (data-copy-out.ts). */
async function queryArrays(conn: Connection, sql: string): Promise<PortableValue[][]> {
  const server = withServerClient(conn, (client) => copyOut(client, sql));
  if (server) return server;
  const pglite = pgliteOf(conn);
  if (pglite) {
    // PGlite's COPY to a Blob: several times faster than its result rows
    const { blob } = await pglite.query(`COPY (${sql}) TO '/dev/blob'`);
    const rows: PortableValue[][] = [];
    parseLines(blob ? await blob.text() : '', rows);
    return rows;
  }
  // another Connection: rows are objects whose keys (c0, c1 …) keep the SELECT's order
  return (await conn.query<Record<string, PortableValue>>(sql)).map((r) => Object.values(r));
}

/** `SELECT select FROM table`, in key order after the key `after`, at most `limit` rows (all of a table without a key). */
export function keyOrderQuery(table: Table, select: string, after: readonly PortableValue[] | undefined, limit: number): string {
  const key = table.primaryKey?.columns ?? [];
  let sql = `SELECT ${select} FROM ${qualified(table.schema, table.name)}`;
  if (key.length === 0) return sql;
  const keyList = key.map(quoteIdent).join(', ');
  if (after) {
    if (after.length !== key.length) throw new Error(`internal: a key of ${key.length} values expected for ${table.id}, got ${after.length}`);
    // untyped literals take each key column's own type: the comparison and the index are the column's
    sql += ` WHERE (${keyList}) > (${after.map(sqlValue).join(', ')})`;
  }
  // no bound (Infinity) reads the rest of the table
  return `${sql} ORDER BY ${keyList}${Number.isFinite(limit) ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : ''}`;
}

/** Reads up to `limit` rows after the key `after` (see DataSupport.readBatch). */
export async function readBatch(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<DataBatch> {
  await settleOutput(conn);
  const table = t.table;
  const columns = t.columns.map((name) => columnOf(table, name));
  const key = table.primaryKey?.columns ?? [];
  // key columns the caller does not move are read too: `last` needs them
  const extra = key.filter((k) => !t.columns.includes(k)).map((name) => columnOf(table, name));
  const all = [...columns, ...extra];
  const select = all.map((c, i) => `${readExpression(c)} AS c${i}`).join(', ');
  const full = await inUtc(conn, () => queryArrays(conn, keyOrderQuery(table, select, after, limit)));
  all.forEach((c, i) => {
    const convert = readConverter(c.type.logical);
    if (convert) for (const row of full) row[i] = convert(row[i]);
  });
  const rows = extra.length ? full.map((r) => r.slice(0, columns.length)) : full;
  if (key.length === 0 || full.length === 0) return { rows };
  const lastRow = full[full.length - 1];
  const at = key.map((k) => all.findIndex((c) => c.name === k));
  return { rows, last: at.map((i) => lastRow[i]) };
}

/** The rows of these primary keys, one query each (see DataSupport.readKeys). */
export async function readKeys(conn: Connection, t: DataTable, keys: readonly (readonly PortableValue[])[]): Promise<(PortableValue[] | undefined)[]> {
  await settleOutput(conn);
  const table = t.table;
  const key = table.primaryKey?.columns ?? [];
  if (!key.length) throw new Error(`internal: ${table.id} has no primary key to read rows by`);
  const columns = t.columns.map((name) => columnOf(table, name));
  const select = columns.map((c, i) => `${readExpression(c)} AS c${i}`).join(', ');
  const out: (PortableValue[] | undefined)[] = [];
  for (const k of withUtcTimes(table, key, keys as readonly PortableValue[][])) {
    if (k.length !== key.length) throw new Error(`internal: a key of ${key.length} values expected for ${table.id}, got ${k.length}`);
    // untyped literals take each key column's own type, as in deleteKeys
    const where = key.map((c, i) => `${quoteIdent(c)} = ${sqlValue(k[i])}`).join(' AND ');
    const [row] = await queryArrays(conn, `SELECT ${select} FROM ${qualified(table.schema, table.name)} WHERE ${where}`);
    if (row) columns.forEach((c, i) => { const convert = readConverter(c.type.logical); if (convert) row[i] = convert(row[i]); });
    out.push(row);
  }
  return out;
}

/** Number of rows of the table. */
export async function countRows(conn: Connection, table: Table): Promise<number> {
  const [row] = await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(table.schema, table.name)}`);
  return Number(row.n);
}
