/** DeploySupport: the lock is seen held by another connection and another process, and is freed when its process dies. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteAdapter, sqliteDeploy } from '../../../adapters/sqlite/index.js';
import { readSchema } from '../../../adapters/read-schema.js';
import { Ledger } from '../../../src/deploy/ledger.js';
import { sqliteFile, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
const KEY = 'redb-deploy';
const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * A node script for another process that takes the lock through the built adapter (as
 * the CLI would: the same dist the CLI tests run) and prints whether it got it.
 */
function lockerScript(url: string, then = ''): string {
  const dist = JSON.stringify(`${ROOT}dist/adapters/sqlite/index.js`);
  return `
    const { sqliteAdapter, sqliteDeploy } = await import(${dist});
    const conn = await sqliteAdapter.connect(${JSON.stringify(url)});
    console.log(await sqliteDeploy.tryLock(conn, ${JSON.stringify(KEY)}) ? 'took it' : 'held');
    ${then}`;
}

describe('the deploy lock', () => {
  const path = sqliteFile(join(tmp.dir, 'app.db'), 'CREATE TABLE t (a integer)');
  const url = `sqlite://${path}`;

  it('is exclusive between two connections, and free again after unlock', async () => {
    const a = await sqliteAdapter.connect(url);
    const b = await sqliteAdapter.connect(url);
    expect(await sqliteDeploy.tryLock(a, KEY)).toBe(true);
    expect(await sqliteDeploy.tryLock(b, KEY)).toBe(false);
    expect(await sqliteDeploy.tryLock(a, KEY)).toBe(false);
    // the target itself stays writable for the holder and readable for others
    await a.run('INSERT INTO t VALUES (1)');
    expect(await b.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
    await sqliteDeploy.unlock(a, KEY);
    expect(await sqliteDeploy.tryLock(b, KEY)).toBe(true);
    await sqliteDeploy.unlock(b, KEY);
    await a.close();
    await b.close();
  });

  it('is seen held by another process, which sees it free once the holder is killed', async () => {
    const conn = await sqliteAdapter.connect(url);
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(true);
    const other = spawnSync(process.execPath, ['--input-type=module', '-e', lockerScript(url)], { cwd: ROOT, encoding: 'utf8' });
    expect(other.stderr).toBe('');
    expect(other.stdout.trim()).toBe('held');
    await sqliteDeploy.unlock(conn, KEY);

    // a holder that dies without unlocking (kill -9) leaves no lock behind
    const holder = spawn(process.execPath, ['--input-type=module', '-e', lockerScript(url, 'setInterval(() => {}, 1000);')], { cwd: ROOT });
    const said = await new Promise<string>((res) => holder.stdout.once('data', (d: Buffer) => res(d.toString().trim())));
    expect(said).toBe('took it');
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(false);
    holder.kill('SIGKILL');
    await new Promise((res) => holder.once('exit', res));
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(true);
    await sqliteDeploy.unlock(conn, KEY);
    await conn.close();
  });

  it('says which lock file it cannot open', async () => {
    const file = sqliteFile(join(tmp.dir, 'blocked.db'), 'CREATE TABLE t (a integer)');
    // a folder where the lock file would go: no one can open it as a database, root included
    mkdirSync(`${file}.${KEY}.lock`);
    const conn = await sqliteAdapter.connect(`sqlite://${file}`);
    try {
      await expect(sqliteDeploy.tryLock(conn, KEY)).rejects.toThrow(`cannot take the deploy lock: cannot open its lock file ${file}.${KEY}.lock`);
    } finally {
      await conn.close();
    }
  });

  it('holds an in-memory database in this process', async () => {
    const conn = await sqliteAdapter.connect('sqlite::memory:');
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(true);
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(false);
    await sqliteDeploy.unlock(conn, KEY);
    expect(await sqliteDeploy.tryLock(conn, KEY)).toBe(true);
    await conn.close();
  });
});

describe('scratch and missing tables', () => {
  it('opens a fresh in-memory scratch database', async () => {
    const scratch = await sqliteDeploy.scratch('sqlite://./whatever.db');
    expect(scratch.description).toMatch(/^an in-memory SQLite database \(SQLite 3\./);
    expect(await scratch.conn.query("SELECT count(*) AS n FROM sqlite_schema")).toEqual([{ n: 0 }]);
    await scratch.dispose();
  });

  it('tells a missing table from other failures', async () => {
    const conn = await sqliteAdapter.connect('sqlite::memory:');
    const missing = await conn.query('SELECT * FROM redb_deployments').catch((e: unknown) => e);
    const syntax = await conn.query('SELEC 1').catch((e: unknown) => e);
    expect(sqliteDeploy.isMissingTable(missing)).toBe(true);
    expect(sqliteDeploy.isMissingTable(syntax)).toBe(false);
    await conn.close();
  });
});

describe('the ledger on SQLite', () => {
  it('is created, written and read through the adapter, and left out of every model', async () => {
    const conn = await sqliteAdapter.connect(`sqlite://${sqliteFile(join(tmp.dir, 'ledger.db'), 'CREATE TABLE app (a integer)')}`);
    const ledger = new Ledger(conn, sqliteDeploy);
    expect(await ledger.exists()).toBe(false);
    await ledger.ensure();
    await ledger.ensure();
    const id = await ledger.begin({
      kind: 'deploy', repo: 'app', branch: 'main', commit: 'c0ffee', source_tree: 'a', target_tree: 'b', plan_hash: 'h', plan: '{}', steps_total: 1, deployed_by: 'me',
    });
    expect(await ledger.last()).toMatchObject({ id, status: 'running', steps_done: 0, finished_at: null });
    expect((await sqliteAdapter.introspect(conn)).objects.map((o) => o.id)).toEqual(['main.app', 'main.redb_deployments']);
    expect((await readSchema(sqliteAdapter, conn)).objects.map((o) => o.id)).toEqual(['main.app']);
    await conn.close();
  });
});
