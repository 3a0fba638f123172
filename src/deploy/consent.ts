/**
 * Consent: a plan that destroys data needs --allow-destructive; any deploy needs --yes
 * or an interactive yes. Refusals exit 3 and change nothing.
 */
import { ExitCode, RedbError } from '../errors.js';
import type { Plan } from '../plan/types.js';

export interface ConsentOptions {
  /** --yes: apply without asking. */
  readonly yes?: boolean;
  /** --allow-destructive: a plan with data-loss hazards may run. */
  readonly allowDestructive?: boolean;
  /** Asks a person; absent in a non-interactive run. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export function destructiveSteps(steps: Plan['steps']): string[] {
  return steps.filter((s) => s.hazards.includes('data-loss')).map((s) => s.comment);
}

/** Throws (exit 3) unless the plan may run; `what` names the action, e.g. `deploy to prod`. */
export async function requireConsent(steps: Plan['steps'], what: string, opts: ConsentOptions): Promise<void> {
  const destructive = destructiveSteps(steps);
  // where nobody can be asked, every flag the run lacks is named at once: a CI job fixed once, not twice
  const cannotAsk = !opts.yes && !opts.confirm;
  if (destructive.length && !opts.allowDestructive) {
    const shown = destructive.slice(0, 5).join('; ') + (destructive.length > 5 ? `; and ${destructive.length - 5} more` : '');
    throw new RedbError('E_DESTRUCTIVE', `the ${what} destroys data: ${shown}`, `review the plan (--dry-run), then run again with --allow-destructive${cannotAsk ? ' --yes' : ''}`, ExitCode.confirmationNeeded);
  }
  if (opts.yes) return;
  if (!opts.confirm) {
    throw new RedbError('E_CONFIRM', `the ${what} needs confirmation, and this run cannot ask (no terminal, --json, or CI is set)`, 'review the plan (--dry-run), then run again with --yes', ExitCode.confirmationNeeded);
  }
  if (!(await opts.confirm(`Apply ${steps.length} step(s) (${what})?`))) {
    throw new RedbError('E_REFUSED', `the ${what} was not confirmed; nothing changed`, undefined, ExitCode.confirmationNeeded);
  }
}
