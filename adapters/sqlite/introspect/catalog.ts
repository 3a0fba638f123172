/**
 * The catalog queries of a SQLite introspection: four, whatever the number of tables.
 * The pragmas are joined as table-valued functions over sqlite_schema, so one query
 * reads the columns (or foreign keys, or index keys) of every table at once.
 * Internal objects (`sqlite_%`: sqlite_sequence, sqlite_stat1, autoindexes as objects)
 * are never read; virtual tables are left out (their pragmas need the module loaded).
 */
import type { Connection } from '../../types.js';

/** `name NOT LIKE 'sqlite_%'`, with the `_` taken literally (LIKE is case-insensitive, as SQLite reserves the prefix in any case). */
const USER_OBJECT = (col: string) => `${col} NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;
const NOT_VIRTUAL = "(s.type <> 'table' OR s.sql NOT LIKE 'CREATE VIRTUAL TABLE%')";

export interface ObjectRow {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  tbl_name: string;
  sql: string | null;
  /** From pragma_table_list: table | view | virtual | shadow. */
  list_type: string | null;
  wr: number | null;
  strict: number | null;
}

export interface ColumnRow {
  tbl: string;
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2 generated virtual, 3 generated stored. */
  hidden: number;
}

export interface ForeignKeyRow {
  tbl: string;
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
  match: string;
}

export interface IndexKeyRow {
  tbl: string;
  idx: string;
  unique: number;
  /** c: CREATE INDEX, u: a UNIQUE constraint, pk: a PRIMARY KEY. */
  origin: 'c' | 'u' | 'pk';
  partial: number;
  seqno: number;
  /** -1: the rowid, -2: an expression. */
  cid: number;
  name: string | null;
  desc: number;
  coll: string | null;
  /** 0 for the auxiliary columns every index carries after its keys. */
  key: number;
}

export interface Catalog {
  objects: ObjectRow[];
  columns: ColumnRow[];
  foreignKeys: ForeignKeyRow[];
  indexKeys: IndexKeyRow[];
}

// the table list is read once (MATERIALIZED), not once per row of sqlite_schema
export const OBJECTS_SQL = `
WITH l AS MATERIALIZED (SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main')
SELECT s.type, s.name, s.tbl_name, s.sql, l.type AS list_type, l.wr, l.strict
FROM sqlite_schema s LEFT JOIN l ON l.name = s.name
WHERE ${USER_OBJECT('s.name')} AND ${NOT_VIRTUAL}
ORDER BY s.type, s.name`;

export const COLUMNS_SQL = `
SELECT s.name AS tbl, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
FROM sqlite_schema s JOIN pragma_table_xinfo(s.name) c
WHERE s.type IN ('table', 'view') AND ${USER_OBJECT('s.name')} AND ${NOT_VIRTUAL}
ORDER BY s.name, c.cid`;

export const FOREIGN_KEYS_SQL = `
SELECT s.name AS tbl, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete, f."match"
FROM sqlite_schema s JOIN pragma_foreign_key_list(s.name) f
WHERE s.type = 'table' AND ${USER_OBJECT('s.name')} AND ${NOT_VIRTUAL}
ORDER BY s.name, f.id, f.seq`;

export const INDEX_KEYS_SQL = `
SELECT s.name AS tbl, il.name AS idx, il."unique", il.origin, il.partial, x.seqno, x.cid, x.name, x."desc", x.coll, x."key"
FROM sqlite_schema s JOIN pragma_index_list(s.name) il JOIN pragma_index_xinfo(il.name) x
WHERE s.type = 'table' AND ${USER_OBJECT('s.name')} AND ${NOT_VIRTUAL}
ORDER BY s.name, il.name, x.seqno`;

/**
 * SQLite keeps a view whose table was dropped, and any read of its columns fails, the
 * bulk query included. Only then is each view asked on its own, to name the broken one.
 */
async function brokenViews(conn: Connection, objects: readonly ObjectRow[], cause: unknown): Promise<Error> {
  const broken: string[] = [];
  for (const view of objects.filter((o) => o.type === 'view')) {
    const why = await conn.query('SELECT count(*) AS n FROM pragma_table_xinfo(?)', [view.name]).then(() => undefined, (err: Error) => err.message);
    if (why) broken.push(`${view.name} (${why})`);
  }
  if (!broken.length) return cause as Error;
  return new Error(
    `cannot read the SQLite view${broken.length > 1 ? 's' : ''} ${broken.join(', ')}: SQLite keeps a view when what it reads is dropped; ` +
      'drop the view, or create again what it reads, then run redb again',
  );
}

/** Runs the four catalog queries. */
export async function readCatalog(conn: Connection): Promise<Catalog> {
  const objects = await conn.query<ObjectRow>(OBJECTS_SQL);
  let columns: ColumnRow[];
  try {
    columns = await conn.query<ColumnRow>(COLUMNS_SQL);
  } catch (err) {
    throw await brokenViews(conn, objects, err);
  }
  return {
    objects,
    columns,
    foreignKeys: await conn.query<ForeignKeyRow>(FOREIGN_KEYS_SQL),
    indexKeys: await conn.query<IndexKeyRow>(INDEX_KEYS_SQL),
  };
}
