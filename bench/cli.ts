/**
 * Running redb and pg_dump the way a user does, for the benchmarks: a new process
 * each time, in a workspace of its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, run, type Measurement } from './measure.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REDB = join(ROOT, 'bin', 'redb.js');

export function pgDump(url: string): Promise<Measurement> {
  return measure('pg_dump', ['--schema-only', '-d', url, '-f', '/dev/null']);
}

export function redbEnv(ws: string): NodeJS.ProcessEnv {
  // A fixed author keeps redb from spawning `git config` and makes commits identical across runs.
  return { ...process.env, REDB_WORKSPACE: ws, GIT_AUTHOR_NAME: 'redb bench', GIT_AUTHOR_EMAIL: 'bench@redb.invalid', NO_COLOR: '1' };
}

/** Runs redb in a workspace for set-up (not measured) and returns its stdout. */
export function redb(ws: string, ...args: string[]): string {
  return run(process.execPath, [REDB, ...args], { env: redbEnv(ws), cwd: ws });
}

/** A new workspace with an empty repository attached to the database (set-up, not measured). */
export function freshWorkspace(url: string): { dir: string; gitDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'redb-bench-ws-'));
  redb(dir, 'init', dir);
  redb(dir, 'database', 'connect', 'bench', url);
  const repo = JSON.parse(redb(dir, 'repo', 'add', 'bench', '--json')) as { gitDir: string };
  redb(dir, 'branch', 'attach', 'main', 'bench');
  return { dir, gitDir: repo.gitDir };
}

export interface Summary {
  seconds: number[];
  peakMB: (number | null)[];
  medianSeconds: number;
  medianPeakMB: number | null;
}

export function summary(ms: readonly Measurement[]): Summary {
  const peaks = ms.map((m) => m.peakMB);
  const known = peaks.filter((p): p is number => p !== null);
  return { seconds: ms.map((m) => m.seconds), peakMB: peaks, medianSeconds: median(ms.map((m) => m.seconds)), medianPeakMB: known.length ? median(known) : null };
}

export function fmt(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? '—' : x.toFixed(digits);
}

/** A Markdown table. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Flags both benchmarks take (`parseArgs` options). */
export const COMMON_OPTIONS = {
  sizes: { type: 'string', default: '1000,5000' },
  runs: { type: 'string', default: '3' },
  warmup: { type: 'string', default: '1' },
  url: { type: 'string', default: process.env.REDB_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  out: { type: 'string' },
  keep: { type: 'boolean', default: false },
  reuse: { type: 'boolean', default: false },
  profile: { type: 'string' },
} as const;
