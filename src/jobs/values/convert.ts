/**
 * A value in portable form (adapters/types.ts, PortableValue) of one logical type as the
 * portable value of another: what a job does between reading a source column and
 * writing the target column the translation made of it (a MySQL SET into a text[], an
 * array into JSON text, a boolean into 0/1, an instant into a timestamp without zone).
 *
 * A value the target type cannot hold exactly (out of range, too many digits or
 * characters, not a uuid, a date outside 0001–9999) is an error naming table.column and
 * both types, never the value: the job stops rather than let the engine round, clip or
 * zero it. Shared code: no engine is named here, only logical types.
 */
import type { PortableValue } from '../../../adapters/types.js';
import type { LogicalType } from '../../../unified-model/index.js';
import { RedbError } from '../../errors.js';

export type Converter = (value: PortableValue) => PortableValue;

/** Raised inside a converter; the job turns it into E_DATA_CONVERT with the column's name. */
class Refused extends Error {}

export function describeType(l: LogicalType): string {
  switch (l.kind) {
    case 'integer': return `${l.unsigned ? 'unsigned ' : ''}${l.bits}-bit integer`;
    case 'decimal': return l.precision !== undefined ? `decimal(${l.precision},${l.scale ?? 0})` : 'decimal';
    case 'float': return `${l.bits}-bit float`;
    case 'string': return l.length !== undefined ? `${l.fixed ? 'char' : 'varchar'}(${l.length})` : 'string';
    case 'binary': return l.length !== undefined ? `binary(${l.length})` : 'binary';
    case 'array': return `array of ${describeType(l.of)}`;
    case 'other': return l.name;
    default: return l.kind;
  }
}

export function convertError(where: string, from: LogicalType, to: LogicalType, why: string): RedbError {
  return new RedbError(
    'E_DATA_CONVERT',
    `${where}: a value of the source's ${describeType(from)} cannot be stored exactly as the target's ${describeType(to)}: ${why}; the job stopped before writing it`,
    `set the target column's type (--type ${where}=TYPE on redb translate, or change the target schema), add a transform for ${where}, or fix the source row`,
  );
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(\d{2,3}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function integerRange(l: Extract<LogicalType, { kind: 'integer' }>): [bigint, bigint] {
  const bits = BigInt(l.bits);
  return l.unsigned ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

function asText(v: PortableValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Buffer.isBuffer(v)) throw new Refused('binary data where text is expected');
  throw new Refused('an array where a single value is expected');
}

/** Exact digits of a number (integer or decimal) as a string, from any numeric portable value. */
function asDigits(v: PortableValue): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Refused('not a finite number');
    // shortest round-trip form, never exponent notation
    return Number.isInteger(v) ? BigInt(v).toString() : toPlain(String(v));
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  const s = asText(v).trim();
  if (!DECIMAL.test(s) || s === '' || s === '.' || /^[+-]\.?$/.test(s)) throw new Refused('not a number');
  return s;
}

/** `1.5e-7` as `0.00000015` (a non-integer double prints an exponent only when it is small). */
function toPlain(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(s);
  return m ? `${m[1]}0.${'0'.repeat(Number(m[4]) - 1)}${m[2]}${m[3] ?? ''}` : s;
}

function toInteger(v: PortableValue, l: Extract<LogicalType, { kind: 'integer' }>): string {
  const d = asDigits(v);
  const m = DECIMAL.exec(d)!;
  if (m[3] && /[1-9]/.test(m[3])) throw new Refused('it has a fractional part');
  const n = BigInt(`${m[1]}${m[2] || '0'}`);
  const [min, max] = integerRange(l);
  if (n < min || n > max) throw new Refused('out of the type\'s range');
  return n.toString();
}

function toDecimal(v: PortableValue, l: Extract<LogicalType, { kind: 'decimal' }>): string {
  const d = asDigits(v);
  const m = DECIMAL.exec(d)!;
  const whole = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  if (l.scale !== undefined && frac.replace(/0+$/, '').length > l.scale) throw new Refused(`more than ${l.scale} digits after the point`);
  if (l.precision !== undefined && (whole === '0' ? 0 : whole.length) > l.precision - (l.scale ?? 0)) throw new Refused(`more than ${l.precision - (l.scale ?? 0)} digits before the point`);
  const sign = m[1] === '-' && /[1-9]/.test(whole + frac) ? '-' : '';
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

function toFloat(v: PortableValue): number {
  const n = typeof v === 'number' ? v : Number(asText(v));
  if (Number.isNaN(n) && !(typeof v === 'string' && /^nan$/i.test(v.trim()))) throw new Refused('not a number');
  return n;
}

function toBoolean(v: PortableValue): boolean {
  if (typeof v === 'boolean') return v;
  const s = typeof v === 'number' ? String(v) : asText(v).trim().toLowerCase();
  if (['1', 't', 'true', 'y', 'yes', 'on'].includes(s)) return true;
  if (['0', 'f', 'false', 'n', 'no', 'off'].includes(s)) return false;
  throw new Refused('not a boolean (only 0 and 1 convert)');
}

function checkLength(s: string, l: LogicalType): string {
  if (l.kind === 'string' && l.length !== undefined) {
    // characters, not UTF-16 units: a 4-byte emoji is one character
    let n = 0;
    for (const _ of s) if (++n > l.length) throw new Refused(`longer than ${l.length} characters`);
  }
  if (l.kind === 'text' && l.maxBytes !== undefined && Buffer.byteLength(s, 'utf8') > l.maxBytes) throw new Refused(`longer than ${l.maxBytes} bytes`);
  return s;
}

function checkDate(date: string): void {
  const m = DATE.exec(date);
  if (!m || m[1] === '0000' || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) throw new Refused('not a date between 0001-01-01 and 9999-12-31');
}

/** Fractional digits beyond the target's precision must be zeros: the engine would round them. */
function fraction(frac: string | undefined, precision: number | undefined): string {
  const f = (frac ?? '').replace(/0+$/, '');
  if (precision !== undefined && f.length > precision) throw new Refused(`more than ${precision} fractional digits of a second`);
  return f ? `.${f}` : '';
}

const isUtc = (zone: string | undefined) => zone === undefined || /^(Z|[+-]00(:?00)?)$/.test(zone);

function toTimestamp(v: PortableValue, l: Extract<LogicalType, { kind: 'timestamp' }>): string {
  const s = asText(v).trim();
  if (DATE.test(s)) {
    checkDate(s);
    return `${s} 00:00:00${l.tz ? '+00' : ''}`;
  }
  const m = TIMESTAMP.exec(s);
  if (!m) throw new Refused('not a timestamp');
  checkDate(m[1]);
  // portable instants are in UTC (`+00`): a zone other than UTC means the source did not read it so
  if (!isUtc(m[4])) throw new Refused('an instant not in UTC');
  // a wall-clock time into a zoned type is taken as UTC, as the translation reported
  return `${m[1]} ${m[2]}${fraction(m[3], l.precision)}${l.tz ? '+00' : ''}`;
}

function toDate(v: PortableValue): string {
  const s = asText(v).trim();
  if (DATE.test(s)) {
    checkDate(s);
    return s;
  }
  const m = TIMESTAMP.exec(s);
  if (!m || !/^00:00:00$/.test(m[2]) || (m[3] && /[1-9]/.test(m[3]))) throw new Refused('a timestamp with a time of day where a date is expected');
  checkDate(m[1]);
  return m[1];
}

function toTime(v: PortableValue, l: Extract<LogicalType, { kind: 'time' }>): string {
  const m = TIME.exec(asText(v).trim());
  if (!m) throw new Refused('not a time of day');
  return `${m[1]}${fraction(m[2], l.precision)}${l.tz && m[3] ? m[3] : ''}`;
}

/** An array's elements as JSON: numbers as numbers (their exact digits), everything else by its portable value. */
function jsonOf(v: PortableValue, of: LogicalType): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((e) => jsonOf(e as PortableValue, of.kind === 'array' ? of.of : of)).join(',')}]`;
  if (typeof v === 'boolean') return String(v);
  if (of.kind === 'integer' || of.kind === 'decimal') return asDigits(v).replace(/^\+/, '');
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (of.kind === 'json' && typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return JSON.stringify(`\\x${v.toString('hex')}`);
  return JSON.stringify(v);
}

function fromJson(v: PortableValue, to: Extract<LogicalType, { kind: 'array' }>, element: Converter): PortableValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(asText(v));
  } catch {
    throw new Refused('not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new Refused('JSON that is not an array');
  const walk = (items: unknown[], l: LogicalType): PortableValue[] =>
    items.map((e) => {
      if (e === null) return null;
      if (Array.isArray(e)) return l.kind === 'array' ? walk(e, l.of) : element(JSON.stringify(e));
      if (typeof e === 'object') return element(JSON.stringify(e));
      return element(e as PortableValue);
    });
  return walk(parsed, to.of);
}

const TEXTUAL = new Set(['string', 'text', 'enum', 'uuid', 'interval', 'other', 'vector', 'set', 'json']);

/** The converter of one column; `where` (target `table.column`) names it in errors. */
export function converter(from: LogicalType, to: LogicalType, where: string): Converter {
  const one = convertOne(from, to);
  return (value) => {
    if (value === null || value === undefined) return null;
    try {
      return one(value);
    } catch (err) {
      if (err instanceof Refused) throw convertError(where, from, to, err.message);
      throw err;
    }
  };
}

function convertOne(from: LogicalType, to: LogicalType): (v: PortableValue) => PortableValue {
  switch (to.kind) {
    case 'integer': return from.kind === 'boolean' ? (v) => (toBoolean(v) ? '1' : '0') : (v) => toInteger(v, to);
    case 'decimal': return (v) => toDecimal(v, to);
    case 'float': return toFloat;
    case 'boolean': return toBoolean;
    case 'date': return toDate;
    case 'time': return (v) => toTime(v, to);
    case 'timestamp': return (v) => toTimestamp(v, to);
    case 'binary':
      return (v) => {
        const b = Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v, 'utf8') : undefined;
        if (!b) throw new Refused('not binary data');
        const max = to.length ?? to.maxBytes;
        if (max !== undefined && b.length > max) throw new Refused(`longer than ${max} bytes`);
        return b;
      };
    case 'uuid':
      return (v) => {
        const s = asText(v).trim();
        if (!UUID.test(s)) throw new Refused('not a uuid (8-4-4-4-12 hexadecimal digits)');
        return s.toLowerCase();
      };
    case 'enum':
      return (v) => {
        const s = asText(v);
        if (to.values && !to.values.includes(s)) throw new Refused('not one of the enum\'s labels');
        return s;
      };
    case 'set':
      return (v) => {
        const labels = Array.isArray(v) ? v.map((e) => asText(e as PortableValue)) : asText(v) === '' ? [] : asText(v).split(',');
        const bad = labels.find((x) => x.includes(',') || !to.values.includes(x));
        if (bad !== undefined) throw new Refused('a label the set does not have');
        return labels.join(',');
      };
    case 'array': {
      const element = convertOne(from.kind === 'array' ? from.of : from.kind === 'set' ? { kind: 'text' } : { kind: 'json' }, to.of);
      const el: Converter = (e) => (e === null ? null : element(e));
      if (from.kind === 'array') return (v) => (Array.isArray(v) ? v.map((e) => el(e as PortableValue)) : fromJson(v, to, el));
      if (from.kind === 'set') return (v) => (asText(v) === '' ? [] : asText(v).split(',').map(el));
      return (v) => (Array.isArray(v) ? v.map((e) => el(e as PortableValue)) : fromJson(v, to, el));
    }
    case 'json':
      return (v) => {
        if (Array.isArray(v)) return jsonOf(v, from.kind === 'array' ? from.of : { kind: 'text' });
        if (from.kind === 'set') return jsonOf(asText(v) === '' ? [] : asText(v).split(','), { kind: 'text' });
        if (from.kind !== 'json') {
          // a scalar into json: its JSON form, unless it is JSON text already
          if (typeof v === 'string' && (from.kind === 'text' || from.kind === 'string' || from.kind === 'other')) {
            try {
              JSON.parse(v);
              return v;
            } catch {
              throw new Refused('not valid JSON');
            }
          }
          return jsonOf(v, from);
        }
        return asText(v);
      };
    default: {
      // string, text, interval, other, vector: text of the value
      if (!TEXTUAL.has(to.kind)) throw new Refused(`no conversion into ${to.kind}`);
      return (v) => {
        if (Array.isArray(v)) return checkLength(jsonOf(v, from.kind === 'array' ? from.of : { kind: 'text' }), to);
        if (Buffer.isBuffer(v)) {
          const s = v.toString('utf8');
          if (!Buffer.from(s, 'utf8').equals(v)) throw new Refused('binary data that is not UTF-8 text');
          return checkLength(s, to);
        }
        return checkLength(asText(v), to);
      };
    }
  }
}
