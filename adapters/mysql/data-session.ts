/**
 * The session a data statement runs in, and how it is sent. Every read and write of the
 * data copy runs under a fixed strict `sql_mode` (a bad value is an error, not a silent
 * zero; no NO_BACKSLASH_ESCAPES, which the literals' escaping relies on; no
 * auto-increment on an explicit 0; no CHAR padding on read) and, where a TIMESTAMP is
 * involved, `time_zone = '+00:00'`. The caller's settings are restored afterwards: the
 * connection is shared with the job store and deploys.
 */
import type { Connection } from '../types.js';
import { driverOf } from './connect.js';
import { complaintError, serverComplaint, warningsError } from './data-errors.js';

export const DATA_SQL_MODE = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';

/** Runs `fn` under the data session settings, restoring the caller's afterwards. */
export async function inDataSession<T>(conn: Connection, utc: boolean, fn: () => Promise<T>): Promise<T> {
  await conn.query('SET @redb_data_mode = @@SESSION.sql_mode, @redb_data_tz = @@SESSION.time_zone');
  await conn.query(`SET SESSION sql_mode = '${DATA_SQL_MODE}'${utc ? ", time_zone = '+00:00'" : ''}`);
  try {
    return await fn();
  } finally {
    // a lost connection has nothing left to restore
    await conn.query('SET SESSION sql_mode = @redb_data_mode, time_zone = @redb_data_tz').catch(() => undefined);
  }
}

/** Rows of a SELECT as arrays in select-list order (columns aliased c0, c1 … for the fallback). */
export async function selectRows(conn: Connection, sql: string): Promise<unknown[][]> {
  const raw = driverOf(conn);
  if (raw) {
    const [rows] = await raw.query({ sql, rowsAsArray: true });
    return rows as unknown[][];
  }
  return (await conn.query(sql)).map((r) => Object.values(r));
}

/** Drops mysql2's copy of the statement text from an error: it holds the row values. */
function withoutSql(err: unknown): unknown {
  if (err && typeof err === 'object' && 'sql' in err) delete (err as { sql?: string }).sql;
  return err;
}

/** What a table's rows are, for an error that names them without their values. */
export interface WriteTarget {
  readonly table: string;
  readonly columns: readonly string[];
  /** Names a server message may quote that are not values (columns, keys, PRIMARY). */
  readonly names: ReadonlySet<string>;
}

/**
 * Runs one write whose rows start at `first` in the caller's batch. A refusal, or any
 * warning at all (the server stored something other than what was sent), is an
 * `E_DATA_WRITE` naming the table and column.
 */
export async function write(conn: Connection, sql: string, target: WriteTarget, first: number): Promise<void> {
  const raw = driverOf(conn);
  let warnings: number;
  try {
    if (raw) {
      const [header] = await raw.query(sql);
      warnings = (header as { warningStatus?: number }).warningStatus ?? 0;
    } else {
      await conn.query(sql);
      warnings = 1;
    }
  } catch (err) {
    const c = serverComplaint(err);
    if (c) throw complaintError(target.table, target.columns, target.names, c, first);
    throw withoutSql(err);
  }
  if (!warnings) return;
  const shown = await conn.query<{ Code: number; Message: string }>('SHOW WARNINGS');
  const e = warningsError(target.table, target.columns, target.names, shown, first);
  if (e) throw e;
}

const packets = new WeakMap<Connection, number>();

/** The server's max_allowed_packet (read once per connection): no statement may be longer. */
export async function maxPacket(conn: Connection): Promise<number> {
  let n = packets.get(conn);
  if (n === undefined) {
    const [row] = await conn.query<{ m: string | number }>('SELECT @@max_allowed_packet AS m');
    n = Number(row?.m ?? 4 * 1024 * 1024);
    packets.set(conn, n);
  }
  return n;
}
