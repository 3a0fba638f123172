/**
 * A plan as a SQL script that psql can run: a commented header (sides, hash, hazards),
 * the preamble, then every step as `-- N. comment [hazards]` + its statement, with
 * runs of transactional steps wrapped in BEGIN/COMMIT (as deploy applies them) and a
 * marker before each step that must run outside a transaction. The rollback plan
 * follows, commented out, under `-- Rollback:`.
 *
 * @example
 * writeFileSync('plan.sql', renderPlanSql(plan, { title: 'main~1 → main' }));
 * // psql -v ON_ERROR_STOP=1 -f plan.sql
 */
import type { Plan, PlanStep } from '../plan/types.js';
import { hazardsOf } from '../plan/planner.js';
import { planNotices } from './diff-notices.js';

export const NOT_TRANSACTIONAL_MARKER = '-- !! not transactional: the next step runs outside a transaction';

/** A statement ending in exactly one `;` (on its own line when the statement ends in a line comment). */
export function terminate(sql: string): string {
  const body = sql.trimEnd().replace(/;+$/, '').trimEnd();
  const lastLine = body.slice(body.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${body}\n;` : `${body};`;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** The comment line of a step: `-- 3. drop column public.users.age [data-loss]`. */
export function stepComment(step: PlanStep, n: number): string {
  return `-- ${n}. ${oneLine(step.comment)}${step.hazards.length ? ` [${step.hazards.join(', ')}]` : ''}`;
}

export interface StepsSqlOptions {
  /** Wrap runs of transactional steps in BEGIN/COMMIT (default true). */
  readonly transactions?: boolean;
}

/** The preamble and steps as runnable SQL lines. */
export function stepsSql(preamble: readonly string[], steps: readonly PlanStep[], opts: StepsSqlOptions = {}): string[] {
  const wrap = opts.transactions !== false;
  const out: string[] = preamble.map(terminate);
  let open = false;
  steps.forEach((step, i) => {
    if (out.length) out.push('');
    if (wrap && step.transactional && !open) out.push('BEGIN;', '');
    if (wrap && !step.transactional && open) out.push('COMMIT;', '');
    open = wrap && step.transactional;
    if (!step.transactional) out.push(NOT_TRANSACTIONAL_MARKER);
    out.push(stepComment(step, i + 1), terminate(step.sql));
  });
  if (open) out.push('', 'COMMIT;');
  return out;
}

/** Lines commented out with `-- ` (blank lines stay `--`). */
export const commentOut = (lines: readonly string[]): string[] =>
  lines.flatMap((l) => l.split('\n')).map((l) => (l ? `-- ${l}` : '--'));

export interface PlanSqlOptions extends StepsSqlOptions {
  /** What the plan goes from and to, e.g. `main~1 (3f2a9c1d2e) → @prod`. */
  readonly title?: string;
  /** Leave out the commented rollback plan. */
  readonly noRollback?: boolean;
}

const endpoint = (e: Plan['source']): string => `tree ${e.tree.slice(0, 10)}${e.commit ? `, commit ${e.commit.slice(0, 10)}` : ''}`;

/** The commented header: what, from where to where, hash, hazards. */
export function planHeader(plan: Plan, title?: string): string[] {
  const rollbackHazards = hazardsOf(plan.rollback);
  return [
    `-- redb plan${title ? `: ${oneLine(title)}` : ''}`,
    `-- from ${endpoint(plan.source)} to ${endpoint(plan.target)}`,
    `-- plan hash: ${plan.hash}`,
    `-- ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}${plan.hazards.length ? `; hazards: ${plan.hazards.join(', ')}` : '; no hazards'}`,
    // the rollback's own hazards: narrowing back rewrites, dropping what was added loses data
    ...(plan.rollback.length ? [`-- rollback: ${plan.rollback.length} step${plan.rollback.length === 1 ? '' : 's'}${rollbackHazards.length ? `; hazards: ${rollbackHazards.join(', ')}` : '; no hazards'}`] : []),
    ...(plan.lossyRollback ? ['-- the rollback cannot restore the data this plan destroys'] : []),
    ...planNotices(plan).map((l) => `-- ${l}`),
    '-- run with: psql -v ON_ERROR_STOP=1 -f FILE',
  ];
}

/** The whole script: header, forward plan, commented rollback. Ends with a newline. */
export function renderPlanSql(plan: Plan, opts: PlanSqlOptions = {}): string {
  const forward = plan.steps.length ? stepsSql(plan.preamble, plan.steps, opts) : ['-- (no statements)'];
  const lines = [...planHeader(plan, opts.title), '', ...forward];
  if (!opts.noRollback && plan.rollback.length) {
    lines.push('', '-- Rollback:', ...commentOut(stepsSql(plan.preamble, plan.rollback, opts)));
  }
  return `${lines.join('\n')}\n`;
}

/** `-- No differences: …` for two sides with the same schema. */
export function noDifferencesSql(from: string, to: string, tree: string): string {
  return `-- No differences: ${from} and ${to} have the same schema (tree ${tree.slice(0, 10)}).\n`;
}
