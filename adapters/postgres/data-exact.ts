/**
 * Values PostgreSQL would store changed without an error, refused before they are
 * written (DataSupport.insert: "never a silent change"). The input functions round a
 * numeric to its column's scale and a time to its precision, and cut trailing spaces off
 * a varchar(n) or char(n) value longer than n; everything else that does not fit is an
 * error from the server already. Only columns with such a bound are looked at.
 */
import { RedbError } from '../../src/errors.js';
import type { PortableValue } from '../types.js';
import type { Column, Table } from '../../unified-model/index.js';
import { columnOf } from './data-read.js';

/** Why a value would change, or undefined when it is stored as it is. */
type Check = (value: PortableValue) => string | undefined;

/** Digits after the point beyond `keep` that are not all zeros (`1.2300` keeps 2 exactly). */
function roundsAway(fraction: string | undefined, keep: number): boolean {
  return fraction !== undefined && fraction.length > keep && /[1-9]/.test(fraction.slice(keep));
}

/**
 * The digits after the point of a decimal value as written out in full (`1.5e-3` → `0015`),
 * or undefined when it is no plain decimal number (the server judges those).
 */
function decimalFraction(v: PortableValue): string | undefined {
  const m = typeof v === 'string' || typeof v === 'number' ? /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(String(v)) : null;
  if (!m) return undefined;
  const [, whole, fraction = '', exponent] = m;
  if (exponent === undefined) return fraction;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  return point >= digits.length ? '' : point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits;
}

function checkOf(column: Column): Check | undefined {
  const l = column.type.logical;
  const native = column.type.native;
  if (l.kind === 'decimal' && l.scale !== undefined) {
    const scale = l.scale;
    return (v) => (roundsAway(decimalFraction(v), scale) ? `it has more decimal places than ${native} keeps (PostgreSQL would round it)` : undefined);
  }
  if ((l.kind === 'timestamp' || l.kind === 'time') && l.precision !== undefined && l.precision < 6) {
    const precision = l.precision;
    return (v) => {
      const m = typeof v === 'string' ? /\d:\d\d\.(\d+)/.exec(v) : null;
      return m && roundsAway(m[1], precision) ? `it has more fractional seconds than ${native} keeps (PostgreSQL would round it)` : undefined;
    };
  }
  if (l.kind === 'string' && l.length !== undefined) {
    const length = l.length;
    return (v) => {
      // a string of more UTF-16 units may still be short enough in characters
      if (typeof v !== 'string' || v.length <= length) return undefined;
      const chars = [...v];
      // beyond the length, other characters than spaces are the server's error (22001)
      if (chars.length <= length || chars.slice(length).join('').trim() !== '') return undefined;
      return `its trailing spaces go past the length of ${native} (PostgreSQL would cut them)`;
    };
  }
  return undefined;
}

/**
 * A check of the rows written to `columns` of `table`, or undefined when none of them
 * has a bound a value could be rounded or cut to. Throws E_DATA_WRITE naming the column.
 */
export function exactnessCheck(table: Table, columns: readonly string[]): ((rows: readonly PortableValue[][]) => void) | undefined {
  const checks = columns.map((name, i) => ({ i, name, check: checkOf(columnOf(table, name)) })).filter((c) => c.check);
  if (checks.length === 0) return undefined;
  return (rows) => {
    for (const row of rows) {
      for (const { i, name, check } of checks) {
        const why = row[i] === null ? undefined : check!(row[i]);
        if (why) {
          throw new RedbError('E_DATA_WRITE', `cannot write ${table.schema}.${table.name}.${name}: a value would not be stored as it is: ${why}`, 'Make the target column wide enough (its type in the target schema), or transform the column.');
        }
      }
    }
  };
}

const NAIVE_TIMESTAMP = /^(\d{4,}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)( BC)?$/;
const NAIVE_DATE = /^(\d{4,}-\d\d-\d\d)( BC)?$/;
const NAIVE_TIME = /^\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/;

/** A time without an offset, for a column with a time zone, as UTC (`+00`): the session's TimeZone must not place it. */
function inUtc(value: PortableValue, kind: 'timestamp' | 'time'): PortableValue {
  if (typeof value !== 'string') return value;
  if (kind === 'time') return NAIVE_TIME.test(value) ? `${value}+00` : value;
  const stamp = NAIVE_TIMESTAMP.exec(value);
  if (stamp) return `${stamp[1]}+00${stamp[2] ?? ''}`;
  const date = NAIVE_DATE.exec(value);
  return date ? `${date[1]} 00:00:00+00${date[2] ?? ''}` : value;
}

/**
 * Rows whose values for `timestamptz` and `timetz` columns carry an offset: one without
 * (a portable timestamp is written without a zone) is taken as UTC, as the portable
 * form reads, never in the session's TimeZone. The rows as given when nothing changes.
 */
export function withUtcTimes(table: Table, columns: readonly string[], rows: readonly PortableValue[][]): readonly PortableValue[][] {
  const zoned = columns.flatMap((name, i) => {
    const l = columnOf(table, name).type.logical;
    return (l.kind === 'timestamp' || l.kind === 'time') && l.tz ? [{ i, kind: l.kind }] : [];
  });
  if (zoned.length === 0) return rows;
  return rows.map((row) => {
    let out: PortableValue[] | undefined;
    for (const { i, kind } of zoned) {
      const v = inUtc(row[i], kind);
      if (v !== row[i]) (out ??= [...row])[i] = v;
    }
    return out ?? row;
  });
}
