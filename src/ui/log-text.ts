/**
 * `redb show REV` and `redb log -p / --stat / -- OBJECT` as text, the way git prints
 * them: the commit (renderCommit), then what it changed — a stat of objects
 * (`+ table public.orders`, `→ table public.members (renamed from public.users)`, a count
 * line), or the schema diff of `redb diff PARENT REV`.
 */
import type { CommitDeploys } from '../core/deploy-records.js';
import type { CommitStat, StatEntry } from '../core/commit-stat.js';
import type { LogEntry } from '../core/log-detail.js';
import type { ShowCommitResult } from '../core/show.js';
import { paint } from './color.js';
import { renderDiffText } from './diff-text.js';
import { renderCommit, renderObjectChanges } from './text.js';

const MARK = { added: '+', modified: '~', dropped: '-', renamed: '→' } as const;
const COLOR = { added: 'green', modified: 'yellow', dropped: 'red', renamed: 'cyan' } as const;

const renamedFrom = (from: string | undefined): string => (from ? ` (renamed from ${from})` : '');
/** `~ modified public.users.email`, `→ renamed public.users.name → public.users.full_name`. */
const changeText = (e: LogEntry): string => (e.change === 'renamed' && e.from ? `${MARK.renamed} renamed ${e.from} → ${e.id}` : `${MARK[e.change!]} ${e.change} ${e.id}`);

/** ` + table public.orders` … and `N objects changed: a added, m modified, d dropped, r renamed`. */
export function renderStat(stat: CommitStat): string {
  const line = (o: StatEntry) => paint(COLOR[o.status], ` ${MARK[o.status]} ${o.kind} ${o.id}${renamedFrom(o.from)}`);
  const n = (s: StatEntry['status']) => stat.objects.filter((o) => o.status === s).length;
  const files = stat.files.map((f) => `; ${f.path} ${f.status}`).join('');
  const count = ` ${stat.objects.length} object${stat.objects.length === 1 ? '' : 's'} changed: ${n('added')} added, ${n('modified')} modified, ${n('dropped')} dropped, ${n('renamed')} renamed${files}`;
  return [...stat.objects.map(line), count].join('\n');
}

/** `Deployed: prod (live)` and one line per deploy its note records. */
export function renderDeploys(d: CommitDeploys): string[] {
  if (!d.live.length && !d.records.length) return ['Deployed: nowhere (no deploy recorded)'];
  const head = `Deployed: ${d.live.length ? d.live.map((db) => `${db} (live)`).join(', ') : 'not live anywhere now'}`;
  const records = d.records.map((r) => {
    const parts = [r.at ? `at ${r.at}` : '', r.plan ? `plan ${r.plan.slice(0, 12)}` : '', r.steps !== undefined ? `${r.steps} step${r.steps === 1 ? '' : 's'}` : '', r.by ? `by ${r.by}` : ''].filter(Boolean);
    return `    ${r.kind} to ${r.database}: ${r.result}${parts.length ? `, ${parts.join(', ')}` : ''}`;
  });
  return [paint('cyan', head), ...records];
}

/** The commit as `git show` prints it: header, message, trailers, renames, deploys, then its schema diff. */
export function renderShowCommit(r: ShowCommitResult): string {
  const renames = r.renames.length ? [`Renames: ${r.renames.map((x) => `${x.from} → ${x.to}`).join(', ')}`] : [];
  const change = r.diff ? renderDiffText(r.diff) : `schema diff unavailable (this engine cannot be planned for); objects changed:\n${renderObjectChanges(r.changes)}`;
  return [renderCommit(r), '', ...renames, ...renderDeploys(r.deploys), '', change].join('\n');
}

/** `3f2a9c1d2e subject`, and under `-- OBJECT` what it did: `(~ modified public.users.email)`. */
export function renderLogLine(e: LogEntry): string {
  const what = e.change && e.id ? paint('dim', `  (${changeText(e)})`) : '';
  return `${paint('yellow', e.commit.slice(0, 10))} ${e.message.split('\n')[0]}${what}`;
}

/** One commit of `redb log` with what was asked for: what it did to the named object, its stat, its diff. */
export function renderLogEntry(e: LogEntry, opts: { oneline?: boolean } = {}): string {
  const what = e.change && e.id && !opts.oneline ? [paint(COLOR[e.change], `    ${changeText(e)}`)] : [];
  const parts = [opts.oneline ? renderLogLine(e) : renderCommit(e), ...what];
  if (e.stat) parts.push(renderStat(e.stat));
  // the commit header names both sides already: the diff's own `diff A → B` title is left out
  if (e.diff) parts.push(renderDiffText(e.diff).replace(/^diff .*\n\n/, ''));
  // one line per commit stays one line when nothing follows it
  return parts.join(opts.oneline ? '\n' : '\n\n');
}
