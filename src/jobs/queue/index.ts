/**
 * Jobs on many machines (docs/jobs.md, "Workers"): `enqueueJob` puts a relationship's
 * job on a pg-boss queue in an existing PostgreSQL database, `runWorker` takes jobs
 * from it. A queue entry holds the relationship's name only: each machine resolves the
 * databases and their secrets from its own copy of the workspace.
 */
import { RedbError } from '../../errors.js';
import { getRelationship } from '../relationships.js';
import type { Workspace } from '../../core/workspace.js';
import { withSingleton } from './boss-sql.js';
import { openQueue, QUEUE_NAME, resolveQueue } from './connect.js';
import { queueSettings, type QueueOptions } from './settings.js';

export { runWorker, type JobRunFn, type WorkerEvent, type WorkerEventKind, type WorkerOptions } from './worker.js';
export { queueSettings, type QueueOptions, type QueueSettings } from './settings.js';
export { QUEUE_NAME } from './connect.js';

export interface Enqueued {
  /** The queue entry's id (pg-boss job id). */
  id: string;
  job: string;
  /** False when the job was already queued or running: `id` is that entry's. */
  queued: boolean;
  /** Where, safe to print. */
  queue: string;
}

/**
 * Puts the relationship's job on the queue at `queue` (a PostgreSQL URL or workspace
 * database name); a worker runs it. One entry per relationship at a time: while one is
 * queued, waiting for a retry or running, enqueuing again returns that one.
 */
export async function enqueueJob(ws: Workspace, name: string, queue: string, opts: QueueOptions = {}): Promise<Enqueued> {
  getRelationship(ws, name);
  const settings = queueSettings(opts);
  const place = await resolveQueue(ws, queue);
  const q = await openQueue(place, settings, false);
  try {
    return await withSingleton(place.url, settings.schema, name, async (existing, db) => {
      if (existing) return { id: existing, job: name, queued: false, queue: place.label };
      const id = await q.boss.send(QUEUE_NAME, { job: name }, {
        singletonKey: name,
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        expireInSeconds: settings.leaseSeconds,
        db,
      });
      if (!id) throw new RedbError('E_INTERNAL', `pg-boss did not queue job ${name}`, 'a bug to report');
      return { id, job: name, queued: true, queue: place.label };
    });
  } finally {
    await q.close();
  }
}
