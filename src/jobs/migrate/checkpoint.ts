/**
 * A table's copy position, kept in the target's job table (scope `table:<target id>`)
 * and written in the same transaction as the batch it accounts for: the key of the last
 * row copied (read on after it; encoded, and sealed when the key is masked, by
 * ../positions.ts), the rows so far, and how many chunks: one per batch, with its row
 * count and the digest of the rows written (checked again by the verification), each in
 * a scope of its own, so a batch writes a few bytes however long the table. No source value is
 * kept in plain text where a transform hides it from the target.
 */
import { RedbError } from '../../errors.js';
import type { JobStore } from '../job-store.js';
import type { StoredPosition } from '../positions.js';

export interface Chunk {
  readonly rows: number;
  /** values/digest.ts ChunkDigest of the rows as written; for a batch sent as canonical text, the decimal sum of its lines (values/line-sums.ts). */
  readonly digest: string;
}

export interface Checkpoint {
  /** The last source key copied, as positions.ts stores it (absent for a table without a primary key). */
  readonly after?: StoredPosition;
  readonly rows: number;
  /** Chunks recorded so far, each in a scope of its own (chunkScope): a batch adds one, never rewrites the others. */
  readonly chunks: number;
  /** Every row is copied. */
  readonly done?: boolean;
}

export const tableScope = (targetId: string) => `table:${targetId}`;
/** Zero-padded, so the scopes of a table's chunks sort in copy order. */
const chunkScope = (targetId: string, n: number) => `chunk:${targetId}:${String(n).padStart(9, '0')}`;

export async function readCheckpoint(store: JobStore, job: string, targetId: string): Promise<Checkpoint | undefined> {
  const v = await store.get(job, tableScope(targetId));
  const cp = v ? (JSON.parse(v) as Checkpoint) : undefined;
  if (cp && typeof cp.chunks !== 'number') throw new RedbError('E_JOB_STATE', `the copy of table ${targetId} was recorded by an older version of redb`, `cancel the job (redb job cancel ${job}) and run it again`);
  return cp;
}

/** Inside the caller's transaction, with the rows it accounts for (and their chunk, when one is recorded). */
export async function writeCheckpoint(store: JobStore, job: string, targetId: string, cp: Checkpoint, chunk?: Chunk): Promise<void> {
  if (chunk) await store.put(job, chunkScope(targetId, cp.chunks - 1), JSON.stringify(chunk));
  await store.put(job, tableScope(targetId), JSON.stringify(cp));
}

/** The chunks of a checkpoint, in copy order; `scopes` is the job's store read once (JobStore.all). */
export function checkpointChunks(scopes: ReadonlyMap<string, string>, targetId: string, cp: Checkpoint): Chunk[] {
  return Array.from({ length: cp.chunks }, (_v, n) => {
    const v = scopes.get(chunkScope(targetId, n));
    if (!v) throw new RedbError('E_VERIFY', `table ${targetId}: chunk ${n + 1} of ${cp.chunks} is not recorded on the target`, 'cancel the job (redb job cancel NAME) and run it again');
    return JSON.parse(v) as Chunk;
  });
}
