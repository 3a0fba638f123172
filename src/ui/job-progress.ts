/**
 * Progress of a running job (`redb job run|resume`, `redb worker`). Three forms, chosen by
 * where the output goes: `--json` gives one JSON line per event on stdout (a script reads
 * them as they come); a terminal gets a bar per table redrawn in place on stderr; anything
 * else (a log file, CI) gets a plain line per message and an occasional line per table on
 * stderr, so a long copy shows it is alive without flooding the log.
 * The renderers are pure functions of the events; only `jobProgress` keeps state and time.
 */
import type { JobProgressEvent, ReplicationProgress } from '../jobs/types.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** What a table's bar shows, kept from its latest event. */
export interface TableLine {
  table: string;
  rows: number;
  total?: number;
  rowsPerSecond?: number;
}

const BAR_WIDTH = 24;

/** `1234567` → `1,234,567` (stable across locales: no Intl). */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function percent(rows: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((rows / total) * 100)) : 100;
}

/** One table's bar: `public.users  [######------]  42%  420 / 1,000 rows  350 rows/s`. */
export function renderTableBar(line: TableLine, nameWidth = line.table.length): string {
  const name = line.table.padEnd(nameWidth);
  const rate = line.rowsPerSecond !== undefined ? `  ${formatCount(line.rowsPerSecond)} rows/s` : '';
  if (line.total === undefined) return `${name}  ${formatCount(line.rows)} rows${rate}`;
  const pct = percent(line.rows, line.total);
  const filled = Math.round((pct / 100) * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  return `${name}  ${bar} ${String(pct).padStart(3)}%  ${formatCount(line.rows)} / ${formatCount(line.total)} rows${rate}`;
}

/** A replication's lag and throughput: `lag 120 ms, 4,096 bytes  350 changes/s  (+10 ~2 -1)`. */
export function renderReplicationLine(r: ReplicationProgress): string {
  const parts: string[] = [];
  if (r.lagMs !== undefined || r.lagBytes !== undefined) {
    parts.push(`lag ${[r.lagMs !== undefined ? `${formatCount(r.lagMs)} ms` : undefined, r.lagBytes !== undefined ? `${formatCount(r.lagBytes)} bytes` : undefined].filter(Boolean).join(', ')}`);
  }
  if (r.changesPerSecond !== undefined) parts.push(`${formatCount(r.changesPerSecond)} changes/s`);
  if (r.changes) parts.push(`(+${formatCount(r.changes.insert)} ~${formatCount(r.changes.update)} -${formatCount(r.changes.delete)})`);
  if (r.appliedLsn) parts.push(`at ${r.appliedLsn}`);
  return `replication  ${parts.join('  ') || 'waiting for changes'}`;
}

/** The plain line of one event (logs, CI): its message, else what it says about a table or the stream. */
export function renderEventLine(e: JobProgressEvent): string {
  const head = `${e.job} ${e.phase}`;
  if (e.message) return `${head}: ${e.message}`;
  if (e.table !== undefined) return `${head}: ${renderTableBar({ table: e.table, rows: e.rows ?? 0, total: e.total, rowsPerSecond: e.rowsPerSecond })}`;
  if (e.replication) return `${head}: ${renderReplicationLine(e.replication)}`;
  return head;
}

/** The block a terminal shows: the phase, a bar per table, the replication line, the last message. */
export function renderBlock(phase: string, tables: readonly TableLine[], replication?: ReplicationProgress, message?: string): string[] {
  const width = Math.max(0, ...tables.map((t) => t.table.length));
  const lines = [`${phase}${message ? `: ${message}` : ''}`, ...tables.map((t) => `  ${renderTableBar(t, width)}`)];
  if (replication) lines.push(`  ${renderReplicationLine(replication)}`);
  return lines;
}

export interface JobProgress {
  onProgress(event: JobProgressEvent): void;
  /** Draws the last state (a terminal) and leaves the cursor below it. */
  finish(): void;
}

export interface JobProgressOptions {
  json: boolean;
  stdout: ProgressStream;
  stderr: ProgressStream;
  /** Milliseconds between two redraws (terminal) or two lines per table (plain). */
  terminalInterval?: number;
  plainInterval?: number;
  now?: () => number;
}

/** The progress reporter for where the output goes (see the file comment). */
export function jobProgress(opts: JobProgressOptions): JobProgress {
  if (opts.json) return { onProgress: (e) => void opts.stdout.write(`${JSON.stringify(e)}\n`), finish: () => {} };
  const now = opts.now ?? Date.now;
  return opts.stderr.isTTY ? terminalProgress(opts.stderr, opts.terminalInterval ?? 100, now) : plainProgress(opts.stderr, opts.plainInterval ?? 5000, now);
}

function terminalProgress(out: ProgressStream, interval: number, now: () => number): JobProgress {
  const tables = new Map<string, TableLine>();
  let phase = '';
  let message: string | undefined;
  let replication: ReplicationProgress | undefined;
  let drawn = 0;
  let lastDraw = -Infinity;
  const draw = () => {
    const cols = out.columns ?? 120;
    const lines = renderBlock(phase, [...tables.values()], replication, message).map((l) => (l.length > cols - 1 ? l.slice(0, cols - 1) : l));
    // back to the block's first line, then each line cleared and rewritten
    out.write(`${drawn ? `\x1b[${drawn}F` : ''}${lines.map((l) => `\x1b[2K${l}\n`).join('')}`);
    drawn = lines.length;
    lastDraw = now();
  };
  return {
    onProgress(e) {
      const newPhase = e.phase !== phase;
      phase = e.phase;
      if (e.message) message = e.message;
      if (e.table !== undefined) tables.set(e.table, { table: e.table, rows: e.rows ?? tables.get(e.table)?.rows ?? 0, total: e.total ?? tables.get(e.table)?.total, rowsPerSecond: e.rowsPerSecond });
      if (e.replication) replication = { ...replication, ...e.replication };
      if (newPhase || e.message || now() - lastDraw >= interval) draw();
    },
    finish() {
      if (phase) draw();
    },
  };
}

function plainProgress(out: ProgressStream, interval: number, now: () => number): JobProgress {
  const lastLine = new Map<string, number>();
  return {
    onProgress(e) {
      const key = e.table ?? (e.replication ? '(replication)' : undefined);
      // messages and phase changes always; a table's or the stream's numbers every `interval`, and a table's last one
      const finished = e.table !== undefined && e.total !== undefined && e.rows !== undefined && e.rows >= e.total;
      if (!e.message && key !== undefined && !finished && now() - (lastLine.get(key) ?? -Infinity) < interval) return;
      if (key !== undefined) lastLine.set(key, now());
      out.write(`${renderEventLine(e)}\n`);
    },
    finish() {},
  };
}
