/**
 * Run a command as a child process and measure its wall time and peak RSS.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, which reads the
 * child's rusage from wait4) when it is installed; otherwise we poll
 * /proc/<pid>/status VmHWM, which is the same high-water mark but may miss a
 * peak reached in the last poll interval. Node cannot read a child's rusage
 * itself, so one of the two is needed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  /** Peak resident set size in MiB (null when neither method worked). */
  peakMB: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** True when /usr/bin/time is GNU time (BusyBox and BSD time lack -f/-o). */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
  }
  return gnuTime;
}

export function peakRssMethod(): string {
  return hasGnuTime() ? 'GNU time %M (wait4 rusage)' : '/proc/<pid>/status VmHWM polling';
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // the process has exited
  }
}

/** Runs `cmd args`, resolves with timing, or rejects with its stderr when it exits non-zero. */
export async function measure(cmd: string, args: string[], opts: RunOptions = {}): Promise<Measurement> {
  const useTime = hasGnuTime();
  const tmp = useTime ? mkdtempSync(join(tmpdir(), 'redb-bench-time-')) : '';
  const timeFile = join(tmp, 'rss');
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let polledKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        const kb = child.pid === undefined ? null : vmHwmKb(child.pid);
        if (kb !== null && kb > polledKb) polledKb = kb;
      }, 10);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (poll) clearInterval(poll);
  let peakKb: number | null = polledKb || null;
  if (useTime) {
    // GNU time writes "Command exited with non-zero status N" before the figure; the last line is %M.
    const lines = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n') : [];
    const kb = Number(lines.at(-1));
    peakKb = Number.isFinite(kb) && kb > 0 ? kb : null;
    rmSync(tmp, { recursive: true, force: true });
  }
  if (code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${stderr.trim() || stdout.trim().slice(-2000)}`);
  }
  return { seconds, peakMB: peakKb === null ? null : peakKb / 1024, stdout, stderr };
}

/** Runs a command for setup (not measured); throws with its output when it fails. */
export function run(cmd: string, args: string[], opts: RunOptions & { input?: string } = {}): string {
  const r = spawnSync(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, input: opts.input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${(r.stderr || r.stdout).trim().slice(-4000)}`);
  return r.stdout;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
