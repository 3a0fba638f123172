/**
 * `redb revert REV` by CLI on a SQLite file: a new commit (one parent) that undoes
 * REV's schema changes and keeps the later ones; REV's rename is undone as a rename
 * (recorded in the revert commit, so the plan renames back instead of dropping); a
 * change of REV that a later commit changed again is a conflict, with the merge's
 * --status and --abort; the first commit cannot be reverted.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, redb, redbOk, tempDir } from '../support/cli.js';
import { sqliteExec } from '../support/sqlite.js';

const sql = sqliteExec;

describe('redb revert', () => {
  const dir = tempDir('redb-revert-');
  const ws = join(dir, 'ws');
  const db = join(dir, 'app.db');
  const gitDir = join(ws, '.redb', 'repos', 'app.git');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const columns = (rev: string) => redbOk(ws, ['show', rev, 'main.users', '--json']).json.object.columns.map((c: any) => c.name);
  const step = (text: string, message: string, ...extra: string[]) => {
    sql(db, text);
    redbOk(ws, ['commit', '-m', message, ...extra]);
  };

  it('undoes one commit and keeps the later ones', () => {
    sql(db, 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);');
    for (const args of [['init', ws], ['database', 'connect', 'app', `sqlite://${db}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app'], ['commit', '-m', 'base']]) redbOk(ws, args);
    expect(redb(ws, ['revert', 'main', '--json']).json.error.code).toBe('E_REVERT_ROOT');
    step('ALTER TABLE users ADD COLUMN email TEXT;', 'add email');
    step('CREATE TABLE tags (id INTEGER PRIMARY KEY);', 'add tags');
    const head = git(gitDir, ['rev-parse', 'main']).trim();
    const r = redb(ws, ['revert', 'main~1', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ kind: 'revert', status: 'merged', head });
    expect(r.json.changes).toEqual([expect.objectContaining({ status: 'modified', id: 'main.users' })]);
    expect(git(gitDir, ['log', '-1', '--format=%P%n%s', 'main']).trim()).toBe(`${head}\nRevert "add email"`);
    expect(columns('main')).toEqual(['id', 'name']);
    expect(redbOk(ws, ['show', 'main', 'main.tags', '--json']).json.object.id).toBe('main.tags');
    // the database still has email: it is the next deploy that applies the revert
    redbOk(ws, ['deploy', '--yes', '--allow-destructive']);
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('undoes a rename as a rename', () => {
    step('ALTER TABLE users RENAME COLUMN name TO full_name;', 'rename name', '--rename', 'main.users.name=full_name');
    const r = redbOk(ws, ['revert', 'main', '--json']).json;
    expect(r.status).toBe('merged');
    expect(columns('main')).toEqual(['id', 'name']);
    expect(git(gitDir, ['log', '-1', '--format=%(trailers:key=Redb-Renames,valueonly)', 'main']).trim()).toBe('main.users.full_name=main.users.name');
    const plan = redbOk(ws, ['diff', 'main~1', 'main', '--json']).json;
    expect(plan.changes[0].changes.map((c: any) => c.type)).toEqual(['rename-column']);
  });

  it('a change a later commit changed again is a conflict; --abort leaves the branch', () => {
    // the database back at the branch head (the revert of the rename, by hand)
    sql(db, 'ALTER TABLE users RENAME COLUMN full_name TO name;');
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
    step('ALTER TABLE users ADD COLUMN age INTEGER;', 'add age');
    step('DROP TABLE users; CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, age REAL);', 'age real');
    const head = git(gitDir, ['rev-parse', 'main']).trim();
    const r = redb(ws, ['revert', 'main~1', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.json.conflicts).toEqual([expect.objectContaining({ id: 'main.users', member: 'age', field: '(member)' })]);
    expect(redbOk(ws, ['merge', '--status', '--json']).json).toMatchObject({ inProgress: true, kind: 'revert' });
    redbOk(ws, ['merge', '--abort']);
    expect(git(gitDir, ['rev-parse', 'main']).trim()).toBe(head);
  });
});
