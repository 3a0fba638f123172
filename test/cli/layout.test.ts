/**
 * A repository of a real PostgreSQL schema with a long function signature and tables
 * `Users` beside `users` clones and checks out with stock git, and the id ↔ path fast
 * paths (`show REV OBJECT`, the objects a commit changed) still find hashed files.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { git, redb, tempDir } from '../support/cli.js';

const ARGS = Array.from({ length: 16 }, (_, i) => `a${i} character varying`).join(', ');

describe.skipIf(!PG_URL)('path layout by CLI on PostgreSQL', () => {
  const ws = tempDir();
  const gitDir = join(ws, '.redb', 'repos', 'app.git');
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_layout');
    psql(db.url, `CREATE TABLE "Users" (id int PRIMARY KEY); CREATE TABLE users (id int PRIMARY KEY);
                  CREATE FUNCTION f(${ARGS}) RETURNS int LANGUAGE sql AS 'select 1';`);
    for (const args of [['init', ws], ['database', 'connect', 'prod', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    const c = redb(ws, ['commit', '-m', 'hostile names']);
    expect(c.code, c.stderr).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('stock git clones and checks out every file, each path segment short and unique case-insensitively', () => {
    const work = join(tempDir(), 'checkout');
    execFileSync('git', ['clone', '--quiet', gitDir, work], { stdio: 'pipe' });
    execFileSync('git', ['-C', work, 'checkout', '--quiet', 'main'], { stdio: 'pipe' });
    const files = readdirSync(work, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(work, join(e.parentPath, e.name)))
      .filter((p) => !p.startsWith('.git/'))
      .sort();
    expect(files).toEqual(git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n').sort());
    const tables = files.filter((p) => p.startsWith('schemas/public/tables/'));
    expect(tables.map((p) => p.toLowerCase()).length).toBe(new Set(tables.map((p) => p.toLowerCase())).size);
    expect(tables).toContain('schemas/public/tables/users.json');
    expect(files.some((p) => p.startsWith('schemas/public/functions/f(character varying'))).toBe(true);
    for (const p of files) for (const part of p.split('/')) expect(Buffer.byteLength(part), p).toBeLessThanOrEqual(255);
    expect(JSON.parse(git(gitDir, ['show', 'main:redb.json'])).formatVersion).toBe(2);
  });

  it('show REV OBJECT finds a hashed file by id and by its path', () => {
    const byId = redb(ws, ['show', 'main', 'public."Users"', '--json']);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.json.path).toMatch(/^schemas\/public\/tables\/Users~[0-9a-f]{8}\.json$/u);
    expect(byId.json.object.id).toBe('public."Users"');
    const byPath = redb(ws, ['show', 'main', byId.json.path, '--json']);
    expect(byPath.json.object.id).toBe('public."Users"');
    const fn = redb(ws, ['show', 'main', `public.f(${Array.from({ length: 16 }, () => 'character varying').join(', ')})`, '--json']);
    expect(fn.code, fn.stderr).toBe(0);
    expect(Buffer.byteLength(fn.json.path.split('/').at(-1))).toBeLessThanOrEqual(255);
  });

  it('the objects a commit changed are named by id, hashed paths included', () => {
    psql(db.url, 'ALTER TABLE "Users" ADD COLUMN note text');
    const c = redb(ws, ['commit', '-m', 'note', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json.changes).toEqual([expect.objectContaining({ status: 'modified', id: 'public."Users"', kind: 'table' })]);
    const shown = redb(ws, ['show', 'main', '--json']);
    expect(shown.json.changes).toEqual([expect.objectContaining({ status: 'modified', id: 'public."Users"', kind: 'table' })]);
  });
});
