/**
 * Jobs on many machines (docs/jobs.md, "Workers"): `enqueueJob` puts a relationship's
 * job on a queue kept in an existing database by its adapter (`Adapter.queue`),
 * `runWorker` takes jobs from it. A queue entry holds the relationship's name and its
 * mode only: each machine resolves the databases and their secrets from its own copy of
 * the workspace.
 */
import type { Workspace } from '../../core/workspace.js';
import { usageError } from '../../errors.js';
import { getRelationship } from '../relationships.js';
import { openQueue } from './connect.js';
import { jobEndedAt } from './ended.js';
import { queueSettings, type QueueOptions } from './settings.js';

export { runWorker, type JobRunFn, type WorkerEvent, type WorkerEventKind, type WorkerOptions } from './worker.js';
export { queueSettings, type QueueOptions, type QueueSettings } from './settings.js';

export interface EnqueueOptions extends QueueOptions {
  /** A replication the worker keeps streaming until it is paused, cancelled or the worker stops (default: until caught up). */
  readonly follow?: boolean;
}

export interface Enqueued {
  /** The queue entry's id. */
  id: string;
  job: string;
  /** The entry's mode: `redb job run --follow` (true) or until caught up. */
  follow: boolean;
  /** False when the job was already queued or running: `id` is that entry's. */
  queued: boolean;
  /** Where, safe to print. */
  queue: string;
}

const modeOf = (follow: boolean) => (follow ? 'with --follow (streaming until paused or cancelled)' : 'until caught up (without --follow)');

/**
 * Puts the relationship's job on the queue at `queue` (a database URL or workspace
 * database name); a worker runs it. One entry per relationship at a time: while one is
 * queued, waiting for a retry or running, enqueuing again in its mode returns that one,
 * and in the other mode is refused (E_QUEUE_CONFLICT): the worker would run only one.
 */
export async function enqueueJob(ws: Workspace, name: string, queue: string, opts: EnqueueOptions = {}): Promise<Enqueued> {
  // a migration runs to its end whatever the mode: one mode, so no conflict between two
  const follow = getRelationship(ws, name).type === 'replication' && (opts.follow ?? false);
  const q = await openQueue(ws, queue, queueSettings(opts), false);
  try {
    // a job ended since its entry was queued (cancelled, say): that entry would be skipped, this request with it
    const entry = await q.handle.add(name, follow, await jobEndedAt(ws, name));
    if (entry.follow !== follow) {
      throw usageError(
        'E_QUEUE_CONFLICT',
        `job ${name} is already on the queue ${q.label} as ${entry.id}, to run ${modeOf(entry.follow)}: it cannot be queued to run ${modeOf(follow)} as well`,
        entry.follow
          ? `stop it with redb job pause ${name} (while a worker runs it) or redb job cancel ${name}, and queue it again once its worker has ended the entry`
          : `wait until that entry has run (redb job status ${name}), or cancel the job (redb job cancel ${name}), then queue it again`,
      );
    }
    return { id: entry.id, job: name, follow, queued: entry.added, queue: q.label };
  } finally {
    await q.handle.close();
  }
}
