/**
 * Merge bases (src/vcs/merge-base.ts) against stock git's `git merge-base --all` on
 * real repositories: a fork, a fast-forward, and a criss-cross history with two bases;
 * and the commits a merge takes in from one side, parents before children.
 */
import { describe, expect, it } from 'vitest';
import * as vcs from '../../src/vcs/index.js';
import { git, tempDir } from '../vcs/helpers.js';

const author = { name: 't', email: 't@t' };

async function repo() {
  const dir = tempDir();
  await vcs.initRepo(dir);
  let n = 0;
  // each commit gets its own tree, so ids never repeat
  const commit = async (branch: string, parents: string[]) => {
    const tree = await vcs.writeTree(dir, [{ path: 'redb.json', content: `{"n":${n++}}\n` }]);
    return vcs.commit(dir, { branch, tree, parents, expectedHead: (await vcs.branchHead(dir, branch)) ?? null, message: `c${n}`, author });
  };
  return { dir, commit };
}

const stock = (dir: string, a: string, b: string) => git(dir, ['merge-base', '--all', a, b]).trim().split('\n').sort();

describe('mergeBases', () => {
  it('finds the fork point, and a head that is an ancestor of the other', async () => {
    const { dir, commit } = await repo();
    const root = await commit('main', []);
    const fork = await commit('main', [root]);
    await vcs.createBranch(dir, 'feature', fork);
    const a = await commit('main', [fork]);
    const b1 = await commit('feature', [fork]);
    const b2 = await commit('feature', [b1]);
    expect(await vcs.mergeBases(dir, a, b2)).toEqual([fork]);
    expect(await vcs.mergeBases(dir, a, b2)).toEqual(stock(dir, a, b2));
    expect(await vcs.mergeBases(dir, fork, b2)).toEqual([fork]);
    expect(await vcs.isAncestor(dir, fork, b2)).toBe(true);
    expect(await vcs.isAncestor(dir, a, b2)).toBe(false);
    expect(await vcs.commitsSince(dir, fork, b2)).toEqual([b1, b2]);
  });

  it('returns both best bases of a criss-cross history, as git does', async () => {
    const { dir, commit } = await repo();
    const root = await commit('main', []);
    await vcs.createBranch(dir, 'feature', root);
    const a1 = await commit('main', [root]);
    const b1 = await commit('feature', [root]);
    const a2 = await commit('main', [a1, b1]);
    const b2 = await commit('feature', [b1, a1]);
    const bases = await vcs.mergeBases(dir, a2, b2);
    expect(bases).toEqual([a1, b1].sort());
    expect(bases).toEqual(stock(dir, a2, b2));
    // parents before children, each once
    const since = await vcs.commitsSince(dir, root, a2);
    expect(since.indexOf(a2)).toBe(2);
    expect(new Set(since)).toEqual(new Set([a1, b1, a2]));
  });

  it('is empty for histories that share no commit', async () => {
    const { dir, commit } = await repo();
    const a = await commit('main', []);
    const b = await commit('other', []);
    expect(await vcs.mergeBases(dir, a, b)).toEqual([]);
  });
});
