/**
 * Canonical digests of rows, so a chunk copied into one engine and read back from it
 * compares equal to what was written whatever the engine's spelling of the same value:
 * `4.50` and `4.5`, `12:00:00.000000` and `12:00:00`, `t` and `true`, JSON with other
 * whitespace or key order, `char(n)` padding. The encoding follows the target column's
 * logical type (the type both sides share).
 *
 * A chunk's digest is order-independent (its rows' sha256, summed as four 32-bit lanes): two
 * engines may order equal keys or text keys differently, and a sum of row digests is
 * still a checksum of the chunk's rows as a multiset; the sum over all chunks is the
 * table's, so a table can be compared whole when its chunks do not line up.
 */
import { hash } from 'node:crypto';
import { RedbError } from '../../errors.js';
import type { PortableValue } from '../../../adapters/types.js';
import type { LogicalType } from '../../../unified-model/index.js';

export type Canonical = (value: PortableValue) => string;

function decimal(s: string): string {
  const m = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(s.trim());
  if (!m) return s;
  const whole = m[2] || '0';
  const frac = m[3] ?? '';
  const zero = /^0*$/.test(whole + frac);
  return `${m[1] === '-' && !zero ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sortedJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** `HH:MM:SS[.ffffff]` (and a date before it): the fraction without trailing zeros; a UTC zone as `+00`. */
function clock(s: string): string {
  return s
    .trim()
    .replace('T', ' ')
    .replace(/\.(\d*?)0+(?=$|[+Z-])/, (_m, d: string) => (d ? `.${d}` : ''))
    .replace(/(Z|[+-]00(:?00)?)$/, '+00');
}

const text = (v: PortableValue): string => (Buffer.isBuffer(v) ? `x${v.toString('hex')}` : Array.isArray(v) ? JSON.stringify(v) : String(v));

/** The canonical text of a value of logical type `l`. */
export function canonical(l: LogicalType): Canonical {
  switch (l.kind) {
    case 'integer':
    case 'decimal':
      return (v) => (typeof v === 'boolean' ? (v ? '1' : '0') : decimal(typeof v === 'number' ? String(v) : text(v)));
    case 'float':
      // the engines print a 32-bit float with more or fewer digits: compare what the type holds
      return (v) => {
        const n = Number(v);
        return String(l.bits === 32 ? Math.fround(n) : n);
      };
    case 'boolean':
      return (v) => (v === true || ['1', 't', 'true', 'y', 'yes', 'on'].includes(String(v).toLowerCase()) ? 't' : 'f');
    case 'string':
      return l.fixed ? (v) => text(v).replace(/ +$/, '') : text;
    case 'uuid':
      return (v) => text(v).toLowerCase();
    case 'time':
    case 'timestamp':
      return (v) => clock(text(v));
    case 'json':
      return (v) => {
        try {
          return sortedJson(JSON.parse(text(v)));
        } catch {
          return text(v);
        }
      };
    case 'set':
      return (v) => (Array.isArray(v) ? v.map(String) : text(v) === '' ? [] : text(v).split(',')).join(',');
    case 'array': {
      const element = canonical(l.of);
      const walk = (v: PortableValue): string => (v === null ? '\u0000' : Array.isArray(v) ? `[${v.map((e) => walk(e as PortableValue)).join('\u0001')}]` : element(v));
      return (v) => {
        if (Array.isArray(v)) return walk(v);
        try {
          const parsed = JSON.parse(text(v)) as unknown;
          return Array.isArray(parsed) ? walk(parsed as PortableValue[]) : text(v);
        } catch {
          return text(v);
        }
      };
    }
    default:
      return text;
  }
}

/** Four 32-bit lanes: a chunk's digest is 128 bits, each lane summed on its own modulo 2^32. */
const LANES = 4;
const LANE = 2 ** 32;

/**
 * The sha256 of one row (values in the columns' order; `canon` one per column) in one
 * call over one string: a hash object fed value by value, printed in hex and summed as
 * a BigInt cost half a migration's CPU between engines (docs/performance.md).
 */
function rowHash(row: readonly PortableValue[], canon: readonly Canonical[]): Buffer {
  let s = '';
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    // length-prefixed, and NULL apart from every text: ('a','bc') ≠ ('ab','c'), NULL ≠ ''
    if (v === null || v === undefined) s += 'N;';
    else {
      const c = canon[i](v);
      s += `${c.length}:${c}`;
    }
  }
  return hash('sha256', s, 'buffer');
}

const laneHex = (lanes: readonly number[]) => lanes.map((l) => l.toString(16).padStart(8, '0')).join('');

function lanesOf(hex: string): number[] {
  if (hex.length !== LANES * 8) throw new RedbError('E_VERIFY', `a chunk digest of ${hex.length} hex digits was recorded, not ${LANES * 8}: the copy was made by another version of redb`, 'cancel the job (redb job cancel NAME) and run it again');
  return Array.from({ length: LANES }, (_v, k) => parseInt(hex.slice(k * 8, k * 8 + 8), 16));
}

/** Adds rows into an order-independent digest of a chunk. */
export class ChunkDigest {
  private readonly lanes = new Array<number>(LANES).fill(0);
  rows = 0;
  constructor(private readonly canon: readonly Canonical[]) {}

  add(rows: readonly (readonly PortableValue[])[]): this {
    const lanes = this.lanes;
    for (const r of rows) {
      const h = rowHash(r, this.canon);
      for (let k = 0; k < LANES; k++) lanes[k] = (lanes[k] + h.readUInt32BE(k * 4)) % LANE;
      this.rows++;
    }
    return this;
  }

  hex(): string {
    return laneHex(this.lanes);
  }
}

/** The sum of chunk digests (hex): the digest of the whole table. */
export function sumDigests(digests: readonly string[]): string {
  const total = new Array<number>(LANES).fill(0);
  for (const d of digests) lanesOf(d).forEach((l, k) => (total[k] = (total[k] + l) % LANE));
  return laneHex(total);
}
