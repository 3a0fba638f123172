/**
 * After the copy: the source's row count against the target's, then the target read
 * back in key order, chunk by chunk (the row counts of the chunks recorded at copy
 * time), each chunk's canonical digest compared with the one recorded when it was
 * written. Digests are order-independent sums, so where the two engines order keys
 * differently (text collations, transformed keys) and chunks do not line up, the sum
 * over the table decides. A difference is E_VERIFY naming the table and the chunk's row
 * range in key order, never a value. A table copied in the engine's bulk format (rows.ts,
 * rawPath) is checked against the source itself: the two servers' checksums of the whole
 * table, and only where they differ per chunk in key order, to name the chunk.
 */
import type { Connection, DataSupport, PortableValue, RawData } from '../../../adapters/types.js';
import { RedbError } from '../../errors.js';
import { ChunkDigest, sumDigests } from '../values/digest.js';
import type { Checkpoint, Chunk } from './checkpoint.js';
import type { TablePipeline } from './rows.js';

export interface VerifyContext {
  readonly source: { readonly conn: Connection; readonly data: DataSupport };
  readonly target: { readonly conn: Connection; readonly data: DataSupport };
  /** Rows per chunk of a bulk-format table's checksums (the copy's batch size). */
  readonly chunkRows: number;
}

const verifyError = (what: string) =>
  new RedbError('E_VERIFY', what, 'the target does not hold what was copied: cancel the job (redb job cancel) and run it again; if the source was being written to during the copy, run it when it is not, or use a replication');

/** The first chunk that differs, unless the sums over the table agree (the two sides ordered keys differently). */
function chunkError(table: string, sizes: readonly number[], bad: number | undefined, totalsDiffer: boolean): RedbError | undefined {
  if (bad === undefined || !totalsDiffer) return undefined;
  const from = sizes.slice(0, bad).reduce((a, b) => a + b, 0) + 1;
  return verifyError(`table ${table}: chunk ${bad + 1} of ${sizes.length} (rows ${from}–${from + sizes[bad] - 1} in key order) differs from what was copied into it`);
}

const countOf = (c: string) => Number(c.split(':')[0]);

/**
 * A table copied in the bulk format: the two servers' checksums side by side, their counts
 * first; only when they differ, per chunk in key order (a costlier pass) to name where.
 */
async function verifyRaw(ctx: VerifyContext, p: TablePipeline & { raw: RawData }, copied: number): Promise<RedbError | undefined> {
  const [ours, theirs] = await Promise.all([p.raw.checksumKinds(ctx.source.conn), p.raw.checksumKinds(ctx.target.conn)]);
  const kind = ours.find((k) => theirs.includes(k));
  if (kind === undefined) throw new Error(`internal: the source computes checksums ${ours.join(', ')}, the target ${theirs.join(', ')}: none alike`);
  const both = (chunkRows?: number) => Promise.all([p.raw.checksums(ctx.source.conn, p.read, kind, chunkRows), p.raw.checksums(ctx.target.conn, p.write, kind, chunkRows)]);
  const [[inSource], [inTarget]] = await both();
  const table = p.write.table.id;
  const counts = countsDiffer(table, countOf(inSource), countOf(inTarget), copied);
  if (counts || inSource === inTarget) return counts;
  const [sourceChunks, targetChunks] = await both(ctx.chunkRows);
  const bad = targetChunks.findIndex((c, i) => c !== sourceChunks[i]);
  // every chunk alike, the tables not: the source changed between the two passes
  if (bad === -1) return verifyError(`table ${table}: its rows on the target differ from the source's (the source changed while they were compared)`);
  return chunkError(table, targetChunks.map(countOf), bad, true);
}

function countsDiffer(table: string, inSource: number, inTarget: number, copied: number): RedbError | undefined {
  if (inSource !== inTarget) return verifyError(`table ${table} has ${inTarget} rows on the target and ${inSource} on the source`);
  if (inTarget !== copied) return verifyError(`table ${table} has ${inTarget} rows on the target, but ${copied} were copied into it`);
  return undefined;
}

export async function verifyTable(ctx: VerifyContext, p: TablePipeline, cp: Checkpoint, chunks: readonly Chunk[]): Promise<{ rows: boolean; checksum: boolean }> {
  const { raw } = p;
  const err = raw ? await verifyRaw(ctx, { ...p, raw }, cp.rows) : await verifyDigests(ctx, p, cp.rows, chunks);
  if (err) throw err;
  return { rows: true, checksum: true };
}

/** The target read back chunk by chunk, each chunk's digest against the one recorded at copy time. */
async function verifyDigests(ctx: VerifyContext, p: TablePipeline, copied: number, chunks: readonly Chunk[]): Promise<RedbError | undefined> {
  const { source, target } = p.mapping;
  const counts = countsDiffer(target.id, await ctx.source.data.count(ctx.source.conn, source), await ctx.target.data.count(ctx.target.conn, target), copied);
  if (counts) return counts;
  const keyed = (target.primaryKey?.columns.length ?? 0) > 0;
  const digests: string[] = [];
  let after: readonly PortableValue[] | undefined;
  let firstBad: number | undefined;
  for (const [i, chunk] of chunks.entries()) {
    const batch = keyed || i === 0 ? await ctx.target.data.readBatch(ctx.target.conn, p.write, after, chunk.rows) : { rows: [] };
    const digest = new ChunkDigest(p.canon).add(batch.rows).hex();
    digests.push(digest);
    if (digest !== chunk.digest && firstBad === undefined) firstBad = i;
    after = batch.last;
  }
  const sizes = chunks.map((c) => c.rows);
  return chunkError(target.id, sizes, firstBad, sumDigests(digests) !== sumDigests(chunks.map((c) => c.digest)));
}
