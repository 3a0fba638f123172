/**
 * Applying plan steps to a connection in transactional segments: consecutive
 * transactional steps run in one transaction, a non-transactional step runs alone.
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
  /** Index of the first step of the segment in the plan. */
  readonly start: number;
  readonly steps: readonly PlanStep[];
  readonly transactional: boolean;
}

/** Splits steps into segments: runs of transactional steps, and each non-transactional step alone. */
export function segmentsOf(steps: readonly PlanStep[]): Segment[] {
  const out: Segment[] = [];
  steps.forEach((step, i) => {
    const last = out.at(-1);
    if (step.transactional && last?.transactional) (last.steps as PlanStep[]).push(step);
    else out.push({ start: i, steps: [step], transactional: step.transactional });
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
  /** Skip the first N steps (resuming after a partial deploy on an engine without transactional DDL). */
  readonly from?: number;
  /** Whether the engine can roll DDL back (else every statement is its own segment). */
  readonly transactionalDdl?: boolean;
}

/** Runs the steps; throws a StepError naming the failing step. Returns the number of steps applied. */
export async function applySteps(conn: Connection, steps: readonly PlanStep[], opts: ApplyOptions = {}): Promise<number> {
  for (const sql of opts.preamble ?? []) await conn.exec(sql);
  const skip = opts.from ?? 0;
  const segments = opts.transactionalDdl === false ? steps.map((s, i) => ({ start: i, steps: [s], transactional: false })) : segmentsOf(steps);
  let done = skip;
  for (const seg of segments) {
    if (seg.start + seg.steps.length <= skip) continue;
    const todo = seg.steps.slice(Math.max(0, skip - seg.start));
    const first = Math.max(seg.start, skip);
    if (seg.transactional) await conn.exec('BEGIN');
    let i = first;
    try {
      for (const step of todo) {
        await conn.run(step.sql);
        i++;
      }
      await opts.onProgress?.(first + todo.length);
      if (seg.transactional) await conn.exec('COMMIT');
    } catch (err) {
      if (seg.transactional) await conn.exec('ROLLBACK').catch(() => undefined);
      throw new StepError(i, steps[i], (err as Error).message);
    }
    done = first + todo.length;
  }
  return done;
}
