/**
 * Two workspaces sharing one repository through a remote, by CLI — the scenario the
 * HTTP and file remote suites both run (push-http.test.ts, push-file.test.ts): A
 * pushes, B clones, B commits and pushes, A fetches and pulls (a fast-forward), a
 * diverged pull and a non-fast-forward push are refused, tags and deploy records
 * travel, deploy notes from both sides are merged, and stock git's clone of the
 * remote shows the same commits.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { git, redb, redbOk, tempDir } from '../support/cli.js';
import { sqliteExec } from '../support/sqlite.js';

const sql = sqliteExec;

const log = (ws: string, rev = 'main') => (redbOk(ws, ['log', rev, '--json']).json as { commit: string }[]).map((c) => c.commit);
const gitDirOf = (ws: string) => join(ws, '.redb', 'repos', 'app.git');

/**
 * Registers the scenario's tests. `bare` is the remote's bare repository on disk
 * (created empty by the caller, HEAD on main); `url` is how redb reaches it.
 */
export function sharedRepositoryScenario(bare: string, url: () => string): void {
  const dir = tempDir('redb-share-');
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const db = (name: string) => join(dir, `${name}.db`);

  it('A commits, tags and pushes; the remote has the same history', () => {
    sql(db('a'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);');
    for (const args of [['init', a], ['database', 'connect', 'db', `sqlite://${db('a')}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'db'], ['commit', '-m', 'users'], ['tag', 'v1', '-m', 'Release 1']]) redbOk(a, args);
    expect(redbOk(a, ['remote', 'add', 'origin', url(), '--json']).json.name).toBe('origin');
    const push = redbOk(a, ['push', '--json']).json;
    expect(push.refs).toContainEqual(expect.objectContaining({ ref: 'refs/heads/main', status: 'new' }));
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(log(a)[0]);
    expect(redbOk(a, ['push']).stdout).toMatch(/\[up to date\]\s+main/u);
    // the remote-tracking branch follows the push, as in git
    expect(redbOk(a, ['show', 'origin/main', '--json']).json.commit).toBe(log(a)[0]);
  });

  it('deploy records and notes travel with a push; --tags pushes the tags', () => {
    sql(db('prod'), '');
    for (const args of [['database', 'connect', 'prod', `sqlite://${db('prod')}`], ['branch', 'create', 'prod'], ['branch', 'attach', 'prod', 'prod'], ['deploy', 'v1', '-b', 'prod', '--yes']]) redbOk(a, args);
    const push = redbOk(a, ['push', '--json']).json;
    expect(push.refs).toEqual(expect.arrayContaining([expect.objectContaining({ ref: 'refs/redb/deploys/prod', status: 'new' }), expect.objectContaining({ ref: 'refs/notes/redb-deploys', status: 'new' })]));
    expect(git(bare, ['rev-parse', 'refs/redb/deploys/prod']).trim()).toBe(log(a)[0]);
    expect(git(bare, ['log', '--notes=redb-deploys', '--format=%N', '-1', 'main'])).toContain('deploy to prod: succeeded');
    expect(redbOk(a, ['push', 'origin', 'prod', '--json']).json.refs).toContainEqual(expect.objectContaining({ ref: 'refs/heads/prod', status: 'new' }));
    expect(() => git(bare, ['rev-parse', '--verify', '-q', 'refs/tags/v1'])).toThrow();
    const tags = redbOk(a, ['push', 'origin', '--tags', '--json']).json;
    expect(tags.refs).toContainEqual(expect.objectContaining({ ref: 'refs/tags/v1', status: 'new' }));
    expect(git(bare, ['cat-file', '-t', 'v1']).trim()).toBe('tag');
    expect(git(bare, ['tag', '-n1']).trim()).toMatch(/^v1\s+Release 1$/u);
  });

  it('B clones: every branch, the tags, origin, and what is deployed where', () => {
    redbOk(b, ['init', b]);
    const clone = redbOk(b, ['repo', 'clone', url(), 'app', '--json']).json;
    expect(clone.branches.map((x: { name: string; head: string }) => [x.name, x.head])).toEqual([['main', log(a)[0]], ['prod', log(a)[0]]]);
    expect(redbOk(b, ['remote', 'list', '--json']).json).toEqual([{ name: 'origin', url: expect.any(String) }]);
    expect(redbOk(b, ['tag', 'list', '--json']).json).toEqual([expect.objectContaining({ name: 'v1', commit: log(a)[0], message: 'Release 1' })]);
    expect(git(gitDirOf(b), ['rev-parse', 'refs/redb/deploys/prod']).trim()).toBe(log(a)[0]);
    expect(git(gitDirOf(b), ['log', '--notes=redb-deploys', '--format=%N', '-1', 'main'])).toContain('deploy to prod: succeeded');
    expect(redbOk(b, ['fetch', '--json']).json.deploys).toEqual([{ database: 'prod', commit: log(a)[0] }]);
  });

  it('B commits and pushes; A fetches (origin/main is a revision) and pulls a fast-forward', () => {
    copyFileSync(db('a'), db('b'));
    sql(db('b'), 'ALTER TABLE users ADD COLUMN name TEXT;');
    for (const args of [['database', 'connect', 'db', `sqlite://${db('b')}`], ['branch', 'attach', 'main', 'db'], ['commit', '-m', 'name']]) redbOk(b, args);
    expect(redbOk(b, ['push', '--json']).json.refs).toContainEqual(expect.objectContaining({ ref: 'refs/heads/main', status: 'updated' }));
    const fetch = redbOk(a, ['fetch', '--json']).json;
    expect(fetch.refs).toContainEqual(expect.objectContaining({ ref: 'refs/remotes/origin/main', oid: log(b)[0], status: 'updated' }));
    expect(log(a)[0]).not.toBe(log(b)[0]);
    const diff = redb(a, ['diff', 'main', 'origin/main', '--json']);
    expect(diff.json.same).toBe(false);
    expect(JSON.stringify(diff.json.changes)).toContain('name');
    const pull = redbOk(a, ['pull', '--json']).json;
    expect(pull).toMatchObject({ branch: 'main', status: 'fast-forward', head: log(b)[0], database: 'db' });
    expect(log(a)).toEqual(log(b));
    expect(redbOk(a, ['pull', '--json']).json.status).toBe('up to date');
  });

  it('refuses a non-fast-forward push with the hint to pull; a diverged pull merges, and the merge pushes', () => {
    sql(db('a'), 'ALTER TABLE users ADD COLUMN name TEXT; CREATE TABLE posts (id INTEGER PRIMARY KEY);');
    redbOk(a, ['commit', '-m', 'posts']);
    redbOk(a, ['push']);
    sql(db('b'), 'CREATE TABLE labels (id INTEGER PRIMARY KEY);');
    redbOk(b, ['commit', '-m', 'labels']);
    const remoteHead = git(bare, ['rev-parse', 'main']).trim();
    const push = redb(b, ['push']);
    expect(push.code, push.stderr).toBe(1);
    expect(push.stderr).toContain('not a fast-forward');
    expect(push.stderr).toContain('hint: pull first (redb pull origin main)');
    expect(redb(b, ['push', '--json']).json.error.code).toBe('E_NON_FAST_FORWARD');
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(remoteHead);
    const before = log(b)[0];
    const pull = redbOk(b, ['pull', '--json']).json;
    expect(pull).toMatchObject({ branch: 'main', status: 'merged', old: before });
    expect(git(gitDirOf(b), ['rev-list', '--parents', '-1', 'main']).trim().split(' ')).toEqual([pull.head, before, remoteHead]);
    for (const table of ['main.posts', 'main.labels']) expect(redbOk(b, ['show', 'main', table, '--json']).json.object.id).toBe(table); // both sides' tables
    redbOk(b, ['push']);
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(pull.head);
    expect(redbOk(a, ['pull', '--json']).json).toMatchObject({ status: 'fast-forward', head: pull.head });
  });

  it('deploy notes from both sides are merged; a newer remote deploy record is kept', () => {
    redbOk(a, ['deploy', 'main', '-b', 'prod', '--yes']); // A deploys "posts" onto prod
    redbOk(a, ['push']);
    sql(db('stage'), '');
    for (const args of [['database', 'connect', 'stage', `sqlite://${db('stage')}`], ['branch', 'create', 'stage', '--from', 'v1'], ['branch', 'attach', 'stage', 'stage'], ['deploy', 'v1', '-b', 'stage', '--yes']]) redbOk(b, args);
    const push = redbOk(b, ['push', 'origin', '--tags', '--json']).json;
    // B's record of prod (from its clone) is older than the remote's: left alone
    expect(push.refs).toContainEqual(expect.objectContaining({ ref: 'refs/redb/deploys/prod', status: 'kept' }));
    expect(push.refs).toContainEqual(expect.objectContaining({ ref: 'refs/redb/deploys/stage', status: 'new' }));
    expect(git(bare, ['rev-parse', 'refs/redb/deploys/prod']).trim()).toBe(log(a)[0]);
    const notes = git(bare, ['log', '--notes=redb-deploys', '--format=%H %N', 'v1', 'main']);
    expect(notes).toContain('deploy to stage: succeeded');
    expect(notes.match(/deploy to prod: succeeded/gu)?.length).toBe(2);
    expect(git(bare, ['rev-list', '--parents', '-1', 'refs/notes/redb-deploys']).trim().split(' ')).toHaveLength(3); // a merge of both histories
    redbOk(a, ['fetch']);
    expect(git(gitDirOf(a), ['log', '--notes=redb-deploys', '--format=%N', 'v1'])).toContain('deploy to stage: succeeded');
    expect(redbOk(a, ['fetch', '--json']).json.deploys).toEqual([{ database: 'prod', commit: log(a)[0] }, { database: 'stage', commit: log(a, 'v1')[0] }]);
  });

  it("stock git's clone of the remote shows the same commits", () => {
    const checkout = join(tempDir('redb-git-clone-'), 'app');
    const r = spawnSync('git', ['clone', '-q', bare, checkout], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const commits = spawnSync('git', ['-C', checkout, 'log', '--format=%H', 'origin/main'], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(commits).toEqual(log(a));
    expect(spawnSync('git', ['-C', checkout, 'ls-files'], { encoding: 'utf8' }).stdout).toContain('tables/posts.json');
    expect(spawnSync('git', ['--git-dir', bare, 'fsck', '--strict'], { encoding: 'utf8' }).status).toBe(0);
  });
}
