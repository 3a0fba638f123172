/** Flags shared by `redb deploy` and `redb rollback`. */
import { Flags } from '@oclif/core';
import type { DeployOptions } from '../core/deploy.js';
import { stepProgress } from '../ui/deploy-progress.js';
import { columnOrderFlag } from './column-order-flag.js';
import { interactiveConfirm } from './confirm.js';
import { lockTimeoutFlag, parseLockTimeout } from './lock-timeout.js';

export const deployFlags = {
  yes: Flags.boolean({ char: 'y', description: 'apply without asking (needed in a non-interactive run)' }),
  'allow-destructive': Flags.boolean({ description: 'allow a plan that destroys data (drops tables or columns…)' }),
  'dry-run': Flags.boolean({ description: 'print the plan and change nothing' }),
  force: Flags.boolean({ description: 'deploy even when the database drifted from what the ledger says is deployed' }),
  prove: Flags.boolean({ default: true, allowNo: true, description: 'prove the plan and its rollback on a scratch database first' }),
  'lock-wait': Flags.integer({ default: 0, description: 'seconds to wait for another deploy to the same database to finish' }),
  'lock-timeout': lockTimeoutFlag,
  resume: Flags.boolean({ description: 'continue a deploy (or rollback) that stopped part-way, from its last committed step' }),
};

/** Flags of `redb deploy` that shape the plan it makes (`redb rollback` runs a stored plan). */
export const deployPlanFlags = {
  rename: Flags.string({ multiple: true, description: 'a rename to plan instead of drop + add: OLD_ID=NEW_NAME (repeatable), as in redb plan' }),
  'column-order': columnOrderFlag(),
};

/** The options both commands pass to the core from those flags. */
export function deployOptions(flags: {
  yes: boolean; 'allow-destructive': boolean; 'dry-run': boolean; force: boolean; prove: boolean; 'lock-wait': number; 'lock-timeout'?: string; resume: boolean;
}, json: boolean): DeployOptions {
  const onStep = stepProgress(process.stderr, json);
  const lockTimeout = parseLockTimeout(flags['lock-timeout']);
  return {
    ...(lockTimeout !== undefined ? { ddl: { lockTimeout } } : {}),
    yes: flags.yes,
    allowDestructive: flags['allow-destructive'],
    dryRun: flags['dry-run'],
    force: flags.force,
    prove: flags.prove,
    lockWaitMs: flags['lock-wait'] * 1000,
    confirm: interactiveConfirm(json),
    resume: flags.resume,
    ...(onStep ? { onStep } : {}),
  };
}
