/**
 * The main job by CLI on the embedded default (PGlite): no server needed.
 * Every step runs the real binary and checks output, --json and exit codes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { git, redb, tempDir } from '../support/cli.js';

const ws = tempDir();
const dbDir = join(ws, 'app-db');
const url = `pglite://${dbDir}`;

async function sql(text: string): Promise<void> {
  const db = new PGlite(dbDir);
  await db.exec(text);
  await db.close();
}

describe('redb workflow on PGlite', () => {
  beforeAll(async () => {
    await sql(`CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE);
               CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users(id), body text);
               CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;`);
  });
  afterAll(() => undefined);

  it('initializes, connects, adds a repository and attaches main', () => {
    expect(redb(ws, ['init', ws]).code).toBe(0);
    const connect = redb(ws, ['database', 'connect', 'app', url, '--json']);
    expect(connect.code).toBe(0);
    expect(connect.json).toMatchObject({ name: 'app', dialect: 'postgres' });
    const add = redb(ws, ['repo', 'add', 'app', '--json']);
    expect(add.code).toBe(0);
    expect(add.json.gitDir).toBe(join(ws, '.redb', 'repos', 'app.git'));
    expect(redb(ws, ['branch', 'attach', 'main', 'app']).code).toBe(0);
  });

  it('commits one file per object into a repository stock git reads', () => {
    const c = redb(ws, ['commit', '-m', 'initial', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json.committed).toBe(true);
    const gitDir = redb(ws, ['repo', 'show', 'app', '--json']).json.gitDir;
    const files = git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    expect(files).toEqual(['redb.json', 'schemas/public/schema.json', 'schemas/public/tables/posts.json', 'schemas/public/tables/users.json', 'schemas/public/views/user_posts.json']);
    expect(git(gitDir, ['log', '--format=%s%n%(trailers:key=Redb-Dialect,valueonly)', 'main']).trim()).toBe('initial\npostgres');
    expect(JSON.parse(git(gitDir, ['show', 'main:schemas/public/tables/users.json'])).id).toBe('public.users');
    git(gitDir, ['fsck', '--strict']);
  });

  it('makes no commit when nothing changed, and says so', () => {
    const before = redb(ws, ['log', '--json']).json.length;
    const c = redb(ws, ['commit', '-m', 'again']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/Nothing to commit/);
    expect(redb(ws, ['log', '--json']).json.length).toBe(before);
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('status --exit-code exits 2 after an ALTER and lists what differs', async () => {
    await sql('ALTER TABLE users ADD COLUMN name text');
    const s = redb(ws, ['status', '--exit-code', '--json']);
    expect(s.code).toBe(2);
    expect(s.json.clean).toBe(false);
    expect(s.json.changes).toEqual([{ status: 'modified', path: 'schemas/public/tables/users.json', id: 'public.users', kind: 'table' }]);
    expect(redb(ws, ['status']).code).toBe(0);
  });

  it('commits the change; log, show and revisions read it back', () => {
    const c = redb(ws, ['commit', '-m', 'add users.name', '--json']);
    expect(c.json.changes.map((x: { id: string }) => x.id)).toEqual(['public.users']);
    const log = redb(ws, ['log', '--json']).json;
    expect(log.map((x: { message: string }) => x.message)).toEqual(['add users.name', 'initial']);
    expect(log[0].author).toEqual({ name: 'Test Author', email: 'test@example.com' });
    const show = redb(ws, ['show', log[0].commit.slice(0, 7), '--json']).json;
    expect(show.changes).toHaveLength(1);
    const before = redb(ws, ['show', 'main~1', 'public.users', '--json']).json;
    expect(before.object.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'email']);
    const now = redb(ws, ['show', 'main', 'public.users', '--json']).json;
    expect(now.object.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'email', 'name']);
    expect(redb(ws, ['show', 'main', 'schemas/public/tables/users.json', '--json']).json.object.id).toBe('public.users');
  });

  it('branches: create from a revision, list, attach elsewhere, delete', () => {
    expect(redb(ws, ['branch', 'create', 'old', '--from', 'main~1']).code).toBe(0);
    const list = redb(ws, ['branch', 'list', '--json']).json;
    expect(list.map((b: { name: string }) => b.name)).toEqual(['main', 'old']);
    expect(list.find((b: { name: string }) => b.name === 'main').database).toBe('app');
    expect(redb(ws, ['log', '--branch', 'old', '--json']).json).toHaveLength(1);
    expect(redb(ws, ['branches', 'show', 'old', '--json']).json.message).toBe('initial');
    expect(redb(ws, ['branch', 'delete', 'old']).code).toBe(0);
    expect(redb(ws, ['branch', 'show', 'old']).code).toBe(64);
  });

  it('clones a repository with its history', () => {
    const c = redb(ws, ['repo', 'clone', 'app', 'copy', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(redb(ws, ['log', '--repo', 'copy', '--json']).json).toHaveLength(2);
    git(c.json.gitDir, ['fsck', '--strict']);
    expect(redb(ws, ['repos', 'list', '--json']).json.map((r: { name: string }) => r.name)).toEqual(['app', 'copy']);
  });
});
