/**
 * The catalogue of transformations applied to column values on the way from a source
 * to a target (migration and replication jobs), and the one place that turns a spec
 * into a per-value function: NULL stays NULL (but for null and fixed), and a value that
 * cannot be transformed stops the job with an error naming table.column and the
 * transformer — never the value, so raw data never passes through, not even in a log.
 */
import { RedbError, usageError } from '../../errors.js';
import { nullTransformer, fixed, keepFirstChar, randomString, redact } from './basic.js';
import { creditCard, hash, uuid } from './ids.js';
import { dateNoise, numberNoise } from './noise.js';
import { email, firstName, fullName, lastName, phone } from './people.js';
import { SALT_ENV, SALT_ENTRY } from './salt.js';
import { parseTransformSpec as parseWith, type TransformSpec } from './spec.js';
import { dictionary, regexpReplace } from './text.js';
import { TransformFailure, type TransformContext, type TransformFn, type Transformer } from './types.js';

export type { OptionSpec, Options, TransformContext, TransformFn, Transformer } from './types.js';
export type { TransformSpec } from './spec.js';
export { resolveSalt, storeSalt, SALT_ENV } from './salt.js';

export const TRANSFORMERS: readonly Transformer[] = [
  nullTransformer, fixed, redact, keepFirstChar, randomString,
  email, firstName, lastName, fullName, phone,
  creditCard, uuid, hash,
  numberNoise, dateNoise,
  regexpReplace, dictionary,
];

export function findTransformer(name: string): Transformer | undefined {
  return TRANSFORMERS.find((t) => t.name === name);
}

/** `TABLE.COLUMN=NAME:opt=value,…` checked against the catalogue. */
export function parseTransformSpec(text: string): TransformSpec {
  return parseWith(text, TRANSFORMERS);
}

const failed = (spec: TransformSpec, why: string) =>
  new RedbError(
    'E_TRANSFORM_FAILED',
    `transform ${spec.name} of ${spec.table}.${spec.column} failed: ${why}; the job stopped so that no untransformed value reaches the target`,
    `change the transform of ${spec.table}.${spec.column} (redb transformation list) or the column's data`,
  );

/** The function a job applies to each value of spec's column. */
export function compileTransform(spec: TransformSpec, ctx: TransformContext): TransformFn {
  const t = findTransformer(spec.name);
  if (!t) throw usageError('E_TRANSFORM_UNKNOWN', `no transformer named ${JSON.stringify(spec.name)}`, '`redb transformation list` shows the catalogue');
  if ((ctx.deterministic || t.needsSalt) && !ctx.salt?.length) {
    throw usageError(
      'E_TRANSFORM_SALT',
      `${spec.table}.${spec.column}: ${t.needsSalt ? `transform ${t.name}` : 'deterministic mode'} needs the secret salt, and none is set`,
      `set ${SALT_ENV} in the environment, or store it in .redb/credentials.json as {"${SALT_ENTRY}": {"password": "…"}}; keep it out of git`,
    );
  }
  let fn: TransformFn;
  try {
    fn = t.create(spec.options, ctx);
  } catch (err) {
    if (err instanceof TransformFailure) throw usageError('E_TRANSFORM_OPTION', `${spec.table}.${spec.column}: ${t.name}: ${err.message}`, 'redb transformation list shows its options');
    throw err;
  }
  return (value, row) => {
    if ((value === null || value === undefined) && !t.replacesNull) return value ?? null;
    try {
      return fn(value, row);
    } catch (err) {
      // only our own reasons are shown: other messages (a runtime's) may quote the value
      throw failed(spec, err instanceof TransformFailure ? err.message : `an unexpected ${err instanceof Error ? err.name : 'error'}`);
    }
  };
}
