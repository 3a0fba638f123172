/**
 * The verification's checksums of a bulk-format copy (RawData.checksums): the row count
 * and the sum of a 64-bit hash of every row, computed by the server in one pass.
 *
 * Two kinds, and both sides of a copy use the first they share (checksumKinds):
 * - `record` (PostgreSQL 14+): hash_record_extended over the row, each column hashed by
 *   its type's own hash function where that hash is a function of the stored value
 *   (IDENTITY_HASHED: integers, text in the "C" collation, bytea, uuid, dates and
 *   timestamps …), and through its exact text where the type hashes by equality
 *   (`numeric` 1.0 = 1.00, `interval` 1 day = 24 hours, float -0 = 0, `jsonb`), has no
 *   hash (`json`, `point`) or is the user's (an enum hashes its OID, which differs
 *   between databases). A quarter of the time of `text`, which prints every column.
 * - `text`: hashtextextended over the row's text (the exact, UTC forms readBatch reads).
 */
import type { Connection, DataTable } from '../types.js';
import { qualified, quoteIdent } from './ddl/quote.js';
import { columnTypes, isBuiltIn, type ColumnType } from './data-raw-binary.js';
import { columnOf, inUtc, readExpression, settleOutput } from './data-read.js';
import { majorVersion } from './session.js';

/** Built-in types whose hash is a function of the value as stored: equal hashes mean the same bytes, but for a collision. */
const IDENTITY_HASHED = new Set([
  'int2', 'int4', 'int8', 'oid', 'bool', 'char', 'bytea', 'uuid',
  'date', 'time', 'timestamp', 'timestamptz', 'money', 'macaddr', 'macaddr8', 'inet', 'cidr',
]);

/** Text types: hashed in the "C" collation, byte for byte (a nondeterministic collation hashes 'a' and 'A' alike). */
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'name']);

/** `record` where hash_record_extended exists (PostgreSQL 14+), as the connection's version says. */
export async function checksumKinds(conn: Connection): Promise<readonly string[]> {
  return majorVersion(conn) >= 14 ? ['record', 'text'] : ['text'];
}

function recordField(t: DataTable, name: string, ty: ColumnType | undefined): string {
  const c = quoteIdent(name);
  if (isBuiltIn(ty) && IDENTITY_HASHED.has(ty.typname)) return c;
  if (isBuiltIn(ty) && TEXT_TYPES.has(ty.typname)) return `${c} COLLATE "C"`;
  return `(${readExpression(columnOf(t.table, name))})::text COLLATE "C"`;
}

async function rowHash(conn: Connection, t: DataTable, kind: string): Promise<string> {
  if (kind === 'record') {
    const types = await columnTypes(conn, t);
    return `hash_record_extended(ROW(${t.columns.map((c) => recordField(t, c, types.get(c))).join(', ')}), 0)`;
  }
  if (kind !== 'text') throw new Error(`internal: no checksum of kind ${kind}`);
  // ROW(x) of one column is its text in parentheses; its 64-bit hash (the one hash partitioning uses)
  return `hashtextextended(ROW(${t.columns.map((c) => readExpression(columnOf(t.table, c))).join(', ')})::text, 0)`;
}

export async function checksums(conn: Connection, t: DataTable, kind: string, chunkRows?: number): Promise<string[]> {
  await settleOutput(conn);
  const hash = await rowHash(conn, t, kind);
  const key = (t.table.primaryKey?.columns ?? []).map(quoteIdent).join(', ');
  const from = qualified(t.table.schema, t.table.name);
  const chunk = chunkRows === undefined ? '0' : `(row_number() OVER (ORDER BY ${key}) - 1) / ${Math.max(1, Math.floor(chunkRows))}`;
  // the 64-bit hashes summed exactly (sum of bigint is numeric)
  const rows = await inUtc(conn, () => conn.query<{ n: string; s: string }>(
    `SELECT count(*)::text AS n, coalesce(sum(h), 0)::text AS s FROM (SELECT ${chunk} AS chunk, ${hash} AS h FROM ${from}) AS hashed GROUP BY chunk ORDER BY chunk`,
  ));
  return rows.length ? rows.map((r) => `${r.n}:${r.s}`) : ['0:0'];
}
