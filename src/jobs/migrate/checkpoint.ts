/**
 * A table's copy position, kept in the target's job table (scope `table:<target id>`)
 * and written in the same transaction as the batch it accounts for: the key of the last
 * row copied (read on after it), the rows so far, and one chunk per batch with the
 * digest of the rows written (checked again by the verification).
 */
import type { PortableValue } from '../../../adapters/types.js';
import type { JobStore } from '../job-store.js';

export interface Chunk {
  /** The source key of the chunk's last row (absent for a table without a primary key). */
  readonly upTo?: readonly PortableValue[];
  readonly rows: number;
  /** values/digest.ts ChunkDigest of the rows as written. */
  readonly digest: string;
}

export interface Checkpoint {
  readonly after?: readonly PortableValue[];
  readonly rows: number;
  readonly chunks: readonly Chunk[];
  /** Every row is copied. */
  readonly done?: boolean;
}

export const tableScope = (targetId: string) => `table:${targetId}`;

// keys may be binary: a Buffer is kept as hex, not as JSON's array of bytes
const encode = (_k: string, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data) ? { $hex: Buffer.from((v as { data: number[] }).data).toString('hex') } : v);
const decode = (_k: string, v: unknown) => (v && typeof v === 'object' && typeof (v as { $hex?: unknown }).$hex === 'string' ? Buffer.from((v as { $hex: string }).$hex, 'hex') : v);

export async function readCheckpoint(store: JobStore, job: string, targetId: string): Promise<Checkpoint | undefined> {
  const v = await store.get(job, tableScope(targetId));
  return v ? (JSON.parse(v, decode) as Checkpoint) : undefined;
}

/** Inside the caller's transaction, with the rows it accounts for. */
export async function writeCheckpoint(store: JobStore, job: string, targetId: string, cp: Checkpoint): Promise<void> {
  await store.put(job, tableScope(targetId), JSON.stringify(cp, encode));
}
