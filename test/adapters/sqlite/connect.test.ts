/** Connecting: files must exist (unless ?mode=rwc), foreign keys are on, query/run/exec/transaction on a real file. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAdapter, type SqliteConnection } from '../../../adapters/sqlite/index.js';
import { ConnectError } from '../../../adapters/types.js';
import { sqliteFile, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());

describe('connect', () => {
  it('refuses a missing file without creating it, and says how to create one', async () => {
    const path = join(tmp.dir, 'typo.db');
    const err = await sqliteAdapter.connect(`sqlite://${path}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).message).toBe(`the SQLite database ${path} does not exist`);
    expect((err as ConnectError).hint).toMatch(/mode=rwc/);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a missing directory and a file that is not a database', async () => {
    await expect(sqliteAdapter.connect(`sqlite://${join(tmp.dir, 'no/such/dir.db')}`)).rejects.toThrow(/directory .* does not exist/);
    const junk = join(tmp.dir, 'junk.db');
    writeFileSync(junk, 'not a database, only some text that is long enough to have a header'.repeat(4));
    await expect(sqliteAdapter.connect(`sqlite://${junk}`)).rejects.toThrow(`${junk} is not a SQLite database`);
  });

  it('creates the file with ?mode=rwc, and opens it read-only with ?mode=ro', async () => {
    const path = join(tmp.dir, 'new.db');
    const conn = await sqliteAdapter.connect(`sqlite://${path}?mode=rwc`);
    await conn.exec('CREATE TABLE t (a integer)');
    await conn.close();
    expect(existsSync(path)).toBe(true);
    const ro = await sqliteAdapter.connect(`sqlite://${path}?mode=ro`);
    expect(await ro.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    await expect(ro.run('INSERT INTO t VALUES (1)')).rejects.toThrow(/readonly/);
    await ro.close();
  });

  it('names the engine and version, and enforces foreign keys', async () => {
    const conn = await sqliteAdapter.connect('sqlite::memory:');
    expect(conn.serverVersion).toMatch(/^SQLite 3\.\d+\.\d+$/);
    expect(await conn.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await conn.exec('CREATE TABLE p (id integer PRIMARY KEY); CREATE TABLE c (p integer REFERENCES p (id))');
    await expect(conn.query('INSERT INTO c VALUES (?)', [7])).rejects.toThrow(/FOREIGN KEY constraint failed/);
    await conn.close();
  });
});

describe('a connection to a file', () => {
  let conn: SqliteConnection;
  beforeAll(async () => {
    const path = sqliteFile(join(tmp.dir, 'app.db'), 'CREATE TABLE t (a integer, b text)');
    conn = (await sqliteAdapter.connect(`sqlite://${path}`)) as SqliteConnection;
  });
  afterAll(() => conn.close());

  it('binds positional parameters, booleans as 0/1', async () => {
    await conn.query('INSERT INTO t VALUES (?, ?)', [1, 'one']);
    await conn.query('INSERT INTO t VALUES (?, ?)', [true, null]);
    expect(await conn.query('SELECT a, b FROM t ORDER BY b NULLS FIRST')).toEqual([{ a: 1, b: null }, { a: 1, b: 'one' }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await conn.transaction(async () => {
      await conn.run("INSERT INTO t VALUES (2, 'two')");
    });
    await expect(conn.transaction(async () => {
      await conn.run("INSERT INTO t VALUES (3, 'three')");
      await conn.run('CREATE TABLE u (x integer)');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await conn.query('SELECT count(*) AS n FROM t WHERE a = 3')).toEqual([{ n: 0 }]);
    // DDL rolls back with it
    expect(await conn.query("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'u'")).toEqual([{ n: 0 }]);
    expect(await conn.query('SELECT count(*) AS n FROM t WHERE a = 2')).toEqual([{ n: 1 }]);
  });

  it('nests a transaction as a savepoint: the inner one rolls back alone', async () => {
    await conn.transaction(async () => {
      await conn.run("INSERT INTO t VALUES (4, 'outer')");
      await conn.transaction(async () => {
        await conn.run("INSERT INTO t VALUES (5, 'inner')");
        throw new Error('inner');
      }).catch(() => undefined);
    });
    expect(await conn.query('SELECT a FROM t WHERE a IN (4, 5)')).toEqual([{ a: 4 }]);
  });

  it('streams a result in batches', async () => {
    await conn.exec('CREATE TABLE many (n INTEGER); WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2500) INSERT INTO many SELECT n FROM c');
    const sizes: number[] = [];
    let sum = 0;
    for await (const batch of conn.stream<{ n: number }>('SELECT n FROM many WHERE n > ? ORDER BY n', [0], 1000)) {
      sizes.push(batch.length);
      sum += batch.reduce((a, r) => a + r.n, 0);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(sum).toBe((2500 * 2501) / 2);
  });

  it('runs a script through exec', async () => {
    await conn.exec('CREATE TABLE s1 (a integer); CREATE TABLE s2 (a integer);');
    expect(await conn.query("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('s1', 's2')")).toEqual([{ n: 2 }]);
  });
});
