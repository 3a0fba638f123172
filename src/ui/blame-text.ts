/**
 * `redb blame` as text: for a table one row per member (kind, name, commit, author,
 * date, subject), for a view or routine one row per line of its definition, as
 * `git blame` prints it (`3f2a9c1d2e (Test Author 2026-12-02  1) SELECT …`).
 */
import type { BlameCommit, BlameResult } from '../core/blame.js';
import { paint } from './color.js';

const day = (iso: string): string => iso.slice(0, 10);
const pad = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
};
const who = (c: BlameCommit): string[] => [c.commit.slice(0, 10), c.author.name, day(c.date), c.summary];

export function renderBlame(r: BlameResult): string {
  const head = paint('bold', `blame ${r.kind} ${r.id} at ${r.rev.slice(0, 10)}`);
  if (r.lines) {
    const width = String(r.lines.length).length;
    const nameWidth = Math.max(...r.lines.map((l) => l.author.name.length));
    const rows = r.lines.map((l) => `${paint('yellow', l.commit.slice(0, 10))} (${l.author.name.padEnd(nameWidth)} ${day(l.date)} ${String(l.line).padStart(width)}) ${l.text}`);
    return [head, ...rows].join('\n');
  }
  if (r.members) return [head, ...pad(r.members.map((m) => [m.kind, m.name, ...who(m)]))].join('\n');
  return r.object ? [head, pad([who(r.object)])[0]].join('\n') : head;
}
