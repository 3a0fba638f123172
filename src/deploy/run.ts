/**
 * A deploy against one live database: lock → reconcile the ledger → introspect →
 * refuse a part-way state or drift → plan (or a reviewed plan, or the rest of a part-way
 * one with --resume) → check the data → consent → proof on a scratch database → apply
 * in segments, each boundary recorded in the ledger → verify by tree hash. A plan that
 * fits in one transaction is verified inside it, so a plan that does not reach its
 * target is rolled back rather than committed. Success means the live tree equals the target's.
 */
import { readSchema } from '../../adapters/read-schema.js';
import type { Adapter, Connection, DdlGenerator, DeploySupport } from '../../adapters/types.js';
import type { Model } from '../../unified-model/index.js';
import { ExitCode, RedbError, usageError } from '../errors.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { modelTreeOid as treeOf } from '../vcs/index.js';
import { executionOrder, segmentsOf } from '../plan/segments.js';
import { applySteps, StepError } from './apply.js';
import { lockTimeoutError } from './lock-timeout.js';
import { requireConsent, type ConsentOptions } from './consent.js';
import { requireDataFits } from './data-check.js';
import { DEPLOY_LOCK, driftCheck, lock, partialEntry, refusePartial } from './guards.js';
import { Ledger, type LedgerEntry } from './ledger.js';
import { describeDifference, provePlan, type ProofResult } from './prove.js';
import { stateAfterFailure } from './state.js';

export { DEPLOY_LOCK };

export type DeployAdapter = Adapter & { ddl: DdlGenerator; deploy: DeploySupport };

export interface DeployRequest extends ConsentOptions {
  readonly adapter: DeployAdapter;
  readonly conn: Connection;
  /** The target's URL (for a scratch database beside it); never printed. */
  readonly url: string;
  /** Shown in messages: `database prod`. */
  readonly label: string;
  readonly kind: 'deploy' | 'rollback';
  readonly repo: string;
  readonly branch: string;
  /** Commit being deployed (rollback: the commit restored, or ''). */
  readonly commit: string;
  readonly user: string;
  /** Makes the plan from the live model (unless a reviewed plan is given). */
  readonly makePlan: (live: Model, liveTree: string) => Plan | Promise<Plan>;
  /** Model of a tree (and the commit it came from, when known), if the repository has it: for readable messages. */
  readonly modelOfTree?: (tree: string, commit?: string) => Promise<Model | undefined>;
  /** The tree the ledger must show as live (rollback: the deploy being undone). */
  readonly expectLive?: string;
  /** The plan starts from a part-way state on purpose (a rollback of a failed deploy): no drift check. */
  readonly fromPartial?: boolean;
  /** Continue the part-way deploy the ledger records, from its last committed step. */
  readonly resume?: boolean;
  /** Called before each step runs, with its number (1-based) and the total (progress on a terminal). */
  readonly onStep?: (n: number, total: number, step: PlanStep) => void;
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly prove?: boolean;
  readonly lockWaitMs?: number;
}

export interface DeployOutcome {
  status: 'up-to-date' | 'dry-run' | 'succeeded';
  plan: Plan;
  proof?: ProofResult;
  ledgerId?: string;
  /** With --resume: the steps that were already committed and were skipped. */
  resumedFrom?: number;
  /** Deploys found still `running` (a crashed run), now marked interrupted. */
  interrupted: Pick<LedgerEntry, 'id' | 'kind' | 'commit' | 'steps_done' | 'steps_total' | 'started_at'>[];
}

/** The stored plan of a part-way entry and where to continue it. */
function resumable(req: DeployRequest, partial: LedgerEntry | undefined): { plan: Plan; from: number } {
  if (!partial) throw usageError('E_NOTHING_TO_RESUME', `${req.label} is not part-way through a deploy or rollback: there is nothing to resume`, `run it without --resume: redb ${req.kind}`);
  if (partial.kind !== req.kind) throw usageError('E_NOTHING_TO_RESUME', `${req.label} is part-way through a ${partial.kind}, not a ${req.kind}`, `resume it with: redb ${partial.kind} --resume`);
  return { plan: JSON.parse(partial.plan) as Plan, from: partial.steps_done };
}

export async function runDeploy(req: DeployRequest): Promise<DeployOutcome> {
  const ledger = new Ledger(req.conn, req.adapter.deploy);
  await lock(req);
  try {
    const ledgerExists = await ledger.exists();
    const interrupted = ledgerExists && !req.dryRun ? await ledger.reconcile() : [];
    const live = await readSchema(req.adapter, req.conn);
    const liveTree = treeOf(live);
    const partial = partialEntry(ledgerExists ? await ledger.last() : undefined, liveTree);
    let plan: Plan;
    let from = 0;
    if (req.resume) ({ plan, from } = resumable(req, partial));
    else {
      if (partial && !req.fromPartial && !req.force) refusePartial(req, partial);
      if (!req.fromPartial) await driftCheck(req, live, liveTree, ledger, ledgerExists);
      plan = await req.makePlan(live, liveTree);
      if (plan.source.tree !== liveTree) {
        throw new RedbError('E_STALE_PLAN', `${req.label} is no longer at the plan's source schema (${plan.source.tree.slice(0, 10)}); it is at ${liveTree.slice(0, 10)}`, 'make a new plan: redb plan --out plan.json');
      }
    }
    const base = { plan, interrupted: interrupted.map(({ id, kind, commit, steps_done, steps_total, started_at }) => ({ id, kind, commit, steps_done, steps_total, started_at })), ...(from ? { resumedFrom: from } : {}) };
    const remaining = executionOrder(plan.steps).slice(from);
    if (remaining.length === 0) return { ...base, status: 'up-to-date' };
    if (req.dryRun) return { ...base, status: 'dry-run' };
    const target = await req.modelOfTree?.(plan.target.tree, plan.target.commit);
    if (target) await requireDataFits(req.conn, req.adapter.ddl, live, target, `${req.kind} to ${req.label}`);
    if (!req.confirm) await requireConsent(remaining, `${req.kind} to ${req.label}`, req);
    // a resumed plan was proven (or not, with --no-prove) when it started: its source is gone
    const proof = req.prove === false || from > 0 ? undefined : await provePlan(req.adapter, req.url, plan, live, target);
    if (proof && (!proof.forward || !proof.rollback)) {
      throw new RedbError('E_PROOF', `the plan failed its proof on ${proof.scratch}: ${proof.problem}`, 'nothing was changed; report the two schemas, or deploy with --no-prove at your own risk');
    }
    if (req.confirm) await requireConsent(remaining, `${req.kind} to ${req.label}`, req);
    await ledger.ensure();
    const id = await ledger.begin({
      kind: req.kind, repo: req.repo, branch: req.branch, commit: req.commit, source_tree: plan.source.tree, target_tree: plan.target.tree,
      plan_hash: plan.hash, plan: JSON.stringify(plan), steps_total: plan.steps.length, deployed_by: req.user,
    }, from);
    await apply(req, plan, ledger, id, from, target, from ? undefined : live);
    return { ...base, status: 'succeeded', proof, ledgerId: id };
  } finally {
    await req.adapter.deploy.unlock(req.conn, DEPLOY_LOCK).catch(() => undefined);
  }
}

/**
 * Applies from step `from` and verifies; records the outcome. A failure re-introspects
 * and says exactly where the database is (`source`: the schema before, for the difference).
 */
async function apply(req: DeployRequest, plan: Plan, ledger: Ledger, id: string, from: number, target?: Model, source?: Model): Promise<void> {
  const transactionalDdl = req.adapter.capabilities.transactionalDdl;
  /** Re-introspects and says what differs from the target, or undefined when it is reached. */
  const mismatch = async (): Promise<string | undefined> => {
    const after = await readSchema(req.adapter, req.conn, { sameSession: true });
    if (treeOf(after) === plan.target.tree) return undefined;
    return target ? describeDifference(after, target) : `tree ${treeOf(after).slice(0, 10)} instead of ${plan.target.tree.slice(0, 10)}`;
  };
  const onStep = req.onStep ? (i: number, step: PlanStep) => req.onStep!(i + 1, plan.steps.length, step) : undefined;
  const single = transactionalDdl && from === 0 && segmentsOf(executionOrder(plan.steps)).length === 1;
  let committed = from;
  try {
    if (single) {
      // one transaction: apply, verify inside it, record, commit — or roll back everything
      for (const sql of plan.preamble) await req.conn.exec(sql);
      await req.conn.transaction(async () => {
        await applySteps(req.conn, plan.steps, { transactionalDdl: false, ...(onStep ? { onStep } : {}) });
        const wrong = await mismatch();
        if (wrong !== undefined) throw new RedbError('E_VERIFY', `after the plan, ${req.label} would not be at the target schema (${wrong}); the transaction was rolled back`);
        await ledger.progress(id, plan.steps.length);
        await ledger.finish(id, 'succeeded');
      });
      return;
    }
    await applySteps(req.conn, plan.steps, {
      preamble: plan.preamble, transactionalDdl, from, ...(onStep ? { onStep } : {}),
      onProgress: async (done) => {
        await ledger.progress(id, done);
        committed = done;
      },
    });
    const wrong = await mismatch();
    if (wrong !== undefined) throw new RedbError('E_VERIFY', `after the plan, ${req.label} is not at the target schema (${wrong})`);
  } catch (err) {
    const reason = (err as Error).message;
    await ledger.finish(id, 'failed', reason).catch(() => undefined);
    // the ledger row is what committed (a progress update rolls back with a failed COMMIT)
    committed = (await ledger.entry(id).catch(() => undefined))?.steps_done ?? committed;
    const { state, hint } = await stateAfterFailure(req, plan, committed, source);
    // a lock timeout says what it waited for; where the database is goes into its hint
    const lockError = err instanceof StepError ? lockTimeoutError(err, plan, req.adapter.ddl, req.kind, req.label, state) : undefined;
    if (lockError) throw lockError;
    const code = err instanceof RedbError ? err.code : 'E_DEPLOY_FAILED';
    const what = err instanceof RedbError ? reason : `the ${req.kind} to ${req.label} failed: ${reason}`;
    throw new RedbError(code, `${what}. ${state}`, hint, ExitCode.error);
  }
  await ledger.finish(id, 'succeeded');
}
