/**
 * `redb remote add|list|remove` by CLI: remotes live in the repository's git config
 * where stock git sees them, a relative path is stored absolute, URLs redb cannot
 * reach or that carry credentials are refused, and removing a remote removes its
 * remote-tracking refs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, redb, redbOk, shell, tempDir } from '../support/cli.js';

const dir = tempDir('redb-remote-');
const ws = join(dir, 'ws');
const gitDir = join(ws, '.redb', 'repos', 'app.git');
const bare = join(dir, 'shared.git');
spawnSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);

describe('redb remote', () => {
  it('adds remotes stock git sees, lists them, and stores a relative path absolute', () => {
    redbOk(ws, ['init', ws]);
    redbOk(ws, ['repo', 'add', 'app']);
    expect(redbOk(ws, ['remote', 'add', 'origin', 'https://git.example.com/team/app.git', '--json']).json).toEqual({ name: 'origin', url: 'https://git.example.com/team/app.git' });
    const rel = shell(`redb -w ${ws} remote add shared ./shared.git --json`, { cwd: dir });
    expect(rel.code, rel.stderr).toBe(0);
    expect(rel.json.url).toBe(bare);
    expect(git(gitDir, ['remote', '-v']).trim().split('\n')).toEqual([
      'origin\thttps://git.example.com/team/app.git (fetch)',
      'origin\thttps://git.example.com/team/app.git (push)',
      `shared\t${bare} (fetch)`,
      `shared\t${bare} (push)`,
    ]);
    expect(git(gitDir, ['config', '--get', 'remote.origin.fetch']).trim()).toBe('+refs/heads/*:refs/remotes/origin/*');
    expect(redbOk(ws, ['remote', 'list', '--json']).json.map((r: { name: string }) => r.name)).toEqual(['origin', 'shared']);
    expect(redbOk(ws, ['remote', 'list']).stdout).toContain('shared  ' + bare);
  });

  it('refuses a taken name, an unreachable scheme, and credentials in the URL', () => {
    const taken = redb(ws, ['remote', 'add', 'origin', bare, '--json']);
    expect([taken.code, taken.json.error.code]).toEqual([64, 'E_REMOTE_EXISTS']);
    for (const url of ['git@github.com:team/app.git', 'ssh://git@github.com/team/app.git']) {
      const r = redb(ws, ['remote', 'add', 'x', url, '--json']);
      expect([r.code, r.json.error.code], url).toEqual([64, 'E_REMOTE_URL']);
      expect(r.json.error.hint).toContain('https://');
    }
    const secret = redb(ws, ['remote', 'add', 'x', 'https://me:hunter2@git.example.com/app.git']);
    expect(secret.code).toBe(64);
    expect(secret.stderr).not.toContain('hunter2');
    expect(readFileSync(join(gitDir, 'config'), 'utf8')).not.toContain('hunter2');
  });

  it('fetch names a remote that does not exist (64), and a remote path with no repository is unavailable (69)', () => {
    const r = redb(ws, ['fetch', 'nowhere', '--json']);
    expect([r.code, r.json.error.code]).toEqual([64, 'E_NO_REMOTE']);
    expect(r.json.error.hint).toContain('remotes: origin, shared');
    const missing = redb(ws, ['remote', 'add', 'gone', join(dir, 'no-such.git')]);
    expect(missing.code).toBe(0);
    const fetch = redb(ws, ['fetch', 'gone', '--json']);
    expect([fetch.code, fetch.json.error.code]).toEqual([69, 'E_REMOTE']);
    const both = redb(ws, ['push', 'shared', 'main', '--tags', '--json']);
    expect([both.code, both.json.error.code]).toEqual([64, 'E_USAGE']);
  });

  it('removes a remote with its remote-tracking refs, leaving the server alone', () => {
    redbOk(ws, ['fetch', 'shared']); // an empty remote: nothing to fetch
    // a tracking ref as a fetch would leave it
    const tree = spawnSync('git', ['--git-dir', gitDir, 'mktree'], { input: '', encoding: 'utf8' }).stdout.trim();
    const commit = spawnSync('git', ['--git-dir', gitDir, 'commit-tree', tree, '-m', 'x'], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).stdout.trim();
    git(gitDir, ['update-ref', 'refs/remotes/shared/main', commit]);
    git(gitDir, ['update-ref', 'refs/redb/remotes/shared/deploys/prod', commit]);
    expect(redbOk(ws, ['remote', 'remove', 'shared', '--json']).json.name).toBe('shared');
    expect(git(gitDir, ['for-each-ref', 'refs/remotes/shared', 'refs/redb/remotes/shared'])).toBe('');
    expect(git(gitDir, ['remote']).trim().split('\n')).toEqual(['gone', 'origin']);
    const again = redb(ws, ['remote', 'remove', 'shared', '--json']);
    expect([again.code, again.json.error.code]).toEqual([64, 'E_NO_REMOTE']);
  });
});
