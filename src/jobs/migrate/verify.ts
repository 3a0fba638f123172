/**
 * After the copy: the source's row count against the target's, then the target read
 * back in key order, chunk by chunk (the row counts of the chunks recorded at copy
 * time), each chunk's canonical digest compared with the one recorded when it was
 * written. Digests are order-independent sums, so where the two engines order keys
 * differently (text collations, transformed keys) and chunks do not line up, the sum
 * over the table decides. A difference is E_VERIFY naming the table and the chunk's row
 * range in key order, never a value.
 */
import type { Connection, DataSupport, PortableValue } from '../../../adapters/types.js';
import { RedbError } from '../../errors.js';
import { ChunkDigest, sumDigests } from '../values/digest.js';
import type { Checkpoint } from './checkpoint.js';
import type { TablePipeline } from './rows.js';

export interface VerifyContext {
  readonly source: { readonly conn: Connection; readonly data: DataSupport };
  readonly target: { readonly conn: Connection; readonly data: DataSupport };
}

const verifyError = (what: string) =>
  new RedbError('E_VERIFY', what, 'the target does not hold what was copied: cancel the job (redb job cancel) and run it again; if the source was being written to during the copy, run it when it is not, or use a replication');

export async function verifyTable(ctx: VerifyContext, p: TablePipeline, cp: Checkpoint): Promise<{ rows: boolean; checksum: boolean }> {
  const { source, target } = p.mapping;
  const [inSource, inTarget] = [await ctx.source.data.count(ctx.source.conn, source), await ctx.target.data.count(ctx.target.conn, target)];
  if (inSource !== inTarget) throw verifyError(`table ${target.id} has ${inTarget} rows on the target and ${inSource} on the source`);
  if (inTarget !== cp.rows) throw verifyError(`table ${target.id} has ${inTarget} rows on the target, but ${cp.rows} were copied into it`);
  const keyed = (target.primaryKey?.columns.length ?? 0) > 0;
  const digests: string[] = [];
  let after: readonly PortableValue[] | undefined;
  let firstBad: number | undefined;
  let offset = 0;
  const bounds: [number, number][] = [];
  for (const [i, chunk] of cp.chunks.entries()) {
    const batch = keyed || i === 0 ? await ctx.target.data.readBatch(ctx.target.conn, p.write, after, chunk.rows) : { rows: [] };
    const digest = new ChunkDigest(p.canon).add(batch.rows).hex();
    digests.push(digest);
    bounds.push([offset + 1, offset + chunk.rows]);
    offset += chunk.rows;
    if (digest !== chunk.digest && firstBad === undefined) firstBad = i;
    after = batch.last;
  }
  if (firstBad !== undefined && sumDigests(digests) !== sumDigests(cp.chunks.map((c) => c.digest))) {
    const [from, to] = bounds[firstBad];
    throw verifyError(`table ${target.id}: chunk ${firstBad + 1} of ${cp.chunks.length} (rows ${from}–${to} in key order) differs from what was copied into it`);
  }
  return { rows: true, checksum: true };
}
