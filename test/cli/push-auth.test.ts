/**
 * A private HTTP git server (stock `git http-backend` behind basic auth): without
 * credentials redb fails with exit 69 and says how to give a token; the token from
 * REDB_GIT_TOKEN, or from a git credential helper, is accepted; and the token never
 * appears in output, in redb.yaml, in the repository's config, or in any object.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, tempDir, type RunResult } from '../support/cli.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';

const TOKEN = 'tok-Zq8rVb31-secret';
const root = tempDir('redb-auth-remote-');
const dir = tempDir('redb-auth-');
const a = join(dir, 'a');
const b = join(dir, 'b');
const c = join(dir, 'c');
spawnSync('git', ['init', '-q', '--bare', '-b', 'main', join(root, 'app.git')]);
// no credential helper of this machine's git config takes part
const NO_HELPERS = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', REDB_GIT_TOKEN: '' };
let server: GitHttpServer;
const outputs: RunResult[] = [];

function run(ws: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = redb(ws, args, { ...NO_HELPERS, ...env });
  outputs.push(r);
  return r;
}

function ok(ws: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = run(ws, args, env);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

/** Every file under a folder, as bytes, and every object of each repository as stock git prints it. */
function everythingIn(folder: string): string {
  let text = '';
  for (const f of readdirSync(folder, { recursive: true, withFileTypes: true })) if (f.isFile()) text += readFileSync(join(f.parentPath, f.name)).toString('latin1');
  const repos = join(folder, '.redb', 'repos');
  for (const r of readdirSync(repos)) text += spawnSync('git', ['--git-dir', join(repos, r), 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'latin1', maxBuffer: 1 << 26 }).stdout;
  return text;
}

describe('a private HTTP git server', () => {
  beforeAll(async () => {
    server = await startGitHttpServer(root, { token: TOKEN });
    const db = new Database(join(dir, 'a.db'));
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);');
    db.close();
    for (const args of [['init', a], ['database', 'connect', 'db', `sqlite://${join(dir, 'a.db')}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'db'], ['commit', '-m', 'users']]) ok(a, args);
    ok(a, ['remote', 'add', 'origin', `${server.url}/app.git`]);
  });
  afterAll(() => server.close());

  it('without credentials: exit 69, nothing pushed, and a hint naming REDB_GIT_TOKEN', () => {
    const r = run(a, ['push']);
    expect(r.code, r.stderr).toBe(69);
    expect(r.stderr).toContain('the server asks for credentials and none were found');
    expect(r.stderr).toContain('REDB_GIT_TOKEN');
    expect(run(a, ['push', '--json']).json.error).toMatchObject({ code: 'E_REMOTE', exitCode: 69 });
    expect(spawnSync('git', ['--git-dir', join(root, 'app.git'), 'for-each-ref'], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('a wrong token is refused with exit 69, naming where it came from', () => {
    const r = run(a, ['push'], { REDB_GIT_TOKEN: 'not-the-token' });
    expect(r.code).toBe(69);
    expect(r.stderr).toContain('refused the credentials from REDB_GIT_TOKEN');
  });

  it('the token from REDB_GIT_TOKEN pushes and clones', () => {
    ok(a, ['push'], { REDB_GIT_TOKEN: TOKEN });
    expect(spawnSync('git', ['--git-dir', join(root, 'app.git'), 'rev-parse', 'main'], { encoding: 'utf8' }).stdout.trim()).toBe(run(a, ['log', '--json']).json[0].commit);
    ok(b, ['init', b]);
    expect(ok(b, ['repo', 'clone', `${server.url}/app.git`, 'app', '--json'], { REDB_GIT_TOKEN: TOKEN }).json.branches).toHaveLength(1);
    expect(server.requests().some((q) => q.authorized && q.url.includes('git-receive-pack'))).toBe(true);
  });

  it('a git credential helper is asked when REDB_GIT_TOKEN is unset', () => {
    const config = join(dir, 'gitconfig');
    writeFileSync(config, `[credential]\n\thelper = "!f() { echo username=ci; echo password=${TOKEN}; }; f"\n`);
    ok(c, ['init', c]);
    const clone = ok(c, ['repo', 'clone', `${server.url}/app.git`, 'app', '--json'], { GIT_CONFIG_GLOBAL: config });
    expect(clone.json.branches[0].head).toBe(run(a, ['log', '--json']).json[0].commit);
    expect(ok(c, ['fetch'], { GIT_CONFIG_GLOBAL: config }).stdout).toContain('everything up to date');
  });

  it('refuses a URL with credentials in it, without echoing them', () => {
    const r = run(a, ['remote', 'add', 'other', `http://ci:${TOKEN}@127.0.0.1:1/app.git`]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('the remote URL carries credentials');
    expect(r.stderr).toContain('REDB_GIT_TOKEN');
    expect(run(a, ['remote', 'add', 'other', `http://${TOKEN}@127.0.0.1:1/app.git`, '--json']).json.error.code).toBe('E_URL_SECRET');
    expect(run(b, ['repo', 'clone', `https://ci:${TOKEN}@127.0.0.1:1/app.git`, 'other']).code).toBe(64);
    expect(run(a, ['remote', 'add', 'other', `https://127.0.0.1:1/app.git?private_token=${TOKEN}`, '--json']).json.error.code).toBe('E_URL_SECRET');
    expect(run(a, ['remote', 'list', '--json']).json).toEqual([{ name: 'origin', url: `${server.url}/app.git` }]);
  });

  it('the token is in no output, no config and no object', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain(TOKEN);
    for (const ws of [a, b, c]) expect(everythingIn(ws)).not.toContain(TOKEN);
    expect(everythingIn(a)).toContain('users'); // the scan does see what is there
  });
});
