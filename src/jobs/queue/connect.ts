/**
 * The queue's place: a database that already exists (a URL, or the name of a workspace
 * database) on an engine whose adapter keeps a queue (`Adapter.queue`). redb runs no
 * broker of its own: it borrows a database the user already operates and backs up.
 */
import { descriptorForUrl, loadAdapter } from '../../../adapters/registry.js';
import { ConnectError, type QueueHandle } from '../../../adapters/types.js';
import { redactText, redactUrl } from '../../config/url-secrets.js';
import type { Workspace } from '../../core/workspace.js';
import { ExitCode, RedbError, usageError } from '../../errors.js';
import type { QueueSettings } from './settings.js';

const WHERE = 'give the URL or the workspace name of a database on an engine that can hold the queue (docs/jobs.md, "Workers")';

export interface OpenQueue {
  handle: QueueHandle;
  /** Safe to print: `database NAME (URL)` or the URL, passwords masked. */
  label: string;
}

/**
 * Opens the queue `queue` names, creating its tables the first time. `sweep`: this
 * process also returns run-out leases to the queue (workers do; enqueuing does not).
 */
export async function openQueue(ws: Workspace, queue: string, settings: QueueSettings, sweep: boolean, onError: (err: Error) => void = () => {}): Promise<OpenQueue> {
  if (!queue.trim()) throw usageError('E_QUEUE_URL', 'the queue is empty', WHERE);
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(queue);
  const url = isUrl ? queue : await ws.databaseUrl(queue);
  const label = isUrl ? redactUrl(queue) : `database ${queue} (${ws.displayUrl(queue)})`;
  let adapter;
  try {
    adapter = await loadAdapter(descriptorForUrl(url));
  } catch (err) {
    throw usageError('E_QUEUE_URL', `the queue ${label} is not a database redb knows: ${redactText((err as Error).message)}`, WHERE);
  }
  if (!adapter.queue) throw usageError('E_QUEUE_URL', `the queue ${label} is a ${adapter.dialect} database, which cannot hold redb's queue`, WHERE);
  try {
    const handle = await adapter.queue.open(url, { ...settings, sweep, onError: (err) => onError(new Error(redactText(err.message))) });
    return { handle, label };
  } catch (err) {
    if (err instanceof ConnectError) throw usageError('E_QUEUE_URL', `the queue ${label} cannot be used: ${redactText(err.message)}`, err.hint);
    throw new RedbError('E_CONNECT', `cannot open the queue at ${label}: ${redactText((err as Error).message)}`, 'check that the server is up and that the user may create the queue\'s schema there (or pick another with REDB_QUEUE_SCHEMA)', ExitCode.unavailable);
  }
}
