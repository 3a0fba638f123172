/** Text output of tags, remotes, fetch, push and pull (the `--json` forms are the results themselves). */
import type { PullReport, PushReport, FetchReport } from '../core/sync.js';
import type { TagInfo } from '../core/tags.js';
import { paint } from './color.js';
import { renderMergeResult } from './merge-text.js';

const short = (oid: string | undefined) => (oid ? oid.slice(0, 7) : '');

/** `refs/remotes/origin/main` → `origin/main`, `refs/tags/v1` → `v1`, as git prints them. */
function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags|remotes)\//u, '');
}

export function renderTag(t: TagInfo): string {
  const first = t.message?.split('\n')[0];
  return `${paint('bold', t.name)}  ${paint('yellow', short(t.commit))}${first ? `  ${first}` : ''}`;
}

function change(ref: string, old: string | undefined, oid: string, status: string): string {
  const range = status === 'new' ? `* [new]        ` : status === 'up to date' ? `= [up to date] ` : status === 'kept' ? `! [kept]       ` : `  ${short(old)}..${short(oid)}`.padEnd(16);
  return `  ${range} ${shortRef(ref)}${status === 'merged' ? ' (notes merged)' : ''}`;
}

export function renderFetch(r: FetchReport): string {
  const lines = [`From ${r.url}`];
  if (!r.refs.length) lines.push('  everything up to date');
  for (const ref of r.refs) lines.push(change(ref.ref, ref.old, ref.oid, ref.status) + (ref.status === 'kept' ? ' (a local tag of that name names something else)' : ''));
  if (r.deploys.length) {
    lines.push(`Deployed, as ${r.remote} records it:`);
    for (const d of r.deploys) lines.push(`  ${d.database}  ${paint('yellow', short(d.commit))}`);
  }
  return lines.join('\n');
}

export function renderPush(r: PushReport): string {
  const lines = [`To ${r.url}`];
  // deploy records and notes that were already there are noise; a branch or tag that was is the answer
  const shown = r.refs.filter((ref) => ref.status !== 'up to date' || /^refs\/(heads|tags)\//u.test(ref.ref));
  for (const ref of shown) lines.push(change(ref.ref, ref.old, ref.oid, ref.status) + (ref.status === 'kept' ? ` (the remote records ${short(ref.old)}: kept)` : ''));
  return lines.join('\n');
}

export function renderPull(r: PullReport): string {
  const what = {
    'up to date': `${r.branch} is up to date with ${r.fetch.remote}/${r.branch}`,
    'fast-forward': `Fast-forwarded ${r.branch} ${short(r.old)}..${short(r.head)}`,
    created: `Created ${r.branch} at ${short(r.head)} from ${r.fetch.remote}/${r.branch}`,
    ahead: `${r.branch} is ahead of ${r.fetch.remote}/${r.branch}: push it with \`redb push ${r.fetch.remote} ${r.branch}\``,
    merged: r.merge ? renderMergeResult(r.merge) : '',
    conflicts: r.merge ? renderMergeResult(r.merge) : '',
  }[r.status];
  const db = r.database ? `\n${paint('dim', `database ${r.database} is attached to ${r.branch}: \`redb deploy -b ${r.branch}\` brings it to the new head`)}` : '';
  return `${renderFetch(r.fetch)}\n${what}${db}`;
}
