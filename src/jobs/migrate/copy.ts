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
import { writeCheckpoint, type Checkpoint, type Chunk } from './checkpoint.js';
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

/** A batch read from the source, ready to be written. */
interface ReadBatch {
  readonly rows: number;
  readonly last?: readonly PortableValue[];
  /** Its digest as written; none for an empty or a bulk-format batch (the servers' checksums verify those). */
  readonly chunk?: Chunk;
  /** Writes it on the target's connection, inside the caller's transaction. */
  write(): Promise<void>;
}

/** The next batch: in the engine's bulk format when the table moves unchanged (rows.ts), else value by value. */
async function readBatch(ctx: CopyContext, p: TablePipeline, after: readonly PortableValue[] | undefined): Promise<ReadBatch> {
  const { source, target } = ctx;
  if (p.raw) {
    const raw = p.raw;
    const batch = await raw.readBatch(source.conn, p.read, after, ctx.batchRows);
    return { rows: batch.rows, ...(batch.last ? { last: batch.last } : {}), write: () => raw.insert(target.conn, p.write, batch) };
  }
  const batch = await source.data.readBatch(source.conn, p.read, after, ctx.batchRows);
  const rows: PortableValue[][] = batch.rows.map((r) => p.apply(r));
  // an empty batch (the end of the table) records no chunk
  const chunk = rows.length ? { chunk: { rows: rows.length, digest: new ChunkDigest(p.canon).add(rows).hex() } } : {};
  return { rows: rows.length, ...(batch.last ? { last: batch.last } : {}), ...chunk, write: () => target.data.insert(target.conn, p.write, rows) };
}

export async function copyTable(ctx: CopyContext, p: TablePipeline, start: Checkpoint | undefined, total: number): Promise<'done' | JobRequest> {
  const targetId = p.mapping.target.id;
  if (start?.done) return 'done';
  const began = Date.now();
  let copiedNow = 0;
  const progress = (rows: number) =>
    ctx.onProgress?.({ job: ctx.job, phase: 'copy', table: targetId, rows, total, rowsPerSecond: Math.round(copiedNow / Math.max((Date.now() - began) / 1000, 0.001)) });
  const keyed = (p.mapping.source.primaryKey?.columns.length ?? 0) > 0;
  let cp = start;
  // the next batch is read (and converted) from the source while this one is written to the target
  const read = (after: readonly PortableValue[] | undefined) => {
    const p2 = readBatch(ctx, p, keyed ? after : undefined);
    p2.catch(() => undefined); // awaited below; a failure of a read nobody awaits (a stop) is not unhandled
    return p2;
  };
  let pending = read(cp?.after ? ctx.positions.decode(cp.after) : undefined);
  for (let n = 0; ; n++) {
    const stop = await ctx.stopRequested();
    if (stop) return stop;
    const batch = await pending;
    const done = !keyed || batch.rows < ctx.batchRows;
    if (!done) pending = read(batch.last);
    const next: Checkpoint = {
      ...(batch.last ? { after: ctx.positions.encode(batch.last) } : cp?.after ? { after: cp.after } : {}),
      rows: (cp?.rows ?? 0) + batch.rows,
      chunks: (cp?.chunks ?? 0) + (batch.chunk ? 1 : 0),
      ...(done ? { done: true } : {}),
    };
    await ctx.target.conn.transaction(async () => {
      if (!cp) await ctx.target.data.truncate(ctx.target.conn, p.mapping.target);
      if (batch.rows) await batch.write();
      await writeCheckpoint(ctx.store, ctx.job, targetId, next, batch.chunk);
      if (done || n % STATE_EVERY === STATE_EVERY - 1) await ctx.saveState(targetId, next.rows, done);
    });
    cp = next;
    copiedNow += batch.rows;
    progress(next.rows);
    if (done) return 'done';
  }
}
