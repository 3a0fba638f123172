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

/** A batch moved into the target (inside its transaction). */
interface Moved {
  readonly rows: number;
  readonly last?: readonly PortableValue[];
  /** Its digest as written (made in node, or the sums of a bulk batch's lines); none for an empty batch, or where the servers' checksums verify the table. */
  readonly chunk?: Chunk;
}

/**
 * The table's batches, each moved by `next()` inside the target transaction that records
 * it. In bulk (rows.ts: the engine's bulk format, canonical text) a batch streams from
 * the source into the target; value by value, the next batch is read (and converted) from the source while
 * this one is written to the target.
 */
function batches(ctx: CopyContext, p: TablePipeline, after: readonly PortableValue[] | undefined, keyed: boolean): { next(): Promise<Moved> } {
  const { source, target } = ctx;
  const bulk = p.bulk;
  if (bulk) {
    return {
      async next() {
        const moved = await bulk(source.conn, target.conn, after, ctx.batchRows);
        after = moved.last ?? after;
        return moved;
      },
    };
  }
  // each read is converted and digested as soon as it arrives, while the batch before it is written
  const read = (from: readonly PortableValue[] | undefined): Promise<Moved & { values: PortableValue[][] }> => {
    const batch = source.data.readBatch(source.conn, p.read, keyed ? from : undefined, ctx.batchRows).then((b) => {
      const values: PortableValue[][] = b.rows.map((r) => p.apply(r));
      // an empty batch (the end of the table) records no chunk, nor a batch the servers' checksums verify
      const chunk = values.length && !p.check ? { chunk: { rows: values.length, digest: new ChunkDigest(p.canon).add(values).hex() } } : {};
      return { values, rows: values.length, ...(b.last ? { last: b.last } : {}), ...chunk };
    });
    batch.catch(() => undefined); // awaited in next(); a failure of a read nobody awaits (a stop) is not unhandled
    return batch;
  };
  let pending = read(after);
  return {
    async next() {
      const { values, ...moved } = await pending;
      if (keyed && moved.rows === ctx.batchRows) pending = read(moved.last);
      if (values.length) await target.data.insert(target.conn, p.write, values);
      return moved;
    },
  };
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
  const table = batches(ctx, p, cp?.after ? ctx.positions.decode(cp.after) : undefined, keyed);
  for (let n = 0; ; n++) {
    const stop = await ctx.stopRequested();
    if (stop) return stop;
    const before = cp;
    const next = await ctx.target.conn.transaction(async () => {
      if (!before) await ctx.target.data.truncate(ctx.target.conn, p.mapping.target);
      const batch = await table.next();
      const done = !keyed || batch.rows < ctx.batchRows;
      const next: Checkpoint = {
        ...(batch.last ? { after: ctx.positions.encode(batch.last) } : before?.after ? { after: before.after } : {}),
        rows: (before?.rows ?? 0) + batch.rows,
        chunks: (before?.chunks ?? 0) + (batch.chunk ? 1 : 0),
        ...(done ? { done: true } : {}),
      };
      await writeCheckpoint(ctx.store, ctx.job, targetId, next, batch.chunk);
      if (done || n % STATE_EVERY === STATE_EVERY - 1) await ctx.saveState(targetId, next.rows, done);
      return next;
    });
    copiedNow += next.rows - (cp?.rows ?? 0);
    cp = next;
    progress(next.rows);
    if (next.done) return 'done';
  }
}
