/**
 * Opens a `Connection` over mysql2. The server says what it is (`SELECT VERSION()`):
 * MariaDB or MySQL and which version, as `serverVersion` (`MariaDB 10.11.19`) and
 * `flavour`; features.ts turns that into what the server has. Every failure becomes a
 * `ConnectError` whose message and hint never carry the password.
 */
import mysql from 'mysql2/promise';
import { ConnectError, type Connection } from '../types.js';
import { parseServerVersion, versionLabel } from './features.js';
import { splitStatements } from './split.js';
import { describeTarget, parseMysqlUrl, scrubSecret, type MysqlTarget } from './url.js';

/** How long to wait for a server's handshake before giving up. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Maps a driver error to a `ConnectError` that says what went wrong and what to do. */
export function connectErrorFor(err: unknown, t: MysqlTarget): ConnectError {
  const e = err as { code?: string; message?: string };
  const where = describeTarget(t);
  const at = t.socket ?? `${t.host}:${t.port}`;
  const detail = scrubSecret(e.message ?? String(err), t);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOENT':
      return new ConnectError(`cannot reach MySQL at ${at} (${e.code}) for ${where}`, 'Check that the server is running and that host and port (or socket) in the URL are right.');
    case 'ETIMEDOUT':
      return new ConnectError(
        `no MySQL handshake from ${at} within ${CONNECT_TIMEOUT_MS / 1000} s`,
        'Check host and port: a server that is not MySQL or MariaDB (PostgreSQL, HTTP…) on that port never greets a MySQL client.',
      );
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return new ConnectError(`access denied for user "${t.user}" at ${at}: ${detail}`, 'Check the user name and password in the URL (percent-encode special characters) and the host the user may connect from.');
    case 'ER_DBACCESS_DENIED_ERROR':
      return new ConnectError(`user "${t.user}" may not use the database "${t.database}" at ${at}`, `Grant it (GRANT SELECT, SHOW VIEW ON \`${t.database}\`.* TO …) or connect as another user.`);
    case 'ER_BAD_DB_ERROR':
      return new ConnectError(`database "${t.database}" does not exist at ${at}`, `Create it (CREATE DATABASE \`${t.database}\`) or fix the database name in the URL.`);
    case 'PROTOCOL_CONNECTION_LOST':
    case 'HANDSHAKE_UNKNOWN_ERROR':
    case 'ECONNRESET':
      return new ConnectError(`the server at ${at} ended the connection during the MySQL handshake: ${detail}`, 'Check that host and port name a MySQL or MariaDB server (and whether it wants SSL: ?ssl=true).');
  }
  return new ConnectError(`could not connect to ${where}: ${detail}`, 'Check the URL and that the server accepts connections from this machine.');
}

/** Options for mysql2 from a parsed URL. */
function driverOptions(t: MysqlTarget): mysql.ConnectionOptions {
  return {
    ...(t.socket ? { socketPath: t.socket } : { host: t.host, port: t.port }),
    user: t.user,
    ...(t.password !== undefined ? { password: t.password } : {}),
    database: t.database,
    charset: 'utf8mb4',
    connectTimeout: CONNECT_TIMEOUT_MS,
    // never more than one statement per call: `run` relies on the server refusing a second
    multipleStatements: false,
    // catalog text stays text, numbers beyond 2^53 stay exact
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    ...(t.ssl ? { ssl: {} } : {}),
  };
}

/**
 * The driver connection behind each `Connection`, for the data copy (data.ts): it needs
 * per-query options (rows as arrays) and the warning count of a write, which the
 * contract's `query` does not return.
 */
const drivers = new WeakMap<Connection, mysql.Connection>();

/** The mysql2 connection behind a connection opened by `connectMysql`; undefined for any other. */
export function driverOf(conn: Connection): mysql.Connection | undefined {
  return drivers.get(conn);
}

function wrap(raw: mysql.Connection, serverVersion: string, flavour: string): Connection {
  let depth = 0;
  const conn: Connection = {
    serverVersion,
    flavour,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const [rows] = await raw.query(sql, params as unknown[] | undefined);
      return (Array.isArray(rows) ? rows : []) as R[];
    },
    async run(sql: string) {
      await raw.query(sql);
    },
    async *stream<R>(sql: string, params?: readonly unknown[], batchSize = 1000) {
      // the callback API streams rows; the promise wrapper would buffer the whole result
      // (the promise connection keeps its callback one as `connection`, untyped)
      const core = (raw as unknown as { connection: { query(sql: string, values?: unknown[]): { stream(o: object): NodeJS.ReadableStream & { destroy(): void } } } }).connection;
      const rows = core.query(sql, params as unknown[] | undefined).stream({ objectMode: true, highWaterMark: batchSize });
      let batch: R[] = [];
      try {
        for await (const row of rows) {
          batch.push(row as R);
          if (batch.length < batchSize) continue;
          yield batch;
          batch = [];
        }
        if (batch.length) yield batch;
      } finally {
        rows.destroy();
      }
    },
    async exec(sql: string) {
      for (const statement of splitStatements(sql)) await raw.query(statement);
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      const savepoint = depth > 0 ? `redb_sp_${depth}` : undefined;
      await raw.query(savepoint ? `SAVEPOINT ${savepoint}` : 'START TRANSACTION');
      depth++;
      try {
        const result = await fn();
        await raw.query(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
        return result;
      } catch (err) {
        await raw.query(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        depth--;
      }
    },
    async close() {
      await raw.end().catch(() => raw.destroy());
    },
  };
  drivers.set(conn, raw);
  return conn;
}

/**
 * Opens a connection for a `mysql://` or `mariadb://` URL (see url.ts).
 *
 * @example const conn = await connectMysql('mysql://root@127.0.0.1:3306/test'); conn.flavour // 'mariadb'
 */
export async function connectMysql(url: string): Promise<Connection> {
  const target = parseMysqlUrl(url);
  let raw: mysql.Connection;
  try {
    raw = await mysql.createConnection(driverOptions(target));
  } catch (err) {
    throw connectErrorFor(err, target);
  }
  try {
    const [rows] = await raw.query('SELECT VERSION() AS v');
    const { flavour, version } = parseServerVersion(String((rows as { v: string }[])[0]?.v ?? ''));
    return wrap(raw, versionLabel(flavour, version), flavour);
  } catch (err) {
    raw.destroy();
    throw connectErrorFor(err, target);
  }
}
