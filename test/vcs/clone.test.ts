import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepositoryExistsError, branchHead, cloneRepo, commit, createBranch, defaultBranch, initRepo, listBranches, listRefs, readTreeFiles, writeRef, writeTree, writeTreeWithStats } from '../../src/vcs/index.js';
import { AUTHOR, fsck, git, sampleFiles, tempDir } from './helpers.js';

const root = tempDir();

async function source(name: string): Promise<string> {
  const dir = join(root, `${name}.git`);
  await initRepo(dir);
  const c1 = await commit(dir, { branch: 'main', tree: await writeTree(dir, sampleFiles(20)), message: 'one', author: AUTHOR });
  const c2 = await commit(dir, { branch: 'main', tree: await writeTree(dir, sampleFiles(20, { table: 'users', version: 2 })), message: 'two', author: AUTHOR });
  await createBranch(dir, 'feature/x', c1);
  await writeRef(dir, 'refs/redb/deploys/prod', c2);
  return dir;
}

describe('cloneRepo', () => {
  it('copies every ref and object; the clone passes git fsck', async () => {
    const src = await source('src');
    const dest = join(root, 'clones', 'dest.git');
    await cloneRepo(src, dest);
    expect(fsck(dest)).not.toMatch(/error|missing|warning/iu);
    expect(await listBranches(dest)).toEqual(await listBranches(src));
    expect(await listRefs(dest)).toEqual(await listRefs(src));
    expect(await defaultBranch(dest)).toBe('main');
    expect(git(dest, ['config', 'remote.origin.url']).trim()).toBe(src);
    expect(git(dest, ['log', '--format=%s', 'main']).trim().split('\n')).toEqual(['two', 'one']);
    expect(await readTreeFiles(dest, (await branchHead(dest, 'main')) as string)).toEqual(sampleFiles(20, { table: 'users', version: 2 }));
    // the clone is independent: committing there leaves the source alone
    await commit(dest, { branch: 'main', tree: await writeTree(dest, sampleFiles(21)), message: 'three', author: AUTHOR });
    expect(git(src, ['log', '--format=%s', 'main']).trim().split('\n')).toEqual(['two', 'one']);
    expect(fsck(src)).not.toMatch(/error/iu);
  });

  it('clones a packed repository', async () => {
    const src = await source('packed');
    git(src, ['gc', '--quiet', '--prune=now']);
    const dest = join(root, 'packed-clone.git');
    await cloneRepo(src, dest);
    expect(fsck(dest)).not.toMatch(/error|missing/iu);
    expect(await listRefs(dest)).toEqual(await listRefs(src));
    expect(readFileSync(join(dest, 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect((await writeTreeWithStats(dest, sampleFiles(20))).written).toBe(0);
  });

  it('refuses an existing destination', async () => {
    const src = await source('src2');
    await expect(cloneRepo(src, src)).rejects.toBeInstanceOf(RepositoryExistsError);
  });
});
