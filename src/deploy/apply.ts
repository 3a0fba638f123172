/**
 * Applying plan steps to a connection in transactional segments: consecutive
 * transactional steps run in one transaction, a non-transactional step runs alone, and
 * a step that uses a value an earlier step adds only at its commit starts a new one.
 * On an engine with transactional DDL a failing segment leaves nothing of itself.
 */
import type { Connection } from '../../adapters/types.js';
import type { PlanStep } from '../plan/types.js';

/** A step that failed: which one, and the engine's reason. */
export class StepError extends Error {
  readonly code = 'E_STEP_FAILED';
  constructor(
    readonly index: number,
    readonly step: PlanStep,
    readonly reason: string,
  ) {
    super(`step ${index + 1} (${step.comment}) failed: ${reason}`);
    this.name = 'StepError';
  }
}

export interface Segment {
  /** Index of the first step of the segment in the execution order. */
  readonly start: number;
  readonly steps: readonly PlanStep[];
  readonly transactional: boolean;
}

/** A step that adds what is usable only after a commit and must commit on its own: alone, or because a later step uses it. */
const commitsAlone = (steps: readonly PlanStep[], i: number) => {
  const text = steps[i].unusableUntilCommit;
  return text !== undefined && (!steps[i].transactional || steps.slice(i + 1).some((s) => s.sql.includes(text)));
};

/**
 * The order the steps run in: the plan's, except that a step that only adds and must
 * commit on its own (a new enum value outside a transaction, or one a later step uses)
 * runs first, when no earlier step touches the same object. Committed first, it commits
 * nothing destructive before the steps that can still fail.
 */
export function executionOrder(steps: readonly PlanStep[]): PlanStep[] {
  const early: PlanStep[] = [];
  steps.forEach((s, i) => {
    if (commitsAlone(steps, i) && !steps.slice(0, i).some((p) => p.change.id === s.change.id && !early.includes(p))) early.push(s);
  });
  return [...early, ...steps.filter((s) => !early.includes(s))];
}

/**
 * Splits steps (in execution order) into segments: runs of transactional steps, each
 * non-transactional step alone, and a new transaction before a step that uses what an
 * earlier step of the running transaction adds only at its commit — steps that commit on
 * their own share a segment only with each other. Without transactional DDL every step
 * is its own segment.
 */
export function segmentsOf(steps: readonly PlanStep[], transactionalDdl = true): Segment[] {
  const out: Segment[] = [];
  /** Whether each segment holds steps that commit on their own: the rest never joins them. */
  const alone: boolean[] = [];
  steps.forEach((step, i) => {
    const last = out.at(-1);
    const isAlone = commitsAlone(steps, i);
    const needsCommit = last?.steps.some((s) => s.unusableUntilCommit !== undefined && step.sql.includes(s.unusableUntilCommit));
    if (transactionalDdl && step.transactional && last?.transactional && !needsCommit && alone.at(-1) === isAlone) (last.steps as PlanStep[]).push(step);
    else {
      out.push({ start: i, steps: [step], transactional: transactionalDdl && step.transactional });
      alone.push(isAlone);
    }
  });
  return out;
}

export interface ApplyOptions {
  /** Session settings run before the steps (the plan's preamble). */
  readonly preamble?: readonly string[];
  /**
   * Called at the end of each segment with the number of steps done so far: inside the
   * segment's transaction (so a ledger update commits atomically with the DDL), or
   * right after a non-transactional step.
   */
  readonly onProgress?: (done: number) => Promise<void>;
  /** Called before each step runs (progress on a terminal): its index in the execution order. */
  readonly onStep?: (index: number, step: PlanStep) => void;
  /** Skip the first N steps of the execution order (resuming a partial deploy). */
  readonly from?: number;
  /** Whether the engine can roll DDL back (else every statement is its own segment). */
  readonly transactionalDdl?: boolean;
}

/**
 * Runs the plan's steps in execution order; throws a StepError naming the failing step
 * (its index in the execution order = the steps committed before it on a segment boundary).
 * Returns the number of steps applied.
 */
export async function applySteps(conn: Connection, planSteps: readonly PlanStep[], opts: ApplyOptions = {}): Promise<number> {
  for (const sql of opts.preamble ?? []) await conn.exec(sql);
  const skip = opts.from ?? 0;
  const steps = executionOrder(planSteps);
  const segments = segmentsOf(steps, opts.transactionalDdl !== false);
  let done = skip;
  for (const seg of segments) {
    if (seg.start + seg.steps.length <= skip) continue;
    const todo = seg.steps.slice(Math.max(0, skip - seg.start));
    const first = Math.max(seg.start, skip);
    let i = first;
    const run = async () => {
      for (const step of todo) {
        opts.onStep?.(i, step);
        await conn.run(step.sql);
        i++;
      }
      await opts.onProgress?.(first + todo.length);
    };
    try {
      await (seg.transactional ? conn.transaction(run) : run());
    } catch (err) {
      throw new StepError(i, steps[i], (err as Error).message);
    }
    done = first + todo.length;
  }
  return done;
}
