/**
 * The queue's place: a PostgreSQL database that already exists (a URL, or the name of a
 * workspace database), where pg-boss keeps its schema. pg-boss is a PostgreSQL library,
 * so this is the one place in src/ that requires that engine: redb does not run a
 * broker of its own, it borrows a database the user already operates.
 */
import PgBoss from 'pg-boss';
import { redactText, redactUrl } from '../../config/url-secrets.js';
import type { Workspace } from '../../core/workspace.js';
import { ExitCode, RedbError, usageError } from '../../errors.js';
import type { QueueSettings } from './settings.js';

/** The queue every redb job goes through; the job's relationship name is its singleton key. */
export const QUEUE_NAME = 'redb-jobs';

export interface QueuePlace {
  url: string;
  /** Safe to print: `database NAME` or the URL with its password masked. */
  label: string;
}

/** `queue` as given by the user: a URL when it has a scheme, else a workspace database. */
export async function resolveQueue(ws: Workspace, queue: string): Promise<QueuePlace> {
  if (!queue.trim()) throw usageError('E_QUEUE_URL', 'the queue is empty', 'give a PostgreSQL URL or the name of a workspace database (redb database list)');
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(queue);
  const url = isUrl ? queue : await ws.databaseUrl(queue);
  const label = isUrl ? redactUrl(queue) : `database ${queue} (${ws.displayUrl(queue)})`;
  // pg-boss speaks to a PostgreSQL server through pg: an embedded PGlite cannot be shared by machines
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw usageError('E_QUEUE_URL', `the queue ${label} is not on a PostgreSQL server${scheme ? ` (its scheme is ${scheme})` : ''}: the queue is pg-boss, which lives in PostgreSQL`, 'give a postgres:// URL or the name of a workspace database on a PostgreSQL server');
  }
  return { url, label };
}

export interface OpenQueue {
  boss: PgBoss;
  place: QueuePlace;
  close: (graceful?: boolean) => Promise<void>;
}

/**
 * Starts pg-boss on the queue database (creating or upgrading its schema, which pg-boss
 * serialises between processes) and makes sure the queue exists. `sweep`: this process
 * also returns expired leases to the queue (workers do; enqueuing does not).
 */
export async function openQueue(place: QueuePlace, settings: QueueSettings, sweep: boolean, onError: (err: Error) => void = () => {}): Promise<OpenQueue> {
  const boss = new PgBoss({
    connectionString: place.url,
    schema: settings.schema,
    application_name: 'redb-queue',
    max: 4,
    supervise: sweep,
    schedule: false,
    maintenanceIntervalSeconds: settings.sweepSeconds,
  });
  // pg-boss emits errors of its background work (a sweep that lost its connection); an
  // EventEmitter without a listener would throw them and end the process
  boss.on('error', (err) => onError(new Error(redactText(err.message))));
  try {
    await boss.start();
    await ensureQueue(boss, settings);
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new RedbError('E_CONNECT', `cannot use the queue at ${place.label}: ${redactText((err as Error).message)}`, 'check that the PostgreSQL server is up and the user may create the queue schema (or set REDB_QUEUE_SCHEMA)', ExitCode.unavailable);
  }
  return {
    boss,
    place,
    close: (graceful = true) => boss.stop({ graceful, wait: true, close: true, timeout: 10_000 }),
  };
}

/** Errors of two processes creating the queue at the same moment: the second one tries again. */
const RACE = new Set(['40P01', '23505', '42P07']);

async function ensureQueue(boss: PgBoss, settings: QueueSettings): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(QUEUE_NAME)) return;
      await boss.createQueue(QUEUE_NAME, {
        name: QUEUE_NAME,
        policy: 'standard',
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        expireInSeconds: settings.leaseSeconds,
      });
      return;
    } catch (err) {
      if (attempt >= 5 || !RACE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
