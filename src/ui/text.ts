/** Plain-text renderings of command results (the --json form is the result itself). */
import type { BranchInfo } from '../core/branches.js';
import type { ObjectChange } from '../core/changes.js';
import type { DatabaseInfo } from '../core/databases.js';
import type { CommitInfo } from '../core/history.js';
import type { RepoInfo } from '../core/repos.js';
import { paint } from './color.js';

export const short = (oid: string | undefined): string => (oid ? oid.slice(0, 10) : '(no commits)');

const MARK: Record<ObjectChange['status'], string> = { added: '+', deleted: '-', modified: '~' };
const COLOR = { added: 'green', deleted: 'red', modified: 'yellow' } as const;

/** One line per changed object: `+ table public.users`. */
export function renderChanges(changes: readonly ObjectChange[], indent = '  '): string {
  return changes
    .map((c) => paint(COLOR[c.status], `${indent}${MARK[c.status]} ${c.kind ? `${c.kind} ${c.id}` : c.path}`))
    .join('\n');
}

/** `2 added, 1 modified, 0 deleted`: objects only, as `renderObjectChanges` lists them. */
export function summarizeChanges(changes: readonly ObjectChange[]): string {
  const n = (s: ObjectChange['status']) => changes.filter((c) => c.status === s && c.kind).length;
  return `${n('added')} added, ${n('modified')} modified, ${n('deleted')} deleted`;
}

/**
 * The summary line and one line per changed object, for `commit` and `show`: the
 * counts are of the lines listed. A file that is no object (the model header
 * redb.json) is not listed as one: a modified one is named in the summary, an added
 * one (every first commit has it) is left out.
 */
export function renderObjectChanges(changes: readonly ObjectChange[]): string {
  const objects = changes.filter((c) => c.kind);
  const files = changes.filter((c) => !c.kind && c.status !== 'added').map((c) => `; ${c.path} ${c.status}`);
  return [` ${summarizeChanges(objects)}${files.join('')}`, ...(objects.length ? [renderChanges(objects)] : [])].join('\n');
}

export function renderDatabase(d: DatabaseInfo): string {
  const attached = d.attachedTo.map((a) => `${a.repo}/${a.branch}`).join(', ');
  return `${paint('bold', d.name)}  ${d.dialect}  ${d.url}${attached ? `  ${paint('dim', `(attached: ${attached})`)}` : ''}`;
}

export function renderBranch(b: BranchInfo, current?: string): string {
  const mark = b.name === current ? '*' : ' ';
  const db = b.database ? paint('cyan', ` → ${b.database}`) : '';
  return `${mark} ${paint('bold', b.name)}  ${paint('yellow', short(b.head))}${db}${b.message ? `  ${b.message}` : ''}`;
}

export function renderRepo(r: RepoInfo): string {
  const lines = [`${paint('bold', r.name)}  ${paint('dim', r.gitDir)}`];
  for (const b of r.branches) lines.push(`  ${b.name}  ${paint('yellow', short(b.head))}${b.database ? paint('cyan', ` → ${b.database}`) : ''}`);
  return lines.join('\n');
}

/** A commit the way `git log` prints it, trailers included. */
export function renderCommit(c: CommitInfo): string {
  const trailers = Object.entries(c.trailers).map(([k, v]) => `    ${paint('dim', `${k}: ${v}`)}`);
  return [
    paint('yellow', `commit ${c.commit}`),
    `Author: ${c.author.name} <${c.author.email}>`,
    `Date:   ${c.date}`,
    '',
    ...c.message.split('\n').map((l) => `    ${l}`),
    ...(trailers.length ? ['', ...trailers] : []),
  ].join('\n');
}
