/**
 * Randomness per value. In deterministic mode the generator is seeded from
 * HMAC-SHA256(salt, transformer name + input), so the same input gives the same output
 * for the same salt (foreign keys and joins still match when both columns get the same
 * transform) and nobody without the salt can recompute it. Otherwise it is seeded from
 * the system's secure random source, so two runs differ.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { TransformContext } from './types.js';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Buffer;
}

/** The input as stable bytes: a Date by its instant, a buffer as itself. */
function inputKey(value: unknown): string {
  if (value instanceof Date) return `d:${value.toISOString()}`;
  if (Buffer.isBuffer(value)) return `b:${value.toString('base64')}`;
  return `${typeof value}:${String(value)}`;
}

/** sfc32: small, fast and good enough for masking; the secret is in the seed. */
function sfc32(seed: Buffer): () => number {
  let a = seed.readUInt32LE(0), b = seed.readUInt32LE(4), c = seed.readUInt32LE(8), d = seed.readUInt32LE(12);
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

export function rngFor(transformer: string, value: unknown, ctx: TransformContext): Rng {
  const seed = ctx.deterministic && ctx.salt
    ? createHmac('sha256', ctx.salt).update(`${transformer}\0${inputKey(value)}`).digest()
    : randomBytes(16);
  const next = sfc32(seed);
  for (let i = 0; i < 12; i++) next(); // mix the seed in before the first value
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}
