/**
 * The snapshot: every replicated table copied into the target in key order, as upserts
 * (the stream that follows may deliver the same rows again), one checkpoint per batch in
 * the batch's transaction (scope `table:<id>`), so a stopped snapshot resumes where the
 * target says it stopped.
 */
import type { Adapter, Connection, DataSupport, PortableValue } from '../../../adapters/types.js';
import type { JobStore } from '../job-store.js';
import type { KeyPositions, StoredPosition } from '../positions.js';
import type { JobProgressEvent } from '../types.js';
import type { RowTransform } from './apply.js';
import { toTargetRow, type TablePair } from './target.js';

export const SNAPSHOT_BATCH = 5000;

export interface TableCheckpoint {
  /** The last source key copied, as ../positions.ts stores it (sealed when the key is masked). */
  after?: StoredPosition;
  rows: number;
  done?: boolean;
}

export const tableScope = (pair: TablePair) => `table:${pair.target.id}`;

export interface SnapshotRequest {
  job: string;
  source: { adapter: Adapter; conn: Connection };
  target: { conn: Connection; data: DataSupport };
  store: JobStore;
  pairs: readonly TablePair[];
  transform: RowTransform;
  /** How a table's resume position is stored: sealed for a table with a transformed key column (transform.ts). */
  positions: (pair: TablePair) => KeyPositions;
  /** Asked between batches: true stops the copy (its last batch committed). */
  shouldStop: () => Promise<boolean>;
  onProgress?: (e: JobProgressEvent) => void;
  onRows?: (table: string, rows: number) => void;
}

/** Copies what is not copied yet; false when stopped before the end. */
export async function runSnapshot(req: SnapshotRequest): Promise<boolean> {
  const read = req.source.adapter.data!;
  for (const pair of req.pairs) {
    const scope = tableScope(pair);
    const saved = await req.store.get(req.job, scope);
    const cp: TableCheckpoint = saved ? JSON.parse(saved) : { rows: 0 };
    if (cp.done) continue;
    const positions = req.positions(pair);
    let after = cp.after ? positions.decode(cp.after) : undefined;
    const columns = pair.columns.map((c) => c.source);
    const targetColumns = pair.columns.map((c) => c.target);
    const started = Date.now();
    for (;;) {
      if (await req.shouldStop()) return false;
      const batch = await read.readBatch(req.source.conn, { table: pair.source, columns }, after, SNAPSHOT_BATCH);
      const keyless = !pair.target.primaryKey?.columns.length;
      const rows = batch.rows.map((r) => {
        const row = toTargetRow(pair, req.transform(pair, Object.fromEntries(columns.map((c, i) => [c, r[i]]))));
        return targetColumns.map((c) => row[c] ?? null);
      });
      const done = batch.last === undefined || batch.rows.length < SNAPSHOT_BATCH;
      await req.target.conn.transaction(async () => {
        // a keyless table is read whole: it is replaced whole, never appended twice
        if (keyless) await req.target.data.truncate(req.target.conn, pair.target);
        if (rows.length) await (keyless ? req.target.data.insert : req.target.data.upsert).call(req.target.data, req.target.conn, { table: pair.target, columns: targetColumns }, rows);
        cp.rows += rows.length;
        if (batch.last) cp.after = positions.encode(batch.last);
        cp.done = done;
        await req.store.put(req.job, scope, JSON.stringify(cp));
      });
      after = batch.last ? [...batch.last] : after;
      req.onRows?.(pair.target.id, cp.rows);
      const secs = (Date.now() - started) / 1000;
      req.onProgress?.({ job: req.job, phase: 'snapshot', table: pair.target.id, rows: cp.rows, ...(secs > 0 ? { rowsPerSecond: Math.round(rows.length / secs) } : {}) });
      if (done) break;
    }
  }
  return true;
}

/** Replaces a (keyless) table on the target with every source row, in the caller's transaction. */
export async function recopyTable(req: Pick<SnapshotRequest, 'source' | 'target' | 'transform'>, pair: TablePair): Promise<void> {
  const columns = pair.columns.map((c) => c.source);
  const batch = await req.source.adapter.data!.readBatch(req.source.conn, { table: pair.source, columns }, undefined, Number.MAX_SAFE_INTEGER);
  const targetColumns = pair.columns.map((c) => c.target);
  const rows = batch.rows.map((r) => {
    const row = toTargetRow(pair, req.transform(pair, Object.fromEntries(columns.map((c, i) => [c, r[i]]))));
    return targetColumns.map((c) => row[c] ?? null);
  });
  await req.target.data.truncate(req.target.conn, pair.target);
  if (rows.length) await req.target.data.insert(req.target.conn, { table: pair.target, columns: targetColumns }, rows);
}
