/**
 * A new PGlite database is loaded from a stored, initialized cluster
 * (adapters/postgres/pglite-cluster.ts) instead of running initdb. The store must only
 * save time: a database made from it is a whole, writable, lasting database; a store
 * that cannot be written or read falls back to initdb; a database that exists is
 * opened as it is.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../../adapters/postgres/connect.js';
import { clusterFile } from '../../../adapters/postgres/pglite-cluster.js';

const root = mkdtempSync(join(tmpdir(), 'redb-pglite-cluster-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.REDB_CACHE_DIR;
});
afterEach(() => {
  if (saved === undefined) delete process.env.REDB_CACHE_DIR;
  else process.env.REDB_CACHE_DIR = saved;
});

/** Opens `url`, runs `sql`, returns the rows of `query`, closes. */
async function roundTrip(url: string, sql: string, query: string): Promise<unknown[]> {
  const conn = await connectPostgres(url);
  try {
    if (sql) await conn.exec(sql);
    return await conn.query(query);
  } finally {
    await conn.close();
  }
}

describe('PGlite databases from the stored cluster', () => {
  it('makes the store once, and later databases are whole, separate and lasting', { timeout: 120_000 }, async () => {
    process.env.REDB_CACHE_DIR = join(root, 'cache');
    const a = join(root, 'a');
    await roundTrip(`pglite://${a}`, 'CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)', 'SELECT 1');
    const stored = statSync(clusterFile());
    expect(stored.size).toBeGreaterThan(1_000_000);

    const b = join(root, 'b');
    const rows = await roundTrip(`pglite://${b}`, '', "SELECT count(*)::int AS n FROM pg_class WHERE relname = 't'");
    // b is a copy of the store, not of a: it does not hold a's table
    expect(rows).toEqual([{ n: 0 }]);
    // the store was read, not made again
    expect(statSync(clusterFile()).mtimeMs).toBe(stored.mtimeMs);

    // a reopened database keeps what was written to it
    expect(await roundTrip(`pglite://${a}`, '', 'SELECT id FROM t')).toEqual([{ id: 1 }]);
    // an in-memory database starts from the store too
    expect(await roundTrip('pglite://memory', 'CREATE TABLE m (x int)', "SELECT current_setting('shared_buffers') AS s")).toEqual([{ s: '16MB' }]);
  });

  it('falls back to initdb when the store cannot be written', { timeout: 120_000 }, async () => {
    // a cache "directory" that is a file: nothing can be stored under it
    const notADir = join(root, 'cache-file');
    writeFileSync(notADir, 'not a directory');
    process.env.REDB_CACHE_DIR = notADir;
    const c = join(root, 'c');
    expect(await roundTrip(`pglite://${c}`, 'CREATE TABLE t (x int)', 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
    expect(readFileSync(notADir, 'utf8')).toBe('not a directory');
  });

  it('drops a damaged store and makes the database by initdb', { timeout: 120_000 }, async () => {
    process.env.REDB_CACHE_DIR = join(root, 'damaged');
    mkdirSync(process.env.REDB_CACHE_DIR, { recursive: true });
    writeFileSync(clusterFile(), 'this is not a tar file');
    const d = join(root, 'd');
    expect(await roundTrip(`pglite://${d}`, 'CREATE TABLE t (x int)', 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
    expect(existsSync(clusterFile())).toBe(false);
  });

  it('keeps the store when a database fails for its own reasons, and two processes making one database share it', { timeout: 120_000 }, async () => {
    process.env.REDB_CACHE_DIR = join(root, 'cache');
    await roundTrip('pglite://memory', '', 'SELECT 1');
    const stored = statSync(clusterFile()).mtimeMs;
    // a path below a regular file can never be a database: an error of the path, not of the store
    writeFileSync(join(root, 'plain-file'), '');
    await expect(connectPostgres(`pglite://${join(root, 'plain-file', 'db')}`)).rejects.toThrow(/cannot open the PGlite database/);
    expect(statSync(clusterFile()).mtimeMs).toBe(stored);

    // made side by side: one makes it, the other opens what the first made; nothing half-made is left
    const shared = join(root, 'shared');
    const [one, two] = await Promise.all([connectPostgres(`pglite://${shared}`), connectPostgres(`pglite://${shared}`)]);
    await Promise.all([one.close(), two.close()]);
    expect(readdirSync(root).filter((f) => f.startsWith('shared'))).toEqual(['shared']);
    expect(existsSync(join(shared, 'PG_VERSION'))).toBe(true);
  });

  it('opens an existing database as it is, and leaves no directory behind when one cannot be made', { timeout: 120_000 }, async () => {
    process.env.REDB_CACHE_DIR = join(root, 'cache');
    const e = join(root, 'e');
    await roundTrip(`pglite://${e}`, 'CREATE TABLE kept (x int)', 'SELECT 1');
    expect(await roundTrip(`pglite://${e}`, '', "SELECT count(*)::int AS n FROM pg_class WHERE relname = 'kept'")).toEqual([{ n: 1 }]);

    // a directory that holds something that is not a database: refused, and left as it was
    const junk = join(root, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'notes.txt'), 'mine');
    await expect(connectPostgres(`pglite://${junk}`)).rejects.toThrow(/is not empty and holds no PGlite database/);
    expect(readdirSync(junk)).toEqual(['notes.txt']);
  });
});
