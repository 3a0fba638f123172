/**
 * Whether a target column's logical type holds every value of the source column's type
 * unchanged, with the same canonical text (adapters/data-types.ts, CanonicalText): then a
 * copy between them needs no conversion, and can move as text the two servers print and
 * parse. Decided from the types alone, conservatively: where the model leaves a bound to
 * the engine (a timestamp's precision) and the engines do not say it, the source is taken
 * at its widest and the target at its narrowest, so an answer of true never lets a value
 * be rounded or cut.
 */
import type { LogicalType } from '../../../unified-model/index.js';

type Of<K extends LogicalType['kind']> = Extract<LogicalType, { kind: K }>;

/** The widest fraction of a second an engine keeps (microseconds). */
const MAX_FRACTION = 6;

function integerHolds(to: Of<'integer'>, from: Of<'integer'>): boolean {
  if (from.unsigned) return to.unsigned ? to.bits >= from.bits : to.bits > from.bits;
  return !to.unsigned && to.bits >= from.bits;
}

function decimalHolds(to: Of<'decimal'>, from: Of<'decimal'>): boolean {
  if (to.precision === undefined) return to.scale === undefined;
  if (from.precision === undefined) return false;
  const [toScale, fromScale] = [to.scale ?? 0, from.scale ?? 0];
  return toScale >= fromScale && to.precision - toScale >= from.precision - fromScale;
}

/** The most characters a string type holds (a byte limit: as many, of one byte each); undefined: any number. */
function characters(l: LogicalType): number | undefined {
  if (l.kind === 'string') return l.length;
  if (l.kind === 'text') return l.maxBytes;
  return undefined;
}

/** Bytes of UTF-8 a string type may need: undefined, any number. */
function bytes(l: LogicalType): number | undefined {
  if (l.kind === 'string') return l.length === undefined ? undefined : l.length * 4;
  if (l.kind === 'text') return l.maxBytes;
  return undefined;
}

function stringHolds(to: LogicalType, from: Of<'string'> | Of<'text'>): boolean {
  if (to.kind !== 'string' && to.kind !== 'text') return false;
  // a fixed-length string pads (and compares) without its trailing spaces: not the same text
  if (!!(to.kind === 'string' && to.fixed) !== !!(from.kind === 'string' && from.fixed)) return false;
  const room = to.kind === 'string' ? characters(to) : bytes(to);
  if (room === undefined) return true;
  const need = to.kind === 'string' ? characters(from) : bytes(from);
  return need !== undefined && need <= room;
}

/**
 * Digits of a second's fraction a time or timestamp type without a precision keeps, on
 * each side (the engine's default: adapters/data-types.ts CanonicalText.fraction).
 * Unknown: the source's the widest, the target's none.
 */
export interface DefaultFractions {
  readonly to?: number;
  readonly from?: number;
}

export function holds(to: LogicalType, from: LogicalType, fractions: DefaultFractions = {}): boolean {
  const fractionHolds = (t: number | undefined, f: number | undefined) => (t ?? fractions.to ?? 0) >= (f ?? fractions.from ?? MAX_FRACTION);
  switch (from.kind) {
    case 'integer': return to.kind === 'integer' && integerHolds(to, from);
    case 'decimal': return to.kind === 'decimal' && decimalHolds(to, from);
    case 'string':
    case 'text': return stringHolds(to, from);
    // both label lists known, and every label of the source's the target's exactly (an engine may match labels ignoring case)
    case 'enum': return to.kind === 'enum' && !!from.values && !!to.values && from.values.every((v) => to.values!.includes(v));
    case 'boolean':
    case 'uuid':
    case 'date': return to.kind === from.kind;
    case 'time':
    case 'timestamp': return to.kind === from.kind && to.tz === from.tz && fractionHolds(to.precision, from.precision);
    default: return false;
  }
}
