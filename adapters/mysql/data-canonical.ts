/**
 * MySQL/MariaDB rows in canonical text (`CanonicalText`, adapters/data-types.ts): the
 * server prints each value as its canonical text, so a copy into another engine reads
 * one line a row and parses nothing, and the verification's checksum is computed by the
 * server over the same lines (md5, its first 60 bits summed exactly as DECIMAL). Only
 * export: rows come in through data.ts's loads and inserts.
 *
 * The expressions: integers, dates and enum labels print canonically as they are; a
 * DECIMAL with a scale, a DATETIME, TIMESTAMP or TIME with a fraction print every
 * digit of it (`4.50`, `…:00.000000`), so trailing zeros and a bare point are trimmed
 * (only where a point is certain: a scale of 0 prints none); TINYINT(1) prints `t`/`f`
 * for 0/1 and any other number as itself, which no engine reads as a boolean; strings
 * are converted to utf8mb4, whatever their column's character set; TIMESTAMP is read
 * in UTC (data-session.ts) and marked `+00`. ZEROFILL numbers (padded), BIT(1), floats,
 * JSON, SET, YEAR, binary and spatial columns are not covered: they copy value by value.
 */
import type { Column } from '../../unified-model/index.js';
import type { CanonicalText, Connection, DataTable, PortableValue } from '../types.js';
import { driverOf } from './connect.js';
import { columnOf, keyOf, keyOrderSelect } from './data-keys.js';
import { inDataSession } from './data-session.js';
import { fromMysql, selectExpr, zoned } from './data-values.js';
import { quoteIdent as q } from './introspect/names.js';

/** Kinds whose text may hold a tab, newline or backslash: escaped in a line. */
const TEXTUAL = new Set(['string', 'text', 'enum']);

export function covers(c: Column): boolean {
  const native = c.type.native.toLowerCase();
  if (/\bzerofill\b/.test(native)) return false;
  switch (c.type.logical.kind) {
    case 'integer':
    case 'decimal':
    case 'string':
    case 'text':
    case 'enum':
    case 'uuid':
    case 'date':
    case 'time':
    case 'timestamp':
      return true;
    case 'boolean':
      return /^tinyint\b/.test(native);
    default:
      return false;
  }
}

/** `4.50` → `4.5`, `4.00` → `4`, `12:00:00.000000` → `12:00:00`: for a value printed with a point. */
const trimFraction = (x: string) => `TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ${x}))`;

/** The canonical text of column `c` (NULL for NULL). */
function canonicalOf(c: Column): string {
  const id = q(c.name);
  const l = c.type.logical;
  switch (l.kind) {
    case 'decimal':
      return (l.scale ?? 0) > 0 ? trimFraction(id) : id;
    case 'boolean':
      return `CASE ${id} WHEN 0 THEN 'f' WHEN 1 THEN 't' ELSE CAST(${id} AS CHAR) END`;
    case 'string':
    case 'text':
    case 'enum':
      return `CONVERT(${id} USING utf8mb4)`;
    case 'uuid':
      return `LOWER(${id})`;
    case 'time':
    case 'timestamp': {
      const text = l.precision ? trimFraction(id) : id;
      return l.kind === 'timestamp' && l.tz ? `CONCAT(${text}, '+00')` : text;
    }
    default:
      return id;
  }
}

function coveredColumns(t: DataTable): Column[] {
  const cols = t.columns.map((n) => columnOf(t.table, n));
  const bad = cols.find((c) => !covers(c));
  if (bad) throw new Error(`internal: ${t.table.name}.${bad.name} (${bad.type.native}) has no canonical text`);
  return cols;
}

/** A field of a line: escaped as COPY and LOAD DATA read it, NULL as `\N`. */
function lineField(c: Column): string {
  const text = canonicalOf(c);
  const escaped = TEXTUAL.has(c.type.logical.kind) ? `REPLACE(REPLACE(REPLACE(REPLACE(${text}, '\\\\', '\\\\\\\\'), '\\t', '\\\\t'), '\\n', '\\\\n'), '\\r', '\\\\r')` : text;
  return `IFNULL(${escaped}, '\\\\N')`;
}

/** The row's line (without its newline). */
const lineOf = (cols: readonly Column[]) => `CONCAT_WS('\\t', ${cols.map(lineField).join(', ')})`;

/** The rows' bytes gathered into pieces of about this size: one COPY message each, not one a row. */
const PIECE_BYTES = 64 * 1024;
const NEWLINE = Buffer.from('\n');

type RowStream = AsyncIterable<unknown[]>;
interface TypedField { readonly name: string; buffer(): Buffer | null }

async function exportRows(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number, write: (lines: AsyncIterable<Buffer>) => Promise<void>): Promise<{ rows: number; last?: PortableValue[] }> {
  const raw = driverOf(conn);
  if (!raw) throw new Error('internal: a canonical export needs a mysql2 connection');
  const cols = coveredColumns(t);
  const key = keyOf(t.table).map((n) => columnOf(t.table, n));
  const line = `${lineOf(cols)} AS l`;
  const sql = keyOrderSelect(t.table, [line, ...key.map((k, i) => `${selectExpr(k)} AS k${i}`)].join(', '), after, limit);
  // the promise connection keeps its callback one, whose query streams, as `connection`
  const core = (raw as unknown as { connection: { query(o: object): { stream(o: object): RowStream } } }).connection;
  let rows = 0;
  let lastRow: unknown[] | undefined;
  await inDataSession(conn, cols.some(zoned) || key.some(zoned), async () => {
    // the line as the bytes sent, never decoded; the key as the driver reads it
    const typeCast = (field: TypedField, next: () => unknown) => (field.name === 'l' ? field.buffer() : next());
    const stream = core.query({ sql, rowsAsArray: true, typeCast }).stream({ highWaterMark: 2000 });
    async function* lines(): AsyncGenerator<Buffer> {
      let parts: Buffer[] = [];
      let size = 0;
      // a consumer that stops early destroys the stream: mysql2 then reads the rest of the result and drops it
      for await (const row of stream) {
        const l = row[0] as Buffer;
        parts.push(l, NEWLINE);
        size += l.length + 1;
        rows++;
        lastRow = row;
        if (size < PIECE_BYTES) continue;
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
      if (size) yield Buffer.concat(parts, size);
    }
    await write(lines());
  });
  if (!lastRow || !key.length) return { rows };
  const at = lastRow;
  return { rows, last: key.map((k, i) => fromMysql(at[i + 1], k.type.logical)) };
}

async function checksums(conn: Connection, t: DataTable, chunkRows?: number): Promise<string[]> {
  const cols = coveredColumns(t);
  const hash = `CAST(CONV(LEFT(MD5(${lineOf(cols)}), 15), 16, 10) AS UNSIGNED)`;
  const from = q(t.table.name);
  const key = keyOf(t.table).map(q);
  const sql = chunkRows === undefined || !key.length
    ? `SELECT COUNT(*) AS n, COALESCE(SUM(${hash}), 0) AS s FROM ${from}`
    : `SELECT COUNT(*) AS n, COALESCE(SUM(h), 0) AS s FROM (SELECT (ROW_NUMBER() OVER (ORDER BY ${key.join(', ')}) - 1) DIV ${Math.max(1, Math.floor(chunkRows))} AS chunk, ${hash} AS h FROM ${from}) AS hashed GROUP BY chunk ORDER BY chunk`;
  const rows = await inDataSession(conn, cols.some(zoned), () => conn.query<{ n: string | number; s: string | number }>(sql));
  return rows.length ? rows.map((r) => `${String(r.n)}:${String(r.s)}`) : ['0:0'];
}

export const mysqlCanonical: CanonicalText = {
  covers,
  // DATETIME, TIMESTAMP and TIME without a precision keep whole seconds
  fraction: 0, export: exportRows, checksums };
