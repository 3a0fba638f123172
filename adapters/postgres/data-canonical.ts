/**
 * PostgreSQL rows in canonical text (`CanonicalText`, adapters/data-types.ts): lines
 * another engine printed go straight into `COPY … FROM STDIN`, whose input functions
 * read canonical text as it is (`t`/`f`, ISO dates whatever the DateStyle, `+00`
 * marking an instant); the verification's checksum is computed by the server over the
 * lines the rows would be (md5, its first 60 bits summed as numeric).
 *
 * The expressions, under the output settings data-read.ts fixes (DateStyle ISO): the
 * text form of integers, enums, uuids, dates, times and timestamps is canonical already
 * (the fraction of a second is printed without trailing zeros); `numeric` drops its
 * trailing zeros (trim_scale, PostgreSQL 13+); `character(n)` drops its padding in the
 * cast to text; a boolean prints `t`/`f`; an instant prints in UTC, marked `+00`. Floats,
 * `time with time zone`, bytea, json, arrays, ranges and the rest are not covered: they
 * copy value by value.
 */
import type { Column } from '../../unified-model/index.js';
import type { CanonicalText, Connection, DataTable } from '../types.js';
import { identList, qualified, quoteIdent } from './ddl/quote.js';
import { dataWriteError } from './data-errors.js';
import { copyIn } from './data-raw.js';
import { columnOf, settleOutput } from './data-read.js';
import { majorVersion } from './session.js';

/** Kinds whose text may hold a tab, newline or backslash: escaped in a line. */
const TEXTUAL = new Set(['string', 'text', 'enum']);

export function covers(c: Column): boolean {
  const l = c.type.logical;
  switch (l.kind) {
    case 'integer':
    case 'decimal':
    case 'boolean':
    case 'string':
    case 'text':
    case 'enum':
    case 'uuid':
    case 'date':
    case 'timestamp':
      return true;
    case 'time':
      return !l.tz;
    default:
      return false;
  }
}

function canonicalOf(conn: Connection, c: Column): string {
  const id = quoteIdent(c.name);
  const l = c.type.logical;
  switch (l.kind) {
    case 'decimal':
      return majorVersion(conn) >= 13 ? `trim_scale(${id})::text` : `CASE WHEN strpos(${id}::text, '.') > 0 THEN rtrim(rtrim(${id}::text, '0'), '.') ELSE ${id}::text END`;
    case 'boolean':
      return `CASE ${id} WHEN true THEN 't' WHEN false THEN 'f' END`;
    case 'timestamp':
      return l.tz ? `(${id} AT TIME ZONE 'UTC')::text || '+00'` : `${id}::text`;
    default:
      return `${id}::text`;
  }
}

function coveredColumns(t: DataTable): Column[] {
  const cols = t.columns.map((n) => columnOf(t.table, n));
  const bad = cols.find((c) => !covers(c));
  if (bad) throw new Error(`internal: ${t.table.id}.${bad.name} (${bad.type.native}) has no canonical text`);
  return cols;
}

/** Whether the database's text is UTF-8. */
const utf8 = new WeakMap<Connection, Promise<boolean>>();
function isUtf8(conn: Connection): Promise<boolean> {
  const known = utf8.get(conn) ?? conn.query<{ e: string }>("SELECT current_setting('server_encoding') AS e").then(([r]) => r?.e === 'UTF8');
  utf8.set(conn, known);
  return known;
}

/** A field of a line: escaped as COPY reads it, NULL as `\N`. */
function lineField(conn: Connection, c: Column): string {
  const text = canonicalOf(conn, c);
  const escaped = TEXTUAL.has(c.type.logical.kind) ? `replace(replace(replace(replace(${text}, E'\\\\', E'\\\\\\\\'), E'\\t', E'\\\\t'), E'\\n', E'\\\\n'), E'\\r', E'\\\\r')` : text;
  return `coalesce(${escaped}, E'\\\\N')`;
}

async function checksums(conn: Connection, t: DataTable, chunkRows?: number): Promise<string[]> {
  await settleOutput(conn);
  const line = `concat_ws(E'\\t', ${coveredColumns(t).map((c) => lineField(conn, c)).join(', ')})`;
  // md5 hashes the database's bytes: the line's UTF-8 ones, in a database of another encoding
  const bytes = (await isUtf8(conn)) ? line : `convert_to(${line}, 'UTF8')`;
  const hash = `('x' || left(md5(${bytes}), 15))::bit(60)::bigint`;
  const key = (t.table.primaryKey?.columns ?? []).map(quoteIdent);
  const chunk = chunkRows === undefined || !key.length ? '0' : `(row_number() OVER (ORDER BY ${key.join(', ')}) - 1) / ${Math.max(1, Math.floor(chunkRows))}`;
  const rows = await conn.query<{ n: string; s: string }>(
    `SELECT count(*)::text AS n, coalesce(sum(h), 0)::text AS s FROM (SELECT ${chunk} AS chunk, ${hash} AS h FROM ${qualified(t.table.schema, t.table.name)}) AS hashed GROUP BY chunk ORDER BY chunk`,
  );
  return rows.length ? rows.map((r) => `${r.n}:${r.s}`) : ['0:0'];
}

async function importRows(conn: Connection, t: DataTable, lines: AsyncIterable<Buffer>): Promise<void> {
  coveredColumns(t);
  await copyIn(conn, `COPY ${qualified(t.table.schema, t.table.name)} (${identList(t.columns)}) FROM`, '', lines).catch((err: unknown) => {
    throw dataWriteError(err, t.table, t.columns, 'insert into');
  });
}

export const postgresCanonical: CanonicalText = {
  covers,
  // timestamp and time without a precision keep microseconds
  fraction: 6, import: importRows, checksums };
