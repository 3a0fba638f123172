/** Shared helpers of the git store tests: temp repositories, stock git, sample models. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { FORMAT_VERSION, modelToFiles, objectId, type Model, type Table } from '../../unified-model/index.js';
import type { ModelFile } from '../../unified-model/files.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A temp directory removed after the test file (may be called inside a test). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redb-vcs-'));
  created.push(dir);
  return dir;
}

/** Runs stock git and returns its stdout. */
export function git(gitDir: string, args: readonly string[], input?: string): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir(), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `git fsck --strict` output (stdout + stderr); throws when git reports errors. */
export function fsck(gitDir: string): string {
  return execFileSync('sh', ['-c', `git --git-dir "${gitDir}" fsck --strict --no-dangling 2>&1`], { encoding: 'utf8' });
}

/** Number of files under objects/ (loose objects, packs, indexes). */
export function countObjectFiles(gitDir: string): number {
  return readdirSync(join(gitDir, 'objects'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/** Number of loose object files. */
export function countLoose(gitDir: string): number {
  let n = 0;
  for (const d of readdirSync(join(gitDir, 'objects'))) if (/^[0-9a-f]{2}$/u.test(d)) n += readdirSync(join(gitDir, 'objects', d)).length;
  return n;
}

export function table(name: string, extra = 0, schema = 'public'): Table {
  return {
    kind: 'table',
    id: objectId(schema, name),
    schema,
    name,
    columns: [
      { name: 'id', type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, nullable: false },
      { name: 'note', type: { native: 'text', logical: { kind: 'text' } }, nullable: true, ...(extra ? { comment: `v${extra}` } : {}) },
    ],
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  };
}

/** A model with `n` tables (`t00000`…) plus `users`; `bump` changes one table's comment. */
export function sampleModel(n: number, bump?: { table: string; version: number }): Model {
  const tables = [table('users'), ...Array.from({ length: n }, (_, i) => table(`t${String(i).padStart(5, '0')}`))];
  const objects = tables.map((t) => (bump && t.name === bump.table ? table(t.name, bump.version) : t));
  return {
    formatVersion: FORMAT_VERSION,
    dialect: 'postgres',
    objects: [{ kind: 'schema', id: 'public', name: 'public' }, { kind: 'schema', id: 'app', name: 'app' }, table('orders', 0, 'app'), ...objects],
  };
}

export function sampleFiles(n: number, bump?: { table: string; version: number }): ModelFile[] {
  return modelToFiles(sampleModel(n, bump));
}

export const AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.com', timestamp: 1_700_000_000, timezoneOffset: -120 };
