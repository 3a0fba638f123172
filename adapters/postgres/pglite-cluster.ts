/**
 * A new PGlite database starts as a copy of a stored, initialized cluster instead of
 * running initdb: initdb in WebAssembly takes ~4.5 s and ~900 MB, loading the copy
 * ~1 s. The cluster is made once per machine and PGlite version (by PGlite itself,
 * never downloaded) and kept as a tar file, with its SHA-256 beside it, in redb's
 * cache directory: $REDB_CACHE_DIR, else $XDG_CACHE_HOME/redb, else ~/.cache/redb.
 *
 * The store only ever saves time: when it cannot be written (a read-only home, a full
 * disk) the cluster made for it is still used, and kept for the rest of the process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';

/** Where redb keeps what it can make again: the stored cluster. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REDB_CACHE_DIR) return resolve(env.REDB_CACHE_DIR);
  // the XDG spec: a relative XDG_CACHE_HOME is invalid and ignored
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(xdg, 'redb');
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

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The cluster this process made or read: proofs open many in-memory databases. */
let made: { file: string; tar: Blob } | undefined;

/** Writes `bytes` whole under a name of its own, then renames it: another process never reads half a file. */
function writeWhole(file: string, bytes: Uint8Array | string): void {
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * The stored cluster as PGlite's `loadDataDir` takes it, made now when missing;
 * undefined when it can be neither read nor made (the caller runs initdb).
 */
export async function storedCluster(Pglite: typeof PGlite, options: PGliteOptions): Promise<Blob | undefined> {
  let file: string;
  try {
    file = clusterFile();
  } catch {
    return undefined;
  }
  if (made?.file === file) return made.tar;
  try {
    // read without checking: the digest is checked only when PGlite cannot load it (storeIsDamaged)
    made = { file, tar: new Blob([readFileSync(file)]) };
    return made.tar;
  } catch {
    // missing: make it below
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const db = await Pglite.create({ ...options, dataDir: undefined });
    bytes = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    await db.close();
  } catch {
    return undefined;
  }
  made = { file, tar: new Blob([bytes]) };
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeWhole(file, bytes);
    writeWhole(`${file}.sha256`, sha256(bytes));
  } catch {
    // not stored (read-only cache, full disk): this process still uses what it made
  }
  return made.tar;
}

/**
 * Whether the stored cluster is damaged (its bytes do not match the digest stored with
 * it); a damaged one is removed, so the next new database makes it again.
 */
export function storeIsDamaged(): boolean {
  let file: string;
  let bytes: Buffer;
  try {
    file = clusterFile();
    bytes = readFileSync(file);
  } catch {
    return false; // nothing stored: nothing damaged
  }
  let digest: string | undefined;
  try {
    digest = readFileSync(`${file}.sha256`, 'utf8').trim();
  } catch {
    // a tar without its digest cannot be vouched for
  }
  if (digest === sha256(bytes)) return false;
  made = undefined;
  rmSync(file, { force: true });
  rmSync(`${file}.sha256`, { force: true });
  return true;
}
