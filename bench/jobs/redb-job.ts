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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redbEnv } from '../cli.js';
import { measure, run, type Measurement } from '../measure.js';

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

function jobArgv(via: Via, ws: string, name: string, follow: boolean): [string, string[]] {
  return via === 'cli'
    ? [process.execPath, [REDB, 'job', 'run', name, ...(follow ? ['--follow'] : []), '--json']]
    : [process.execPath, [RUN_JOB, ws, name, ...(follow ? ['--follow'] : [])]];
}

/** Runs the job to its end: wall seconds and peak RSS of the process that ran it. */
export function timeJob(ws: string, name: string, via: Via, env: NodeJS.ProcessEnv = {}): Promise<Measurement> {
  const [cmd, args] = jobArgv(via, ws, name, false);
  return measure(cmd, args, { cwd: ws, env: { ...redbEnv(ws), ...env } });
}

/** Starts a job that keeps running (replication with --follow); the caller stops it. */
export function startJob(ws: string, name: string, via: Via, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const [cmd, args] = jobArgv(via, ws, name, true);
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
