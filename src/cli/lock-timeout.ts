/** `--lock-timeout`: how long each plan step waits for a lock (diff, plan, deploy, rollback). */
import { Flags } from '@oclif/core';
import { usageError } from '../errors.js';
import { DEFAULT_LOCK_TIMEOUT } from '../plan/index.js';
import { durationMs } from '../plan/duration.js';

export const lockTimeoutFlag = Flags.string({
  description: `how long each step waits for a lock before the plan stops, e.g. 5s, 500ms, 1min; 0 waits forever (default ${DEFAULT_LOCK_TIMEOUT})`,
});

/** The flag's value, checked; a value that is not a duration is a usage error. */
export function parseLockTimeout(value: string | undefined): string | undefined {
  if (value !== undefined && durationMs(value) === undefined) {
    throw usageError('E_USAGE', `--lock-timeout ${JSON.stringify(value)} is not a duration`, 'e.g. --lock-timeout 5s (units: us, ms, s, min, h, d)');
  }
  return value;
}
