/** isomorphic-git (used later for remotes) reads what redb writes, and the other way round. */
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { commit, initRepo, listBranches, log, readCommit, readTreeFiles, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, fsck, sampleFiles, tempDir } from './helpers.js';

describe('isomorphic-git interop', () => {
  it('reads redb commits, packs and loose objects; redb reads its commits', async () => {
    const gitdir = join(tempDir(), 'interop.git');
    await initRepo(gitdir);
    const big = sampleFiles(200); // written as a pack
    const c1 = await commit(gitdir, { branch: 'main', tree: await writeTree(gitdir, big), message: 'bulk', author: AUTHOR, trailers: { 'Redb-Dialect': 'postgres' } });
    const small = sampleFiles(200, { table: 'users', version: 2 }); // a few loose objects
    const c2 = await commit(gitdir, { branch: 'main', tree: await writeTree(gitdir, small), message: 'one change', author: AUTHOR });

    expect(await git.listBranches({ fs, gitdir })).toEqual(['main']);
    const entries = await git.log({ fs, gitdir, ref: 'main' });
    expect(entries.map((e) => e.oid)).toEqual([c2, c1]);
    expect(entries[1].commit.message).toBe('bulk\n\nRedb-Dialect: postgres\n');
    expect(entries[1].commit.author).toMatchObject({ name: AUTHOR.name, email: AUTHOR.email, timestamp: AUTHOR.timestamp, timezoneOffset: AUTHOR.timezoneOffset });
    for (const [oid, files] of [
      [c1, big],
      [c2, small],
    ] as const) {
      const path = 'schemas/public/tables/users.json';
      const { blob } = await git.readBlob({ fs, gitdir, oid, filepath: path });
      expect(Buffer.from(blob).toString('utf8')).toBe(files.find((f) => f.path === path)?.content);
    }

    // isomorphic-git commits on top; redb reads it
    const tree = await writeTree(gitdir, sampleFiles(3));
    const c3 = await git.writeCommit({
      fs,
      gitdir,
      commit: { tree, parent: [c2], author: { ...AUTHOR }, committer: { ...AUTHOR }, message: 'from isomorphic-git\n\nRedb-Dialect: mysql\n' },
    });
    await git.writeRef({ fs, gitdir, ref: 'refs/heads/main', value: c3, force: true });
    expect(await readCommit(gitdir, c3)).toMatchObject({ tree, parents: [c2], message: 'from isomorphic-git', trailers: { 'Redb-Dialect': 'mysql' }, author: AUTHOR });
    expect((await log(gitdir, c3)).map((c) => c.oid)).toEqual([c3, c2, c1]);
    expect(await listBranches(gitdir)).toEqual([{ name: 'main', oid: c3 }]);
    expect(await readTreeFiles(gitdir, c3)).toEqual(sampleFiles(3));
    expect(fsck(gitdir)).not.toMatch(/error/iu);
  });
});
