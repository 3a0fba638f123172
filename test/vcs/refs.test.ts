import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BranchExistsError,
  BranchNotFoundError,
  DefaultBranchError,
  InvalidRefNameError,
  RefConflictError,
  RefLockedError,
  branchHead,
  commit,
  createBranch,
  defaultBranch,
  deleteBranch,
  deleteRef,
  listBranches,
  listRefs,
  readRef,
  refNameProblem,
  setDefaultBranch,
  writeRef,
  writeTree,
  initRepo,
} from '../../src/vcs/index.js';
import { AUTHOR, fsck, git, sampleFiles, tempDir } from './helpers.js';

const root = tempDir();
const dir = join(root, 'refs.git');
let c1 = '';
let c2 = '';

beforeAll(async () => {
  await initRepo(dir);
  c1 = await commit(dir, { branch: 'main', tree: await writeTree(dir, sampleFiles(1, { table: 'users', version: 1 })), message: 'one', author: AUTHOR });
  c2 = await commit(dir, { branch: 'main', tree: await writeTree(dir, sampleFiles(1, { table: 'users', version: 2 })), message: 'two', author: AUTHOR });
});

function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore', cwd: root });
    return true;
  } catch {
    return false;
  }
}

describe('branch names', () => {
  it('follow git check-ref-format --branch', () => {
    const names = ['main', 'feature/x', 'a.b', 'v1.0', 'x-y_z', 'UPPER', 'a/b/c', 'ünï', '.hidden', 'a/.b', 'a..b', 'a.lock', 'a/b.lock', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', '/a', 'a/', 'a//b', 'a.', 'a@b', 'a@{b', '-a', 'a\x01', 'a\x7f', ''];
    for (const name of names) expect(refNameProblem(name, true) === undefined, JSON.stringify(name)).toBe(gitAccepts(name));
    // stricter than git: "@" and "HEAD" are revisions, never branch names
    expect(refNameProblem('@', true)).toBeDefined();
    expect(refNameProblem('HEAD', true)).toBeDefined();
  });
});

describe('branches', () => {
  it('creates, lists, reads and deletes branches that stock git sees', async () => {
    await createBranch(dir, 'feature/a', c1);
    await createBranch(dir, 'dev', c2);
    expect(await listBranches(dir)).toEqual([
      { name: 'dev', oid: c2 },
      { name: 'feature/a', oid: c1 },
      { name: 'main', oid: c2 },
    ]);
    expect(git(dir, ['branch', '--format=%(refname:short) %(objectname)']).trim().split('\n')).toEqual([`dev ${c2}`, `feature/a ${c1}`, `main ${c2}`]);
    expect(await branchHead(dir, 'feature/a')).toBe(c1);
    expect(await branchHead(dir, 'nope')).toBeUndefined();
    await expect(createBranch(dir, 'dev', c1)).rejects.toBeInstanceOf(BranchExistsError);
    await expect(createBranch(dir, 'bad..name', c1)).rejects.toBeInstanceOf(InvalidRefNameError);
    await expect(createBranch(dir, 'feature', c1)).rejects.toMatchObject({ code: 'InvalidRefName' }); // feature/a exists
    await expect(createBranch(dir, 'x', '0'.repeat(40))).rejects.toMatchObject({ code: 'ObjectNotFound' });

    await deleteBranch(dir, 'feature/a');
    expect(existsSync(join(dir, 'refs/heads/feature'))).toBe(false);
    await createBranch(dir, 'feature', c1); // the directory is gone, so this works now
    await expect(deleteBranch(dir, 'feature/a')).rejects.toBeInstanceOf(BranchNotFoundError);
    await expect(deleteBranch(dir, 'main')).rejects.toBeInstanceOf(DefaultBranchError);
    await expect(deleteBranch(dir, 'dev', { expected: c1 })).rejects.toBeInstanceOf(RefConflictError);
    await deleteBranch(dir, 'dev', { expected: c2 });
    await deleteBranch(dir, 'feature');
    expect((await listBranches(dir)).map((b) => b.name)).toEqual(['main']);
    expect(fsck(dir)).not.toMatch(/error/iu);
  });

  it('an unborn default branch has no head and is not listed', async () => {
    const empty = join(root, 'empty.git');
    await initRepo(empty, 'trunk');
    expect(await defaultBranch(empty)).toBe('trunk');
    expect(await branchHead(empty, 'trunk')).toBeUndefined();
    expect(await listBranches(empty)).toEqual([]);
  });

  it('moves the default branch', async () => {
    const r = join(root, 'default.git');
    await initRepo(r);
    const c = await commit(r, { branch: 'main', tree: await writeTree(r, []), message: 'x', author: AUTHOR });
    await createBranch(r, 'other', c);
    await setDefaultBranch(r, 'other');
    expect(git(r, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/other');
    await deleteBranch(r, 'main');
    expect(await defaultBranch(r)).toBe('other');
  });
});

describe('refs', () => {
  it('writes generic refs with compare-and-swap (deploy ledger refs)', async () => {
    const ref = 'refs/redb/deploys/prod';
    await writeRef(dir, ref, c1, { expected: null });
    expect(await readRef(dir, ref)).toBe(c1);
    expect(git(dir, ['rev-parse', ref]).trim()).toBe(c1);
    await expect(writeRef(dir, ref, c2, { expected: null })).rejects.toBeInstanceOf(RefConflictError);
    await expect(writeRef(dir, ref, c2, { expected: c2 })).rejects.toMatchObject({ code: 'RefConflict', data: { ref, expected: c2, actual: c1 } });
    await writeRef(dir, ref, c2, { expected: c1 });
    expect(await readRef(dir, ref)).toBe(c2);
    expect((await listRefs(dir, 'refs/redb/')).map((r) => r.ref)).toEqual([ref]);
    await expect(writeRef(dir, 'deploys/prod', c1)).rejects.toBeInstanceOf(InvalidRefNameError);
    await expect(readRef(dir, 'refs/../../config')).rejects.toBeInstanceOf(InvalidRefNameError);
    expect(await readRef(dir, 'HEAD')).toBe(c2);
    expect(await deleteRef(dir, ref, { expected: c2 })).toBe(true);
    expect(await readRef(dir, ref)).toBeUndefined();
    expect(await deleteRef(dir, ref)).toBe(false);
  });

  it('respects a lock file held by another writer', async () => {
    const ref = 'refs/redb/locked';
    writeFileSync(join(dir, `${ref}.lock`), '');
    try {
      await expect(writeRef(dir, ref, c1)).rejects.toBeInstanceOf(RefLockedError);
    } finally {
      execFileSync('rm', [join(dir, `${ref}.lock`)]);
    }
    await writeRef(dir, ref, c1);
    await deleteRef(dir, ref);
  });

  it('reads and deletes packed refs (after git pack-refs)', async () => {
    const r = join(root, 'packed.git');
    await initRepo(r);
    const c = await commit(r, { branch: 'main', tree: await writeTree(r, sampleFiles(1)), message: 'x', author: AUTHOR });
    await createBranch(r, 'packed/one', c);
    await writeRef(r, 'refs/redb/deploys/prod', c);
    git(r, ['pack-refs', '--all']);
    expect(existsSync(join(r, 'refs/heads/packed/one'))).toBe(false);
    expect(await branchHead(r, 'packed/one')).toBe(c);
    expect((await listBranches(r)).map((b) => b.name)).toEqual(['main', 'packed/one']);
    await expect(createBranch(r, 'packed/one', c)).rejects.toBeInstanceOf(BranchExistsError);
    await deleteBranch(r, 'packed/one');
    expect(await branchHead(r, 'packed/one')).toBeUndefined();
    expect(git(r, ['for-each-ref', '--format=%(refname)']).trim().split('\n')).toEqual(['refs/heads/main', 'refs/redb/deploys/prod']);
    const c2b = await commit(r, { branch: 'main', tree: await writeTree(r, sampleFiles(2)), message: 'y', author: AUTHOR });
    expect(git(r, ['rev-parse', 'main']).trim()).toBe(c2b);
    expect(fsck(r)).not.toMatch(/error/iu);
  });
});
