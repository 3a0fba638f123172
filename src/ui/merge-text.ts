/** Plain-text renderings of `redb merge` and `redb revert` results. */
import type { MergeConflict } from '../diff/index.js';
import type { MergeResult } from '../core/merge.js';
import type { ConflictEntry, MergeStatus } from '../core/merge-resolve.js';
import { paint } from './color.js';
import { renderObjectChanges, short } from './text.js';

/** A side's value on one line: `(none)` where the side lacks it. */
function value(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

export function renderConflict(c: MergeConflict | ConflictEntry): string {
  const target = c.member === undefined ? c.id : `${c.id}.${c.member}`;
  const done = 'resolved' in c && c.resolved ? paint('green', ' (file edited)') : '';
  return [
    `  ${paint('red', c.kind === 'semantic' ? 'semantic' : 'conflict')} ${paint('bold', target)} ${c.field}${done}`,
    `    ${c.message}`,
    `    base:   ${value(c.base)}`,
    `    ours:   ${value(c.ours)}`,
    `    theirs: ${value(c.theirs)}`,
  ].join('\n');
}

const NEXT = 'Resolve each with `redb merge --resolve ID[.MEMBER]=ours|theirs|base`, or edit the object\'s file in the working copy; then `redb merge --continue` (or `redb merge --abort`).';

export function renderMergeResult(r: MergeResult): string {
  const what = r.label;
  switch (r.status) {
    case 'up-to-date':
      return `Already up to date: ${r.branch} (${short(r.head)}) has nothing to take from ${what}.`;
    case 'fast-forward':
      return `Fast-forward ${r.branch} ${short(r.head)}..${short(r.commit)}\n${renderObjectChanges(r.changes)}`;
    case 'merged':
      return `[${r.branch} ${short(r.commit)}] ${r.kind === 'revert' ? 'reverted' : 'merged'} ${what}\n${renderObjectChanges(r.changes)}`;
    case 'conflicts':
      return [`${r.kind === 'revert' ? 'Revert' : 'Merge'} of ${what} into ${r.branch} stopped: ${r.conflicts.length} conflict(s); nothing was committed.`, ...r.conflicts.map(renderConflict), `Working copy: ${r.workingCopy}`, NEXT].join('\n');
  }
}

export function renderMergeStatus(s: MergeStatus): string {
  if (!s.inProgress) return s.kind ? `Aborted the ${s.kind} of ${s.label} into ${s.branch}; ${s.branch} stays at ${short(s.head)}.` : 'No merge in progress.';
  const open = s.conflicts.filter((c) => !c.resolved).length;
  return [
    `${s.kind === 'revert' ? 'Revert' : 'Merge'} of ${s.label} into ${s.branch} in progress: ${open} of ${s.conflicts.length} conflict(s) open.`,
    ...s.resolutions.map((r) => `  resolved ${r.member === undefined ? r.id : `${r.id}.${r.member}`} = ${r.side}`),
    ...s.conflicts.map(renderConflict),
    `Working copy: ${s.workingCopy}`,
    ...(open ? [NEXT] : ['Nothing left to resolve: `redb merge --continue` commits the working copy.']),
  ].join('\n');
}
