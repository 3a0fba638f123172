/** The text form of `redb translate`: where the translation went, then one line per thing not kept exactly. */
import type { TranslateResult } from './run.js';

export function renderTranslation(r: TranslateResult): string {
  const where = r.target.branch ? `committed ${r.target.commit?.slice(0, 10)} on branch ${r.target.branch} of ${r.target.repo}` : r.target.out ? `written to ${r.target.out}` : 'not written (give --out DIR or --branch NEW)';
  const lines = [
    `Translated ${r.source.commit.slice(0, 10)} (${r.source.dialect}) to ${r.target.dialect}: ${r.target.objects} objects, tree ${r.target.tree.slice(0, 10)}, ${where}`,
    r.normalizedOn ? `Built and read back on ${r.normalizedOn}.` : 'Not built on a scratch database (give --scratch DATABASE, a server of the target engine): a deploy verifies it.',
  ];
  if (!r.report.length) return [...lines, 'Everything was kept exactly.'].join('\n');
  lines.push(`${r.report.length} thing${r.report.length === 1 ? '' : 's'} could not be kept exactly:`);
  for (const e of r.report) lines.push(`  ${e.kind.padEnd(10)} ${e.object}${e.from || e.to ? `: ${e.from ?? ''}${e.to ? ` → ${e.to}` : ''}` : ''} — ${e.reason}`);
  return lines.join('\n');
}
