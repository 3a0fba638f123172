/**
 * Jobs on many machines (docs/jobs.md, "Workers"): `enqueueJob` puts a relationship's
 * job on a queue kept in an existing database by its adapter (`Adapter.queue`),
 * `runWorker` takes jobs from it. A queue entry holds the relationship's name only:
 * each machine resolves the databases and their secrets from its own copy of the
 * workspace.
 */
import type { Workspace } from '../../core/workspace.js';
import { getRelationship } from '../relationships.js';
import { openQueue } from './connect.js';
import { queueSettings, type QueueOptions } from './settings.js';

export { runWorker, type JobRunFn, type WorkerEvent, type WorkerEventKind, type WorkerOptions } from './worker.js';
export { queueSettings, type QueueOptions, type QueueSettings } from './settings.js';

export interface Enqueued {
  /** The queue entry's id. */
  id: string;
  job: string;
  /** False when the job was already queued or running: `id` is that entry's. */
  queued: boolean;
  /** Where, safe to print. */
  queue: string;
}

/**
 * Puts the relationship's job on the queue at `queue` (a database URL or workspace
 * database name); a worker runs it. One entry per relationship at a time: while one is
 * queued, waiting for a retry or running, enqueuing again returns that one.
 */
export async function enqueueJob(ws: Workspace, name: string, queue: string, opts: QueueOptions = {}): Promise<Enqueued> {
  getRelationship(ws, name);
  const q = await openQueue(ws, queue, queueSettings(opts), false);
  try {
    const { id, added } = await q.handle.add(name);
    return { id, job: name, queued: added, queue: q.label };
  } finally {
    await q.handle.close();
  }
}
