/**
 * A `Connection` to the embedded PostgreSQL (PGlite, in this process): `pglite://DIR`
 * or `pglite://memory`. A new database is loaded from the stored cluster
 * (pglite-cluster.ts) instead of running initdb.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { ConnectError, type Connection } from '../types.js';
import { forgetStoredCluster, storedCluster } from './pglite-cluster.js';
import { inTransaction, shortVersion, STREAM_BATCH } from './session.js';

/**
 * Whether `dir` holds nothing yet (a new database is made there). A directory that
 * holds other files and no cluster (PG_VERSION) is refused: initdb would spread a
 * cluster among someone's files (e.g. `pglite://.` in a project folder).
 */
function isNew(dir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return true;
  }
  if (entries.length === 0) return true;
  if (!entries.includes('PG_VERSION')) {
    throw new ConnectError(
      `${dir} is not empty and holds no PGlite database (no PG_VERSION file)`,
      'Point the pglite:// URL at an empty or new directory, or at one that holds a PGlite database.',
    );
  }
  return false;
}

/**
 * PGlite's start-up, plus a buffer pool sized for a development database: the
 * default 128 MB is allocated inside the WebAssembly heap of every process that
 * opens one (16 MB: ~70 MB less resident memory per command).
 */
function startParams(defaults: readonly string[]): string[] {
  return [...defaults, '-c', 'shared_buffers=16MB'];
}

/**
 * A database that could not be made leaves nothing behind: a directory redb made is
 * removed, one that was there (empty) is emptied again.
 */
function discardPartial(dataDir: string, existed: boolean): void {
  try {
    if (!existed) rmSync(dataDir, { recursive: true, force: true });
    else for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
  } catch {
    // never made (e.g. its parent is a file): nothing to take back
  }
}

/** A stored cluster PGlite cannot load (damaged, truncated) is dropped, and the database made by initdb. */
async function retryWithoutStore<T>(dataDir: string | undefined, open: () => Promise<T>): Promise<T> {
  forgetStoredCluster();
  if (dataDir) discardPartial(dataDir, true);
  return open();
}

export async function connectPglite(dataDir: string | undefined): Promise<Connection> {
  // A command opens PGlite once and runs little in it: V8's baseline WebAssembly
  // compiler alone starts it in ~0.3 s less CPU and ~60 MB less memory than tiering
  // up to the optimizing one. Set before the module is compiled; JavaScript is unaffected.
  setFlagsFromString('--liftoff-only');
  const { PGlite } = await import('@electric-sql/pglite');
  const options = { startParams: startParams(PGlite.defaultStartParams) };
  const existed = dataDir !== undefined && existsSync(dataDir);
  const fresh = dataDir === undefined || isNew(dataDir);
  const open = (loadDataDir?: Blob) => {
    // the embedded default: a directory that does not exist yet is a new, empty database
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    return PGlite.create({ ...options, ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  };
  let db: InstanceType<typeof PGlite>;
  try {
    const cluster = fresh ? await storedCluster(PGlite, options) : undefined;
    db = cluster ? await open(cluster).catch(() => retryWithoutStore(dataDir, open)) : await open();
  } catch (err) {
    if (dataDir && fresh) discardPartial(dataDir, existed);
    throw new ConnectError(
      `cannot open the PGlite database ${dataDir ?? 'in memory'}: ${(err as Error).message}`,
      'Check that the directory is writable, holds a PGlite database (or is empty), and is not open in another process.',
    );
  }
  const version = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const conn: Connection = {
    serverVersion: `PostgreSQL ${shortVersion(version.rows[0].v)} (PGlite)`,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await db.query<R>(sql, params ? [...params] : undefined);
      return res.rows;
    },
    async run(sql: string) {
      // PGlite's query() is the extended protocol: one statement only
      await db.query(sql);
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    // PGlite's own transaction() runs fn on a separate handle: plan steps go through this connection
    transaction: (fn) => inTransaction(conn, fn),
    // PGlite holds a result in its own (in-process) heap whatever we do: hand it out in batches
    async *stream<R>(sql: string, params?: readonly unknown[], batchSize = STREAM_BATCH) {
      const { rows } = await db.query<R>(sql, params ? [...params] : undefined);
      for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
    },
    async close() {
      await db.close();
    },
  };
  return conn;
}
