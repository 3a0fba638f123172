/**
 * The local transport and the fetch/push bookkeeping in-process, against repositories
 * stock git made and checks: a push of a history large enough to go as one pack, a
 * fetch back into another repository, the fast-forward rule, the compare-and-swap on
 * the remote's refs, and the union of two diverged notes histories.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendNote, commit, fetchRemote, initRepo, openTransport, pushRemote, readNote, readRef, RefConflictError, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, fsck, git, sampleFiles, tempDir } from './helpers.js';

const root = tempDir();
const mine = join(root, 'mine.git');
const theirs = join(root, 'theirs.git');
const bare = join(root, 'shared.git');
const oids: string[] = [];

beforeAll(async () => {
  await initRepo(mine);
  await initRepo(theirs);
  git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
  for (let i = 0; i < 3; i++) {
    const tree = await writeTree(mine, sampleFiles(150, { table: 'users', version: i + 1 }));
    oids.push(await commit(mine, { branch: 'main', tree, message: `c${i}`, author: { ...AUTHOR, timestamp: AUTHOR.timestamp + i } }));
  }
});

describe('a path remote', () => {
  it('push copies every object the remote lacks (one pack) and moves its branch', async () => {
    const pushed = await pushRemote(mine, 'origin', openTransport(mine, 'origin', bare), { branches: ['main'] }, AUTHOR);
    expect(pushed).toEqual([{ ref: 'refs/heads/main', oid: oids[2], status: 'new' }]);
    expect(git(bare, ['log', '--format=%H', 'main']).trim().split('\n')).toEqual([...oids].reverse());
    fsck(bare);
    expect(git(bare, ['count-objects', '-v'])).toMatch(/^packs: 1$/mu);
    expect(await readRef(mine, 'refs/remotes/origin/main')).toBe(oids[2]);
  });

  it('fetch brings it into another repository as origin/main, with origin/HEAD', async () => {
    const { refs } = await fetchRemote(theirs, 'origin', openTransport(theirs, 'origin', `file://${bare}`), AUTHOR);
    expect(refs).toEqual([{ ref: 'refs/remotes/origin/main', oid: oids[2], status: 'new' }]);
    expect(git(theirs, ['symbolic-ref', 'refs/remotes/origin/HEAD']).trim()).toBe('refs/remotes/origin/main');
    fsck(theirs);
    expect((await fetchRemote(theirs, 'origin', openTransport(theirs, 'origin', bare), AUTHOR)).refs).toEqual([]);
  });

  it('refuses a push that is not a fast-forward, changing nothing', async () => {
    git(theirs, ['update-ref', 'refs/heads/main', oids[2]]);
    const tree = await writeTree(theirs, sampleFiles(150, { table: 'users', version: 9 }));
    const other = await commit(theirs, { branch: 'main', tree, message: 'theirs', author: AUTHOR });
    await pushRemote(theirs, 'origin', openTransport(theirs, 'origin', bare), { branches: ['main'] }, AUTHOR);
    const tree2 = await writeTree(mine, sampleFiles(150, { table: 'users', version: 7 }));
    await commit(mine, { branch: 'main', tree: tree2, message: 'mine', author: AUTHOR });
    await expect(pushRemote(mine, 'origin', openTransport(mine, 'origin', bare), { branches: ['main'] }, AUTHOR)).rejects.toMatchObject({ code: 'E_NON_FAST_FORWARD' });
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(other);
  });

  it('moves a remote ref only if it still has the value listed', async () => {
    const transport = openTransport(mine, 'origin', bare);
    await expect(transport.pushRefs([{ local: 'refs/heads/main', remote: 'refs/heads/main', oid: oids[1], old: oids[0] }])).rejects.toBeInstanceOf(RefConflictError);
  });

  it('merges two diverged notes histories into their union', async () => {
    await appendNote(mine, 'redb-deploys', oids[0], 'deploy to a: succeeded', AUTHOR);
    await pushRemote(mine, 'origin', openTransport(mine, 'origin', bare), { branches: [] }, AUTHOR);
    await fetchRemote(theirs, 'origin', openTransport(theirs, 'origin', bare), AUTHOR);
    await appendNote(theirs, 'redb-deploys', oids[0], 'deploy to b: succeeded', AUTHOR);
    await appendNote(theirs, 'redb-deploys', oids[1], 'deploy to c: succeeded', AUTHOR);
    await appendNote(mine, 'redb-deploys', oids[0], 'deploy to d: succeeded', AUTHOR);
    await pushRemote(mine, 'origin', openTransport(mine, 'origin', bare), { branches: [] }, AUTHOR);
    const pushed = await pushRemote(theirs, 'origin', openTransport(theirs, 'origin', bare), { branches: [] }, AUTHOR);
    expect(pushed).toContainEqual(expect.objectContaining({ ref: 'refs/notes/redb-deploys', status: 'updated' }));
    expect(git(bare, ['notes', '--ref=redb-deploys', 'show', oids[0]])).toBe('deploy to a: succeeded\n\ndeploy to b: succeeded\n\ndeploy to d: succeeded\n');
    expect(git(bare, ['notes', '--ref=redb-deploys', 'show', oids[1]])).toBe('deploy to c: succeeded\n');
    const fetched = await fetchRemote(mine, 'origin', openTransport(mine, 'origin', bare), AUTHOR);
    expect(fetched.refs).toContainEqual(expect.objectContaining({ ref: 'refs/notes/redb-deploys', status: 'updated' }));
    expect(await readNote(mine, 'redb-deploys', oids[1])).toBe('deploy to c: succeeded\n');
    fsck(bare);
  });
});
