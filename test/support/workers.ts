/**
 * `redb worker --json` processes for tests (the built binary, as a user runs it): the
 * events each printed so far, and a way to kill every one a test started even when the
 * test timed out (`afterEach(killWorkers)`: its `finally` may never run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { WorkerEvent } from '../../src/jobs/queue/index.js';
import { PROJECT_DIR } from './cli.js';

const BIN = `${PROJECT_DIR}bin/redb.js`;

/** Every worker started and not yet killed by `killWorkers`. */
const LIVE = new Set<WorkerProcess>();

/** SIGKILLs every worker still alive; for `afterEach`. */
export function killWorkers(): void {
  for (const w of LIVE) w.kill('SIGKILL');
  LIVE.clear();
}

/** A `redb worker --queue QUEUE --json` process in `workspace` with `env` added, and the events it printed so far. */
export class WorkerProcess {
  readonly events: WorkerEvent[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(workspace: string, queue: string, env: NodeJS.ProcessEnv = {}) {
    // without what vitest adds (NODE_ENV=test makes oclif print development warnings)
    const { NODE_ENV: _vitest, ...base } = process.env;
    this.child = spawn(process.execPath, [BIN, 'worker', '--queue', queue, '--json'], { env: { ...base, ...env, REDB_WORKSPACE: workspace, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        const e = JSON.parse(line) as WorkerEvent;
        // the last line is the command's result, not an event
        if (e.kind) this.events.push(e);
      } catch {
        /* not JSON */
      }
    });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    LIVE.add(this);
  }

  get pid(): number {
    return this.child.pid!;
  }
  /** Its runner id, as its `ready` event says (`taking jobs from … as HOST:PID`). */
  get id(): string | undefined {
    return this.events.find((e) => e.kind === 'ready')?.message?.split(' as ').at(-1);
  }
  /** The kinds of its events about `job`, progress left out. */
  kinds(job: string): string[] {
    return this.events.filter((e) => e.job === job && e.kind !== 'progress').map((e) => e.kind);
  }
  /** The most rows a progress event of `job` reported. */
  copied(job: string): number {
    return Math.max(0, ...this.events.filter((e) => e.job === job && e.kind === 'progress').map((e) => e.progress?.rows ?? 0));
  }
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
  describe(): string {
    return `worker ${this.pid} events:\n${this.events.map((e) => JSON.stringify(e)).join('\n')}\nstderr:\n${this.stderr}`;
  }
}

/** Waits until `probe` holds, polling every 50 ms; after `ms` fails with `what` and the `context` (the workers' events). */
export async function until(what: string, probe: () => boolean | Promise<boolean>, ms: number, context: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
