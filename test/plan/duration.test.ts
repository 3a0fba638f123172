/** Durations from the command line to the milliseconds adapters take. */
import { describe, expect, it } from 'vitest';
import { postgresDdl } from '../../adapters/postgres/ddl/index.js';
import { durationMs } from '../../src/plan/duration.js';

describe('durationMs', () => {
  it('reads every unit, defaults to milliseconds, rounds up and refuses what is not a duration', () => {
    expect([durationMs('10s'), durationMs('500ms'), durationMs('1.5s'), durationMs('1min'), durationMs('2h'), durationMs('0'), durationMs('250')]).toEqual([10_000, 500, 1500, 60_000, 7_200_000, 0, 250]);
    expect(durationMs('10us')).toBe(1); // never rounded down to 0, which means "forever"
    expect([durationMs('ten'), durationMs('5 parsecs'), durationMs('-1s')]).toEqual([undefined, undefined, undefined]);
  });

  it('is written back by the PostgreSQL adapter as the setting it takes', () => {
    expect(postgresDdl.lockTimeout?.(10_000)).toEqual(["SET lock_timeout = '10s'"]);
    expect(postgresDdl.lockTimeout?.(1500)).toEqual(["SET lock_timeout = '1500ms'"]);
    expect(postgresDdl.lockTimeout?.(0)).toEqual(["SET lock_timeout = '0ms'"]);
  });
});
