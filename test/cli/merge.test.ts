/**
 * `redb merge` by CLI on SQLite files: a merge stopped by a conflict writes no
 * commit and records the merge in progress; --status lists the conflict, --continue
 * refuses while it is open, --abort forgets it all, --resolve settles it, an edit of
 * the object's file in the conflict working copy settles it too, and --continue then
 * writes a merge commit with two parents. Also a fast-forward and --no-ff.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, redb, redbOk, tempDir } from '../support/cli.js';
import { sqliteExec } from '../support/sqlite.js';

const sql = sqliteExec;

const BASE = 'CREATE TABLE users (id INTEGER PRIMARY KEY, age INTEGER, name TEXT);';
const retype = (type: string) => `DROP TABLE users; CREATE TABLE users (id INTEGER PRIMARY KEY, age ${type}, name TEXT);`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** main on a.db and feature on b.db, both from one base commit; returns the workspace and its git dir. */
function twoBranches(): { ws: string; gitDir: string; a: string; b: string } {
  const dir = tempDir('redb-merge-cli-');
  dirs.push(dir);
  const [ws, a, b] = [join(dir, 'ws'), join(dir, 'a.db'), join(dir, 'b.db')];
  sql(a, BASE);
  sql(b, BASE);
  for (const args of [['init', ws], ['database', 'connect', 'a', `sqlite://${a}`], ['database', 'connect', 'b', `sqlite://${b}`], ['repo', 'add', 'app'],
    ['branch', 'attach', 'main', 'a'], ['commit', '-m', 'base'], ['branch', 'create', 'feature'], ['branch', 'attach', 'feature', 'b']]) redbOk(ws, args);
  return { ws, gitDir: join(ws, '.redb', 'repos', 'app.git'), a, b };
}

/** Both sides retype users.age; theirs also adds a table. */
function conflicted() {
  const s = twoBranches();
  sql(s.a, retype('REAL'));
  redbOk(s.ws, ['commit', '-m', 'age real']);
  sql(s.b, `${retype('TEXT')} CREATE TABLE tags (id INTEGER PRIMARY KEY);`);
  redbOk(s.ws, ['commit', '--branch', 'feature', '-m', 'age text, tags']);
  return { ...s, head: git(s.gitDir, ['rev-parse', 'main']).trim() };
}

const ageType = (ws: string) => redbOk(ws, ['show', 'main', 'main.users', '--json']).json.object.columns.find((c: any) => c.name === 'age').type.native;

describe('redb merge with a conflict', () => {
  it('stops without a commit, lists the conflict, refuses --continue, and --abort restores everything', () => {
    const { ws, gitDir, head } = conflicted();
    const r = redb(ws, ['merge', 'feature', '--json']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.json).toMatchObject({ status: 'conflicts', branch: 'main', head });
    expect(r.json.conflicts).toEqual([
      expect.objectContaining({ kind: 'content', id: 'main.users', member: 'age', field: 'type', base: expect.objectContaining({ native: 'INTEGER' }), ours: expect.objectContaining({ native: 'REAL' }), theirs: expect.objectContaining({ native: 'TEXT' }) }),
    ]);
    expect(git(gitDir, ['rev-parse', 'main']).trim()).toBe(head);
    // the working copy: the merged files, the conflicting object holding ours
    const users = join(r.json.workingCopy, 'schemas', 'main', 'tables', 'users.json');
    expect(JSON.parse(readFileSync(users, 'utf8')).columns[1].type.native).toBe('REAL');
    expect(existsSync(join(r.json.workingCopy, 'schemas', 'main', 'tables', 'tags.json'))).toBe(true);

    const text = redb(ws, ['merge', '--status']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/conflict main\.users\.age type/);
    expect(text.stdout).toMatch(/theirs: .*TEXT/);
    expect(redb(ws, ['merge', 'feature', '--json']).json.error.code).toBe('E_MERGE_IN_PROGRESS');
    const early = redb(ws, ['merge', '--continue', '--json']);
    expect(early.code).toBe(4);
    expect(early.json.error).toMatchObject({ code: 'E_MERGE_CONFLICTS', message: expect.stringContaining('main.users.age') });

    const aborted = redb(ws, ['merge', '--abort', '--json']);
    expect(aborted.code).toBe(0);
    expect(existsSync(r.json.workingCopy)).toBe(false);
    expect(git(gitDir, ['rev-parse', 'main']).trim()).toBe(head);
    expect(redbOk(ws, ['merge', '--status', '--json']).json.inProgress).toBe(false);
    expect(redb(ws, ['merge', '--abort', '--json']).json.error.code).toBe('E_NO_MERGE');
  });

  it('--resolve pins the member to a side, then --continue commits a merge with two parents', () => {
    const { ws, gitDir, head } = conflicted();
    expect(redb(ws, ['merge', 'feature']).code).toBe(4);
    expect(redb(ws, ['merge', '--resolve', 'main.users.age=sideways', '--json']).json.error.code).toBe('E_USAGE');
    expect(redb(ws, ['merge', '--resolve', 'main.nothing=ours', '--json']).json.error.code).toBe('E_NO_OBJECT');
    const status = redbOk(ws, ['merge', '--resolve', 'main.users.age=theirs', '--json']).json;
    expect(status.resolutions).toEqual([{ id: 'main.users', member: 'age', side: 'theirs' }]);
    expect(status.conflicts).toEqual([]);
    const done = redbOk(ws, ['merge', '--continue', '-m', 'Merge feature at last', '--json']).json;
    expect(done.status).toBe('merged');
    expect(git(gitDir, ['log', '-1', '--format=%P%n%s', 'main']).trim()).toBe(`${head} ${git(gitDir, ['rev-parse', 'feature']).trim()}\nMerge feature at last`);
    expect(ageType(ws)).toBe('TEXT');
    expect(redbOk(ws, ['show', 'main', 'main.tags', '--json']).json.object.id).toBe('main.tags');
    expect(redbOk(ws, ['merge', '--status', '--json']).json.inProgress).toBe(false);
  });

  it('an edit of the object file in the working copy settles the conflict; an invalid file is refused by name', () => {
    const { ws } = conflicted();
    const r = redb(ws, ['merge', 'feature', '--json']);
    const file = join(r.json.workingCopy, 'schemas', 'main', 'tables', 'users.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, '{ not json');
    const broken = redb(ws, ['merge', '--continue', '--json']);
    expect(broken.code).toBe(64);
    expect(broken.json.error).toMatchObject({ code: 'E_MODEL_FILE', message: expect.stringContaining('schemas/main/tables/users.json') });
    const users = JSON.parse(original);
    users.columns[1].type = { native: 'NUMERIC', logical: { kind: 'decimal' } };
    writeFileSync(file, `${JSON.stringify(users, null, 2)}\n`);
    const status = redbOk(ws, ['merge', '--status', '--json']).json;
    expect(status.conflicts).toEqual([expect.objectContaining({ target: 'main.users.age', resolved: 'edited' })]);
    redbOk(ws, ['merge', '--continue']);
    expect(ageType(ws)).toBe('NUMERIC');
  });
});

describe('redb merge without conflicts', () => {
  it('fast-forwards when the branch has nothing of its own, and --no-ff makes a merge commit instead', () => {
    const { ws, gitDir, b } = twoBranches();
    sql(b, 'CREATE TABLE tags (id INTEGER PRIMARY KEY);');
    redbOk(ws, ['commit', '--branch', 'feature', '-m', 'tags']);
    const feature = git(gitDir, ['rev-parse', 'feature']).trim();
    const base = git(gitDir, ['rev-parse', 'main']).trim();
    const noFf = redbOk(ws, ['merge', 'feature', '--no-ff', '--json']).json;
    expect(noFf.status).toBe('merged');
    expect(git(gitDir, ['log', '-1', '--format=%P', 'main']).trim()).toBe(`${base} ${feature}`);
    expect(redbOk(ws, ['merge', 'feature', '--json']).json.status).toBe('up-to-date');

    redbOk(ws, ['branch', 'create', 'later', '--from', 'feature']);
    const ff = redbOk(ws, ['merge', 'main', '--into', 'later', '--json']).json;
    expect(ff).toMatchObject({ status: 'fast-forward', commit: noFf.commit });
    expect(git(gitDir, ['rev-parse', 'later']).trim()).toBe(noFf.commit);
  });

  it('a branch name is needed unless a step of the merge in progress is asked for', () => {
    const { ws } = twoBranches();
    expect(redb(ws, ['merge', '--json']).json.error.code).toBe('E_USAGE');
    expect(redb(ws, ['merge', 'nope', '--json']).json.error.code).toBe('UnknownRevision');
  });
});

describe('renames across a merge', () => {
  it('a diff from the merged-in branch to the merge renames what the other side renamed (instead of a drop and an add)', () => {
    const { ws, a, b } = twoBranches();
    sql(a, 'ALTER TABLE users RENAME COLUMN name TO full_name;');
    redbOk(ws, ['commit', '-m', 'full_name', '--rename', 'main.users.name=full_name']);
    sql(b, 'CREATE TABLE tags (id INTEGER PRIMARY KEY);');
    redbOk(ws, ['commit', '--branch', 'feature', '-m', 'tags']);
    expect(redbOk(ws, ['merge', 'feature', '--json']).json.status).toBe('merged');
    // b.db is at feature; the merge brings main's rename to it
    const sqlText = redbOk(ws, ['diff', 'feature', 'main', '--format', 'sql']).stdout;
    expect(sqlText).toMatch(/RENAME COLUMN "?name"? TO "?full_name"?/);
    expect(sqlText.slice(0, sqlText.indexOf('Rollback'))).not.toMatch(/DROP COLUMN/);
    // and back: from the merge to the branch, the rename is undone as a rename
    expect(redbOk(ws, ['diff', 'main', 'feature', '--format', 'sql']).stdout).toMatch(/RENAME COLUMN "?full_name"? TO "?name"?/);
  });
});
