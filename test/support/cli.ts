/** Runs the real `redb` binary (the built one, as a user would) in a workspace. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

const BIN = new URL('../../bin/redb.js', import.meta.url).pathname;
/** The project folder (where `npx redb` finds the package's own binary). */
export const PROJECT_DIR = new URL('../..', import.meta.url).pathname;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: any;
}

export function tempDir(prefix = 'redb-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment without what vitest adds (NODE_ENV=test makes oclif print development warnings). */
function asUser(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _testRunner, ...rest } = env;
  return rest;
}

/** A finished process as a RunResult; stdout is parsed as JSON when it is JSON. */
function resultOf(r: SpawnSyncReturns<string>): RunResult {
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** The environment every test run of redb gets: no colour, a fixed git author. */
const TEST_ENV = { NO_COLOR: '1', GIT_AUTHOR_NAME: 'Test Author', GIT_AUTHOR_EMAIL: 'test@example.com' };

/** `redb ARGS` with REDB_WORKSPACE=workspace; never throws on a non-zero exit. */
export function redb(workspace: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: asUser({ ...process.env, REDB_WORKSPACE: workspace, ...TEST_ENV, ...env }),
    timeout: 120_000,
  });
  return resultOf(r);
}

/** `redb ARGS` that must exit 0: otherwise the test fails with the command and its output. */
export function redbOk(workspace: string, args: readonly string[]): RunResult {
  const r = redb(workspace, args);
  expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

/**
 * The set-up of a deploy from one database onto another: a workspace at `ws` whose
 * repository `app` has `main` attached to `src` and committed once (as `message`), and
 * a branch `prod` (from `main`) attached to `prod`.
 */
export function deployWorkspace(ws: string, srcUrl: string, prodUrl: string, message: string): void {
  for (const args of [['init', ws], ['database', 'connect', 'src', srcUrl], ['database', 'connect', 'prod', prodUrl], ['repo', 'add', 'app'],
    ['branch', 'attach', 'main', 'src'], ['commit', '-m', message], ['branch', 'create', 'prod'], ['branch', 'attach', 'prod', 'prod']]) redbOk(ws, args);
}

/** Stock git against a bare repository. */
export function git(gitDir: string, args: readonly string[]): string {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A folder holding a `redb` that runs the built binary: what `npm link` puts on the PATH. */
export function redbOnPath(): string {
  const dir = tempDir('redb-path-');
  const shim = join(dir, 'redb');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

let redbPath: string | undefined;

/**
 * A command line as a user types it, run by bash with `redb` on the PATH (unless
 * `linked: false`) and without REDB_WORKSPACE (so the line alone must say which
 * workspace); never throws.
 */
export function shell(line: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv; linked?: boolean } = {}): RunResult {
  const env = asUser({ ...process.env, ...TEST_ENV, ...opts.env });
  delete env.REDB_WORKSPACE;
  if (opts.linked !== false) env.PATH = `${(redbPath ??= redbOnPath())}:${env.PATH ?? ''}`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', line], { encoding: 'utf8', env, cwd: opts.cwd ?? tempDir(), timeout: 180_000 });
  return resultOf(r);
}
