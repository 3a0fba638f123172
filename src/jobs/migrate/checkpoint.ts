/**
 * A table's copy position, kept in the target's job table (scope `table:<target id>`)
 * and written in the same transaction as the batch it accounts for: the key of the last
 * row copied (read on after it; encoded, and sealed when the key is masked, by
 * ../positions.ts), the rows so far, and one chunk per batch with its row count and the
 * digest of the rows written (checked again by the verification). No source value is
 * kept in plain text where a transform hides it from the target.
 */
import type { JobStore } from '../job-store.js';
import type { StoredPosition } from '../positions.js';

export interface Chunk {
  readonly rows: number;
  /** values/digest.ts ChunkDigest of the rows as written. */
  readonly digest: string;
}

export interface Checkpoint {
  /** The last source key copied, as positions.ts stores it (absent for a table without a primary key). */
  readonly after?: StoredPosition;
  readonly rows: number;
  readonly chunks: readonly Chunk[];
  /** Every row is copied. */
  readonly done?: boolean;
}

export const tableScope = (targetId: string) => `table:${targetId}`;

export async function readCheckpoint(store: JobStore, job: string, targetId: string): Promise<Checkpoint | undefined> {
  const v = await store.get(job, tableScope(targetId));
  return v ? (JSON.parse(v) as Checkpoint) : undefined;
}

/** Inside the caller's transaction, with the rows it accounts for. */
export async function writeCheckpoint(store: JobStore, job: string, targetId: string, cp: Checkpoint): Promise<void> {
  await store.put(job, tableScope(targetId), JSON.stringify(cp));
}
