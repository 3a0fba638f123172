/**
 * Runs cases on N worker threads, each case with two databases from the
 * DatabasePool (given back after the case, whatever happened). The pool owns the time
 * limit: a case that runs over is ended by terminating its worker; its databases are
 * then dropped WITH (FORCE), which also ends its sessions and psql runs.
 */
import { Worker } from 'node:worker_threads';
import type { PairCase } from './cases.js';
import type { CaseJob } from './check.js';
import type { DatabasePool } from './databases.js';
import type { CaseResult, Phase } from './report.js';
import type { WorkerMessage } from './worker.js';

export interface PoolOptions {
  /** Where the databases of each case come from and go back to. */
  readonly databases: DatabasePool;
  readonly serverUrl: string;
  readonly jobs: number;
  readonly timeoutMs: number;
  /** The pg_dump binary for the cases' referee; none without it. */
  readonly pgDump?: string;
  /** Called with each result as it arrives (in completion order). */
  readonly onResult?: (r: CaseResult) => void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** The result of a case that did not finish in time (or whose worker died). */
function abandoned(c: PairCase, phase: Phase, reason: string, elapsedMs: number): CaseResult {
  const base = { id: c.id, source: c.source, warnings: [], timings: { [phase]: elapsedMs } };
  if (phase === 'load') return { ...base, status: 'skip', phase, reason: `load: ${reason}`, rollback: null };
  const rollbackOnly = phase === 'rollback-apply' || phase === 'rollback-verify';
  return { ...base, status: rollbackOnly ? 'pass' : 'fail', rollback: 'fail', phase, reason };
}

class Slot {
  private worker: Worker | undefined;

  /**
   * Runs one job; resolves with its result, or a failure on time-out or a crash of the
   * worker. `clean` is false when the case did not end on its own.
   */
  run(job: CaseJob, timeoutMs: number): Promise<{ result: CaseResult; clean: boolean }> {
    const worker = (this.worker ??= new Worker(WORKER_URL));
    const started = performance.now();
    let phase: Phase = 'load';
    return new Promise((resolve) => {
      const finish = (result: CaseResult, discard: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (discard) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve({ result, clean: !discard });
      };
      const elapsed = () => Math.round(performance.now() - started);
      const onMessage = (m: WorkerMessage) => {
        if (m.type === 'phase') phase = m.phase;
        else finish(m.result, false);
      };
      const onError = (err: Error) => finish(abandoned(job.case, phase, `worker crashed: ${err.message}`, elapsed()), true);
      const onExit = (code: number) => finish(abandoned(job.case, phase, `worker exited (${code})`, elapsed()), true);
      const timer = setTimeout(() => finish(abandoned(job.case, phase, `timeout after ${timeoutMs / 1000} s`, elapsed()), true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** A load that lost a race with another session creating the same cluster role: worth one more try. */
const ROLE_RACE = /pg_authid_rolname_index|role "[^"]*" already exists/;

/** Runs every case; results come back in the input order. */
export async function runPool(cases: readonly PairCase[], opts: PoolOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  const slots = Array.from({ length: Math.max(1, opts.jobs) }, () => new Slot());
  let next = 0;

  async function attempt(slot: Slot, c: PairCase): Promise<CaseResult> {
    const dbs: string[] = [];
    let clean = false;
    try {
      dbs.push(await opts.databases.acquire(), await opts.databases.acquire());
      const run = await slot.run({ case: c, serverUrl: opts.serverUrl, desiredDb: dbs[0], workDb: dbs[1], loadTimeoutMs: opts.timeoutMs, pgDump: opts.pgDump }, opts.timeoutMs);
      clean = run.clean;
      return run.result;
    } catch (err) {
      return { id: c.id, source: c.source, status: 'skip', phase: 'load', reason: `could not create the databases: ${(err as Error).message}`, rollback: null, warnings: [], timings: {} };
    } finally {
      for (const db of dbs) await opts.databases.release(db, clean);
    }
  }

  async function runOne(slot: Slot, c: PairCase): Promise<CaseResult> {
    const first = await attempt(slot, c);
    return first.status === 'skip' && ROLE_RACE.test(first.reason ?? '') ? attempt(slot, c) : first;
  }

  await Promise.all(
    slots.map(async (slot) => {
      while (next < cases.length) {
        const i = next++;
        results[i] = await runOne(slot, cases[i]);
        opts.onResult?.(results[i]);
      }
      await slot.close();
    }),
  );
  return results;
}
