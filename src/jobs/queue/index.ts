// PLACEHOLDER: replaced by the queue (helper "queue")
import { RedbError } from '../../errors.js';
import type { Workspace } from '../../core/workspace.js';
import type { JobProgressEvent } from '../types.js';

export interface WorkerOptions {
  readonly signal?: AbortSignal;
  /** Jobs this worker runs at once (default 1). */
  readonly concurrency?: number;
  readonly onEvent?: (event: { kind: 'started' | 'finished' | 'failed' | 'progress'; job: string; message?: string; progress?: JobProgressEvent }) => void;
}

/** Puts the relationship's job on the queue at `queueUrl` (a database URL or a workspace database name, on an engine whose adapter offers a queue); a worker runs it. */
export async function enqueueJob(_ws: Workspace, _name: string, _queue: string): Promise<{ id: string; job: string }> {
  throw new RedbError('E_UNSUPPORTED', 'queues are not built yet');
}

/** Runs queued jobs until `signal` aborts. */
export async function runWorker(_ws: Workspace, _queue: string, _opts: WorkerOptions = {}): Promise<void> {
  throw new RedbError('E_UNSUPPORTED', 'queues are not built yet');
}
