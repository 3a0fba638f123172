/**
 * `redb tag` by CLI on SQLite: annotated tags stock git shows, list and delete, and a
 * tag wherever a revision goes — `diff v1 v2`, `show v1`, `deploy v1`.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { git, redb, redbOk, tempDir } from '../support/cli.js';

const dir = tempDir('redb-tag-');
const ws = join(dir, 'ws');
const gitDir = join(ws, '.redb', 'repos', 'app.git');
const src = join(dir, 'src.db');
const prod = join(dir, 'prod.db');

function sql(path: string, text: string): string[] {
  const db = new Database(path);
  try {
    db.exec(text);
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'redb%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('redb tag', () => {
  const commits: string[] = [];

  it('tags revisions with annotated tags that stock git shows', () => {
    sql(src, 'CREATE TABLE users (id INTEGER PRIMARY KEY);');
    for (const args of [['init', ws], ['database', 'connect', 'src', `sqlite://${src}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'src'], ['commit', '-m', 'users']]) redbOk(ws, args);
    sql(src, 'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));');
    redbOk(ws, ['commit', '-m', 'posts']);
    commits.push(...redbOk(ws, ['log', '--json']).json.map((c: { commit: string }) => c.commit).reverse());
    const v1 = redbOk(ws, ['tag', 'v1', 'main~1', '-m', 'First release', '--json']).json;
    expect(v1).toMatchObject({ name: 'v1', commit: commits[0], message: 'First release', tagger: { name: 'Test Author', email: 'test@example.com' } });
    expect(redbOk(ws, ['tag', 'v2']).stdout).toMatch(new RegExp(`^Tagged v2  ${commits[1].slice(0, 7)}  v2$`, 'mu'));
    expect(git(gitDir, ['tag', '-n1']).trim().split('\n').map((l) => l.replace(/\s+/gu, ' '))).toEqual(['v1 First release', 'v2 v2']);
    expect(git(gitDir, ['cat-file', '-t', 'v1']).trim()).toBe('tag');
    expect(redbOk(ws, ['tag', 'list', '--json']).json.map((t: { name: string; commit: string }) => [t.name, t.commit])).toEqual([['v1', commits[0]], ['v2', commits[1]]]);
  });

  it('refuses a taken tag name and an unknown revision', () => {
    const taken = redb(ws, ['tag', 'v1', '--json']);
    expect([taken.code, taken.json.error.code]).toEqual([64, 'E_TAG_EXISTS']);
    expect(taken.json.error.hint).toContain('redb tag delete v1');
    const unknown = redb(ws, ['tag', 'v3', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no branch, tag or commit is named "nope"');
  });

  it('a tag is a revision: diff v1 v2, show v1, log v1', () => {
    const diff = redbOk(ws, ['diff', 'v1', 'v2', '--json']).json;
    expect([diff.from.label, diff.from.commit, diff.to.label, diff.to.commit]).toEqual(['v1', commits[0], 'v2', commits[1]]);
    expect(diff.same).toBe(false);
    expect(JSON.stringify(diff.changes)).toContain('main.posts');
    expect(redbOk(ws, ['diff', 'v2', 'main', '--json']).json.same).toBe(true);
    expect(redbOk(ws, ['show', 'v1', '--json']).json.commit).toBe(commits[0]);
    expect(redbOk(ws, ['log', 'v1', '--json']).json.map((c: { commit: string }) => c.commit)).toEqual([commits[0]]);
  });

  it('deploys a tag onto a SQLite database', () => {
    sql(prod, '');
    for (const args of [['database', 'connect', 'prod', `sqlite://${prod}`], ['branch', 'create', 'prod', '--from', 'v1'], ['branch', 'attach', 'prod', 'prod']]) redbOk(ws, args);
    redbOk(ws, ['deploy', 'v1', '-b', 'prod', '--yes']);
    expect(sql(prod, '')).toEqual(['users']);
    redbOk(ws, ['deploy', 'v2', '-b', 'prod', '--yes']);
    expect(sql(prod, '')).toEqual(['posts', 'users']);
    expect(git(gitDir, ['rev-parse', 'refs/redb/deploys/prod']).trim()).toBe(commits[1]);
  });

  it('deletes a tag; the commit stays', () => {
    expect(redbOk(ws, ['tag', 'delete', 'v1', '--json']).json).toMatchObject({ name: 'v1', commit: commits[0] });
    expect(git(gitDir, ['tag', '--list']).trim()).toBe('v2');
    expect(redbOk(ws, ['show', commits[0].slice(0, 8), '--json']).json.commit).toBe(commits[0]);
    const again = redb(ws, ['tag', 'delete', 'v1', '--json']);
    expect([again.code, again.json.error.code]).toEqual([64, 'E_NO_TAG']);
    expect(again.json.error.hint).toBe('tags: v2');
  });
});
