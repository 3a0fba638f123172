/**
 * The shape of a transformer of the catalogue: a name, its options (typed, with
 * defaults, so `redb transformation list` can show them and a spec can be checked
 * before any row is read), and a factory of the per-value function.
 */

export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'interval';

export interface OptionSpec {
  name: string;
  type: OptionType;
  /** undefined: the option must be given. */
  default?: string | number | boolean;
  description: string;
  /** The only values allowed (string options). */
  choices?: readonly string[];
}

export interface TransformContext {
  /** The secret salt (never printed); required by deterministic mode and by `hash`. */
  salt?: Buffer;
  /** Same input → same output for the same salt. */
  deterministic: boolean;
}

/** Parsed option values: integer/number/interval (ms) as numbers, boolean as booleans. */
export type Options = Record<string, string | number | boolean>;

export type TransformFn = (value: unknown, row?: Record<string, unknown>) => unknown;

export interface Transformer {
  name: string;
  summary: string;
  options: OptionSpec[];
  /** true: NULL is transformed too (null, fixed); otherwise NULL stays NULL. */
  replacesNull?: boolean;
  /** true: needs the salt even outside deterministic mode (hash). */
  needsSalt?: boolean;
  create(opts: Options, ctx: TransformContext): TransformFn;
}

/**
 * Why one value could not be transformed, in words that never quote the value: the
 * registry adds table.column and the transformer's name.
 */
export class TransformFailure extends Error {}

/** A string value, or a failure saying which kind of value was expected. */
export function asText(value: unknown, what = 'a text value'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new TransformFailure(`expects ${what}, got a value of type ${kindOf(value)}`);
}

export function kindOf(value: unknown): string {
  if (value instanceof Date) return 'date';
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return 'binary';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
