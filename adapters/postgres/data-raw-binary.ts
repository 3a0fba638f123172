/**
 * COPY's binary format for the bulk-format copy (data-raw.ts), where it is safe and the
 * key can be read from it: the target's input functions then parse no text (a third less
 * server time on a load of a million rows, measured in docs/design-choices.md).
 *
 * Safe: every column moved is of a built-in type. Binary arrays and records carry their
 * element types' OIDs, which are the same in every database only below
 * FirstNormalObjectId; an enum, domain or composite of the user's is moved as text.
 * Readable: every key column is of a type decoded here, for the batch's last key.
 */
import type { Connection, DataTable } from '../types.js';
import type { KeyDecoder } from './data-raw-framing.js';
import { qualified } from './ddl/quote.js';

/** OIDs below this are built in, the same in every database (PostgreSQL's FirstNormalObjectId). */
const FIRST_NORMAL_OID = 16384;

/** The key types whose binary form is decoded here. */
const KEY_DECODERS: Readonly<Record<string, KeyDecoder>> = {
  int2: (b) => String(b.readInt16BE(0)),
  int4: (b) => String(b.readInt32BE(0)),
  int8: (b) => b.readBigInt64BE(0).toString(),
  text: (b) => b.toString('utf8'),
  varchar: (b) => b.toString('utf8'),
  uuid: (b) => b.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
};

/** How a table's rows move: its COPY format, and for binary the decoders of its key's fields. */
export type RawLayout = { readonly format: 'text' } | { readonly format: 'binary'; readonly keyDecoders: readonly KeyDecoder[] };

/** A column's type in the catalog. */
export interface ColumnType {
  readonly name: string;
  readonly oid: number;
  readonly elem: number;
  readonly typname: string;
}

/** Column types found, by connection and table: one catalog query per table and job. */
const found = new WeakMap<Connection, Map<string, Promise<Map<string, ColumnType>>>>();

/** The catalog types of the table's columns, by column name. */
export function columnTypes(conn: Connection, t: DataTable): Promise<Map<string, ColumnType>> {
  const known = found.get(conn) ?? new Map<string, Promise<Map<string, ColumnType>>>();
  found.set(conn, known);
  const id = t.table.id;
  const types = known.get(id) ?? queryTypes(conn, t);
  known.set(id, types);
  return types;
}

async function queryTypes(conn: Connection, t: DataTable): Promise<Map<string, ColumnType>> {
  const types = await conn.query<ColumnType>(
    `SELECT a.attname AS name, ty.oid::int AS oid, ty.typelem::int AS elem, ty.typname::text AS typname
       FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [qualified(t.table.schema, t.table.name)],
  );
  return new Map(types.map((c) => [c.name, c]));
}

/** A type of PostgreSQL's own: the same OID, and the same meaning, in every database. */
export const isBuiltIn = (ty: ColumnType | undefined): ty is ColumnType => !!ty && ty.oid < FIRST_NORMAL_OID && ty.elem < FIRST_NORMAL_OID;

/** Binary where every moved column's type is built in and every key column's is decoded here. */
export async function rawLayout(conn: Connection, t: DataTable): Promise<RawLayout> {
  const byName = await columnTypes(conn, t);
  const builtIn = t.columns.every((c) => isBuiltIn(byName.get(c)));
  const keyDecoders = (t.table.primaryKey?.columns ?? []).map((k) => KEY_DECODERS[byName.get(k)?.typname ?? '']);
  return builtIn && keyDecoders.every(Boolean) ? { format: 'binary', keyDecoders } : { format: 'text' };
}
