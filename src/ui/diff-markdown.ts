/**
 * A diff as a Markdown review report (for a pull request or a change ticket): the
 * sides, a summary table per kind, the objects and their member changes, the hazards
 * with the steps that carry them, then the forward and rollback SQL.
 *
 * @example
 * writeFileSync('review.md', renderDiffMarkdown(await diff(ws, ref, 'main', '@prod')));
 */
import type { DiffResult } from '../core/diff.js';
import type { Plan } from '../plan/types.js';
import { memberLines } from './diff-members.js';
import { planNotices } from './diff-notices.js';
import type { ScriptFraming } from '../../adapters/types.js';
import { planStepsSql, stepLabel } from './diff-sql.js';
import { countByKind, groupChanges, hazardSteps, plural, sideLabel, summaryLine, type ObjectDiff } from './diff-summary.js';

const HAZARD_MEANING: Record<string, string> = {
  'data-loss': 'destroys data (a dropped table or column, a narrowing type change)',
  'table-rewrite': 'rewrites the whole table while holding a lock',
  'blocking-lock': 'takes a lock that blocks reads or writes while it runs',
  'not-transactional': 'runs outside a transaction: a failure leaves it half done',
  'data-dependent': 'succeeds or fails depending on the rows present',
};

/** Inline code that survives backticks in the text. */
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(lang: string, body: string): string[] {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, body, fence];
}

function summaryTable(objects: readonly ObjectDiff[]): string[] {
  const rows = countByKind(objects);
  const total = rows.reduce((t, r) => ({ added: t.added + r.added, modified: t.modified + r.modified, dropped: t.dropped + r.dropped }), { added: 0, modified: 0, dropped: 0 });
  return [
    '| kind | added | modified | dropped |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.kind} | ${r.added} | ${r.modified} | ${r.dropped} |`),
    `| **total** | **${total.added}** | **${total.modified}** | **${total.dropped}** |`,
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

/** The whole Markdown report. */
export function renderDiffMarkdown(result: DiffResult, framing: ScriptFraming): string {
  const from = sideLabel(result.from);
  const to = sideLabel(result.to);
  const title = `# ${from} → ${to}`;
  if (result.same) return `${title}\n\nNo differences: both sides have the same schema (tree ${code(result.to.tree.slice(0, 10))}).\n`;
  const { plan } = result;
  const objects = groupChanges(result.changes);
  const lines = [
    title,
    '',
    `From ${code(result.from.label)} (tree ${code(result.from.tree.slice(0, 10))}) to ${code(result.to.label)} (tree ${code(result.to.tree.slice(0, 10))}); plan hash ${code(plan.hash)}.`,
    '',
    '## Summary',
    '',
    `${summaryLine(objects)}; ${plural(plan.steps.length, 'step')}.`,
    '',
    ...summaryTable(objects),
    '',
    '## Changes',
    '',
    ...objectList(objects),
    '',
    '## Hazards',
    '',
    ...hazardSection(plan),
    '',
    ...noticeSection(plan),
    `## Plan (${plural(plan.steps.length, 'step')})`,
    '',
    ...fenced('sql', planStepsSql(framing, plan, plan.steps).join('\n')),
    '',
    `## Rollback (${plural(plan.rollback.length, 'step')})`,
    '',
    ...fenced('sql', planStepsSql(framing, plan, plan.rollback).join('\n')),
  ];
  return `${lines.join('\n')}\n`;
}
