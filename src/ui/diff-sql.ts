/**
 * A plan as a script for the engine's own command-line tool, framed the way the adapter
 * says (`ScriptFraming`: terminators or batch separators, transactions where DDL has
 * them, comment lines): a commented header (sides, hash, hazards, how to run it), the
 * preamble, then every step as a comment `N. comment [hazards]` + its statement, with
 * runs of transactional steps inside one transaction (as deploy applies them) and a
 * marker before each step that must run outside one. The rollback plan follows,
 * commented out, under `Rollback:`.
 *
 * @example
 * writeFileSync('plan.sql', renderPlanSql(plan, adapter.ddl.script, { title: 'main~1 → main' }));
 */
import type { ScriptFraming } from '../../adapters/types.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { hazardsOf } from '../plan/planner.js';
import { executionOrder, segmentsOf } from '../plan/segments.js';
import { planNotices } from './diff-notices.js';

export const NOT_TRANSACTIONAL_NOTE = '!! not transactional: the next step runs outside a transaction';

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** What a step's comment line says: `3. drop column public.users.age [data-loss]`. */
export function stepLabel(step: PlanStep, n: number): string {
  return `${n}. ${oneLine(step.comment)}${step.hazards.length ? ` [${step.hazards.join(', ')}]` : ''}`;
}

export interface StepsSqlOptions {
  /** Wrap runs of transactional steps in the engine's transaction lines (default true). */
  readonly transactions?: boolean;
}

/**
 * The preamble and steps as runnable script lines, in the order and transactions a
 * deploy runs them (plan/segments.ts); each step keeps its number in the plan.
 */
export function stepsSql(framing: ScriptFraming, preamble: readonly string[], steps: readonly PlanStep[], opts: StepsSqlOptions = {}): string[] {
  const tx = opts.transactions !== false ? framing.transaction : undefined;
  const out: string[] = preamble.map((s) => framing.statement(s));
  for (const segment of segmentsOf(executionOrder(steps), tx !== undefined)) {
    const wrap = tx !== undefined && segment.transactional;
    if (out.length) out.push('');
    if (wrap) out.push(tx.begin, '');
    segment.steps.forEach((step, i) => {
      if (i > 0) out.push('');
      if (!step.transactional) out.push(framing.comment(NOT_TRANSACTIONAL_NOTE));
      out.push(framing.comment(stepLabel(step, steps.indexOf(step) + 1)), framing.statement(step.sql));
    });
    if (wrap) out.push('', tx.commit);
  }
  return out;
}

/** Lines commented out, one comment per line (blank lines too). */
export const commentOut = (framing: ScriptFraming, lines: readonly string[]): string[] =>
  lines.flatMap((l) => l.split('\n')).map((l) => framing.comment(l).trimEnd());

export interface PlanSqlOptions extends StepsSqlOptions {
  /** What the plan goes from and to, e.g. `main~1 (3f2a9c1d2e) → @prod`. */
  readonly title?: string;
  /** Leave out the commented rollback plan. */
  readonly noRollback?: boolean;
}

const endpoint = (e: Plan['source']): string => `tree ${e.tree.slice(0, 10)}${e.commit ? `, commit ${e.commit.slice(0, 10)}` : ''}`;

/** The commented header: what, from where to where, hash, hazards, how to run it. */
export function planHeader(framing: ScriptFraming, plan: Plan, title?: string): string[] {
  const rollbackHazards = hazardsOf(plan.rollback);
  return [
    `redb plan${title ? `: ${oneLine(title)}` : ''}`,
    `from ${endpoint(plan.source)} to ${endpoint(plan.target)}`,
    `plan hash: ${plan.hash}`,
    `${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}${plan.hazards.length ? `; hazards: ${plan.hazards.join(', ')}` : '; no hazards'}`,
    // the rollback's own hazards: narrowing back rewrites, dropping what was added loses data
    ...(plan.rollback.length ? [`rollback: ${plan.rollback.length} step${plan.rollback.length === 1 ? '' : 's'}${rollbackHazards.length ? `; hazards: ${rollbackHazards.join(', ')}` : '; no hazards'}`] : []),
    ...(plan.lossyRollback ? ['the rollback cannot restore the data this plan destroys'] : []),
    ...planNotices(plan),
    `run with: ${framing.runWith}`,
  ].map((l) => framing.comment(l));
}

/** The forward steps as a script, or a comment saying there are none. */
export const planStepsSql = (framing: ScriptFraming, plan: Plan, steps: readonly PlanStep[], opts: StepsSqlOptions = {}): string[] =>
  steps.length ? stepsSql(framing, plan.preamble, steps, opts) : [framing.comment('(no statements)')];

/** The whole script: header, forward plan, commented rollback. Ends with a newline. */
export function renderPlanSql(plan: Plan, framing: ScriptFraming, opts: PlanSqlOptions = {}): string {
  const lines = [...planHeader(framing, plan, opts.title), '', ...planStepsSql(framing, plan, plan.steps, opts)];
  if (!opts.noRollback && plan.rollback.length) {
    lines.push('', framing.comment('Rollback:'), ...commentOut(framing, stepsSql(framing, plan.preamble, plan.rollback, opts)));
  }
  return `${lines.join('\n')}\n`;
}

/** A comment saying the two sides have the same schema. */
export function noDifferencesSql(framing: ScriptFraming, from: string, to: string, tree: string): string {
  return `${framing.comment(`No differences: ${from} and ${to} have the same schema (tree ${tree.slice(0, 10)}).`)}\n`;
}
