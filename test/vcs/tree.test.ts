import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesToModel } from '../../unified-model/index.js';
import {
  EMPTY_TREE_OID,
  InvalidPathError,
  NotARepositoryError,
  RepositoryExistsError,
  hashObject,
  initRepo,
  listTree,
  readTreeFiles,
  treeOidOf,
  writeTree,
  writeTreeWithStats,
} from '../../src/vcs/index.js';
import { countLoose, countObjectFiles, fsck, git, sampleFiles, sampleModel, tempDir } from './helpers.js';

const root = tempDir();
let n = 0;
async function freshRepo(): Promise<string> {
  const dir = join(root, `r${n++}.git`);
  await initRepo(dir);
  return dir;
}

describe('initRepo', () => {
  it('creates a bare repository stock git accepts, HEAD on main', async () => {
    const dir = await freshRepo();
    expect(git(dir, ['rev-parse', '--is-bare-repository']).trim()).toBe('true');
    expect(git(dir, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
    expect(fsck(dir)).not.toMatch(/error/u);
  });

  it('refuses an existing repository', async () => {
    const dir = await freshRepo();
    await expect(initRepo(dir)).rejects.toBeInstanceOf(RepositoryExistsError);
    await expect(initRepo(dir)).rejects.toMatchObject({ code: 'RepositoryExists' });
  });

  it('names a missing repository clearly', async () => {
    await expect(writeTree(join(root, 'nope.git'), [])).rejects.toBeInstanceOf(NotARepositoryError);
  });
});

describe('writeTree', () => {
  it('gives the tree id stock git computes, with the same blob ids', async () => {
    const dir = await freshRepo();
    const files = sampleFiles(20);
    const tree = await writeTree(dir, files);
    const listed = git(dir, ['ls-tree', '-r', tree]).trim().split('\n');
    expect(listed).toHaveLength(files.length);
    for (const [i, line] of listed.entries()) {
      const [meta, path] = line.split('\t');
      const [mode, type, oid] = meta.split(' ');
      expect({ mode, type, path }).toEqual({ mode: '100644', type: 'blob', path: files[i].path });
      expect(oid).toBe(git(dir, ['hash-object', '--stdin'], files[i].content).trim());
    }
    // rebuild the same tree with stock git from its own listing: same id
    const top = git(dir, ['ls-tree', tree]);
    expect(git(dir, ['mktree'], top).trim()).toBe(tree);
    expect(git(dir, ['show', `${tree}:schemas/public/tables/users.json`])).toBe(files.find((f) => f.path === 'schemas/public/tables/users.json')?.content);
    expect(fsck(dir)).not.toMatch(/error|warning/iu);
  });

  it('sorts entries the git way (a directory compares as "name/")', async () => {
    const dir = await freshRepo();
    const files = ['a-b', 'a/x', 'a.b', 'a0', 'ab', 'b/c/d', 'b.json', 'é.json'].map((path) => ({ path, content: `${path}\n` }));
    const tree = await writeTree(dir, files);
    expect(fsck(dir)).not.toMatch(/error|warning/iu);
    const listing = git(dir, ['ls-tree', tree]);
    expect(git(dir, ['mktree'], listing).trim()).toBe(tree);
    expect((await listTree(dir, tree)).map((f) => f.path)).toEqual(git(dir, ['ls-tree', '-r', '--name-only', '-z', tree]).split('\0').filter(Boolean));
  });

  it('same files give the same tree id; an unchanged model writes no objects', async () => {
    const dir = await freshRepo();
    const first = await writeTreeWithStats(dir, sampleFiles(50));
    const before = countLoose(dir);
    expect(first.written).toBe(before);
    const again = await writeTreeWithStats(dir, sampleFiles(50));
    expect(again).toEqual({ oid: first.oid, written: 0 });
    expect(countLoose(dir)).toBe(before);
    expect(treeOidOf(sampleFiles(50))).toBe(first.oid);
    // one changed table: its blob and the trees on its path (tables, public, schemas, root)
    const changed = await writeTreeWithStats(dir, sampleFiles(50, { table: 't00007', version: 2 }));
    expect(changed.oid).not.toBe(first.oid);
    expect(changed.written).toBe(5);
  });

  it('round-trips a model through the tree', async () => {
    const dir = await freshRepo();
    const tree = await writeTree(dir, sampleFiles(10));
    expect(await readTreeFiles(dir, tree)).toEqual(sampleFiles(10));
    expect(filesToModel(await readTreeFiles(dir, tree))).toEqual(filesToModel(sampleFiles(10)));
    expect(sampleModel(10).objects.length + 1).toBe(sampleFiles(10).length);
  });

  it('writes the empty tree', async () => {
    const dir = await freshRepo();
    expect(await writeTree(dir, [])).toBe(EMPTY_TREE_OID);
    expect(await readTreeFiles(dir, EMPTY_TREE_OID)).toEqual([]);
  });

  it('rejects paths git cannot store', async () => {
    const dir = await freshRepo();
    for (const paths of [['/a'], ['a//b'], ['a/'], ['a/../b'], ['.git/x'], ['a', 'a'], ['a', 'a/b'], ['a/b', 'a']]) {
      await expect(writeTree(dir, paths.map((path) => ({ path, content: '' }))), paths.join(',')).rejects.toBeInstanceOf(InvalidPathError);
    }
  });

  it('writes many objects as one pack stock git verifies; rewriting adds no file', async () => {
    const dir = await freshRepo();
    const files = sampleFiles(300);
    const first = await writeTreeWithStats(dir, files);
    expect(first.written).toBe(files.length + 6);
    expect(countLoose(dir)).toBe(0);
    const packs = readdirSync(join(dir, 'objects', 'pack'));
    expect(packs.filter((f) => f.endsWith('.pack'))).toHaveLength(1);
    const pack = join(dir, 'objects', 'pack', packs.find((f) => f.endsWith('.idx')) as string);
    const verify = git(dir, ['verify-pack', '-v', pack]);
    expect(verify).toContain(`${first.oid} tree`);
    expect(verify).toContain(': ok');
    expect(fsck(dir)).not.toMatch(/error|warning/iu);
    expect(git(dir, ['show', `${first.oid}:schemas/public/tables/t00299.json`])).toBe(files.find((f) => f.path.endsWith('t00299.json'))?.content);
    const before = countObjectFiles(dir);
    expect(await writeTreeWithStats(dir, sampleFiles(300))).toEqual({ oid: first.oid, written: 0 });
    expect(countObjectFiles(dir)).toBe(before);
    expect(await readTreeFiles(dir, first.oid)).toEqual(files);
  });

  it('reads packs with OFS_DELTA and REF_DELTA entries', async () => {
    const dir = await freshRepo();
    const versions = [1, 2, 3].map((v) => sampleFiles(40, { table: 't00020', version: v }));
    let parent: string | undefined;
    const trees: string[] = [];
    for (const files of versions) {
      const tree = await writeTree(dir, files);
      trees.push(tree);
      parent = git(dir, ['commit-tree', tree, '-m', 'x', ...(parent ? ['-p', parent] : [])]).trim();
    }
    git(dir, ['update-ref', 'refs/heads/main', parent as string]);
    for (const offsets of ['true', 'false']) {
      git(dir, ['-c', `repack.useDeltaBaseOffset=${offsets}`, 'repack', '-a', '-d', '-f', '-q']);
      const idx = readdirSync(join(dir, 'objects', 'pack')).find((f) => f.endsWith('.idx')) as string;
      expect(git(dir, ['verify-pack', '-v', join(dir, 'objects', 'pack', idx)])).toMatch(/chain length = [1-9]/u);
      for (const [i, tree] of trees.entries()) expect(await readTreeFiles(dir, tree), `useDeltaBaseOffset=${offsets}`).toEqual(versions[i]);
    }
  });

  it('hashObject matches git hash-object', () => {
    expect(hashObject('blob', Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('works on a repository whose objects are packed (after git gc)', async () => {
    const dir = await freshRepo();
    const files = sampleFiles(30);
    const tree = await writeTree(dir, files);
    git(dir, ['update-ref', 'refs/heads/main', git(dir, ['commit-tree', tree, '-m', 'x']).trim()]);
    git(dir, ['gc', '--quiet', '--prune=now']);
    expect(countLoose(dir)).toBe(0);
    expect(await writeTreeWithStats(dir, files)).toEqual({ oid: tree, written: 0 });
    expect(await readTreeFiles(dir, tree)).toEqual(files);
    const changed = await writeTreeWithStats(dir, sampleFiles(30, { table: 'users', version: 3 }));
    expect(changed.written).toBe(5);
    expect(fsck(dir)).not.toMatch(/error/iu);
  });
});
