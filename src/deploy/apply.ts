/**
 * Applying plan steps to a connection in their transactional segments (segments.ts):
 * on an engine with transactional DDL a failing segment leaves nothing of itself.
 */
import type { Connection } from '../../adapters/types.js';
import { executionOrder, segmentsOf } from '../plan/segments.js';
import type { PlanStep } from '../plan/types.js';


/** A step that failed: which one, and the engine's reason. */
export class StepError extends Error {
  readonly code = 'E_STEP_FAILED';
  constructor(
    readonly index: number,
    readonly step: PlanStep,
    readonly reason: string,
    /** The engine's error, as the driver threw it (codes, not only words). */
    override readonly cause?: unknown,
  ) {
    super(`step ${index + 1} (${step.comment}) failed: ${reason}`);
    this.name = 'StepError';
  }
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
      throw new StepError(i, steps[i], (err as Error).message, err);
    }
    done = first + todo.length;
  }
  return done;
}
