/**
 * PostgreSQL → PostgreSQL copies as COPY output (DataSupport.raw): a batch is read with
 * `COPY (SELECT … ORDER BY key LIMIT n) TO STDOUT` and written with `COPY … FROM STDIN`
 * without a value being parsed in between, as `pg_dump -a | psql` moves rows. The format
 * is binary where data-raw-binary.ts finds it safe, else text; only the last row is
 * split, for the key to read on after. The text forms the source prints
 * (timestamps with their offset, hex bytea, exact floats: settleOutput) are read back
 * unchanged by the target's input functions, whatever its session settings.
 *
 * The verification's checksums are the servers' own (data-raw-checksum.ts): one pass
 * over the table on each side; per chunk of rows in key order (a window over the key,
 * twice the cost) only to locate a difference.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Connection, DataTable, PortableValue, RawBatch, RawData } from '../types.js';
import { withServerClient } from './connect.js';
import { identList, qualified } from './ddl/quote.js';
import { copyStreams, field } from './data-copy-out.js';
import { dataWriteError } from './data-errors.js';
import { binaryRowsAndLastKey, rawLayout } from './data-raw-binary.js';
import { checksumKinds, checksums } from './data-raw-checksum.js';
import { keyOrderQuery, settleOutput } from './data-read.js';
import { pgliteOf } from './session.js';

const NEWLINE = 0x0a;

function keyAt(t: DataTable): number[] {
  const key = t.table.primaryKey?.columns ?? [];
  const at = key.map((k) => t.columns.indexOf(k));
  if (!key.length || at.includes(-1)) throw new Error(`internal: a raw copy of ${t.table.id} needs its key among the columns moved`);
  return at;
}

/** The COPY output of a query, whole. */
async function copyOutBytes(conn: Connection, sql: string, options: string): Promise<Buffer> {
  const server = withServerClient(conn, async (client) => {
    const { to } = await copyStreams();
    const parts: Buffer[] = [];
    for await (const chunk of client.query(to(`COPY (${sql}) TO STDOUT${options}`)) as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts);
  });
  if (server) return server;
  const pglite = pgliteOf(conn);
  if (!pglite) throw new Error('internal: a raw copy needs a PostgreSQL server or PGlite connection');
  const { blob } = await pglite.query(`COPY (${sql}) TO '/dev/blob'${options}`);
  return blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0);
}

/** Lines in COPY text: one per row, an embedded newline is spelled `\n`. */
function countLines(data: Buffer): number {
  let n = 0;
  for (let i = data.indexOf(NEWLINE); i !== -1; i = data.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

async function readRaw(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<RawBatch> {
  const at = keyAt(t);
  await settleOutput(conn);
  const layout = await rawLayout(conn, t);
  const query = keyOrderQuery(t.table, identList(t.columns), after, limit);
  if (layout.format === 'binary') {
    const data = await copyOutBytes(conn, query, ' (FORMAT binary)');
    return { data, format: 'binary', ...binaryRowsAndLastKey(data, at, layout.keyDecoders) };
  }
  const data = await copyOutBytes(conn, query, '');
  const rows = countLines(data);
  if (rows === 0) return { data, rows };
  const start = data.lastIndexOf(NEWLINE, data.length - 2) + 1;
  const fields = data.toString('utf8', start, data.length - 1).split('\t');
  return { data, rows, last: at.map((i) => field(fields[i])) };
}

async function insertRaw(conn: Connection, t: DataTable, batch: RawBatch): Promise<void> {
  if (batch.rows === 0) return;
  const sql = `COPY ${qualified(t.table.schema, t.table.name)} (${identList(t.columns)}) FROM`;
  const options = batch.format === 'binary' ? ' (FORMAT binary)' : '';
  try {
    const server = withServerClient(conn, async (client) => {
      const { from } = await copyStreams();
      await pipeline(Readable.from([batch.data]), client.query(from(`${sql} STDIN${options}`)));
    });
    if (server) return await server;
    const pglite = pgliteOf(conn);
    if (!pglite) throw new Error('internal: a raw copy needs a PostgreSQL server or PGlite connection');
    await pglite.query(`${sql} '/dev/blob'${options}`, [], { blob: new Blob([new Uint8Array(batch.data)]) });
  } catch (err) {
    throw dataWriteError(err, t.table, t.columns, 'insert into');
  }
}

export const postgresRawData: RawData = { readBatch: readRaw, insert: insertRaw, checksumKinds, checksums };
