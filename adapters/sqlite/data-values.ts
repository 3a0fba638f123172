/**
 * SQLite values ⇄ the portable form of `PortableValue` (adapters/types.ts), by each
 * column's logical type. SQLite keeps any value in any column of a table that is not
 * STRICT, so a read converts what is stored (INTEGER, REAL, TEXT, BLOB) to the column's
 * portable kind. Statements run with safeIntegers: every INTEGER arrives as a bigint, so
 * 64-bit values stay exact on the way out and go in as bigints.
 */
import type { Column, LogicalType } from '../../unified-model/index.js';
import type { PortableValue } from '../types.js';
import { RedbError } from '../../src/errors.js';

const HINT = 'The target refused a value or would have stored it changed: fix the source row, transform the column, or give the column another type.';

/** `E_DATA_WRITE`: names table.column, never the value. */
export function dataWriteError(table: string, column: string | undefined, reason: string): RedbError {
  return new RedbError('E_DATA_WRITE', `cannot write ${column ? `${table}.${column}` : table}: ${reason}`, HINT);
}

const TRUE = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const FALSE = new Set(['0', 'f', 'false', 'n', 'no', 'off']);

/** A 16-byte BLOB in a UUID column as the text form. */
function uuidText(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const text = (v: bigint | number | string | Buffer): string => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** A stored value (with safeIntegers) → portable, by the column's logical type. */
export function fromSqlite(v: unknown, logical: LogicalType): PortableValue {
  if (v === null || v === undefined) return null;
  const x = v as bigint | number | string | Buffer;
  switch (logical.kind) {
    case 'integer':
    case 'decimal':
      return text(x);
    case 'float':
      return typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : Number(text(x));
    case 'boolean': {
      if (typeof x === 'bigint') return x !== 0n;
      if (typeof x === 'number') return x !== 0;
      const s = text(x).trim().toLowerCase();
      // a spelling that is neither goes on as text: the target refuses it rather than guessing
      return TRUE.has(s) ? true : FALSE.has(s) ? false : text(x);
    }
    case 'binary':
      return Buffer.isBuffer(x) ? x : Buffer.from(text(x), 'utf8');
    case 'uuid':
      return Buffer.isBuffer(x) && x.length === 16 ? uuidText(x) : text(x);
    case 'timestamp': {
      const s = text(x);
      // a zoned column holds UTC by convention; one that already carries an offset keeps it
      return logical.tz && !/(?:[+-]\d\d(?::?\d\d)?|Z)$/.test(s) ? `${s}+00` : s;
    }
    case 'other':
      return Buffer.isBuffer(x) ? x : text(x);
    default:
      return text(x);
  }
}

const INTEGER = /^[+-]?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UTC_SUFFIX = /(?:\+00(?::?00)?|Z)$/;

function jsonOf(v: PortableValue): unknown {
  if (Array.isArray(v)) return v.map(jsonOf);
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return v;
}

/** A portable value → what better-sqlite3 binds for column `c` (numbers, bigints, strings, Buffers, null). */
export function toSqlite(v: PortableValue, c: Column, table: string): bigint | number | string | Buffer | null {
  if (v === null) return null;
  const l = c.type.logical;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    // SQLite stores NaN as NULL
    if (Number.isNaN(v)) throw dataWriteError(table, c.name, 'NaN has no SQLite value (it would be stored as NULL)');
    return v;
  }
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) return JSON.stringify(jsonOf(v));
  const s = v as string;
  if (l.kind === 'integer' && INTEGER.test(s)) {
    const n = BigInt(s);
    // beyond 64 bits an INTEGER column would keep a rounded REAL
    if (n < INT64_MIN || n > INT64_MAX) throw dataWriteError(table, c.name, 'the number is beyond the 64-bit integers SQLite stores');
    return n;
  }
  if (l.kind === 'timestamp' && !l.tz) return s.replace(UTC_SUFFIX, '');
  return s;
}
