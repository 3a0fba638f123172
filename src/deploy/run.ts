/**
 * A deploy against one live database: lock → reconcile the ledger → introspect →
 * drift check → plan (or a reviewed plan) → consent → proof on a scratch database →
 * apply in transactional segments, recorded in the ledger → verify by tree hash.
 * On PostgreSQL a single-segment plan is verified inside its transaction, so a plan
 * that does not reach its target is rolled back rather than committed.
 */
import type { Adapter, Connection, DdlGenerator, DeploySupport } from '../../adapters/types.js';
import { modelToFiles, type Model } from '../../unified-model/index.js';
import { ExitCode, RedbError } from '../core/errors.js';
import type { Plan } from '../plan/types.js';
import { treeOidOf } from '../vcs/index.js';
import { applySteps, segmentsOf, StepError } from './apply.js';
import { lockTimeoutError } from './lock-timeout.js';
import { requireConsent, type ConsentOptions } from './consent.js';
import { Ledger, type LedgerEntry } from './ledger.js';
import { describeDifference, provePlan, type ProofResult } from './prove.js';

export const DEPLOY_LOCK = 'redb-deploy';

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
  /** Deploys found still `running` (a crashed run), now marked interrupted. */
  interrupted: Pick<LedgerEntry, 'id' | 'kind' | 'commit' | 'steps_done' | 'steps_total' | 'started_at'>[];
}

const treeOf = (m: Model) => treeOidOf(modelToFiles(m));

async function lock(req: DeployRequest): Promise<void> {
  const deadline = Date.now() + (req.lockWaitMs ?? 0);
  for (;;) {
    if (await req.adapter.deploy.tryLock(req.conn, DEPLOY_LOCK)) return;
    if (Date.now() >= deadline) {
      throw new RedbError('E_LOCKED', `another deploy to ${req.label} is running`, 'wait for it to finish, or pass --lock-wait SECONDS to wait for it');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function driftCheck(req: DeployRequest, live: Model, liveTree: string, ledger: Ledger, ledgerExists: boolean): Promise<void> {
  const deployed = ledgerExists ? await ledger.live() : undefined;
  const expected = req.expectLive ?? deployed?.target_tree;
  if (!expected || expected === liveTree || req.force) return;
  const model = await req.modelOfTree?.(expected, deployed?.target_tree === expected ? deployed.commit : undefined);
  const what = model ? describeDifference(model, live) : `live tree ${liveTree.slice(0, 10)}, deployed tree ${expected.slice(0, 10)}`;
  throw new RedbError('E_DRIFT', `${req.label} has drifted from what was deployed${deployed ? ` (${deployed.commit.slice(0, 10)})` : ''}: ${what}`, 'commit the live changes, deploy over them with --force, or undo them by hand');
}

export async function runDeploy(req: DeployRequest): Promise<DeployOutcome> {
  const ledger = new Ledger(req.conn, req.adapter.deploy);
  await lock(req);
  try {
    const ledgerExists = await ledger.exists();
    const interrupted = ledgerExists && !req.dryRun ? await ledger.reconcile() : [];
    const live = await req.adapter.introspect(req.conn);
    const liveTree = treeOf(live);
    await driftCheck(req, live, liveTree, ledger, ledgerExists);
    const plan = await req.makePlan(live, liveTree);
    if (plan.source.tree !== liveTree) {
      throw new RedbError('E_STALE_PLAN', `${req.label} is no longer at the plan's source schema (${plan.source.tree.slice(0, 10)}); it is at ${liveTree.slice(0, 10)}`, 'make a new plan: redb plan --out plan.json');
    }
    const base = { plan, interrupted: interrupted.map(({ id, kind, commit, steps_done, steps_total, started_at }) => ({ id, kind, commit, steps_done, steps_total, started_at })) };
    if (plan.steps.length === 0) return { ...base, status: 'up-to-date' };
    if (req.dryRun) return { ...base, status: 'dry-run' };
    if (!req.confirm) await requireConsent(plan.steps, `${req.kind} to ${req.label}`, req);
    const proof = req.prove === false ? undefined : await provePlan(req.adapter, req.url, plan, live, await req.modelOfTree?.(plan.target.tree, plan.target.commit));
    if (proof && (!proof.forward || !proof.rollback)) {
      throw new RedbError('E_PROOF', `the plan failed its proof on ${proof.scratch}: ${proof.problem}`, 'nothing was changed; report the two schemas, or deploy with --no-prove at your own risk');
    }
    if (req.confirm) await requireConsent(plan.steps, `${req.kind} to ${req.label}`, req);
    await ledger.ensure();
    const id = await ledger.begin({
      kind: req.kind, repo: req.repo, branch: req.branch, commit: req.commit, source_tree: plan.source.tree, target_tree: plan.target.tree,
      plan_hash: plan.hash, plan: JSON.stringify(plan), steps_total: plan.steps.length, deployed_by: req.user,
    });
    await apply(req, plan, ledger, id, await req.modelOfTree?.(plan.target.tree, plan.target.commit));
    return { ...base, status: 'succeeded', proof, ledgerId: id };
  } finally {
    await req.adapter.deploy.unlock(req.conn, DEPLOY_LOCK).catch(() => undefined);
  }
}

/** Applies and verifies; records the outcome. A failure leaves the ledger saying exactly where the database is. */
async function apply(req: DeployRequest, plan: Plan, ledger: Ledger, id: string, target?: Model): Promise<void> {
  const transactionalDdl = req.adapter.capabilities.transactionalDdl;
  /** Re-introspects and says what differs from the target, or nothing when it is reached. */
  const mismatch = async (): Promise<string | undefined> => {
    const after = await req.adapter.introspect(req.conn, { sameSession: true });
    if (treeOf(after) === plan.target.tree) return undefined;
    return target ? describeDifference(after, target) : `tree ${treeOf(after).slice(0, 10)} instead of ${plan.target.tree.slice(0, 10)}`;
  };
  const single = transactionalDdl && segmentsOf(plan.steps).length === 1;
  try {
    if (single) {
      // one transaction: apply, verify inside it, record, commit — or roll back everything
      for (const sql of plan.preamble) await req.conn.exec(sql);
      await req.conn.exec('BEGIN');
      try {
        await applySteps(req.conn, plan.steps, { transactionalDdl: false });
        const wrong = await mismatch();
        if (wrong) throw new RedbError('E_VERIFY', `after the plan, ${req.label} is not at the target schema (${wrong}); the transaction was rolled back`);
        await ledger.progress(id, plan.steps.length);
        await ledger.finish(id, 'succeeded');
        await req.conn.exec('COMMIT');
      } catch (err) {
        await req.conn.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
      return;
    }
    await applySteps(req.conn, plan.steps, { preamble: plan.preamble, transactionalDdl, onProgress: (done) => ledger.progress(id, done) });
    const wrong = await mismatch();
    if (wrong) throw new RedbError('E_VERIFY', `after the plan, ${req.label} is not at the target schema (${wrong})`, 'redb rollback undoes it with the stored rollback plan');
    await ledger.finish(id, 'succeeded');
  } catch (err) {
    const reason = err instanceof StepError ? err.message : (err as Error).message;
    await ledger.finish(id, 'failed', reason).catch(() => undefined);
    const where = single ? 'nothing was changed (the transaction was rolled back)' : 'the ledger records how many steps were applied';
    if (err instanceof StepError) throw lockTimeoutError(err, plan, req.adapter.ddl, req.kind, req.label, where) ?? failed(req, reason, where);
    if (err instanceof RedbError) throw new RedbError(err.code, `${err.message}`, err.hint ?? where, err.exitCode);
    throw failed(req, reason, where);
  }
}

const failed = (req: DeployRequest, reason: string, where: string) => new RedbError('E_DEPLOY_FAILED', `the ${req.kind} to ${req.label} failed: ${reason}`, where, ExitCode.error);
