/**
 * PostgreSQL → PostgreSQL copies as COPY output (DataSupport.raw): a batch is read with
 * `COPY (SELECT … ORDER BY key LIMIT n) TO STDOUT` and its bytes go on, as they arrive,
 * into `COPY … FROM STDIN` on the target, as `pg_dump -a | psql` moves rows: no value is
 * parsed, no batch is held (PGlite, which has no COPY streams, moves it whole). The
 * rows are counted and the last one's key read on the way (data-raw-framing.ts), for
 * the checkpoint. The format is binary where data-raw-binary.ts finds it safe, else
 * text; the text forms the source prints (timestamps with their offset, hex bytea, exact
 * floats: settleOutput) are read back unchanged by the target's input functions,
 * whatever its session settings.
 *
 * The verification's checksums are the servers' own (data-raw-checksum.ts): one pass
 * over the table on each side; per chunk of rows in key order (a window over the key,
 * twice the cost) only to locate a difference.
 */
import { pipeline } from 'node:stream/promises';
import type { Connection, DataTable, PortableValue, RawData } from '../types.js';
import { withServerClient } from './connect.js';
import { identList, qualified } from './ddl/quote.js';
import { copyStreams } from './data-copy-out.js';
import { dataWriteError } from './data-errors.js';
import { rawLayout } from './data-raw-binary.js';
import { checksumKinds, checksums } from './data-raw-checksum.js';
import { BinaryFraming, TextFraming, type RowFraming } from './data-raw-framing.js';
import { keyOrderQuery, settleOutput } from './data-read.js';
import { pgliteOf } from './session.js';

function keyAt(t: DataTable): number[] {
  const key = t.table.primaryKey?.columns ?? [];
  const at = key.map((k) => t.columns.indexOf(k));
  if (!key.length || at.includes(-1)) throw new Error(`internal: a raw copy of ${t.table.id} needs its key among the columns moved`);
  return at;
}

const pgliteNeeded = () => new Error('internal: a raw copy needs a PostgreSQL server or PGlite connection');

/** Hands `use` the COPY output of `sql` (a `COPY … TO` without its destination): streamed from a server, whole from PGlite. */
async function copyOut(conn: Connection, sql: string, options: string, use: (bytes: AsyncIterable<Buffer> | Iterable<Buffer>) => Promise<void>): Promise<void> {
  const server = withServerClient(conn, async (client) => {
    const { to } = await copyStreams();
    await use(client.query(to(`${sql} STDOUT${options}`)));
  });
  if (server) return server;
  const pglite = pgliteOf(conn);
  if (!pglite) throw pgliteNeeded();
  const { blob } = await pglite.query(`${sql} '/dev/blob'${options}`);
  await use([blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0)]);
}

/** Writes `bytes` through `sql` (a `COPY … FROM` without its source): streamed to a server, gathered for PGlite. */
export async function copyIn(conn: Connection, sql: string, options: string, bytes: AsyncIterable<Buffer>): Promise<void> {
  const server = withServerClient(conn, async (client) => {
    const { from } = await copyStreams();
    await pipeline(bytes, client.query(from(`${sql} STDIN${options}`)));
  });
  if (server) return server;
  const pglite = pgliteOf(conn);
  if (!pglite) throw pgliteNeeded();
  const parts: Buffer[] = [];
  for await (const b of bytes) parts.push(b);
  await pglite.query(`${sql} '/dev/blob'${options}`, [], { blob: new Blob([new Uint8Array(Buffer.concat(parts))]) });
}

/** The bytes as they pass, shown to the framing; a read error is marked as the source's. */
async function* framed(bytes: AsyncIterable<Buffer> | Iterable<Buffer>, framing: RowFraming, failed: { source?: unknown }): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of bytes) {
      framing.push(chunk);
      yield chunk;
    }
  } catch (err) {
    failed.source = err;
    throw err;
  }
}

async function copy(from: Connection, to: Connection, read: DataTable, write: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<{ rows: number; last?: PortableValue[] }> {
  const at = keyAt(read);
  await settleOutput(from);
  const layout = await rawLayout(from, read);
  const options = layout.format === 'binary' ? ' (FORMAT binary)' : '';
  const framing = layout.format === 'binary' ? new BinaryFraming(at, layout.keyDecoders) : new TextFraming(at);
  const source = `COPY (${keyOrderQuery(read.table, identList(read.columns), after, limit)}) TO`;
  const target = `COPY ${qualified(write.table.schema, write.table.name)} (${identList(write.columns)}) FROM`;
  const failed: { source?: unknown } = {};
  await copyOut(from, source, options, (bytes) => copyIn(to, target, options, framed(bytes, framing, failed))).catch((err: unknown) => {
    // the target's refusal names the table and column, never a value; the source's error is its own
    throw failed.source === err ? err : dataWriteError(err, write.table, write.columns, 'insert into');
  });
  const last = framing.lastKey();
  return { rows: framing.rows, ...(last ? { last } : {}) };
}

export const postgresRawData: RawData = { copy, checksumKinds, checksums };
