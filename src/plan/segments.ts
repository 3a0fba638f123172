/**
 * The order plan steps run in and how they split into transactions: consecutive
 * transactional steps share one transaction, a non-transactional step runs alone, and a
 * step that uses a value an earlier step adds only at its commit starts a new one.
 * A deploy applies steps this way (deploy/apply.ts) and a script is written this way
 * (ui/diff-sql.ts), so what a reviewer reads is what runs.
 */
import type { PlanStep } from './types.js';

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

