/**
 * Bad input by CLI: a clear message and hint, the documented exit code, no stack
 * trace, no password in the output, and nothing half-written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { git, redb, tempDir, type RunResult } from '../support/cli.js';

function expectCleanError(r: RunResult, exit: number, message: RegExp): void {
  expect(r.code, r.stderr + r.stdout).toBe(exit);
  expect(r.stderr).toMatch(/^error: /m);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
}

describe('bad input', () => {
  const ws = tempDir();
  const dbDir = join(ws, 'db');

  beforeAll(async () => {
    const db = new PGlite(dbDir);
    await db.exec('CREATE TABLE t (id int PRIMARY KEY)');
    await db.close();
    expect(redb(ws, ['init', ws]).code).toBe(0);
  });

  it('refuses a second init, an unknown scheme, and a taken name', () => {
    expectCleanError(redb(ws, ['init', ws]), 1, /already exists/);
    expectCleanError(redb(ws, ['database', 'connect', 'x', 'foo://u:hunter2@h/db']), 64, /scheme/);
    const unknown = redb(ws, ['database', 'connect', 'x', 'foo://u:hunter2@h/db']);
    expect(unknown.stderr).not.toContain('hunter2');
    // the hint lists the schemes the registry knows, without loading an adapter
    expect(unknown.stderr).toMatch(/hint: Use one of: postgres:\/\/, postgresql:\/\/, pglite:\/\/, sqlite:\/\/, mysql:\/\/, mariadb:\/\/ \(e\.g\. postgres:\/\/\S+ or pglite:\/\/\S+ or sqlite:\/\/\S+ or mysql:\/\/\S+\)/);
    expectCleanError(redb(ws, ['database', 'connect', 'x', 'localhost:5432']), 64, /no scheme/);
    expect(redb(ws, ['database', 'connect', 'db', `pglite://${dbDir}`]).code).toBe(0);
    expectCleanError(redb(ws, ['database', 'connect', 'db', `pglite://${dbDir}`]), 64, /already exists/);
    expect(redb(ws, ['repo', 'add', 'r']).code).toBe(0);
    expectCleanError(redb(ws, ['repo', 'add', 'r']), 64, /already exists/);
    expectCleanError(redb(ws, ['repo', 'add', '../evil']), 64, /invalid repository name/);
  });

  it('a branch with no database attached says how to attach one', () => {
    const r = redb(ws, ['commit', '-m', 'x']);
    expectCleanError(r, 64, /no database attached/);
    expect(r.stderr).toMatch(/hint: attach one: redb branch attach main DATABASE/);
    const j = redb(ws, ['status', '--json']);
    expect(j.code).toBe(64);
    expect(j.json.error).toMatchObject({ code: 'E_NOT_ATTACHED', exitCode: 64 });
  });

  it('usage errors exit 64; unknown revisions and objects are named', () => {
    expectCleanError(redb(ws, ['commit']), 64, /message/);
    expectCleanError(redb(ws, ['log', '--bogus']), 64, /bogus/);
    expect(redb(ws, ['branch', 'attach', 'main', 'db']).code).toBe(0);
    expect(redb(ws, ['commit', '-m', 'one']).code).toBe(0);
    expectCleanError(redb(ws, ['show', 'nope']), 1, /nope/);
    expectCleanError(redb(ws, ['show', 'main', 'public.nope']), 64, /no object public.nope/);
  });

  it('repo delete needs --yes (exit 3) and keeps everything until then', () => {
    expect(redb(ws, ['repo', 'add', 'doomed']).code).toBe(0);
    expectCleanError(redb(ws, ['repo', 'delete', 'doomed']), 3, /--yes/);
    expect(existsSync(join(ws, '.redb', 'repos', 'doomed.git'))).toBe(true);
    expect(redb(ws, ['repo', 'delete', 'doomed', '--yes']).code).toBe(0);
    expect(existsSync(join(ws, '.redb', 'repos', 'doomed.git'))).toBe(false);
  });

  it('an unreachable database fails the commit with exit 69 and leaves no new ref', () => {
    const gitDir = join(ws, '.redb', 'repos', 'r.git');
    const head = git(gitDir, ['rev-parse', 'main']).trim();
    const objects = readdirSync(join(gitDir, 'objects')).length;
    expect(redb(ws, ['database', 'connect', 'down', 'postgres://app:s3cret@127.0.0.1:1/app', '--no-verify']).code).toBe(0);
    expect(readFileSync(join(ws, 'redb.yaml'), 'utf8')).not.toContain('s3cret');
    expect(redb(ws, ['branch', 'detach', 'main']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'down']).code).toBe(0);
    const r = redb(ws, ['commit', '-m', 'never']);
    expectCleanError(r, 69, /cannot connect to database down/);
    expect(r.stderr).not.toContain('s3cret');
    expect(redb(ws, ['database', 'list']).stdout).toContain('postgres://app@127.0.0.1:1/app');
    expect(git(gitDir, ['rev-parse', 'main']).trim()).toBe(head);
    expect(readdirSync(join(gitDir, 'objects')).length).toBe(objects);
    expect(redb(ws, ['branch', 'detach', 'main']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'db']).code).toBe(0);
  });

  it('a hand-edited model file is named with its field', () => {
    const gitDir = join(ws, '.redb', 'repos', 'r.git');
    // corrupt one file with stock git, as a user editing the repository would
    const work = tempDir();
    execFileSync('git', ['clone', '-q', gitDir, work]);
    const file = join(work, 'schemas/public/tables/t.json');
    const obj = JSON.parse(readFileSync(file, 'utf8'));
    obj.columns[0].nullable = 'no';
    writeFileSync(file, JSON.stringify(obj, null, 2));
    execFileSync('git', ['-C', work, '-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-qam', 'hand edit']);
    execFileSync('git', ['-C', work, 'push', '-q', 'origin', 'main']);
    const r = redb(ws, ['show', 'main', 'public.t']);
    expectCleanError(r, 1, /schemas\/public\/tables\/t\.json \(field columns\[0\]\.nullable\)/);
  });

  it('a broken workspace config names the field', () => {
    const bad = tempDir();
    writeFileSync(join(bad, 'redb.yaml'), 'version: 1\ndatabases:\n  x: {}\n');
    expectCleanError(redb(bad, ['database', 'list']), 78, /databases\.x\.url/);
    expectCleanError(redb(tempDir(), ['repo', 'list']), 78, /no redb workspace/);
  });
});
