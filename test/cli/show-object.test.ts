/**
 * `redb show REV OBJECT` through the tree's model index (one file read) and without it
 * (a tree committed before indexes, or cloned): the same object either way, and the
 * same help for a name that matches nothing.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

describe.skipIf(!PG_URL)('redb show REV OBJECT, with and without the model index', () => {
  const ws = tempDir();
  const indexDir = join(ws, '.redb', 'repos', 'app.git', 'redb', 'tree-index');
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_show');
    psql(db.url, 'CREATE TABLE users (id int PRIMARY KEY, name text); CREATE VIEW user_names AS SELECT name FROM users;');
    for (const args of [['init', ws], ['database', 'connect', 'prod', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'first']).code).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('gives the same object by id and by path, whether the tree has an index or not', () => {
    expect(readdirSync(indexDir)).toHaveLength(1); // the commit wrote it
    const indexed = redb(ws, ['show', 'main', 'public.user_names', '--json']).json;
    const byPath = redb(ws, ['show', 'main', indexed.path, '--json']).json;
    rmSync(indexDir, { recursive: true });
    const whole = redb(ws, ['show', 'main', 'public.user_names', '--json']).json;
    expect(indexed.object.kind).toBe('view');
    expect(byPath).toEqual(indexed);
    expect(whole).toEqual(indexed);
  });

  it('a name that matches nothing gets the suggestions of the whole read', () => {
    const r = redb(ws, ['show', 'main', 'users']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/no object users at main/);
    expect(r.stderr).toMatch(/did you mean public\.users/);
  });
});
