/**
 * The GitHub Action's work (action.yml runs it through ci/main.ts): `plan` reports the
 * plan from the target database to the branch head as Markdown, in the job summary and
 * in one pull-request comment updated in place (found by the report's marker); `deploy`
 * deploys the branch head to the target, never asking (consent comes from inputs, a
 * missing one exits 3). Both write the outputs has-changes, destructive and plan-hash.
 *
 * @example
 * const r = await runAction(readInputs(process.env), { env: process.env, sink, log: console.log });
 * process.exitCode = r.exitCode;
 */
import { attachBranch } from '../core/branches.js';
import { deploy } from '../core/deploy.js';
import { diff } from '../core/diff.js';
import { plannerFor } from '../core/dialects.js';
import { Workspace } from '../core/workspace.js';
import { configError, ExitCode, RedbError, usageError } from '../errors.js';
import type { BranchRef } from '../core/branches.js';
import type { Plan } from '../plan/types.js';
import { redactText } from '../config/url-secrets.js';
import { renderDiffMarkdown } from '../ui/diff-markdown.js';
import { reportMarker, type ReportIdentity } from '../ui/report-marker.js';
import { plural } from '../ui/diff-summary.js';
import type { ActionInputs } from './inputs.js';
import { writeOutputs, writeSummary } from './github-env.js';
import { fitComment, upsertComment, type CommentSink, type UpsertResult } from './pr-comment.js';

/** The variable that holds the target's URL when the workspace does not name the target. */
export const DATABASE_URL_VAR = 'REDB_DATABASE_URL';

export interface ActionContext {
  /** Where GITHUB_OUTPUT and GITHUB_STEP_SUMMARY are found. */
  readonly env: NodeJS.ProcessEnv;
  /** Where the pull-request comment goes; absent when the run is for no pull request. */
  readonly sink?: CommentSink;
  readonly log: (line: string) => void;
}

export interface ActionResult {
  readonly hasChanges: boolean;
  readonly destructive: boolean;
  readonly planHash: string;
  /** 0, or why the step fails: 2 changes (fail-on changes), 3 data loss (fail-on destructive, or a deploy without allow-destructive). */
  readonly exitCode: number;
  /** The Markdown report of a plan run. */
  readonly report?: string;
  readonly comment?: UpsertResult;
}

/** The workspace's target connection: its own, or one whose URL is the variable itself (so the secret is never written anywhere). */
function useTarget(ws: Workspace, name: string): void {
  if (ws.config.databases[name]) return;
  if (!process.env[DATABASE_URL_VAR]) {
    throw configError('E_CONFIG', `the workspace has no database ${name}, and ${DATABASE_URL_VAR} is not set`, `pass the database-url input (from a secret), or name ${name} in redb.yaml`);
  }
  ws.config.databases[name] = { url: `\${${DATABASE_URL_VAR}}` };
}

const destroys = (plan: Plan): boolean => plan.hazards.includes('data-loss');

function outputs(ctx: ActionContext, plan: Plan, hasChanges: boolean): void {
  writeOutputs(ctx.env, { 'has-changes': String(hasChanges), destructive: String(destroys(plan)), 'plan-hash': plan.hash });
}

async function plan(ws: Workspace, ref: BranchRef, inputs: ActionInputs, ctx: ActionContext): Promise<ActionResult> {
  const result = await diff(ws, ref, `@${inputs.database}`, ref.branch);
  const identity: ReportIdentity = { repo: ref.repo, branch: ref.branch, target: inputs.database };
  const report = renderDiffMarkdown(result, (await plannerFor(result.plan.dialect)).ddl.script, { identity });
  writeSummary(ctx.env, report);
  const hasChanges = !result.same;
  const comment = ctx.sink ? await upsertComment(ctx.sink, reportMarker(identity), fitComment(report), { create: hasChanges }) : undefined;
  outputs(ctx, result.plan, hasChanges);
  ctx.log(hasChanges ? `plan ${result.plan.hash.slice(0, 12)}: ${plural(result.plan.steps.length, 'step')}${result.plan.hazards.length ? `, hazards: ${result.plan.hazards.join(', ')}` : ''}` : `no changes: ${inputs.database} has the schema of ${ref.branch}`);
  if (comment) ctx.log(`pull-request comment ${comment.id} ${comment.action}`);
  let exitCode: number = ExitCode.ok;
  if (inputs.failOn === 'destructive' && destroys(result.plan)) {
    ctx.log(`error: the plan destroys data (fail-on: destructive); review it, and deploy with allow-destructive: true`);
    exitCode = ExitCode.confirmationNeeded;
  } else if (inputs.failOn === 'changes' && hasChanges) {
    ctx.log('error: the branch differs from the target (fail-on: changes)');
    exitCode = ExitCode.differences;
  }
  return { hasChanges, destructive: destroys(result.plan), planHash: result.plan.hash, exitCode, report, ...(comment ? { comment } : {}) };
}

/** The branch attached to the target (deploys go through a branch's database), attaching `branch` when none is. */
async function deployBranch(ws: Workspace, ref: BranchRef, database: string): Promise<BranchRef> {
  const attachments = ws.config.repos[ref.repo]?.attachments ?? {};
  const attached = Object.keys(attachments).sort().find((b) => attachments[b] === database);
  if (attached) return { repo: ref.repo, branch: attached };
  if (attachments[ref.branch]) {
    throw usageError('E_ATTACHED', `branch ${ref.branch} is attached to ${attachments[ref.branch]}, and no branch is attached to ${database}`, `attach a branch to the target in the workspace: redb branch create ${database} && redb branch attach ${database} ${database}`);
  }
  await attachBranch(ws, ref, database);
  return ref;
}

async function deployHead(ws: Workspace, ref: BranchRef, inputs: ActionInputs, ctx: ActionContext): Promise<ActionResult> {
  const target = await deployBranch(ws, ref, inputs.database);
  // never a prompt: consent is the inputs (confirm absent), a missing one exits 3
  const r = await deploy(ws, target, { rev: ref.branch, yes: true, allowDestructive: inputs.allowDestructive });
  const hasChanges = r.status === 'succeeded' && r.plan.steps.length > 0;
  outputs(ctx, r.plan, hasChanges);
  const line = r.status === 'up-to-date' ? `database ${r.database} is already at ${ref.branch}: nothing to deploy` : `deployed ${ref.branch} (${r.commit.slice(0, 10)}) to ${r.database}: ${plural(r.plan.steps.length, 'step')}, plan ${r.plan.hash.slice(0, 12)}, live schema verified`;
  ctx.log(line);
  writeSummary(ctx.env, `### redb deploy\n\n${line}.\n`);
  return { hasChanges, destructive: destroys(r.plan), planHash: r.plan.hash, exitCode: ExitCode.ok };
}

/** Runs the action; a RedbError is returned as its exit code (after saying what is wrong and how to fix it), anything else is thrown. */
export async function runAction(inputs: ActionInputs, ctx: ActionContext): Promise<ActionResult> {
  try {
    const ws = await Workspace.open(inputs.workspace);
    const ref = { repo: ws.resolveRepo(inputs.repo), branch: inputs.branch };
    useTarget(ws, inputs.database);
    return inputs.command === 'plan' ? await plan(ws, ref, inputs, ctx) : await deployHead(ws, ref, inputs, ctx);
  } catch (err) {
    if (!(err instanceof RedbError)) throw err;
    ctx.log(`error: ${redactText(err.message)}`);
    // the action's consent is an input, not a flag
    const hint = err.code === 'E_DESTRUCTIVE' ? 'review the plan (the pull request\'s report), then set the input allow-destructive: true' : err.hint;
    if (hint) ctx.log(`hint: ${hint}`);
    writeSummary(ctx.env, `### redb ${inputs.command} failed (exit ${err.exitCode})\n\n${redactText(err.message)}${hint ? `\n\n${hint}` : ''}\n`);
    return { hasChanges: false, destructive: false, planHash: '', exitCode: err.exitCode };
  }
}
