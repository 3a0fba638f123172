/**
 * Deterministic choices for the shape generators: a small integer hash
 * (mulberry32 step) of a table index and a salt, so every choice varies per
 * table yet never changes between runs, and table `i` can be generated
 * without generating the tables before it.
 */

/** A value in [0, mod) for table `i` and choice `salt`. */
export function pick(i: number, salt: number, mod: number): number {
  let t = (i * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % mod;
}

/**
 * `pick` with the shape's own seed mixed into the salt, so two shapes that ask
 * the same question of the same table do not make the same choice.
 */
export function seeded(seed: number): (i: number, salt: number, mod: number) => number {
  return (i, salt, mod) => pick(i, salt + seed * 7919, mod);
}
