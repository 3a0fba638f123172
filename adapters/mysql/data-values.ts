/**
 * MySQL/MariaDB values ⇄ the portable form of `PortableValue` (adapters/types.ts), by
 * each column's logical type. Reads: what mysql2 returns under the adapter's driver
 * options (`bigNumberStrings`, `dateStrings`: exact digits and dates as the server
 * printed them, never a JS Date the process time zone could move) plus a SQL cast
 * where the driver's own choice is not the portable one. Writes: SQL literals, so a
 * batch is one statement whose size is known before it is sent (max_allowed_packet).
 */
import mysql from 'mysql2';
import type { Column, LogicalType } from '../../unified-model/index.js';
import type { PortableValue } from '../types.js';
import { quoteIdent } from './introspect/names.js';
import { DataWriteError } from './data-errors.js';

const GEOMETRY = /^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|geometrycollection)\b/i;

/** A column that is a wider BIT than the boolean BIT(1): read and written as its number. */
const isBits = (c: Column): boolean => c.type.logical.kind === 'other' && /^bit\b/i.test(c.type.native);
const isGeometry = (c: Column): boolean => c.type.logical.kind === 'other' && GEOMETRY.test(c.type.native);

/**
 * The select-list expression of a column. JSON comes back parsed by mysql2 (MySQL 8's JSON
 * type, and MariaDB's LONGTEXT too: MariaDB marks it `format=json` in the column metadata):
 * cast to text, which is the text as stored on MariaDB. A wider BIT comes back as
 * bytes: as its number; geometry as WKT, its text form.
 */
export function selectExpr(c: Column): string {
  const id = quoteIdent(c.name);
  const k = c.type.logical.kind;
  if (k === 'json') return `CAST(${id} AS CHAR CHARACTER SET utf8mb4)`;
  if (isBits(c)) return `CAST(${id} AS UNSIGNED)`;
  if (isGeometry(c)) return `ST_AsText(${id})`;
  return id;
}

/** Whether the column's values depend on the session time zone (TIMESTAMP): such reads and writes run in UTC. */
export const zoned = (c: Column): boolean => c.type.logical.kind === 'timestamp' && c.type.logical.tz;

/** A value as mysql2 returned it → portable, by the column's logical type. */
export function fromMysql(v: unknown, logical: LogicalType): PortableValue {
  if (v === null || v === undefined) return null;
  switch (logical.kind) {
    case 'integer':
    case 'decimal':
      return typeof v === 'string' ? v : String(v);
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    case 'boolean':
      // TINYINT(1) is a number, BIT(1) a byte
      if (Buffer.isBuffer(v)) return v.some((b) => b !== 0);
      return Number(v) !== 0;
    case 'timestamp':
      // read under time_zone '+00:00' (data.ts), so this is the instant in UTC
      return logical.tz ? `${String(v)}+00` : String(v);
    case 'binary':
      return Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
    case 'json':
      if (Buffer.isBuffer(v)) return v.toString('utf8');
      return typeof v === 'string' ? v : JSON.stringify(v);
    default:
      // text, string, enum, set (labels joined by ','), uuid, date, time, year and the rest: text
      if (Buffer.isBuffer(v)) return logical.kind === 'other' ? v : v.toString('utf8');
      return typeof v === 'string' ? v : String(v);
  }
}

const INTEGER = /^[+-]?\d+$/;
// no exponent: an unquoted 1e5 would be a DOUBLE, `4.50` is an exact DECIMAL literal
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
// the contract's UTC marker; DATETIME holds UTC by convention and TIMESTAMP is written in a UTC session
const UTC_SUFFIX = /(?:\+00(?::?00)?|Z)$/;

/** An array (from a PostgreSQL array column) as JSON: binary elements as hex strings. */
function jsonOf(v: PortableValue): unknown {
  if (Array.isArray(v)) return v.map(jsonOf);
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return v;
}

/**
 * The SQL literal of a portable value for column `c` of table `table`. Numbers whose
 * digits are checked are written bare (exact: the server parses integer and decimal
 * literals without rounding); everything else goes through mysql2's escaping, which the
 * strict session mode (no NO_BACKSLASH_ESCAPES) reads back exactly.
 */
export function literal(v: PortableValue, c: Column, table: string): string {
  if (v === null) return 'NULL';
  const k = c.type.logical.kind;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new DataWriteError(table, c.name, `${String(v)} has no MySQL/MariaDB number`);
    return String(v);
  }
  if (Buffer.isBuffer(v)) return mysql.escape(v);
  if (Array.isArray(v)) {
    const json = JSON.stringify(jsonOf(v));
    return mysql.escape(k === 'set' ? (v as PortableValue[]).map(String).join(',') : json);
  }
  const s = v as string;
  if (k === 'integer' && INTEGER.test(s)) return s;
  if (k === 'decimal' && DECIMAL.test(s)) return s;
  if (isBits(c) && INTEGER.test(s)) return s;
  if (isGeometry(c)) return `ST_GeomFromText(${mysql.escape(s)})`;
  if (k === 'timestamp') return mysql.escape(s.replace(UTC_SUFFIX, ''));
  return mysql.escape(s);
}

/** The row `(…, …)` of a VALUES list. */
export function rowLiteral(row: readonly PortableValue[], columns: readonly Column[], table: string): string {
  let out = '(';
  for (let i = 0; i < columns.length; i++) {
    if (i) out += ',';
    out += literal(row[i] ?? null, columns[i], table);
  }
  return `${out})`;
}
