/**
 * Running a redb job the way a user does: a workspace of its own (in a temp folder) with
 * the two databases connected and one relationship, then `redb job run NAME` as a fresh
 * process, timed from spawn to exit with its peak RSS (bench/measure.ts).
 *
 * `via`: `cli` runs bin/redb.js (start-up included, as pg_dump and pgloader pay theirs);
 * `api` runs bench/jobs/run-job.ts, the same `runJob` without the CLI, for a branch whose
 * `redb job` command is not there yet. `auto` picks cli when `redb job run --help` works.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { redbEnv } from '../cli.js';
import { peakRssMethod, run, type Measurement } from '../measure.js';

export type Via = 'cli' | 'api';

// The project root from dist/bench/jobs/ (a bench run) or bench/jobs/ (a vitest run of the source).
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = [resolve(HERE, '../../..'), resolve(HERE, '../..')].find((d) => existsSync(join(d, 'bin', 'redb.js'))) ?? resolve(HERE, '../../..');
const REDB = join(ROOT, 'bin', 'redb.js');
const RUN_JOB = join(ROOT, 'dist', 'bench', 'jobs', 'run-job.js');

/** Runs redb in a workspace for set-up (not measured) and returns its stdout. */
function redb(ws: string, ...args: string[]): string {
  return run(process.execPath, [REDB, ...args], { env: redbEnv(ws), cwd: ws });
}

let cliHasJob: boolean | undefined;
export function resolveVia(via: string): Via {
  if (via === 'cli' || via === 'api') return via;
  cliHasJob ??= spawnSync(process.execPath, [REDB, 'job', 'run', '--help'], { encoding: 'utf8' }).status === 0;
  return cliHasJob ? 'cli' : 'api';
}

export interface Relationship {
  name: string;
  type: 'migration' | 'replication';
  /** `TABLE.COLUMN=SPEC`, as for `--transform`. */
  transforms?: string[];
}

/** A new workspace with `src` and `tgt` connected and the relationship added (set-up, not measured). */
export function jobWorkspace(sourceUrl: string, targetUrl: string, rel: Relationship): string {
  const dir = mkdtempSync(join(tmpdir(), 'redb-bench-jobs-'));
  redb(dir, 'init', dir);
  redb(dir, 'database', 'connect', 'src', sourceUrl);
  redb(dir, 'database', 'connect', 'tgt', targetUrl);
  redb(dir, 'relationship', 'add', rel.name, '--type', rel.type, '--source', 'src', '--target', 'tgt', ...(rel.transforms ?? []).flatMap((t) => ['--transform', t]));
  return dir;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `nodeArgs` go to node itself (`--cpu-prof …`: Node 20 refuses it in NODE_OPTIONS). */
function jobArgv(via: Via, ws: string, name: string, follow: boolean, nodeArgs: readonly string[] = []): [string, string[]] {
  return via === 'cli'
    ? [process.execPath, [...nodeArgs, REDB, 'job', 'run', name, ...(follow ? ['--follow'] : []), '--json']]
    : [process.execPath, [...nodeArgs, RUN_JOB, ws, name, ...(follow ? ['--follow'] : [])]];
}

export interface JobMeasurement extends Measurement {
  /**
   * Where the run's seconds went, by phase. A job reports a piece of work when it is done
   * (`created 1 table`, a copied batch, `created indexes …`, `verified …`), so the time
   * between two progress events is the work of the later one's phase: `first` is spawn to
   * the first event (start-up, connecting, reading and translating the schema, creating
   * the tables), `tail` is the last event to exit.
   */
  phases: Record<string, number>;
}

export function phaseTimes(lines: readonly { at: number; line: string }[], total: number): Record<string, number> {
  const out: Record<string, number> = {};
  let prev: number | undefined;
  for (const { at, line } of lines) {
    let phase: string | undefined;
    try {
      phase = (JSON.parse(line) as { phase?: string }).phase;
    } catch {
      continue; // a line that is not JSON
    }
    if (!phase) continue;
    if (prev === undefined) out.first = at;
    else out[phase] = (out[phase] ?? 0) + (at - prev);
    prev = at;
  }
  out.tail = total - (prev ?? 0);
  out.exit = total;
  return out;
}

/**
 * Runs the job to its end: wall seconds, peak RSS of the process that ran it (GNU time, as
 * bench/measure.ts does), and when its phases began (its stdout lines, timestamped as they
 * arrive). Rejects with the job's last output when it exits non-zero.
 */
export async function timeJob(ws: string, name: string, via: Via, env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = []): Promise<JobMeasurement> {
  const [cmd, args] = jobArgv(via, ws, name, false, nodeArgs);
  const tmp = mkdtempSync(join(tmpdir(), 'redb-bench-time-'));
  const rssFile = join(tmp, 'rss');
  const useTime = peakRssMethod().startsWith('GNU');
  const started = performance.now();
  const child = spawn(useTime ? '/usr/bin/time' : cmd, useTime ? ['-f', '%M', '-o', rssFile, cmd, ...args] : args, { cwd: ws, env: { ...process.env, ...redbEnv(ws), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: { at: number; line: string }[] = [];
  let partial = '';
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout = (stdout + chunk).slice(-20_000);
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    const at = (performance.now() - started) / 1000;
    for (const line of parts) lines.push({ at, line });
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
  const code = await new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', res);
  });
  const seconds = (performance.now() - started) / 1000;
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : NaN;
  rmSync(tmp, { recursive: true, force: true });
  if (code !== 0) throw new Error(`redb job run ${name} exited with ${code}\n${(stderr.trim() + '\n' + stdout.trim().split('\n').slice(-3).join('\n')).trim()}`);
  return { seconds, peakMB: Number.isFinite(kb) && kb > 0 ? kb / 1024 : null, stdout, stderr, phases: phaseTimes(lines, seconds) };
}

/** Starts a job that keeps running (replication with --follow); the caller stops it. */
export function startJob(ws: string, name: string, via: Via, env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = []): ChildProcess {
  const [cmd, args] = jobArgv(via, ws, name, true, nodeArgs);
  return spawn(cmd, args, { cwd: ws, env: { ...redbEnv(ws), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `redb job status NAME --json`, parsed (null when the command fails, e.g. not built yet). */
export function jobStatus(ws: string, name: string): Record<string, unknown> | null {
  try {
    return JSON.parse(redb(ws, 'job', 'status', name, '--json')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** `redb relationship delete NAME`: for a replication, drops its slot and publication on the source. */
export function deleteRelationship(ws: string, name: string): void {
  try {
    redb(ws, 'relationship', 'delete', name, '--yes');
  } catch {
    try {
      redb(ws, 'relationship', 'delete', name);
    } catch {
      // servers.ts drops the slots with the database anyway
    }
  }
}
