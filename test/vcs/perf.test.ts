/**
 * Timings of the git store at 5,000 objects, printed (not asserted: machines differ).
 * Run alone for clean figures: `npx vitest run test/vcs/perf.test.ts`.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { changedPaths, commit, initRepo, readTreeFiles, treeOidOf, writeTreeWithStats } from '../../src/vcs/index.js';
import { AUTHOR, git, sampleFiles, tempDir } from './helpers.js';

const N = 5000;

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const out = await fn();
  console.log(`[vcs perf] ${label}: ${(performance.now() - t).toFixed(0)} ms`);
  return out;
}

describe(`git store at ${N} objects`, () => {
  it('writes, rewrites, diffs and reads', async () => {
    const dir = join(tempDir(), 'perf.git');
    await initRepo(dir);
    const files = sampleFiles(N);
    await timed(`hash only (treeOidOf, ${files.length} files)`, () => treeOidOf(files));
    const first = await timed(`writeTree, empty store (${files.length} files)`, () => writeTreeWithStats(dir, files));
    expect(first.written).toBe(files.length + 6); // + root, schemas, public, public/tables, app, app/tables
    const again = await timed('writeTree, unchanged model', () => writeTreeWithStats(dir, files));
    expect(again.written).toBe(0);
    const bumped = sampleFiles(N, { table: 't02500', version: 2 });
    const second = await timed('writeTree, one table changed', () => writeTreeWithStats(dir, bumped));
    expect(second.written).toBe(5);
    const c1 = await commit(dir, { branch: 'main', tree: first.oid, message: 'a', author: AUTHOR });
    const c2 = await commit(dir, { branch: 'main', tree: second.oid, message: 'b', author: AUTHOR });
    const changes = await timed('changedPaths between the two commits', () => changedPaths(dir, c1, c2));
    expect(changes).toHaveLength(1);
    const read = await timed('readTreeFiles (redb pack + loose)', () => readTreeFiles(dir, c2));
    expect(read).toEqual(bumped);
    git(dir, ['gc', '--quiet', '--prune=now']);
    const packed = await timed('readTreeFiles after git gc (deltas)', () => readTreeFiles(dir, c2));
    expect(packed).toEqual(bumped);
    const afterGc = await timed('writeTree, unchanged model, after git gc', () => writeTreeWithStats(dir, bumped));
    expect(afterGc.written).toBe(0);
  });
});
