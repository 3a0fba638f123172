/**
 * Rows in and out of an engine for migration and replication jobs: the portable value
 * form and `Adapter.data`. Part of the adapter contract (adapters/types.ts).
 */
import type { Connection } from './types.js';
import type { Column, Table } from '../unified-model/index.js';

/**
 * A column value in the one form every engine reads into and writes from (data copies of
 * migration and replication jobs, src/jobs/), chosen by the column's logical type so the
 * value survives a move between engines exactly:
 * - integer, decimal: a string of the exact digits (`'-12'`, `'4.50'`): no float rounding;
 * - float: a number; boolean: a boolean;
 * - string, text, enum, uuid, interval (the source's text form), set (labels joined by `,`): a string;
 * - binary: a Buffer;
 * - json: the JSON text (a string), never a parsed object;
 * - date `'YYYY-MM-DD'`; time `'HH:MM:SS[.ffffff]'`; timestamp `'YYYY-MM-DD HH:MM:SS[.ffffff]'`
 *   without a time zone; with one, the same in UTC followed by `+00` (read in UTC);
 * - array: a JS array of the element's portable values;
 * - other, vector: the engine's text form (a string).
 * NULL is `null`. Dates are never JS Date objects: the process time zone must not move them.
 */
export type PortableValue = string | number | boolean | Buffer | null | readonly PortableValue[];

/** A table as the data of a job reads or writes it: where it is and the columns moved. */
export interface DataTable {
  /** The model's table (its schema as the model names it; the adapter maps the namespace). */
  readonly table: Table;
  /** The columns moved, in this order in every row; a subset of `table.columns`. */
  readonly columns: readonly string[];
}

/** One batch read in key order: rows (values in `DataTable.columns` order) and the key of the last. */
export interface DataBatch {
  readonly rows: readonly PortableValue[][];
  /** The primary-key values of the last row (in the key's column order), to read on after. */
  readonly last?: readonly PortableValue[];
}

/**
 * A copy between two databases of the same adapter whose columns are typed alike, with
 * nothing changed on the way: rows move as the engine's bulk format (PostgreSQL COPY text,
 * as pg_dump moves them), and both servers compute the verification's checksums.
 */
export interface RawData {
  /**
   * Moves the next rows of `read` on `from`, at most `limit`, in key order after `after`
   * (as DataSupport.readBatch reads them), into `write` on `to` (the same columns), inside
   * the caller's transaction on `to`: how many, and the last one's key in a form `after`
   * takes. `read`'s table must have a primary key, every column of it in `read.columns`.
   */
  copy(from: Connection, to: Connection, read: DataTable, write: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<{ rows: number; last?: readonly PortableValue[] }>;
  /**
   * The kinds of checksum this database computes, the cheapest first: the two sides of a
   * copy compare the first kind both compute (the servers' versions may differ).
   */
  checksumKinds(conn: Connection): Promise<readonly string[]>;
  /**
   * Checksums of the rows of `t` (its `columns`) of a kind from `checksumKinds`, computed
   * by the server: one for the table, or with `chunkRows` one per chunk of that many rows
   * in key order. Each is the row count and an order-independent sum of the rows' hashes,
   * as `count:sum` (both decimal). Two databases of this adapter give equal lists of one
   * kind when, and (but for a hash collision) only when, they hold the same rows in
   * columns of the same types (the chunks: their keys sorted alike).
   */
  checksums(conn: Connection, t: DataTable, kind: string, chunkRows?: number): Promise<string[]>;
}

/**
 * Rows as canonical text, which every engine that offers it prints (and parses) alike: the
 * copy between two engines where nothing changes on the way moves lines the source server
 * prints and the target server parses, and both servers compute the verification's
 * checksums over the same text, so no value is parsed or digested in node.
 *
 * The canonical text of a value, by its column's logical type (a column whose type is not
 * listed here, or whose values the server does not print so, is not `covered`):
 * - integer: its decimal digits, `-` before a negative one, no leading zeros (`-12`);
 * - decimal: the same, then `.` and the fraction without trailing zeros when it has a
 *   nonzero digit (`4.5`, `4`, `-0.25`, `0`);
 * - boolean: `t` or `f`;
 * - string, text, enum: the characters (UTF-8), a fixed-length string without trailing spaces;
 * - uuid: lowercase `8-4-4-4-12` hexadecimal;
 * - date: `YYYY-MM-DD`; time without a zone: `HH:MM:SS`, then `.` and the fraction of the
 *   second without trailing zeros when it is not zero; timestamp: the date, a space, the
 *   time; with a zone, the instant in UTC followed by `+00`.
 *
 * A line holds a row's values in canonical text, in the columns' order, separated by a
 * tab and ended by a newline; NULL is `\N`, and a backslash, tab, newline or carriage return
 * in a value is written `\\`, `\t`, `\n`, `\r`: the default text format of PostgreSQL's COPY
 * and MySQL's LOAD DATA.
 */
export interface CanonicalText {
  /** Whether the server prints this column's values in canonical text, reads them back from it, and hashes them by it. */
  covers(column: Column): boolean;
  /** Digits of a second's fraction a time or timestamp column keeps when its type gives no precision. */
  readonly fraction: number;
  /**
   * Reads the next rows of `t` (every column covered), at most `limit`, in key order after
   * `after` (as DataSupport.readBatch reads them), and hands them as lines to `write`,
   * streamed: how many, and the last one's key. `t`'s table has a primary key.
   */
  export?(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number, write: (lines: AsyncIterable<Buffer>) => Promise<void>): Promise<{ rows: number; last?: readonly PortableValue[] }>;
  /** Inserts the rows of `lines` into `t` (every column covered) inside the caller's transaction; a value refused is an error naming the table and column, never the value. */
  import?(conn: Connection, t: DataTable, lines: AsyncIterable<Buffer>): Promise<void>;
  /**
   * Checksums of the rows of `t` (every column covered) as RawData.checksums gives them
   * (`count:sum`, one for the table or one per chunk of `chunkRows` rows in key order),
   * the sum being of each row's hash: the first 60 bits of the md5 of its line (without
   * the newline), as an unsigned integer. Equal across engines for equal rows, and to the
   * sums of the lines an export gave (values/line-sums.ts).
   */
  checksums(conn: Connection, t: DataTable, chunkRows?: number): Promise<string[]>;
}

/**
 * Moving rows in and out of an engine (migration and replication jobs, src/jobs/). Shared
 * code never writes data SQL itself: it reads, writes and deletes through these.
 */
export interface DataSupport {
  /**
   * Reads up to `limit` rows of `t` in primary-key order, starting after the key `after`
   * (from the start when undefined). A table without a primary key is read whole in one
   * call (limit ignored, `last` undefined). Values in portable form.
   */
  readBatch(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<DataBatch>;
  /** Number of rows of the table. */
  count(conn: Connection, table: Table): Promise<number>;
  /**
   * Inserts rows in the engine's fastest way (PostgreSQL COPY, multi-row INSERT …) on this
   * connection, inside the caller's transaction. A value the engine would store changed
   * (a truncation, a warning, an out-of-range number or date) is an error naming the
   * table and column, never a silent change.
   */
  insert(conn: Connection, t: DataTable, rows: readonly PortableValue[][]): Promise<void>;
  /** Inserts rows or, for a key already there, replaces its other columns (replication's idempotent apply). */
  upsert(conn: Connection, t: DataTable, rows: readonly PortableValue[][]): Promise<void>;
  /**
   * The rows (values in `t.columns` order) of the table with these primary keys, one entry
   * per key in the same order, undefined where no row has it. One lookup per key: meant for
   * the few rows a replication must complete (a key change that did not resend a large value).
   */
  readKeys?(conn: Connection, t: DataTable, keys: readonly (readonly PortableValue[])[]): Promise<(PortableValue[] | undefined)[]>;
  /** Deletes the rows with these primary keys (values in the key's column order). */
  deleteKeys(conn: Connection, table: Table, keys: readonly (readonly PortableValue[])[]): Promise<void>;
  /**
   * Removes every row of the table inside the caller's transaction (a table without a key
   * is copied again whole on resume; a job run from the start empties what it will fill).
   */
  truncate(conn: Connection, table: Table): Promise<void>;
  /**
   * After rows were written with their own counter values (identity, serial,
   * AUTO_INCREMENT), moves the table's counters past the largest value, so the next row
   * the application inserts does not collide. Absent where the engine does it itself.
   */
  resetCounters?(conn: Connection, table: Table): Promise<void>;
  /** Same-adapter copies in the engine's bulk format (RawData); absent where every copy goes value by value. */
  readonly raw?: RawData;
  /** Copies and checksums between engines in canonical text (CanonicalText). */
  readonly canonical?: CanonicalText;
}
