/**
 * Durations as users write them (`--lock-timeout 5s`, `500ms`, `1min`, `0`) and as
 * adapters take them: whole milliseconds, which every engine's setting can be written
 * from (seconds for one, milliseconds for another).
 *
 * @example durationMs('1.5s') // 1500
 */
const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** The pattern of a duration: a number and an optional unit (default ms). */
export const DURATION = /^(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?$/;

/** Whole milliseconds of a duration (rounded up, so a positive duration never becomes "forever"); undefined when it is not one. */
export function durationMs(value: string): number | undefined {
  const m = DURATION.exec(value.trim());
  return m ? Math.ceil(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']) : undefined;
}
