/**
 * The streaming phase: transactions from the source's change stream, batched (up to
 * BATCH_CHANGES changes or BATCH_MS), applied in ONE target transaction with the LSN
 * checkpoint (scope `lsn`), and acknowledged to the source only after that commit. A
 * crash anywhere redelivers from the last acknowledged position; the apply is idempotent
 * (apply.ts), so the target ends exactly equal to the source either way. Between the parts
 * of a large transaction nothing is checkpointed and the run is never caught up.
 */
import type { ChangeArtifacts, ChangeCapture, ChangeTransaction, Connection, DataSupport } from '../../../adapters/types.js';
import type { JobStore } from '../job-store.js';
import type { JobProgressEvent, JobRequest, ReplicationProgress } from '../types.js';
import { Batch, sourceId, type RowTransform } from './apply.js';
import type { TablePair } from './target.js';

export const BATCH_CHANGES = 5000;
export const BATCH_MS = 100;
export const LSN_SCOPE = 'lsn';
/** How often progress (lag, throughput) is written into the job's state. */
const PROGRESS_MS = 1000;
/** An idle stream checkpoints the source's position this often, so the source can free its log. */
const IDLE_CHECKPOINT_MS = 10_000;

export interface LsnCheckpoint {
  lsn: string;
  /** Source commit time of the last applied transaction (ms since the epoch). */
  commitTime?: number;
}

export interface StreamRequest {
  job: string;
  capture: ChangeCapture;
  source: { conn: Connection; url: string };
  artifacts: ChangeArtifacts;
  target: { conn: Connection; data: DataSupport };
  store: JobStore;
  pairs: ReadonlyMap<string, TablePair>;
  transform: RowTransform;
  follow: boolean;
  /** The target's checkpoint: the stream starts after it. */
  from?: string;
  progress: ReplicationProgress;
  /** Writes the job's state (inside the batch's transaction when called from one). */
  saveState: () => Promise<void>;
  /** A pause or cancel to obey now, if any (checked between batches). */
  stopRequest: () => Promise<JobRequest | undefined>;
  /** Columns of these source tables are missing on the target: deploy them, return the new pairs. */
  onSchemaChange: (tables: readonly string[]) => Promise<ReadonlyMap<string, TablePair>>;
  /** Replaces a table on the target with the source's rows now (inside the batch's transaction). */
  recopy: (pair: TablePair) => Promise<void>;
  onProgress?: (e: JobProgressEvent) => void;
}

export type StreamEnd = 'caught-up' | JobRequest;

/** Source tables of the transaction whose rows carry a column their target table lacks. */
function missingColumns(tx: ChangeTransaction, pairs: ReadonlyMap<string, TablePair>, known: Map<string, Set<string>>): string[] {
  const out = new Set<string>();
  for (const c of tx.changes) {
    if (c.op !== 'insert' && c.op !== 'update') continue;
    const id = sourceId(c.table);
    const pair = pairs.get(id);
    if (!pair) continue;
    let cols = known.get(id);
    if (!cols) known.set(id, (cols = new Set(pair.target.columns.map((x) => x.name))));
    for (const name of Object.keys(c.row)) if (!cols.has(name)) out.add(id);
  }
  return [...out];
}

export async function runStream(req: StreamRequest): Promise<StreamEnd> {
  const { capture, progress } = req;
  const goal = req.follow ? undefined : await capture.currentPosition(req.source.conn);
  const stream = await capture.open(req.source.url, req.artifacts, req.from);
  let pairs = req.pairs;
  let known = new Map<string, Set<string>>();
  let batch = new Batch(pairs);
  /** The last whole transaction in the batch (its position is the batch's checkpoint). */
  let last: ChangeTransaction | undefined;
  /** The batch holds changes (of whole transactions or of part of a large one). */
  let pending = false;
  /**
   * Parts of a large transaction were received, its last part (with its commit) not yet:
   * no position is a checkpoint now, and the run is not caught up. The source may already
   * have read past that commit, so a checkpoint there would skip the rest of it for good.
   */
  let open = false;
  let firstAt = 0;
  let lastProgress = 0;
  let lastIdleCheckpoint = Date.now();
  let lastStopCheck = 0;
  let idleStable = 0;
  let idlePosition: string | undefined;
  let rateWindow = { at: Date.now(), changes: 0 };
  const totals = progress.changes ?? { insert: 0, update: 0, delete: 0 };
  progress.changes = totals;

  const progressDue = () => Date.now() - lastProgress >= PROGRESS_MS;
  const updateProgress = async () => {
    const now = Date.now();
    const secs = (now - rateWindow.at) / 1000;
    if (secs >= 1) {
      progress.changesPerSecond = Math.round(rateWindow.changes / secs);
      rateWindow = { at: now, changes: 0 };
    }
    const head = stream.sourcePosition ?? (await capture.currentPosition(req.source.conn));
    if (progress.appliedLsn) progress.lagBytes = Math.max(0, capture.distance(head, progress.appliedLsn));
    lastProgress = now;
  };

  /**
   * Commits the batch with a checkpoint at `lsn`, then acknowledges it. Without `lsn` (the
   * batch holds only part of a large transaction) the checkpoint stays where it was: a
   * crash before the rest redelivers the whole transaction, applied again idempotently.
   */
  const commit = async (lsn: string | undefined, commitTime?: number) => {
    const b = batch;
    const due = progressDue();
    if (due) await updateProgress();
    await req.target.conn.transaction(async () => {
      if (b.size) await b.apply(req.target.conn, req.target.data, req.transform, req.recopy);
      if (lsn) {
        const cp: LsnCheckpoint = { lsn, ...(commitTime !== undefined ? { commitTime } : {}) };
        await req.store.put(req.job, LSN_SCOPE, JSON.stringify(cp));
        progress.appliedLsn = lsn;
      }
      if (due) await req.saveState();
    });
    // only now: what the source frees, the target holds for good
    if (lsn) await stream.acknowledge(lsn);
    totals.insert += b.counts.insert;
    totals.update += b.counts.update;
    totals.delete += b.counts.delete;
    rateWindow.changes += b.size;
    if (due) req.onProgress?.({ job: req.job, phase: 'streaming', replication: { ...progress } });
  };

  const reportProgress = async () => {
    await updateProgress();
    await req.saveState();
    req.onProgress?.({ job: req.job, phase: 'streaming', replication: { ...progress } });
  };

  const flush = async () => {
    if (!pending) return;
    if (last) progress.lagMs = Math.max(0, Date.now() - last.commitTime);
    await commit(last?.position, last?.commitTime);
    batch = new Batch(pairs);
    last = undefined;
    pending = false;
    firstAt = 0;
  };

  try {
    for (;;) {
      if (Date.now() - lastStopCheck >= 250) {
        lastStopCheck = Date.now();
        const stop = await req.stopRequest();
        if (stop) {
          await flush();
          return stop;
        }
      }
      const wait = pending ? Math.max(1, BATCH_MS - (Date.now() - firstAt)) : 200;
      const tx = await stream.next(wait);
      if (tx) {
        idleStable = 0;
        const missing = missingColumns(tx, pairs, known);
        if (missing.length) {
          // the source's schema moved on: the target gets the new columns before their values
          await flush();
          pairs = await req.onSchemaChange(missing);
          known = new Map();
          batch = new Batch(pairs);
        }
        for (const change of tx.changes) batch.add(change);
        open = tx.partial === true;
        if (!open) last = tx;
        pending = true;
        firstAt ||= Date.now();
        if (batch.size >= BATCH_CHANGES || Date.now() - firstAt >= BATCH_MS) await flush();
        continue;
      }
      if (pending) {
        await flush();
        continue;
      }
      if (open) {
        // waiting for the rest of a transaction: keep reporting, decide nothing
        idleStable = 0;
        if (progressDue()) await reportProgress();
        continue;
      }
      // idle: everything received is applied, and no transaction is open
      const at = stream.sourcePosition;
      const ahead = at && (!progress.appliedLsn || capture.distance(at, progress.appliedLsn) > 0);
      if (!req.follow) {
        idleStable = at === idlePosition ? idleStable + 1 : 0;
        idlePosition = at;
        // caught up: the source has read past where its log stood when the run began
        // (or has said the same position for a while: nothing more is coming)
        if (at && (capture.distance(at, goal!) >= 0 || idleStable >= 10)) {
          if (ahead) await commit(at);
          progress.lagMs = 0;
          await updateProgress();
          return 'caught-up';
        }
      } else if (ahead && Date.now() - lastIdleCheckpoint >= IDLE_CHECKPOINT_MS) {
        lastIdleCheckpoint = Date.now();
        await commit(at!);
      } else if (progressDue()) {
        progress.lagMs = 0;
        await reportProgress();
      }
    }
  } finally {
    await stream.close();
  }
}
