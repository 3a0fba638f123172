/**
 * The copy of one table: batches read in primary-key order after the checkpoint, each
 * converted and transformed (rows.ts), then written with its checkpoint in ONE target
 * transaction. A table without a checkpoint is emptied in its first batch's
 * transaction, so a run from the start never duplicates; a table without a primary key
 * is copied whole in one batch held in memory, in one transaction (it cannot be resumed
 * part-way). Positions are encoded (sealed for a masked key) by ../positions.ts.
 */
import type { Connection, DataSupport, PortableValue } from '../../../adapters/types.js';
import type { JobStore } from '../job-store.js';
import type { JobProgressEvent, JobRequest } from '../types.js';
import type { KeyPositions } from '../positions.js';
import { ChunkDigest } from '../values/digest.js';
import { writeCheckpoint, type Checkpoint } from './checkpoint.js';
import type { TablePipeline } from './rows.js';

export interface CopyContext {
  readonly job: string;
  readonly source: { readonly conn: Connection; readonly data: DataSupport };
  readonly target: { readonly conn: Connection; readonly data: DataSupport };
  readonly store: JobStore;
  readonly batchRows: number;
  /** How the table's resume position is stored (sealed when its key is transformed). */
  readonly positions: KeyPositions;
  /** A pause or cancel asked for (request or signal), looked at between two batches. */
  readonly stopRequested: () => Promise<JobRequest | undefined>;
  /** Writes the job's state; called inside a batch's transaction every few batches. */
  readonly saveState: (table: string, rows: number, done: boolean) => Promise<void>;
  readonly onProgress?: (e: JobProgressEvent) => void;
}

/** Batches between two state writes (the checkpoint is written with every batch). */
const STATE_EVERY = 10;

export async function copyTable(ctx: CopyContext, p: TablePipeline, start: Checkpoint | undefined, total: number): Promise<'done' | JobRequest> {
  const targetId = p.mapping.target.id;
  if (start?.done) return 'done';
  const began = Date.now();
  let copiedNow = 0;
  const progress = (rows: number) =>
    ctx.onProgress?.({ job: ctx.job, phase: 'copy', table: targetId, rows, total, rowsPerSecond: Math.round(copiedNow / Math.max((Date.now() - began) / 1000, 0.001)) });
  const keyed = (p.mapping.source.primaryKey?.columns.length ?? 0) > 0;
  let cp = start;
  // the next batch is read from the source while this one is written to the target
  const read = (after: readonly PortableValue[] | undefined) => {
    const p2 = ctx.source.data.readBatch(ctx.source.conn, p.read, keyed ? after : undefined, ctx.batchRows);
    p2.catch(() => undefined); // awaited below; a failure of a read nobody awaits (a stop) is not unhandled
    return p2;
  };
  let pending = read(cp?.after ? ctx.positions.decode(cp.after) : undefined);
  for (let n = 0; ; n++) {
    const stop = await ctx.stopRequested();
    if (stop) return stop;
    const batch = await pending;
    const rows: PortableValue[][] = batch.rows.map((r) => p.apply(r));
    const chunk = { rows: rows.length, digest: new ChunkDigest(p.canon).add(rows).hex() };
    const done = !keyed || batch.rows.length < ctx.batchRows;
    if (!done) pending = read(batch.last);
    const next: Checkpoint = {
      ...(batch.last ? { after: ctx.positions.encode(batch.last) } : cp?.after ? { after: cp.after } : {}),
      rows: (cp?.rows ?? 0) + rows.length,
      chunks: rows.length ? [...(cp?.chunks ?? []), chunk] : cp?.chunks ?? [],
      ...(done ? { done: true } : {}),
    };
    await ctx.target.conn.transaction(async () => {
      if (!cp) await ctx.target.data.truncate(ctx.target.conn, p.mapping.target);
      if (rows.length) await ctx.target.data.insert(ctx.target.conn, p.write, rows);
      await writeCheckpoint(ctx.store, ctx.job, targetId, next);
      if (done || n % STATE_EVERY === STATE_EVERY - 1) await ctx.saveState(targetId, next.rows, done);
    });
    cp = next;
    copiedNow += rows.length;
    progress(next.rows);
    if (done) return 'done';
  }
}
