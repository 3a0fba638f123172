/**
 * Equality in canonical form, remembered per object: a plan compares the same pairs
 * twice (forward, then back for the rollback), and a member compared once need not be
 * serialized again. Model objects are immutable (readonly throughout), so the text of
 * an object never goes stale.
 */
import { canonicalJson } from '../../unified-model/index.js';

const texts = new WeakMap<object, string>();

function text(x: unknown): string {
  if (typeof x !== 'object' || x === null) return canonicalJson(x ?? null);
  let t = texts.get(x);
  if (t === undefined) texts.set(x, (t = canonicalJson(x)));
  return t;
}

/** True when `a` and `b` are equal in canonical form (undefined and null alike). */
export const sameCanonical = (a: unknown, b: unknown): boolean => a === b || text(a) === text(b);
