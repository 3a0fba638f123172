/**
 * Opens a `Connection` over node-postgres (servers) or PGlite (embedded, in-process).
 * Every failure becomes a `ConnectError` whose message and hint never carry the password.
 */
import type pg from 'pg';
import type CursorType from 'pg-cursor';
import { ConnectError, type Connection } from '../types.js';
import { inTransaction, shortVersion, STREAM_BATCH } from './session.js';
import { parsePgUrl, type PgTarget } from './url.js';

/** How long to wait for a server to answer before giving up. */
export const CONNECT_TIMEOUT_MS = 10_000;

type ServerTarget = Extract<PgTarget, { kind: 'server' }>;

/** Removes the password (as given and as encoded in the URL) and the URL from any text the driver wrote. */
function scrub(text: string, target: ServerTarget): string {
  const secrets = [target.connectionString, ...(target.password ? [target.password, encodeURIComponent(target.password)] : [])];
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** `user@host:port/database`: where a connection goes, without the password (messages never quote the URL). */
function describe(target: ServerTarget): string {
  return `${target.user}@${target.host}:${target.port}/${target.database}`;
}

/** Maps a driver error to a `ConnectError` that says what went wrong and what to do. */
export function connectErrorFor(err: unknown, target: ServerTarget): ConnectError {
  const e = err as { code?: string; message?: string };
  const where = describe(target);
  const detail = scrub(e.message ?? String(err), target);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new ConnectError(
        `cannot reach PostgreSQL at ${target.host}:${target.port} (${e.code}) for ${where}`,
        'Check that the server is running and that host and port in the URL are right (and that a firewall lets you through).',
      );
    case '28P01':
    case '28000':
      return new ConnectError(
        `authentication failed for user "${target.user}" at ${target.host}:${target.port}: ${detail}`,
        'Check the user name and password in the URL (percent-encode special characters) and the server\'s pg_hba.conf.',
      );
    case '3D000':
      return new ConnectError(
        `database "${target.database}" does not exist at ${target.host}:${target.port}`,
        `Create it (createdb ${target.database}) or fix the database name in the URL.`,
      );
  }
  if (/does not support SSL/i.test(detail)) {
    return new ConnectError(
      `PostgreSQL at ${target.host}:${target.port} does not accept SSL connections, and the URL requires SSL (sslmode)`,
      'Enable ssl on the server, or use sslmode=prefer (SSL when offered) or sslmode=disable in the URL.',
    );
  }
  if (/sslmode=verify-ca requires/i.test(detail)) {
    return new ConnectError(
      `sslmode=verify-ca needs the certificate authority to verify ${target.host} against`,
      'Add sslrootcert=/path/to/ca.pem to the URL, or use sslmode=verify-full (checks the host name too) or sslmode=require.',
    );
  }
  if (/timeout/i.test(detail)) {
    return new ConnectError(
      `no answer from PostgreSQL at ${target.host}:${target.port} within ${CONNECT_TIMEOUT_MS / 1000} s`,
      'Check host and port, that the server is running and that the network lets you through.',
    );
  }
  return new ConnectError(`could not connect to ${where}: ${detail}`, 'Check the URL and that the server accepts connections from this machine.');
}

/** How long an extra session (see `openSibling`) may take to open; it only saves time, so it gives up sooner. */
const SIBLING_TIMEOUT_MS = 3_000;

/**
 * The connection string node-postgres is given. An `sslmode` means what it means to
 * libpq (psql): without `uselibpqcompat=true` node-postgres reads `require` as
 * `verify-full` and prints a raw "SECURITY WARNING" about it on every run.
 */
export function driverConnectionString(connectionString: string): string {
  const names = Object.keys(queryOf(connectionString));
  if (!names.includes('sslmode') || names.includes('uselibpqcompat')) return connectionString;
  return `${connectionString}&uselibpqcompat=true`;
}

/** The query parameters of a connection string, names lower-cased. */
function queryOf(connectionString: string): Record<string, string> {
  const at = connectionString.indexOf('?');
  if (at === -1) return {};
  return Object.fromEntries(connectionString.slice(at + 1).split('&').map((p) => [p.split('=')[0].toLowerCase(), p.slice(p.indexOf('=') + 1)]));
}

/** `sslmode=prefer` (and `allow`) fall back to a plain connection when the server has no SSL, as in libpq; node-postgres does not. */
function withoutSsl(target: ServerTarget): ServerTarget | undefined {
  const mode = queryOf(target.connectionString).sslmode?.toLowerCase();
  if (mode !== 'prefer' && mode !== 'allow') return undefined;
  return { ...target, connectionString: target.connectionString.replace(/([?&])sslmode=[^&]*/i, '$1sslmode=disable') };
}

/** node-postgres and its cursor, imported on the first server connection (a pglite:// command never needs them). */
async function serverDrivers(): Promise<{ Client: typeof pg.Client; Cursor: typeof CursorType }> {
  const [{ default: driver }, { default: Cursor }] = await Promise.all([import('pg'), import('pg-cursor')]);
  return { Client: driver.Client, Cursor };
}

/** Opens a node-postgres client; a failure becomes a `ConnectError`. */
async function openClient(target: ServerTarget, timeoutMs = CONNECT_TIMEOUT_MS): Promise<pg.Client> {
  const { Client } = await serverDrivers();
  let client: pg.Client;
  try {
    client = new Client({ connectionString: driverConnectionString(target.connectionString), connectionTimeoutMillis: timeoutMs, application_name: 'redb' });
  } catch (err) {
    // e.g. sslmode=verify-ca without sslrootcert: the driver refuses before it connects
    throw connectErrorFor(err, target);
  }
  // a connection lost later surfaces on the next query; without a listener it would crash the process
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    const plain = /does not support SSL/i.test((err as Error).message ?? '') ? withoutSsl(target) : undefined;
    if (plain) return openClient(plain, timeoutMs);
    throw connectErrorFor(err, target);
  }
  return client;
}

/** Extra sessions to the same server and database, keyed by the connection they belong to. */
const siblings = new WeakMap<Connection, () => Promise<Connection>>();

/**
 * Opens another session to the same server and database as `conn`, so that
 * independent read-only queries (the catalog queries of an introspection) can
 * run side by side on the server. Undefined when `conn` cannot have one: PGlite
 * (one session, in this process) or a connection not opened by `connectPostgres`.
 * The caller closes it.
 */
export function openSibling(conn: Connection): Promise<Connection> | undefined {
  return siblings.get(conn)?.();
}

/** The node-postgres client under a connection, run in its statement queue (COPY, data-write.ts). */
const clients = new WeakMap<Connection, <T>(task: (client: pg.Client) => Promise<T>) => Promise<T>>();

/**
 * Runs `task` with the node-postgres client of `conn`, in turn with the connection's other
 * statements (so on the same session and inside the caller's transaction). Undefined
 * when `conn` has no such client: PGlite, or a connection not opened by `connectPostgres`.
 */
export function withServerClient<T>(conn: Connection, task: (client: pg.Client) => Promise<T>): Promise<T> | undefined {
  return clients.get(conn)?.(task);
}

function wrapClient(client: pg.Client, target: ServerTarget, serverVersion: string): Connection {
  // one connection runs one statement at a time (node-postgres deprecates overlapping calls):
  // calls are queued, so callers may still start several at once
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => {});
    return next;
  };
  const conn: Connection = {
    serverVersion,
    query<R>(sql: string, params?: readonly unknown[]) {
      return serial(async () => (await client.query(sql, params ? [...params] : undefined)).rows as R[]);
    },
    run(sql: string) {
      return serial(async () => {
        // queryMode is in node-postgres since 8.12, not yet in its type definitions
        await client.query({ text: sql, queryMode: 'extended' } as pg.QueryConfig);
      });
    },
    exec(sql: string) {
      return serial(async () => {
        await client.query(sql);
      });
    },
    transaction: (fn) => inTransaction(conn, fn),
    stream<R>(sql: string, params?: readonly unknown[], batchSize = STREAM_BATCH) {
      return cursorBatches<R>(client, serial, sql, params, batchSize);
    },
    async close() {
      await client.end();
    },
  };
  clients.set(conn, (task) => serial(() => task(client)));
  siblings.set(conn, async () => wrapClient(await openClient(target, SIBLING_TIMEOUT_MS), target, serverVersion));
  return conn;
}

async function connectServer(target: ServerTarget): Promise<Connection> {
  const client = await openClient(target);
  const version = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return wrapClient(client, target, `PostgreSQL ${shortVersion(version.rows[0].v)}`);
}

/**
 * A server-side cursor (pg-cursor) read batch by batch. The connection's queue is held
 * until the loop ends: node-postgres cannot run another query while a cursor is open.
 */
async function* cursorBatches<R>(client: pg.Client, serial: <T>(task: () => Promise<T>) => Promise<T>, sql: string, params: readonly unknown[] | undefined, size: number): AsyncGenerator<R[]> {
  const { Cursor } = await serverDrivers();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((started) => void serial(() => (started(), done)));
  const cursor = client.query(new Cursor<R>(sql, params ? [...params] : undefined));
  try {
    for (let rows = await cursor.read(size); rows.length; rows = await cursor.read(size)) yield rows;
  } finally {
    await cursor.close().catch(() => undefined);
    release();
  }
}

/**
 * Opens a connection for a `postgres://`, `postgresql://` or `pglite://` URL.
 *
 * @example const conn = await connectPostgres('pglite://memory'); await conn.query('select 1');
 */
export async function connectPostgres(url: string): Promise<Connection> {
  const target = parsePgUrl(url);
  // each side loads its own driver: a pglite:// command never loads node-postgres, nor a server one PGlite
  if (target.kind === 'pglite') return (await import('./pglite.js')).connectPglite(target.dataDir);
  return connectServer(target);
}
