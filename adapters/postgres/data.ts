/**
 * Rows in and out of PostgreSQL and PGlite (`Adapter.data`, the migration and replication
 * jobs of src/jobs/). Reading: data-read.ts; writing: data-write.ts; the text forms of
 * values: data-text.ts; the errors of a write: data-errors.ts. The model's `table.schema`
 * is the real schema (namespaces kind `schemas`).
 */
import type { Connection, DataSupport } from '../types.js';
import type { Table } from '../../unified-model/index.js';
import { qualified, quoteIdent } from './ddl/quote.js';
import { countRows, readBatch, readKeys } from './data-read.js';
import { postgresRawData } from './data-raw.js';
import { postgresCanonical } from './data-canonical.js';
import { deleteKeys, insertRows, truncateTable, upsertRows } from './data-write.js';

/**
 * Moves each identity and serial counter of the table (the sequence `pg_get_serial_sequence`
 * finds for a column) past the largest value of its column (the smallest, for a
 * descending one), or back to its start when no row is past it, so the next row the
 * application inserts does not collide with a copied one.
 */
async function resetCounters(conn: Connection, table: Table): Promise<void> {
  const name = qualified(table.schema, table.name);
  const counters = await conn.query<{ col: string; seq: string }>(
    `SELECT a.attname AS col, pg_get_serial_sequence($1, a.attname) AS seq
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence($1, a.attname) IS NOT NULL ORDER BY a.attnum`,
    [name],
  );
  for (const { col, seq } of counters) {
    const c = quoteIdent(col);
    // setval(seq, v, true): the next value is v + increment; setval(seq, start, false): it is start
    await conn.query(
      `SELECT setval(s.seqrelid, CASE WHEN past THEN edge ELSE s.seqstart END, past)
         FROM pg_sequence s,
              LATERAL (SELECT CASE WHEN s.seqincrement > 0 THEN max(${c}) ELSE min(${c}) END::bigint AS edge FROM ${name}) m,
              LATERAL (SELECT COALESCE(CASE WHEN s.seqincrement > 0 THEN m.edge >= s.seqstart ELSE m.edge <= s.seqstart END, false) AS past) p
        WHERE s.seqrelid = $1::regclass`,
      [seq],
    );
  }
}

export const postgresData: DataSupport = {
  readBatch,
  readKeys,
  count: countRows,
  insert: insertRows,
  upsert: upsertRows,
  deleteKeys,
  truncate: truncateTable,
  resetCounters,
  raw: postgresRawData,
  canonical: postgresCanonical,
};
