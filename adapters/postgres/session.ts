/**
 * What a node-postgres session and a PGlite one share: how a transaction wraps a
 * callback, and how many rows a stream hands out at a time.
 */
import type { Connection } from '../types.js';

/** Rows per batch of `Connection.stream` unless the caller says otherwise. */
export const STREAM_BATCH = 1000;

/** `15.20 (Debian 15.20-0+deb12u1)` → `15.20` */
export function shortVersion(v: string): string {
  return v.split(' ')[0] ?? v;
}

/** The major version in a connection's `serverVersion` (`PostgreSQL 15.20 …` → 15); 0 where it is not spelled so. */
export function majorVersion(conn: Connection): number {
  return Number(/^PostgreSQL (\d+)/.exec(conn.serverVersion)?.[1] ?? 0);
}

/** BEGIN, fn, COMMIT — or ROLLBACK and the error of fn (a failed ROLLBACK hides nothing). */
export async function inTransaction<T>(conn: Connection, fn: () => Promise<T>): Promise<T> {
  await conn.exec('BEGIN');
  try {
    const result = await fn();
    await conn.exec('COMMIT');
    return result;
  } catch (err) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** What data-*.ts use of a PGlite instance beyond `Connection`: COPY to and from a Blob (`/dev/blob`). */
export interface PgliteCopy {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob }>;
  isInTransaction(): boolean;
}

const pglites = new WeakMap<Connection, PgliteCopy>();

/** Records the PGlite instance under a connection (pglite.ts). */
export function registerPglite(conn: Connection, db: PgliteCopy): void {
  pglites.set(conn, db);
}

/** The PGlite instance under `conn`, undefined for a server connection or one not opened by connectPostgres. */
export function pgliteOf(conn: Connection): PgliteCopy | undefined {
  return pglites.get(conn);
}
