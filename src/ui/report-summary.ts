/**
 * What the head of a review report says about a plan besides its objects: whether it
 * runs in transactions (the segments a deploy applies, plan/segments.ts), and which
 * steps a reviewer should read first (those that destroy data or hold locks).
 *
 * @example
 * transactionSummary(plan, adapter.ddl.script); // 'yes: one transaction (a failure changes nothing)'
 * reviewFirst(plan.steps).map((r) => r.n);        // [2, 5]
 */
import type { ScriptFraming } from '../../adapters/types.js';
import { executionOrder, segmentsOf } from '../plan/segments.js';
import type { Hazard, PlanStep } from '../plan/types.js';
import { plural } from './diff-summary.js';

/** Hazards a reviewer reads before anything else: lost data, and locks that stop the application. */
export const REVIEW_FIRST: readonly Hazard[] = ['data-loss', 'table-rewrite', 'blocking-lock'];

/**
 * How the steps commit, as a deploy runs them. The framing says whether the engine has
 * transactional DDL (a framing without transaction lines commits every statement).
 */
export function transactionSummary(steps: readonly PlanStep[], framing: ScriptFraming): string {
  if (!steps.length) return 'nothing to run';
  const segments = segmentsOf(executionOrder(steps), framing.transaction !== undefined);
  const tx = segments.filter((s) => s.transactional);
  const outside = segments.filter((s) => !s.transactional).reduce((n, s) => n + s.steps.length, 0);
  if (tx.length === 1 && outside === 0) return 'yes: one transaction (a failure changes nothing)';
  if (tx.length === 0) return `no: ${outside === 1 ? 'the step commits' : `each of the ${outside} steps commits`} on its own (a failure leaves the steps before it applied)`;
  return `partly: ${plural(tx.length, 'transaction')} and ${plural(outside, 'step')} outside a transaction (a failure leaves the segments before it applied)`;
}

export interface ReviewStep {
  /** The step's number in the plan (1-based, as the SQL comments number it). */
  readonly n: number;
  readonly step: PlanStep;
  /** Its hazards that put it first. */
  readonly hazards: readonly Hazard[];
}

/** The forward steps that destroy data or hold locks, in plan order. */
export function reviewFirst(steps: readonly PlanStep[]): ReviewStep[] {
  return steps.flatMap((step, i) => {
    const hazards = step.hazards.filter((h) => REVIEW_FIRST.includes(h));
    return hazards.length ? [{ n: i + 1, step, hazards }] : [];
  });
}
