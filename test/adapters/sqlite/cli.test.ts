/**
 * The SQLite adapter through the real binary, typed as a user would in the folder of
 * the database file: init, connect it by a relative URL, commit, status after a
 * change; and the error a user meets for a typo'd path.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, shell, tempDir, type RunResult } from '../../support/cli.js';
import { sqliteAdapter, sqliteDeploy } from '../../../adapters/sqlite/index.js';
import { sqliteFile } from './helpers.js';

const ws = tempDir('redb-sqlite-cli-');
const file = join(ws, 'app.db');
/** `redb ARGS` run in the workspace folder (relative SQLite paths start at the working directory). */
const redb = (_ws: string, args: readonly string[]): RunResult => shell(['redb', ...args.map((a) => `'${a}'`)].join(' '), { cwd: ws });

describe('redb on a SQLite file', () => {
  beforeAll(() => {
    sqliteFile(file, `CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE);
      CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);
      CREATE INDEX posts_user ON posts (user_id);
      CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;`);
  });

  it('connects a file by a relative URL and says it is SQLite', () => {
    expect(redb(ws, ['init', ws]).code).toBe(0);
    const connect = redb(ws, ['database', 'connect', 'dev', 'sqlite://./app.db', '--json']);
    expect(connect.code, connect.stderr).toBe(0);
    expect(connect.json).toMatchObject({ name: 'dev', dialect: 'sqlite', url: 'sqlite://./app.db' });
    expect(redb(ws, ['repo', 'add', 'app']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'dev']).code).toBe(0);
  });

  it('refuses a typo\'d path without creating the file, with a hint', () => {
    const r = redb(ws, ['database', 'connect', 'typo', 'sqlite://./ap.db', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/ap\.db does not exist/);
    expect(r.stderr + r.stdout).toMatch(/mode=rwc/);
    expect(existsSync(join(ws, 'ap.db'))).toBe(false);
  });

  it('commits one file per object, under the schema main', () => {
    const c = redb(ws, ['commit', '-m', 'initial', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json.committed).toBe(true);
    const gitDir = redb(ws, ['repo', 'show', 'app', '--json']).json.gitDir;
    const files = git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    expect(files).toEqual(['redb.json', 'schemas/main/tables/posts.json', 'schemas/main/tables/users.json', 'schemas/main/views/user_posts.json']);
    expect(git(gitDir, ['log', '--format=%(trailers:key=Redb-Dialect,valueonly)', 'main']).trim()).toBe('sqlite');
    const users = JSON.parse(git(gitDir, ['show', 'main:schemas/main/tables/users.json']));
    expect(users.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('status --exit-code exits 2 after an ALTER and names the table', () => {
    sqliteFile(file, 'ALTER TABLE users ADD COLUMN name TEXT');
    const s = redb(ws, ['status', '--exit-code', '--json']);
    expect(s.code).toBe(2);
    expect(s.json.changes).toEqual([{ status: 'modified', path: 'schemas/main/tables/users.json', id: 'main.users', kind: 'table' }]);
    const c = redb(ws, ['commit', '-m', 'users.name', '--json']);
    expect(c.json.changes.map((x: { id: string }) => x.id)).toEqual(['main.users']);
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('a deploy onto a file whose lock another connection holds is E_LOCKED; once released it deploys', async () => {
    const target = join(ws, 'target.db');
    expect(redb(ws, ['database', 'connect', 'empty', 'sqlite://./target.db?mode=rwc']).code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(redb(ws, ['branch', 'create', 'target']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'target', 'empty']).code).toBe(0);
    expect(redb(ws, ['commit', '-m', 'empty', '--branch', 'target']).code).toBe(0);
    const holder = await sqliteAdapter.connect(`sqlite://${target}`);
    try {
      expect(await sqliteDeploy.tryLock(holder, 'redb-deploy')).toBe(true);
      const locked = redb(ws, ['deploy', 'main', '--branch', 'target', '--yes', '--json']);
      expect(locked.code).toBe(1);
      expect(locked.stderr + locked.stdout).toMatch(/E_LOCKED/);
      expect(locked.stderr + locked.stdout).toMatch(/another deploy to .* is running/);
      await sqliteDeploy.unlock(holder, 'redb-deploy');
    } finally {
      await holder.close();
    }
    const deployed = redb(ws, ['deploy', 'main', '--branch', 'target', '--yes', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(redb(ws, ['diff', '@empty', 'main', '--exit-code']).code).toBe(0);
  });
});
