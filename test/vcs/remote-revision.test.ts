/**
 * Tags and remote-tracking branches as revisions, checked against stock git: the
 * tag objects redb writes are the ones `git tag -n`/`git cat-file` read, a name is
 * looked up in git's order (`git rev-parse` agrees), and tags peel to commits.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commit, createTag, deleteTag, initRepo, listTags, resolveRevision, writeRef, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, fsck, git, sampleFiles, tempDir } from './helpers.js';

const dir = join(tempDir(), 'tags.git');
const oids: string[] = [];

beforeAll(async () => {
  await initRepo(dir);
  for (let i = 0; i < 3; i++) {
    const tree = await writeTree(dir, sampleFiles(2, { table: 'users', version: i + 1 }));
    oids.push(await commit(dir, { branch: 'main', tree, message: `c${i}`, author: { ...AUTHOR, timestamp: AUTHOR.timestamp + i } }));
  }
});

describe('tags', () => {
  it('writes annotated tags that stock git reads, and lists them peeled', async () => {
    const tag = await createTag(dir, 'v1', oids[0], { message: 'First release\n\nwith notes', tagger: { ...AUTHOR, timestamp: AUTHOR.timestamp + 10 } });
    expect(tag).toMatchObject({ name: 'v1', commit: oids[0], message: 'First release\n\nwith notes' });
    expect(git(dir, ['cat-file', '-t', 'v1']).trim()).toBe('tag');
    expect(git(dir, ['tag', '-n1']).trim()).toMatch(/^v1\s+First release$/u);
    expect(git(dir, ['rev-parse', 'v1^{commit}']).trim()).toBe(oids[0]);
    expect(git(dir, ['cat-file', 'tag', 'v1'])).toContain(`tagger ${AUTHOR.name} <${AUTHOR.email}> ${AUTHOR.timestamp + 10} `);
    fsck(dir);
    // a lightweight tag made by stock git is listed too
    git(dir, ['tag', 'light', oids[1]]);
    const tags = await listTags(dir);
    expect(tags.map((t) => [t.name, t.commit, t.tagObject !== undefined])).toEqual([['light', oids[1], false], ['v1', oids[0], true]]);
  });

  it('refuses a taken name and an invalid one, and deletes', async () => {
    await expect(createTag(dir, 'v1', oids[2], { tagger: AUTHOR })).rejects.toMatchObject({ code: 'E_TAG_EXISTS', exitCode: 64 });
    await expect(createTag(dir, 'bad..name', oids[2], { tagger: AUTHOR })).rejects.toMatchObject({ code: 'InvalidRefName' });
    await createTag(dir, 'tmp', oids[2], { tagger: AUTHOR });
    expect((await deleteTag(dir, 'tmp')).commit).toBe(oids[2]);
    await expect(deleteTag(dir, 'tmp')).rejects.toMatchObject({ code: 'E_NO_TAG', exitCode: 64 });
    expect(git(dir, ['tag', '--list']).trim().split('\n')).toEqual(['light', 'v1']);
  });
});

describe('revisions that name tags and remote-tracking branches', () => {
  it('peels tags, with suffixes, like git rev-parse', async () => {
    for (const rev of ['v1', 'light', 'refs/tags/v1', 'tags/v1', 'light~1', 'v1^0']) {
      expect(await resolveRevision(dir, rev, 'main'), rev).toBe(git(dir, ['rev-parse', `${rev}^{commit}`]).trim());
    }
  });

  it('finds REMOTE/BRANCH and REMOTE (its HEAD) under refs/remotes', async () => {
    await writeRef(dir, 'refs/remotes/origin/main', oids[1]);
    await writeRef(dir, 'refs/remotes/origin/HEAD', oids[1]);
    expect(await resolveRevision(dir, 'origin/main', 'main')).toBe(oids[1]);
    expect(await resolveRevision(dir, 'origin/main~1', 'main')).toBe(oids[0]);
    expect(await resolveRevision(dir, 'origin', 'main')).toBe(oids[1]);
    expect(await resolveRevision(dir, 'remotes/origin/main', 'main')).toBe(git(dir, ['rev-parse', 'remotes/origin/main']).trim());
  });

  it("prefers a tag over a branch of the same name, as git does", async () => {
    git(dir, ['branch', 'same', oids[2]]);
    await createTag(dir, 'same', oids[0], { tagger: AUTHOR });
    expect(await resolveRevision(dir, 'same', 'main')).toBe(oids[0]);
    expect(git(dir, ['rev-parse', 'same^{commit}']).trim()).toBe(oids[0]);
    expect(await resolveRevision(dir, 'heads/same', 'main')).toBe(oids[2]);
  });

  it('names tags in the hint of an unknown revision', async () => {
    await expect(resolveRevision(dir, 'v9', 'main')).rejects.toMatchObject({ code: 'UnknownRevision', hint: expect.stringContaining('tags: light, same, v1') });
  });
});
