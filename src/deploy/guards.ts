/**
 * What a deploy checks before it plans: the deploy lock, a deploy that stopped part-way,
 * and drift from what the ledger says is deployed.
 */
import type { Model } from '../../unified-model/index.js';
import { RedbError } from '../errors.js';
import type { Ledger, LedgerEntry } from './ledger.js';
import { describeDifference } from './prove.js';
import type { DeployRequest } from './run.js';

export const DEPLOY_LOCK = 'redb-deploy';

export async function lock(req: DeployRequest): Promise<void> {
  const deadline = Date.now() + (req.lockWaitMs ?? 0);
  for (;;) {
    if (await req.adapter.deploy.tryLock(req.conn, DEPLOY_LOCK)) return;
    if (Date.now() >= deadline) {
      throw new RedbError('E_LOCKED', `another deploy to ${req.label} is running`, 'wait for it to finish, or pass --lock-wait SECONDS to wait for it');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The newest ledger entry when it stopped after committing some of its steps and the
 * database is neither at its source nor at its target: the database is part-way.
 */
export function partialEntry(last: LedgerEntry | undefined, liveTree: string): LedgerEntry | undefined {
  if (!last || (last.status !== 'failed' && last.status !== 'interrupted') || last.steps_done === 0) return undefined;
  return liveTree !== last.source_tree && liveTree !== last.target_tree ? last : undefined;
}

/**
 * What `status` reports as incomplete: a part-way entry (`partialEntry`), or one still
 * recorded as running with steps committed — a deploy in progress, or killed. Status
 * takes no deploy lock, so it cannot tell those two apart and never reconciles them.
 */
export function incompleteEntry(last: LedgerEntry | undefined, liveTree: string): LedgerEntry | undefined {
  if (last?.status === 'running' && last.steps_done > 0) return last;
  return partialEntry(last, liveTree);
}

/** The way out of a part-way state, naming only commands that exist. */
export const partialHint = (kind: string) => `finish it with: redb ${kind} --resume (after fixing the cause), or return to the schema before it with: redb rollback`;

/** Refuses to plan over a part-way deploy: the plan would start from a schema nobody reviewed. */
export function refusePartial(req: DeployRequest, entry: LedgerEntry): never {
  throw new RedbError(
    'E_PARTIAL',
    `${req.label} is part-way through the ${entry.kind} ${entry.id}: ${entry.steps_done} of ${entry.steps_total} steps are committed (${entry.error ?? 'no error recorded'})`,
    `${partialHint(entry.kind)}; --force plans a new deploy from the live schema instead`,
  );
}

export async function driftCheck(req: DeployRequest, live: Model, liveTree: string, ledger: Ledger, ledgerExists: boolean): Promise<void> {
  const deployed = ledgerExists ? await ledger.live() : undefined;
  const expected = req.expectLive ?? deployed?.target_tree;
  if (!expected || expected === liveTree || req.force) return;
  const model = await req.modelOfTree?.(expected, deployed?.target_tree === expected ? deployed.commit : undefined);
  // the database is what is compared: `missing` = deployed but not in the database, `unexpected` = only in the database
  const what = model ? describeDifference(live, model) : `live tree ${liveTree.slice(0, 10)}, deployed tree ${expected.slice(0, 10)}`;
  throw new RedbError('E_DRIFT', `${req.label} has drifted from what was deployed${deployed ? ` (${deployed.commit.slice(0, 10)})` : ''}: ${what}`, 'commit the live changes, deploy over them with --force, or undo them by hand');
}
