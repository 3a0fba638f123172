/** The text forms of `redb job list|status` and of a job's outcome (run, resume, pause, cancel). */
import type { JobInfo } from '../core/jobs.js';
import type { JobOutcome, JobState } from '../jobs/types.js';
import { formatCount, renderReplicationLine } from './job-progress.js';

/** A `running` state whose runner holds no lock: the process died (kill -9, a lost machine). */
export function isInterrupted(info: JobInfo): boolean {
  return info.state?.status === 'running' && info.alive === false;
}

/** The status word a user reads: `interrupted` for a running state nobody runs. */
export function statusWord(info: JobInfo): string {
  if (info.error) return 'unreadable';
  if (!info.state) return 'never ran';
  return isInterrupted(info) ? 'interrupted' : info.state.status;
}

function rowsSummary(state: JobState): string | undefined {
  const tables = Object.values(state.tables ?? {});
  if (!tables.length) return undefined;
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  const totals = tables.every((t) => t.total !== undefined) ? tables.reduce((n, t) => n + (t.total ?? 0), 0) : undefined;
  return `${formatCount(rows)}${totals !== undefined ? ` / ${formatCount(totals)}` : ''} rows in ${tables.length} table${tables.length === 1 ? '' : 's'}`;
}

/** One line per job: name, type, databases, status, phase, rows. */
export function renderJobList(infos: readonly JobInfo[]): string {
  if (!infos.length) return 'No relationships: `redb relationship add NAME --type migration --source DB --target DB` adds one';
  const width = Math.max(...infos.map((i) => i.name.length));
  return infos
    .map((i) => {
      const extra = i.error ? `: ${i.error}` : [i.state?.phase, i.state && rowsSummary(i.state)].filter(Boolean).join(', ');
      return `${i.name.padEnd(width)}  ${i.type.padEnd(11)}  ${i.source} -> ${i.target}  ${statusWord(i)}${extra && !i.error ? `  (${extra})` : extra}`;
    })
    .join('\n');
}

/** `redb job status NAME`: the state, who runs it, each table, the stream's lag, the last error. */
export function renderJobStatus(info: JobInfo): string {
  const lines = [`job ${info.name}  ${info.type}  ${info.source} -> ${info.target}`];
  const s = info.state;
  if (!s) {
    lines.push(`status   never ran: start it with redb job run ${info.name}`);
    return lines.join('\n');
  }
  if (isInterrupted(info)) lines.push(`status   interrupted (runner gone): resume with redb job resume ${info.name}`);
  else lines.push(`status   ${s.status}${s.request ? ` (${s.request} requested)` : ''}`);
  if (s.phase) lines.push(`phase    ${s.phase}`);
  if (s.runner) lines.push(`runner   ${s.runner}${s.status === 'running' ? (info.alive ? ' (alive)' : ' (gone)') : ''}`);
  if (s.startedAt) lines.push(`started  ${s.startedAt}`);
  lines.push(`updated  ${s.updatedAt}`);
  const tables = Object.entries(s.tables ?? {});
  if (tables.length) {
    lines.push('tables');
    const width = Math.max(...tables.map(([t]) => t.length));
    for (const [table, t] of tables) {
      const count = `${formatCount(t.rows)}${t.total !== undefined ? ` / ${formatCount(t.total)}` : ''} rows`;
      const verified = t.verified ? `  verified: rows ${t.verified.rows ? 'ok' : 'MISMATCH'}, checksum ${t.verified.checksum ? 'ok' : 'MISMATCH'}` : '';
      lines.push(`  ${table.padEnd(width)}  ${count}${t.done ? '  done' : ''}${verified}`);
    }
  }
  if (s.replication) lines.push(renderReplicationLine(s.replication));
  if (s.error) lines.push(`error    ${s.error.code}: ${s.error.message}`);
  return lines.join('\n');
}

/** What `job run|resume` prints when the runner returns. */
export function renderOutcome(o: JobOutcome): string {
  const rows = rowsSummary(o.state);
  const head = `job ${o.job} ${o.status}${rows ? `: ${rows}` : ''}`;
  if (o.status === 'paused') return `${head}\nresume it with: redb job resume ${o.job}`;
  if (o.status === 'failed' && o.state.error) return `${head}\n${o.state.error.code}: ${o.state.error.message}`;
  return head;
}
