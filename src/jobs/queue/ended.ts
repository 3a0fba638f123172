/**
 * When a job last ended — done or cancelled, as its target records it — for the queue to
 * tell an entry queued before that (which a worker skips: nothing to run) from a request
 * made after it (which must run).
 */
import { jobStatus } from '../../core/jobs.js';
import type { Workspace } from '../../core/workspace.js';

/** Undefined while the job has not ended, or its target cannot be read now (the runner reports that, with its own error). */
export async function jobEndedAt(ws: Workspace, name: string): Promise<Date | undefined> {
  const state = await jobStatus(ws, name).then((info) => info.state, () => undefined);
  if (!state || (state.status !== 'done' && state.status !== 'cancelled')) return undefined;
  const at = Date.parse(state.updatedAt);
  return Number.isNaN(at) ? undefined : new Date(at);
}
