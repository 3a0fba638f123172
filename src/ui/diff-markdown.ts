/**
 * A diff as a Markdown review report (for a pull request or a change ticket): a hidden
 * marker (report-marker.ts) when the report has an identity, the sides, a summary
 * (objects, steps, hazards, whether the plan is transactional, the rollback), a table
 * per kind, the destructive and locking steps first with their statements, the hazards,
 * the objects and their member changes, then the forward and rollback SQL folded in
 * `<details>`. Nothing in it depends on the time or the run: the same diff gives the
 * same bytes.
 *
 * @example
 * writeFileSync('review.md', renderDiffMarkdown(result, adapter.ddl.script, { identity: { repo: 'app', branch: 'feature-x', target: 'prod' } }));
 */
import type { DiffResult } from '../core/diff.js';
import type { Plan } from '../plan/types.js';
import { memberLines } from './diff-members.js';
import { planNotices } from './diff-notices.js';
import type { ScriptFraming } from '../../adapters/types.js';
import { planStepsSql, stepLabel } from './diff-sql.js';
import { countByKind, groupChanges, hazardSteps, plural, sideLabel, summaryLine, type ObjectDiff } from './diff-summary.js';
import { reportMarker, type ReportIdentity } from './report-marker.js';
import { reviewFirst, transactionSummary } from './report-summary.js';

export interface MarkdownOptions {
  /** Repository, branch and target the report is about: written as the hidden marker a CI job finds the comment by. */
  readonly identity?: ReportIdentity;
}

const HAZARD_MEANING: Record<string, string> = {
  'data-loss': 'destroys data (a dropped table or column, a narrowing type change)',
  'table-rewrite': 'rewrites the whole table while holding a lock',
  'blocking-lock': 'takes a lock that blocks reads or writes while it runs',
  'not-transactional': 'runs outside a transaction: a failure leaves it half done',
  'data-dependent': 'succeeds or fails depending on the rows present',
};

/** Inline code that survives backticks in the text. */
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

/** Text for a table cell: a `|` would end the cell. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(lang: string, body: string): string[] {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, ...body.split('\n'), fence];
}

/** A block folded under `summary`; the blank lines let GitHub render the Markdown inside. */
const details = (summary: string, body: readonly string[]): string[] => ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];

function overview(objects: readonly ObjectDiff[], plan: Plan, framing: ScriptFraming): string[] {
  const hazards = [...hazardSteps(plan.steps)].map(([h, steps]) => `${h} (${plural(steps.length, 'step')})`);
  const rollback = plan.lossyRollback ? '⚠ cannot restore the data this plan destroys: take a backup first' : `${plural(plan.rollback.length, 'step')}, restores the source schema`;
  return [
    '| | |',
    '|---|---|',
    `| objects | ${summaryLine(objects)} |`,
    `| steps | ${plan.steps.length} |`,
    `| hazards | ${hazards.length ? `⚠ ${hazards.join(', ')}` : 'none'} |`,
    `| transactional | ${transactionSummary(plan.steps, framing)} |`,
    `| rollback | ${rollback} |`,
  ];
}

function kindTable(objects: readonly ObjectDiff[]): string[] {
  const rows = countByKind(objects);
  const total = rows.reduce((t, r) => ({ added: t.added + r.added, modified: t.modified + r.modified, dropped: t.dropped + r.dropped }), { added: 0, modified: 0, dropped: 0 });
  return [
    '| kind | added | modified | dropped |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${cell(r.kind)} | ${r.added} | ${r.modified} | ${r.dropped} |`),
    `| **total** | **${total.added}** | **${total.modified}** | **${total.dropped}** |`,
  ];
}

/** The steps that destroy data or hold locks, each with its statement: what a reviewer reads first. */
function reviewFirstSection(plan: Plan, framing: ScriptFraming): string[] {
  const first = reviewFirst(plan.steps);
  if (!first.length) return [];
  return [
    '## Destructive and locking steps',
    '',
    ...first.flatMap(({ n, step, hazards }) => [`- **${n}.** ${code(step.comment.replace(/\s*\n\s*/g, ' '))}: ${hazards.join(', ')}`, ...fenced('sql', framing.statement(step.sql)).map((l) => (l ? `  ${l}` : l))]),
    '',
  ];
}

/** One list item per object (`- **modified** table \`public.users\``), its member changes nested. */
function objectList(objects: readonly ObjectDiff[]): string[] {
  return objects.flatMap((o) => {
    const rename = o.changes.find((c) => c.type === 'rename');
    const head = `- **${o.status}** ${o.kind} ${code(o.id)}${rename?.type === 'rename' ? ` (renamed from ${code(rename.from.id)})` : ''}`;
    const members = o.changes.flatMap((c) => (c.type === 'alter-table' ? c.changes.flatMap(memberLines) : []));
    return [head, ...members.map((m) => `  - ${code(`${m.mark} ${m.text}`)}`)];
  });
}

function hazardSection(plan: Plan): string[] {
  if (plan.hazards.length === 0) return ['None: no step risks data, long locks or partial application.'];
  const out: string[] = [];
  for (const [hazard, steps] of hazardSteps(plan.steps)) {
    out.push(`- **${hazard}**: ${HAZARD_MEANING[hazard] ?? hazard} (${plural(steps.length, 'step')})`);
    for (const n of steps) out.push(`  - ${code(stepLabel(plan.steps[n - 1], n))}`);
  }
  if (plan.lossyRollback) out.push('', '⚠ **The rollback cannot restore the data this plan destroys**: take a backup before deploying.');
  return out;
}

/** Column orders not reached and suggested renames, when there are any. */
function noticeSection(plan: Plan): string[] {
  const notices = planNotices(plan);
  return notices.length ? ['## Notices', '', ...notices.map((n) => (n.startsWith('  ') ? `  - ${n.trim()}` : `- ${n}`)), ''] : [];
}

/**
 * The whole Markdown report; ends with a newline. `framing` is the engine's script form
 * (`adapter.ddl.script`): it writes the SQL and says whether DDL runs in transactions.
 */
export function renderDiffMarkdown(result: DiffResult, framing: ScriptFraming, options: MarkdownOptions = {}): string {
  const marker = options.identity ? [reportMarker(options.identity)] : [];
  const title = `# ${sideLabel(result.from)} → ${sideLabel(result.to)}`;
  if (result.same) return `${[...marker, title, '', `No differences: both sides have the same schema (tree ${code(result.to.tree.slice(0, 10))}).`].join('\n')}\n`;
  const { plan } = result;
  const objects = groupChanges(result.changes);
  const lines = [
    ...marker,
    title,
    '',
    `From ${code(result.from.label)} (tree ${code(result.from.tree.slice(0, 10))}) to ${code(result.to.label)} (tree ${code(result.to.tree.slice(0, 10))}); plan hash ${code(plan.hash)}.`,
    '',
    '## Summary',
    '',
    ...overview(objects, plan, framing),
    '',
    ...kindTable(objects),
    '',
    ...reviewFirstSection(plan, framing),
    '## Hazards',
    '',
    ...hazardSection(plan),
    '',
    ...noticeSection(plan),
    '## Changes',
    '',
    ...objectList(objects),
    '',
    '## SQL',
    '',
    ...details(`Plan: ${plural(plan.steps.length, 'step')}`, fenced('sql', planStepsSql(framing, plan, plan.steps).join('\n'))),
    '',
    ...details(`Rollback: ${plural(plan.rollback.length, 'step')}`, fenced('sql', planStepsSql(framing, plan, plan.rollback).join('\n'))),
  ];
  return `${lines.join('\n')}\n`;
}
