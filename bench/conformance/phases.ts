/**
 * The part of a conformance case that is the same on every engine: the phase and timing
 * tracker, plan → apply → verify → idempotency → rollback-apply → rollback-verify, and
 * how a failure becomes a CaseResult. Each runner loads and introspects its own way and
 * passes those differences in as a CaseEngine.
 */
import type { Connection } from '../../adapters/types.js';
import { StepError, applySteps } from '../../src/deploy/apply.js';
import type { Plan, PlanStep } from '../../src/plan/index.js';
import type { Model } from '../../unified-model/index.js';
import { compareModels, shorten, type Scope } from './compare.js';
import type { CaseResult, Phase, PlanText } from './report.js';

/** A failure in a phase, with the reason to print. */
export class PhaseFailure extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly tokens: readonly string[] = [],
  ) {
    super(message);
  }
}

export const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function planText(plan: Plan): PlanText {
  const step = (s: PlanStep) => ({ sql: s.sql, comment: s.comment, transactional: s.transactional, hazards: [...s.hazards] });
  return { preamble: [...plan.preamble], steps: plan.steps.map(step), rollback: plan.rollback.map(step) };
}

/** What differs between engines once both sides are loaded and introspected. */
export interface CaseEngine {
  readonly scope: Scope;
  readonly transactionalDdl: boolean;
  /** Plans from → to; may throw a PhaseFailure of its own. */
  planBetween(from: Model, to: Model): Plan;
  /** Makes a live model comparable to desired before planning (and re-planning) from it. */
  align(live: Model, desired: Model): Model;
  introspect(conn: Connection): Promise<Model>;
  /** The connection the plan is applied on; asked for once the apply phase has started. */
  applyConnection(): Promise<Connection>;
}

/**
 * Tracks the current phase and the time spent in each, and builds the CaseResult.
 * `onPhase` is told each phase entered, so a time-out can say where it happened.
 */
export class CaseTracker {
  readonly timings: Record<string, number> = {};
  readonly warnings: string[] = [];
  phase: Phase = 'load';
  plan: Plan | undefined;
  private started = performance.now();

  constructor(
    private readonly base: { readonly id: string; readonly source: string },
    private readonly onPhase: (phase: Phase) => void = () => {},
  ) {}

  enter(next: Phase): void {
    const now = performance.now();
    this.timings[this.phase] = Math.round((this.timings[this.phase] ?? 0) + now - this.started);
    this.started = now;
    this.phase = next;
    this.onPhase(next);
  }

  /** A side that does not load is the case's fault, not the engine's: skipped. */
  skipped(reason: string): CaseResult {
    this.enter('load');
    return { ...this.base, status: 'skip', phase: 'load', reason, rollback: null, warnings: this.warnings, timings: this.timings };
  }

  /** Any error becomes a result charged to the phase it happened in. */
  failed(err: unknown): CaseResult {
    const failure = err instanceof PhaseFailure ? err : new PhaseFailure(this.phase, oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    this.enter('done');
    // the forward migration worked: only the rollback is counted as failed
    const rollbackOnly = failure.phase === 'rollback-apply' || failure.phase === 'rollback-verify';
    return {
      ...this.base,
      status: rollbackOnly ? 'pass' : 'fail',
      rollback: 'fail',
      phase: failure.phase,
      reason: failure.message,
      tokens: [...failure.tokens],
      warnings: this.warnings,
      timings: this.timings,
      ...(this.plan ? { plan: planText(this.plan) } : {}),
    };
  }

  /**
   * From the plan phase to done, on W (`work`, introspected as `current`). Throws on the
   * first failing phase; the caller turns that into a result with `failed`.
   */
  async check(engine: CaseEngine, work: Connection, desired: Model, current: Model): Promise<CaseResult> {
    const { scope } = engine;
    this.enter('plan');
    let plan: Plan;
    try {
      plan = this.plan = engine.planBetween(engine.align(current, desired), desired);
    } catch (err) {
      throw err instanceof PhaseFailure ? err : new PhaseFailure('plan', oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    }

    this.enter('apply');
    const applyConn = await engine.applyConnection();
    await apply(applyConn, plan.steps, plan.preamble, 'apply', engine.transactionalDdl);

    this.enter('verify');
    const after = await engine.introspect(work);
    const forward = compareModels(after, desired, scope);
    if (!forward.equal) throw new PhaseFailure('verify', forward.summary, forward.tokens);
    if (forward.columnOrderOnly) this.warnings.push('column-order: forward');

    this.enter('idempotency');
    const again = engine.planBetween(engine.align(after, desired), desired);
    if (again.steps.length) {
      throw new PhaseFailure('idempotency', `${again.steps.length} step(s) still planned: ${shorten(again.steps.map((s) => s.comment), 3)}`, again.steps.map((s) => `replan ${s.change.kind} ${s.change.type}`));
    }

    this.enter('rollback-apply');
    await apply(applyConn, plan.rollback, plan.preamble, 'rollback-apply', engine.transactionalDdl);

    this.enter('rollback-verify');
    const back = await engine.introspect(work);
    const backward = compareModels(back, current, scope);
    if (!backward.equal) throw new PhaseFailure('rollback-verify', backward.summary, backward.tokens);
    if (backward.columnOrderOnly) this.warnings.push('column-order: rollback');

    this.enter('done');
    return { ...this.base, status: 'pass', rollback: 'pass', warnings: this.warnings, timings: this.timings, plan: planText(plan) };
  }
}

async function apply(conn: Connection, steps: readonly PlanStep[], preamble: readonly string[], phase: Phase, transactionalDdl: boolean): Promise<void> {
  try {
    await applySteps(conn, steps, { preamble, transactionalDdl });
  } catch (err) {
    if (err instanceof StepError) {
      throw new PhaseFailure(phase, `step ${err.index + 1}/${steps.length} (${err.step.comment}): ${oneLine(err.reason)} -- SQL: ${oneLine(err.step.sql, 160)}`);
    }
    throw new PhaseFailure(phase, oneLine((err as Error).message));
  }
}
