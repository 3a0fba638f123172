import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, commit, initRepo, listTree, readBlobs, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, git, sampleFiles, tempDir } from './helpers.js';

const root = tempDir();

describe('changedPaths', () => {
  it('lists exactly the one changed file among 2,000', async () => {
    const dir = join(root, 'big.git');
    await initRepo(dir);
    const a = await writeTree(dir, sampleFiles(2000));
    const b = await writeTree(dir, sampleFiles(2000, { table: 't01234', version: 2 }));
    const changes = await changedPaths(dir, a, b);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: 'schemas/public/tables/t01234.json', status: 'modified' });
    expect(git(dir, ['diff-tree', '-r', '--name-status', a, b]).trim()).toBe('M\tschemas/public/tables/t01234.json');
    const blobs = await readBlobs(dir, [changes[0].oldOid as string, changes[0].newOid as string]);
    expect(JSON.parse(blobs.get(changes[0].newOid as string) as string).columns[1].comment).toBe('v2');
    expect(JSON.parse(blobs.get(changes[0].oldOid as string) as string).columns[1].comment).toBeUndefined();
    expect(await changedPaths(dir, a, a)).toEqual([]);
  });

  it('reports additions and deletions like git diff-tree, from trees or commits', async () => {
    const dir = join(root, 'ad.git');
    await initRepo(dir);
    const base = sampleFiles(3);
    const next = [
      ...base.filter((f) => !f.path.includes('t00001') && !f.path.startsWith('schemas/app/')),
      { path: 'schemas/public/views/v.json', content: '{}\n' },
      { path: 'schemas/public/tables/t00002.json/odd', content: 'file became a directory\n' },
    ].filter((f) => f.path !== 'schemas/public/tables/t00002.json');
    const a = await commit(dir, { branch: 'main', tree: await writeTree(dir, base), message: 'a', author: AUTHOR });
    const b = await commit(dir, { branch: 'main', tree: await writeTree(dir, next), message: 'b', author: AUTHOR });
    const ours = (await changedPaths(dir, a, b)).map((c) => `${c.status[0].toUpperCase()}\t${c.path}`);
    const theirs = git(dir, ['diff-tree', '-r', '--name-status', a, b]).trim().split('\n');
    expect([...ours].sort()).toEqual([...theirs].sort());
    expect(ours).toContain('A\tschemas/public/views/v.json');
    expect(ours).toContain('D\tschemas/app/tables/orders.json');

    const fromEmpty = await changedPaths(dir, undefined, a);
    expect(fromEmpty.map((c) => c.path)).toEqual((await listTree(dir, a)).map((f) => f.path));
    expect(fromEmpty.every((c) => c.status === 'added' && c.newOid && !c.oldOid)).toBe(true);
    expect((await changedPaths(dir, a, undefined)).every((c) => c.status === 'deleted')).toBe(true);
  });
});
