/**
 * A worker: takes jobs from the queue one lease at a time and runs them with the same
 * runner as `redb job run`, so a job resumes from the target's checkpoints whichever
 * machine ran it before. The target's job lock (E_JOB_RUNNING), not the queue, is what
 * guarantees one runner per job: the queue only decides who tries next. An entry queued
 * with `follow` keeps its replication streaming until it is paused or cancelled (the
 * entry completes) or the worker stops (it goes back): its lease is renewed all along.
 */
import type { QueueEntry } from '../../../adapters/types.js';
import { redactText } from '../../config/url-secrets.js';
import { runJob } from '../../core/jobs.js';
import type { Workspace } from '../../core/workspace.js';
import { RedbError, usageError } from '../../errors.js';
import { defaultRunner } from '../state.js';
import type { JobOutcome, JobProgressEvent, RunJobOptions } from '../types.js';
import { openQueue, type OpenQueue } from './connect.js';
import { jobEndedAt } from './ended.js';
import { queueSettings, type QueueOptions, type QueueSettings } from './settings.js';

export type WorkerEventKind =
  /** The worker is connected and takes jobs. */
  | 'ready'
  | 'started'
  | 'progress'
  /** The job ended done, or paused or cancelled on request: its queue entry is complete. */
  | 'finished'
  /** The job failed: the queue hands it out again per the retry policy. */
  | 'failed'
  /** Another runner holds the job's lock: the entry goes back to the queue for later, no retry spent. */
  | 'waiting'
  /** The worker is stopping: the job paused at a checkpoint and its entry went back to the queue. */
  | 'released'
  /** Nothing to run: the job ended on its target after it was queued (done or cancelled), or refuses to run in its state (E_JOB_STATE). */
  | 'skipped'
  /** The lease could not be renewed (queue unreachable or expired): another worker may be handed the job; once lost, the job pauses and is `released`. */
  | 'lease-lost'
  /** An error of the worker itself (the queue unreachable); it keeps trying. */
  | 'error'
  | 'stopping'
  | 'stopped';

export interface WorkerEvent {
  kind: WorkerEventKind;
  /** The relationship's name; empty for events of the worker itself (ready, error, stopping, stopped). */
  job: string;
  /** The queue entry's id. */
  queueId?: string;
  message?: string;
  progress?: JobProgressEvent;
}

export type JobRunFn = (ws: Workspace, name: string, opts: RunJobOptions) => Promise<JobOutcome>;

export interface WorkerOptions extends QueueOptions {
  /** Stops the worker: no more fetching, running jobs pause at a checkpoint and go back to the queue. */
  readonly signal?: AbortSignal;
  /** Jobs this worker runs at once (default 1). */
  readonly concurrency?: number;
  /** Written into the job's state as its runner (default `host:pid`). */
  readonly workerId?: string;
  /** Runs one job (default `runJob`); for embedding redb with a runner of one's own. */
  readonly run?: JobRunFn;
  readonly onEvent?: (event: WorkerEvent) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Failed renewals in a row (one every third of a lease) after which the lease counts as lost. */
const MAX_FAILED_RENEWALS = 3;

const errorOf = (err: unknown) => ({
  code: err instanceof RedbError ? err.code : 'E_INTERNAL',
  message: redactText(err instanceof Error ? err.message : String(err)),
});

/** Runs queued jobs until `signal` aborts, then pauses what runs and stops. */
export async function runWorker(ws: Workspace, queue: string, opts: WorkerOptions = {}): Promise<void> {
  const settings = queueSettings(opts);
  const concurrency = opts.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw usageError('E_QUEUE_OPTION', `concurrency must be a whole number of at least 1 (got ${concurrency})`, 'run one job at a time with 1, the default');
  const emit = (e: WorkerEvent) => {
    try {
      opts.onEvent?.(e);
    } catch {
      /* a listener's failure must not stop the worker */
    }
  };
  const q = await openQueue(ws, queue, settings, true, (err) => emit({ kind: 'error', job: '', message: err.message }));
  const worker = { ws, q, settings, emit, signal: opts.signal, runner: opts.workerId ?? defaultRunner(), run: opts.run ?? runJob };
  emit({ kind: 'ready', job: '', message: `taking jobs from ${q.label} as ${worker.runner}` });

  const running = new Set<Promise<void>>();
  const stopped = new Promise<void>((resolve) => (opts.signal?.aborted ? resolve() : opts.signal?.addEventListener('abort', () => resolve(), { once: true })));
  while (!opts.signal?.aborted) {
    if (running.size >= concurrency) {
      await Promise.race([stopped, ...running]);
      continue;
    }
    let entry: QueueEntry | undefined;
    try {
      entry = await q.handle.take();
    } catch (err) {
      emit({ kind: 'error', job: '', message: `cannot take a job from ${q.label}: ${errorOf(err).message}` });
      await sleep(settings.pollSeconds * 1000, opts.signal);
      continue;
    }
    if (!entry) {
      await sleep(settings.pollSeconds * 1000, opts.signal);
      continue;
    }
    if (opts.signal?.aborted) {
      // stopped while taking it: the entry goes back untouched (else its lease would have to run out)
      await q.handle.giveBack(entry.id, 0).catch(() => {});
      break;
    }
    const p: Promise<void> = handle(worker, entry).finally(() => running.delete(p));
    running.add(p);
  }
  emit({ kind: 'stopping', job: '', message: running.size ? `pausing ${running.size} running job(s) at a checkpoint` : undefined });
  await Promise.allSettled(running);
  await q.handle.close(true);
  emit({ kind: 'stopped', job: '' });
}

interface Worker {
  ws: Workspace;
  q: OpenQueue;
  settings: QueueSettings;
  emit: (e: WorkerEvent) => void;
  signal?: AbortSignal;
  runner: string;
  run: JobRunFn;
}

/** One queue entry, from its lease to complete, fail or give back; never throws. */
async function handle(w: Worker, entry: QueueEntry): Promise<void> {
  const queue = w.q.handle;
  const { leaseSeconds, retryDelaySeconds } = w.settings;
  const name = entry.key;
  const base = { job: name, queueId: entry.id };
  // the entry came with the enqueuer's lease; from now on it is this worker's
  let settled = false;
  const stop = new AbortController();
  // the lease is gone (renewal refused) or cannot be renewed for a whole lease: another
  // worker may be handed the entry, so the job pauses at a checkpoint and the entry goes back
  let leaseLost = false;
  let failedRenewals = 0;
  const loseLease = (message: string) => {
    w.emit({ ...base, kind: 'lease-lost', message });
    leaseLost = true;
    stop.abort();
  };
  const renew = async () => {
    try {
      const mine = await queue.renew(entry.id, leaseSeconds);
      failedRenewals = 0;
      if (!mine && !settled && !leaseLost) loseLease("the queue entry is no longer this worker's: pausing the job at a checkpoint");
    } catch (err) {
      if (settled || leaseLost) return;
      // renewals come every third of a lease: three failed in a row and the lease has run out
      if (++failedRenewals >= MAX_FAILED_RENEWALS) loseLease(`cannot renew the lease (${failedRenewals} tries): ${errorOf(err).message}; pausing the job at a checkpoint`);
      else w.emit({ ...base, kind: 'lease-lost', message: `cannot renew the lease: ${errorOf(err).message}` });
    }
  };
  await renew();
  const heartbeat = setInterval(() => void renew(), (leaseSeconds * 1000) / 3);
  // once the outcome is being recorded, a renewal that finds the entry gone is no news
  const settle = () => {
    settled = true;
    clearInterval(heartbeat);
  };
  const onStop = () => stop.abort();
  w.signal?.addEventListener('abort', onStop, { once: true });
  if (w.signal?.aborted) stop.abort();
  try {
    if (!name) {
      settle();
      await queue.fail(entry.id, { code: 'E_INTERNAL', message: 'the queue entry names no job' });
      w.emit({ ...base, kind: 'failed', message: 'the queue entry names no job' });
      return;
    }
    if (await endedSinceQueued(w.ws, name, entry.queuedAt)) {
      settle();
      await queue.complete(entry.id, { status: 'already-ended' });
      w.emit({ ...base, kind: 'skipped', message: 'the job ended after it was queued: nothing to run' });
      return;
    }
    const notes = [entry.follow && 'following: streaming until paused or cancelled', entry.retryCount && `delivery ${entry.retryCount + 1}`].filter(Boolean);
    w.emit({ ...base, kind: 'started', message: notes.length ? notes.join('; ') : undefined });
    const outcome = await w.run(w.ws, name, { signal: stop.signal, runner: w.runner, follow: entry.follow, onProgress: (progress) => w.emit({ ...base, kind: 'progress', progress }) });
    settle();
    if (outcome.status === 'failed') {
      const error = outcome.state.error ?? { code: 'E_INTERNAL', message: `job ${name} failed without an error` };
      await queue.fail(entry.id, error);
      w.emit({ ...base, kind: 'failed', message: `${error.code}: ${redactText(error.message)}` });
    } else if (outcome.status === 'paused' && leaseLost) {
      // the entry may be another worker's by now: giving it back is a courtesy, not a must
      await queue.giveBack(entry.id, 0).catch(() => false);
      w.emit({ ...base, kind: 'released', message: 'lease lost: paused at a checkpoint and left to the queue' });
    } else if (outcome.status === 'paused' && stop.signal.aborted) {
      // paused because this worker stops, not because someone asked: another worker continues it
      await queue.giveBack(entry.id, 0);
      w.emit({ ...base, kind: 'released', message: 'paused at a checkpoint and put back in the queue' });
    } else {
      await queue.complete(entry.id, { status: outcome.status });
      w.emit({ ...base, kind: 'finished', message: outcome.status });
    }
  } catch (err) {
    settle();
    const error = errorOf(err);
    try {
      if (error.code === 'E_JOB_RUNNING') {
        await queue.giveBack(entry.id, retryDelaySeconds);
        w.emit({ ...base, kind: 'waiting', message: `${error.message}; queued again in ${retryDelaySeconds}s` });
      } else if (error.code === 'E_JOB_STATE') {
        // the job refuses to run in its state (a migration already done): a retry would be refused the same way
        await queue.complete(entry.id, { status: 'refused', error });
        w.emit({ ...base, kind: 'skipped', message: error.message });
      } else {
        await queue.fail(entry.id, error);
        w.emit({ ...base, kind: 'failed', message: `${error.code}: ${error.message}` });
      }
    } catch (queueErr) {
      // the lease runs out and the entry is handed out again
      w.emit({ ...base, kind: 'error', message: `cannot record the outcome in the queue: ${errorOf(queueErr).message}` });
    }
  } finally {
    settle();
    w.signal?.removeEventListener('abort', onStop);
  }
}

/**
 * Whether the job is done or cancelled on its target since the entry was queued: a
 * delivery after a worker finished but died before completing the entry, or a
 * `redb job cancel` of a queued job. Compares the runner's clock with the queue
 * server's: machines are assumed to keep time (NTP) within a run's length.
 */
async function endedSinceQueued(ws: Workspace, name: string, queuedAt: Date): Promise<boolean> {
  const ended = await jobEndedAt(ws, name);
  return ended !== undefined && ended.getTime() > queuedAt.getTime();
}
