/**
 * One conformance case, end to end: load D (desired) and W (work) with psql,
 * introspect both, plan current → desired, apply to W, verify W == D, check the plan
 * is idempotent, apply the rollback, verify W == current. The databases are created
 * and dropped by the caller (run.ts), which also enforces the time limit.
 */
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { StepError, applySteps } from '../../src/deploy/apply.js';
import { createPlan, type Plan, type PlanStep } from '../../src/plan/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import type { Model } from '../../unified-model/index.js';
import type { PairCase } from './cases.js';
import { alignExtensionVersions, compareModels, restrict, scopeOf, shorten, type Scope } from './compare.js';
import { CASE_USER_SCHEMA, LoadError, caseUser, databaseUrl, loadScripts, prepareForUser, quoteIdent } from './load.js';
import type { CaseResult, Phase, PlanText } from './report.js';

export interface CaseJob {
  readonly case: PairCase;
  /** Admin URL of the server (any database). */
  readonly serverUrl: string;
  /** Names of the two fresh, empty databases made for this case. */
  readonly desiredDb: string;
  readonly workDb: string;
  /** Limit for each psql run, so a load that hangs ends. */
  readonly loadTimeoutMs: number;
}

/** A failure in a phase, with the reason to print. */
class PhaseFailure extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly tokens: readonly string[] = [],
  ) {
    super(message);
  }
}

const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function planText(plan: Plan): PlanText {
  const step = (s: PlanStep) => ({ sql: s.sql, comment: s.comment, transactional: s.transactional, hazards: [...s.hazards] });
  return { preamble: [...plan.preamble], steps: plan.steps.map(step), rollback: plan.rollback.map(step) };
}

const treeOf = modelTreeOid;

function planBetween(from: Model, to: Model): Plan {
  const ddl = postgresAdapter.ddl;
  if (!ddl) throw new PhaseFailure('plan', 'postgresAdapter.ddl is not available (no DDL generator for PostgreSQL yet)');
  return createPlan({ from, to, source: { tree: treeOf(from) }, target: { tree: treeOf(to) }, ddl });
}

async function apply(conn: Connection, steps: readonly PlanStep[], preamble: readonly string[], phase: Phase): Promise<void> {
  try {
    await applySteps(conn, steps, { preamble, transactionalDdl: postgresAdapter.capabilities.transactionalDdl });
  } catch (err) {
    if (err instanceof StepError) {
      throw new PhaseFailure(phase, `step ${err.index + 1}/${steps.length} (${err.step.comment}): ${oneLine(err.reason)} -- SQL: ${oneLine(err.step.sql, 160)}`);
    }
    throw new PhaseFailure(phase, oneLine((err as Error).message));
  }
}

/**
 * Runs one case. `onPhase` is told each phase as it starts (so a time-out can say where
 * it happened). Never throws: every outcome is a CaseResult.
 */
export async function runCase(job: CaseJob, onPhase: (phase: Phase) => void = () => {}): Promise<CaseResult> {
  const c = job.case;
  const scope: Scope = scopeOf(c.flags);
  const user = caseUser(c.flags);
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const conns: Connection[] = [];
  let plan: Plan | undefined;
  let phase: Phase = 'load';
  let started = performance.now();
  const enter = (next: Phase) => {
    const now = performance.now();
    timings[phase] = Math.round((timings[phase] ?? 0) + now - started);
    started = now;
    phase = next;
    onPhase(next);
  };
  const base = { id: c.id, source: c.source };
  const dUrl = databaseUrl(job.serverUrl, job.desiredDb);
  const wUrl = databaseUrl(job.serverUrl, job.workDb);
  const connect = async (url: string) => {
    const conn = await postgresAdapter.connect(url);
    conns.push(conn);
    // durability only: no WAL flush wait after each applied segment
    await conn.exec('SET synchronous_commit = off');
    return conn;
  };
  const introspect = async (conn: Connection) => restrict(await postgresAdapter.introspect(conn, scope.introspect), scope);

  try {
    onPhase('load');
    const load = { user, timeoutMs: job.loadTimeoutMs };
    // `setup` creates cluster-wide roles (idempotent DO blocks) that would race if both
    // sides ran it at once: W runs its setup after D's; the rest of both sides concurrently
    const dSetup = (async () => {
      if (user) await prepareForUser(dUrl, job.desiredDb, user, job.loadTimeoutMs);
      await loadScripts(dUrl, [['setup', c.setup]], load);
    })();
    const dSide = dSetup.then(() => loadScripts(dUrl, [['desired_setup', c.desired_setup], ['desired', c.desired]], load));
    const wSide = (async () => {
      if (user) await prepareForUser(wUrl, job.workDb, user, job.loadTimeoutMs);
      if (c.setup.trim()) await dSetup.catch(() => {});
      await loadScripts(wUrl, [['setup', c.setup], ['current', c.current]], load);
    })();
    const loads = await Promise.allSettled([dSide, wSide]);
    const failed = loads.flatMap((r, i) => (r.status === 'rejected' ? [`${i === 0 ? 'desired side' : 'current side'}: ${oneLine((r.reason as LoadError).message, 200)}`] : []));
    if (failed.length) {
      enter('load');
      return { ...base, status: 'skip', phase: 'load', reason: failed.join(' | '), rollback: null, warnings, timings };
    }

    enter('introspect');
    const [dConn, wConn] = await Promise.all([connect(dUrl), connect(wUrl)]);
    const [desired, current] = await Promise.all([introspect(dConn), introspect(wConn)]);

    enter('plan');
    // versions are ignored unless the case says they matter: plan as if current had desired's
    const from = scope.extensionVersions ? current : alignExtensionVersions(current, desired);
    try {
      plan = planBetween(from, desired);
    } catch (err) {
      throw err instanceof PhaseFailure ? err : new PhaseFailure('plan', oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    }

    enter('apply');
    // a flags.user case changes W as that user, as it was loaded
    let applyConn = wConn;
    if (user) {
      applyConn = await connect(wUrl);
      await applyConn.exec(`SET ROLE ${quoteIdent(user)}; SET search_path TO ${CASE_USER_SCHEMA}, public`);
    }
    await apply(applyConn, plan.steps, plan.preamble, 'apply');

    enter('verify');
    const after = await introspect(wConn);
    const forward = compareModels(after, desired, scope);
    if (!forward.equal) throw new PhaseFailure('verify', forward.summary, forward.tokens);
    if (forward.columnOrderOnly) warnings.push('column-order: forward');

    enter('idempotency');
    const again = planBetween(scope.extensionVersions ? after : alignExtensionVersions(after, desired), desired);
    if (again.steps.length) {
      throw new PhaseFailure('idempotency', `${again.steps.length} step(s) still planned: ${shorten(again.steps.map((s) => s.comment), 3)}`, again.steps.map((s) => `replan ${s.change.kind} ${s.change.type}`));
    }

    enter('rollback-apply');
    await apply(applyConn, plan.rollback, plan.preamble, 'rollback-apply');

    enter('rollback-verify');
    const back = await introspect(wConn);
    const backward = compareModels(back, current, scope);
    if (!backward.equal) throw new PhaseFailure('rollback-verify', backward.summary, backward.tokens);
    if (backward.columnOrderOnly) warnings.push('column-order: rollback');

    enter('done');
    return { ...base, status: 'pass', rollback: 'pass', warnings, timings, plan: planText(plan) };
  } catch (err) {
    const failure = err instanceof PhaseFailure ? err : new PhaseFailure(phase, oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    enter('done');
    const rollbackOnly = failure.phase === 'rollback-apply' || failure.phase === 'rollback-verify';
    return {
      ...base,
      status: rollbackOnly ? 'pass' : 'fail',
      rollback: 'fail',
      phase: failure.phase,
      reason: failure.message,
      tokens: [...failure.tokens],
      warnings,
      timings,
      ...(plan ? { plan: planText(plan) } : {}),
    };
  } finally {
    await Promise.all(conns.map((conn) => conn.close().catch(() => {})));
  }
}
