/**
 * A `Connection` to the embedded PostgreSQL (PGlite, in this process): `pglite://DIR`
 * or `pglite://memory`. A new database is loaded from the stored cluster
 * (pglite-cluster.ts) instead of running initdb.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';
import { ConnectError, type Connection } from '../types.js';
import { storedCluster, storeIsDamaged } from './pglite-cluster.js';
import { inTransaction, registerPglite, shortVersion, STREAM_BATCH } from './session.js';

/**
 * Whether `dir` holds nothing yet (a new database is made there). A directory that
 * holds other files and no cluster (PG_VERSION) is refused: initdb would spread a
 * cluster among someone's files (e.g. `pglite://.` in a project folder). Only a
 * missing directory is new: one that cannot be read is an error, never "empty".
 */
function isNew(dir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new ConnectError(`cannot open the PGlite database ${dir}: ${(err as Error).message}`, 'Check that the path is a directory, readable and writable by you.');
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

type Pglite = typeof import('@electric-sql/pglite').PGlite;

/** A new database from the stored cluster, or by initdb when there is none or it is damaged. */
async function createNew(PGlite: Pglite, options: PGliteOptions): Promise<InstanceType<Pglite>> {
  const cluster = await storedCluster(PGlite, options);
  if (!cluster) return PGlite.create(options);
  try {
    return await PGlite.create({ ...options, loadDataDir: cluster });
  } catch (err) {
    // only a store whose bytes are not what was stored is at fault: else the error is the database's
    if (!storeIsDamaged()) throw err;
    return PGlite.create(options);
  }
}

/**
 * Makes a new database at `dataDir`: in a directory of its own beside it, renamed into
 * place when whole. A creation cut short leaves no half-made database at `dataDir`,
 * and of two processes making the same one, the second opens the first's.
 */
async function makeDatabaseAt(PGlite: Pglite, options: PGliteOptions, dataDir: string): Promise<void> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const partial = `${dataDir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const db = await createNew(PGlite, { ...options, dataDir: partial });
    await db.close();
    try {
      // replaces a missing or empty directory; refused when another process got there first
      renameSync(partial, dataDir);
    } catch (err) {
      if (!existsSync(join(dataDir, 'PG_VERSION'))) throw err;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

export async function connectPglite(dataDir: string | undefined): Promise<Connection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const options: PGliteOptions = { startParams: startParams(PGlite.defaultStartParams) };
  let db: InstanceType<Pglite>;
  try {
    if (!dataDir) db = await createNew(PGlite, options);
    else {
      if (isNew(dataDir)) await makeDatabaseAt(PGlite, options, dataDir);
      db = await PGlite.create({ ...options, dataDir });
    }
  } catch (err) {
    if (err instanceof ConnectError) throw err;
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
  registerPglite(conn, db);
  return conn;
}
