/**
 * A worker thread that runs cases one at a time for the pool in run.ts. Running a
 * case in a worker lets the pool end it on a time limit even when it is stuck in
 * synchronous code (a planner loop), by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { runCase, type CaseJob } from './check.js';
import type { CaseResult, Phase } from './report.js';

export type WorkerMessage = { readonly type: 'phase'; readonly phase: Phase } | { readonly type: 'result'; readonly result: CaseResult };

if (!parentPort) throw new Error('worker.ts runs as a worker thread of run.ts');
const port = parentPort;

port.on('message', (job: CaseJob) => {
  void runCase(job, (phase) => port.postMessage({ type: 'phase', phase } satisfies WorkerMessage)).then((result) =>
    port.postMessage({ type: 'result', result } satisfies WorkerMessage),
  );
});
