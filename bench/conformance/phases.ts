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
import type { CaseResult, DumpOutcome, Phase, PlanText } from './report.js';

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

/** A referee's verdict on W: equal, or an excerpt of what differs (or why it could not tell). */
export interface Judgement {
  readonly equal: boolean;
  readonly diff?: readonly string[];
}

/**
 * A second judge of the live database, independent of the models (on PostgreSQL,
 * pg_dump: referee.ts). Each call looks at W as it is then.
 */
export interface Referee {
  /** After the forward plan: does W read as D? */
  forward(): Promise<Judgement>;
  /** After the rollback: does W read as it did when loaded? */
  rollback(): Promise<Judgement>;
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
  /** Asked after each complete apply, while the model comparison runs. */
  readonly referee?: Referee;
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
  /** The referee's verdicts so far (a result has `dump` only when the engine has a referee). */
  private dump: { forward: DumpOutcome['forward']; rollback: DumpOutcome['rollback']; forwardDiff?: readonly string[]; rollbackDiff?: readonly string[] } | undefined;
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
      ...(this.dump ? { dump: { ...this.dump } } : {}),
      ...(this.plan ? { plan: planText(this.plan) } : {}),
    };
  }

  /**
   * Runs `judging` (the referee, started by the caller) alongside `compare` (the model
   * side) and records its verdict, even when `compare` throws: the verdict is about W
   * after a complete apply, whatever the models say.
   */
  private async refereed<T>(which: 'forward' | 'rollback', judging: Promise<Judgement> | undefined, compare: () => Promise<T>): Promise<T> {
    const record = (j: Judgement) => {
      const dump = this.dump!;
      dump[which] = j.equal ? 'pass' : 'fail';
      if (!j.equal) dump[which === 'forward' ? 'forwardDiff' : 'rollbackDiff'] = j.diff ?? [];
    };
    const verdict = judging?.then(record, (err: Error) => record({ equal: false, diff: [`referee failed: ${oneLine(err.message)}`] }));
    try {
      return await compare();
    } finally {
      await verdict;
    }
  }

  /**
   * From the plan phase to done, on W (`work`, introspected as `current`). Throws on the
   * first failing phase; the caller turns that into a result with `failed`.
   */
  async check(engine: CaseEngine, work: Connection, desired: Model, current: Model): Promise<CaseResult> {
    const { scope, referee } = engine;
    if (referee) this.dump = { forward: null, rollback: null };
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
    const after = await this.refereed('forward', referee?.forward(), () => engine.introspect(work));
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
    const back = await this.refereed('rollback', referee?.rollback(), () => engine.introspect(work));
    const backward = compareModels(back, current, scope);
    if (!backward.equal) throw new PhaseFailure('rollback-verify', backward.summary, backward.tokens);
    if (backward.columnOrderOnly) this.warnings.push('column-order: rollback');

    this.enter('done');
    return { ...this.base, status: 'pass', rollback: 'pass', warnings: this.warnings, timings: this.timings, ...(this.dump ? { dump: { ...this.dump } } : {}), plan: planText(plan) };
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
