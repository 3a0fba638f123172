/**
 * A new PGlite database starts as a copy of a stored, initialized cluster instead of
 * running initdb: initdb in WebAssembly takes ~4.5 s and ~900 MB, loading the copy
 * ~0.5 s. The cluster is made once per machine and PGlite version (by PGlite itself,
 * never downloaded) and kept as a tar file in redb's cache directory:
 * $REDB_CACHE_DIR, else $XDG_CACHE_HOME/redb, else ~/.cache/redb.
 *
 * The store only ever saves time: when it cannot be read or written (a read-only
 * home, a full disk) a database is made by initdb as before.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

/** Where redb keeps what it can make again: the stored cluster. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REDB_CACHE_DIR) return env.REDB_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'redb');
}

/** The installed PGlite's version: a cluster made by one build is never handed to another. */
function pgliteVersion(): string {
  // package.json is not in PGlite's exports map: read it next to the resolved entry point
  let dir = dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // not here: one level up
    }
  }
  throw new Error('cannot find the version of @electric-sql/pglite');
}

/** The stored cluster's file for this PGlite. */
export function clusterFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), `pglite-${pgliteVersion()}-cluster.tar`);
}

/**
 * The stored cluster as PGlite's `loadDataDir` takes it, made now when missing;
 * undefined when it can be neither read nor made (the caller runs initdb).
 */
export async function storedCluster(Pglite: typeof PGlite, options: PGliteOptions): Promise<Blob | undefined> {
  let file: string;
  try {
    file = clusterFile();
    return new Blob([readFileSync(file)]);
  } catch {
    // missing (or PGlite's version unknown): make it below
  }
  try {
    file = clusterFile();
    const db = await Pglite.create({ ...options, dataDir: undefined });
    const tar = await db.dumpDataDir('none');
    await db.close();
    const bytes = Buffer.from(await tar.arrayBuffer());
    // written whole under a name of its own, then renamed: another process never reads half a cluster
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(partial, bytes);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
    return new Blob([bytes]);
  } catch {
    return undefined;
  }
}

/** Removes the stored cluster (the next new database makes it again). */
export function forgetStoredCluster(): void {
  try {
    rmSync(clusterFile(), { force: true });
  } catch {
    // nothing stored, or PGlite's version unknown: nothing to remove
  }
}
