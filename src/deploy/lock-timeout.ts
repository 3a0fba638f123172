/**
 * A step that gave up waiting for a lock: the error says which step, what it changes,
 * the lock timeout it waited for, and how to wait longer.
 */
import type { DdlGenerator } from '../../adapters/types.js';
import { ExitCode, RedbError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import type { StepError } from './apply.js';

/** The RedbError for a step that ran out of lock timeout, or undefined when `err` is another failure. */
export function lockTimeoutError(err: StepError, plan: Plan, ddl: DdlGenerator, kind: 'deploy' | 'rollback', label: string, where: string): RedbError | undefined {
  if (!ddl.isLockTimeout?.(err.cause)) return undefined;
  const limit = plan.lockTimeout ? `the lock timeout (${plan.lockTimeout})` : 'the lock timeout';
  const what = `${err.step.change.kind} ${err.step.change.id}`;
  return new RedbError(
    'E_LOCK_TIMEOUT',
    `the ${kind} to ${label} stopped at step ${err.index + 1} (${err.step.comment}): it waited longer than ${limit} for a lock on ${what}, which another session holds`,
    `${where}; retry when the sessions using ${what} are done, or wait longer: redb ${kind} --lock-timeout 1min (0 waits forever)`,
    ExitCode.error,
  );
}
