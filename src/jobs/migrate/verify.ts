/**
 * After the copy: the source's row count against the target's, then the target read
 * back in key order, chunk by chunk (the row counts of the chunks recorded at copy
 * time), each chunk's canonical digest compared with the one recorded when it was
 * written. Digests are order-independent sums, so where the two engines order keys
 * differently (text collations, transformed keys) and chunks do not line up, the sum
 * over the table decides. A difference is E_VERIFY naming the table and the chunk's row
 * range in key order, never a value. A table both servers checksum (rows.ts: the
 * engine's bulk format, canonical text) is checked against the source itself: the two
 * servers' checksums of the whole table, and only where they differ per chunk in key
 * order, to name the chunk; a table copied as canonical text, with the target server's
 * checksum against the sums of the lines sent (recorded in its chunks).
 */
import type { Connection, DataSupport, PortableValue } from '../../../adapters/types.js';
import { RedbError } from '../../errors.js';
import { ChunkDigest, sumDigests } from '../values/digest.js';
import type { Checkpoint, Chunk } from './checkpoint.js';
import type { ServerChecksums, TablePipeline } from './rows.js';

export interface VerifyContext {
  readonly source: { readonly conn: Connection; readonly data: DataSupport };
  readonly target: { readonly conn: Connection; readonly data: DataSupport };
  /** Rows per chunk of the servers' checksums (the copy's batch size). */
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
 * A table both servers checksum (TablePipeline.checksums): the two sides' checksums of
 * the whole table, their counts first; only when they differ, per chunk in key order (a
 * costlier pass) to name where.
 */
async function verifyByServers(ctx: VerifyContext, p: TablePipeline, checksums: ServerChecksums, copied: number): Promise<RedbError | undefined> {
  const [[inSource], [inTarget]] = await checksums(ctx.source.conn, ctx.target.conn);
  const table = p.write.table.id;
  const counts = countsDiffer(table, countOf(inSource), countOf(inTarget), copied);
  if (counts || inSource === inTarget) return counts;
  const [sourceChunks, targetChunks] = await checksums(ctx.source.conn, ctx.target.conn, ctx.chunkRows);
  const bad = targetChunks.findIndex((c, i) => c !== sourceChunks[i]);
  // every chunk alike, the tables not: the source changed between the two passes
  if (bad === -1) return verifyError(`table ${table}: its rows on the target differ from the source's (the source changed while they were compared)`);
  return chunkError(table, targetChunks.map(countOf), bad, true);
}

const DECIMAL = /^\d+$/;

/** The sum of a `count:sum` checksum, or of a chunk recorded with the sums of its lines. */
function sumOf(table: string, digits: string): bigint {
  if (!DECIMAL.test(digits)) throw new RedbError('E_VERIFY', `table ${table}: a chunk was recorded by another version of redb`, 'cancel the job (redb job cancel NAME) and run it again');
  return BigInt(digits);
}

/**
 * A table whose batches were sent with the sums of their lines: the target server's
 * checksum of what it holds against those sums, and the source's row count; only when
 * they differ, the target's per chunk in key order, to name where.
 */
async function verifyRecorded(ctx: VerifyContext, p: TablePipeline, target: (conn: Connection, chunkRows?: number) => Promise<string[]>, copied: number, chunks: readonly Chunk[]): Promise<RedbError | undefined> {
  const table = p.write.table.id;
  const [inSource, [inTarget]] = await Promise.all([ctx.source.data.count(ctx.source.conn, p.mapping.source), target(ctx.target.conn)]);
  const counts = countsDiffer(table, inSource, countOf(inTarget), copied);
  if (counts) return counts;
  const sent = chunks.reduce((a, c) => a + sumOf(table, c.digest), 0n);
  if (sumOf(table, inTarget.slice(inTarget.indexOf(':') + 1)) === sent) return undefined;
  const held = await target(ctx.target.conn, ctx.chunkRows);
  const bad = chunks.findIndex((c, i) => held[i] !== `${c.rows}:${c.digest}`);
  return chunkError(table, chunks.map((c) => c.rows), bad === -1 ? undefined : bad, true) ?? verifyError(`table ${table}: its rows on the target differ from what was copied into it`);
}

function countsDiffer(table: string, inSource: number, inTarget: number, copied: number): RedbError | undefined {
  if (inSource !== inTarget) return verifyError(`table ${table} has ${inTarget} rows on the target and ${inSource} on the source`);
  if (inTarget !== copied) return verifyError(`table ${table} has ${inTarget} rows on the target, but ${copied} were copied into it`);
  return undefined;
}

export async function verifyTable(ctx: VerifyContext, p: TablePipeline, cp: Checkpoint, chunks: readonly Chunk[]): Promise<{ rows: boolean; checksum: boolean }> {
  const { check } = p;
  const err = check?.against === 'source'
    ? await verifyByServers(ctx, p, check.checksums, cp.rows)
    : check?.against === 'recorded' ? await verifyRecorded(ctx, p, check.target, cp.rows, chunks) : await verifyDigests(ctx, p, cp.rows, chunks);
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
