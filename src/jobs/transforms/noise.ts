/** Transformers that blur a value and keep it plausible: number-noise, date-noise. */
import { rngFor } from './random.js';
import { kindOf, TransformFailure, type Transformer } from './types.js';

/** A random factor in [-1, 1]. */
const spread = (rng: { next(): number }) => rng.next() * 2 - 1;

export const numberNoise: Transformer = {
  name: 'number-noise',
  summary: 'Adds up to ±ratio of the value; integers stay integers, decimals keep their scale.',
  options: [{ name: 'ratio', type: 'number', default: 0.1, description: 'the largest change, as a fraction of the value' }],
  create: (opts, ctx) => (value) => {
    const ratio = opts.ratio as number;
    const delta = (n: number) => n * ratio * spread(rngFor('number-noise', value, ctx));
    if (typeof value === 'number') return Number.isInteger(value) ? Math.round(value + delta(value)) : value + delta(value);
    if (typeof value === 'bigint') return value + BigInt(Math.round(delta(Number(value))));
    // exact numerics arrive as text: keep the number of decimals
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
      const scale = value.split('.')[1]?.length ?? 0;
      const n = Number(value);
      return (n + delta(n)).toFixed(scale);
    }
    throw new TransformFailure(`expects a number, got a value of type ${kindOf(value)}`);
  },
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

export const dateNoise: Transformer = {
  name: 'date-noise',
  summary: 'Moves a date or timestamp by up to ±interval; a date stays a date.',
  options: [{ name: 'interval', type: 'interval', default: '30d', description: 'the largest shift (e.g. 30d, 12h, 90m, 45s)' }],
  create: (opts, ctx) => (value) => {
    const shift = (ms: number) => Math.round((opts.interval as number) * spread(rngFor('date-noise', value, ctx)) / ms) * ms;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new TransformFailure('expects a valid date, got an invalid one');
      return new Date(value.getTime() + shift(1));
    }
    if (typeof value === 'string') {
      const t = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(t)) throw new TransformFailure('expects a date or timestamp, got text that is not one');
      // a date-only value moves by whole days and is written back the same way
      if (DATE_ONLY.test(value)) return new Date(t + shift(DAY)).toISOString().slice(0, 10);
      return new Date(t + shift(1)).toISOString();
    }
    throw new TransformFailure(`expects a date, got a value of type ${kindOf(value)}`);
  },
};
