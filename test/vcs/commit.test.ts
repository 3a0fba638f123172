import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_TREE_OID,
  InvalidCommitError,
  RefConflictError,
  branchHead,
  commit,
  formatMessage,
  initRepo,
  log,
  parseMessage,
  readCommit,
  readRef,
  writeTree,
} from '../../src/vcs/index.js';
import { AUTHOR, fsck, git, sampleFiles, tempDir } from './helpers.js';

const root = tempDir();
let n = 0;
async function freshRepo(): Promise<string> {
  const dir = join(root, `r${n++}.git`);
  await initRepo(dir);
  return dir;
}

const TRAILERS = { 'Redb-Dialect': 'postgres', 'Redb-Source': 'postgres://user:***@host/db' };

describe('commit', () => {
  it('writes a commit stock git reads, with trailers and no parent on an unborn branch', async () => {
    const dir = await freshRepo();
    const files = sampleFiles(5);
    const tree = await writeTree(dir, files);
    const oid = await commit(dir, { branch: 'main', tree, message: 'Initial snapshot\n\nFrom prod.', author: AUTHOR, trailers: TRAILERS });
    expect(await branchHead(dir, 'main')).toBe(oid);
    expect(git(dir, ['rev-parse', 'main']).trim()).toBe(oid);
    expect(git(dir, ['log', '--format=%H %P|%an <%ae>|%at %ai|%s'])).toBe(`${oid} |Ada Lovelace <ada@example.com>|1700000000 2023-11-15 00:13:20 +0200|Initial snapshot\n`);
    expect(git(dir, ['show', `${oid}:schemas/public/tables/users.json`])).toBe(files.find((f) => f.path.endsWith('/users.json'))?.content);
    expect(git(dir, ['log', '-1', '--format=%(trailers:key=Redb-Dialect,valueonly)']).trim()).toBe('postgres');
    expect(git(dir, ['log', '-1', '--format=%(trailers)']).trim()).toBe('Redb-Dialect: postgres\nRedb-Source: postgres://user:***@host/db');
    const body = git(dir, ['log', '-1', '--format=%B']);
    expect(git(dir, ['interpret-trailers', '--parse'], body).trim()).toBe('Redb-Dialect: postgres\nRedb-Source: postgres://user:***@host/db');
    expect(fsck(dir)).not.toMatch(/error|warning/iu);

    const c = await readCommit(dir, oid);
    expect(c).toMatchObject({ oid, tree, parents: [], message: 'Initial snapshot\n\nFrom prod.', trailers: TRAILERS, timestamp: 1_700_000_000 });
    expect(c.author).toEqual(AUTHOR);
    expect(c.committer).toEqual(AUTHOR);
  });

  it('chains commits and logs them newest first', async () => {
    const dir = await freshRepo();
    const oids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const tree = await writeTree(dir, sampleFiles(3, { table: 'users', version: i + 1 }));
      oids.push(await commit(dir, { branch: 'main', tree, message: `change ${i}`, author: { ...AUTHOR, timestamp: AUTHOR.timestamp + i }, trailers: TRAILERS }));
    }
    expect(git(dir, ['rev-list', 'main']).trim().split('\n')).toEqual([...oids].reverse());
    const entries = await log(dir, oids[3]);
    expect(entries.map((e) => e.oid)).toEqual([...oids].reverse());
    expect(entries[0]).toMatchObject({ message: 'change 3', parents: [oids[2]], trailers: TRAILERS });
    expect((await log(dir, oids[3], { limit: 2 })).map((e) => e.message)).toEqual(['change 3', 'change 2']);
    expect(fsck(dir)).not.toMatch(/error|warning/iu);
  });

  it('refuses a stale expected parent and leaves the branch unchanged (compare-and-swap)', async () => {
    const dir = await freshRepo();
    const t1 = await writeTree(dir, sampleFiles(3, { table: 'users', version: 1 }));
    const t2 = await writeTree(dir, sampleFiles(3, { table: 'users', version: 2 }));
    const t3 = await writeTree(dir, sampleFiles(3, { table: 'users', version: 3 }));
    const base = await commit(dir, { branch: 'main', tree: t1, message: 'base', author: AUTHOR });
    // two writers both read `base` as the head; the first wins
    const first = await commit(dir, { branch: 'main', tree: t2, message: 'first', author: AUTHOR, parents: [base] });
    await expect(commit(dir, { branch: 'main', tree: t3, message: 'second', author: AUTHOR, parents: [base] })).rejects.toBeInstanceOf(RefConflictError);
    expect(await readRef(dir, 'refs/heads/main')).toBe(first);
    // parents: [] means "the branch must be unborn"
    await expect(commit(dir, { branch: 'main', tree: t3, message: 'x', author: AUTHOR, parents: [] })).rejects.toMatchObject({ code: 'RefConflict' });
    // concurrent commits without explicit parents: exactly one wins per head
    const results = await Promise.allSettled([t1, t3].map((tree, i) => commit(dir, { branch: 'main', tree, message: `racer ${i}`, author: AUTHOR })));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toMatch(/^Ref(Conflict|Locked)$/u);
    expect(fsck(dir)).not.toMatch(/error/iu);
  });

  it('rejects bad input before writing anything', async () => {
    const dir = await freshRepo();
    const tree = await writeTree(dir, sampleFiles(1));
    await expect(commit(dir, { branch: 'main', tree, message: '  \n', author: AUTHOR })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(commit(dir, { branch: 'main', tree, message: 'x', author: AUTHOR, trailers: { 'Bad Key': 'v' } })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(commit(dir, { branch: 'main', tree, message: 'x', author: AUTHOR, trailers: { K: 'a\nb' } })).rejects.toBeInstanceOf(InvalidCommitError);
    await expect(commit(dir, { branch: 'main', tree: '0'.repeat(40), message: 'x', author: AUTHOR })).rejects.toMatchObject({ code: 'ObjectNotFound' });
    await expect(commit(dir, { branch: 'bad..name', tree, message: 'x', author: AUTHOR })).rejects.toMatchObject({ code: 'InvalidRefName' });
    expect(await branchHead(dir, 'main')).toBeUndefined();
  });

  it('commits the empty tree without writing it first', async () => {
    const dir = await freshRepo();
    const oid = await commit(dir, { branch: 'main', tree: EMPTY_TREE_OID, message: 'empty', author: AUTHOR });
    expect(git(dir, ['ls-tree', '-r', oid])).toBe('');
    expect(fsck(dir)).not.toMatch(/error|missing/iu);
  });

  it('formats time zones like git (isomorphic-git convention for the offset)', async () => {
    const dir = await freshRepo();
    const tree = await writeTree(dir, sampleFiles(1));
    for (const [offset, tz] of [
      [0, '+0000'],
      [330, '-0530'],
      [-345, '+0545'],
    ] as const) {
      const oid = await commit(dir, { branch: `tz${offset < 0 ? 'm' : ''}${Math.abs(offset)}`, tree, message: 'tz', author: { ...AUTHOR, timezoneOffset: offset } });
      expect(git(dir, ['log', '-1', '--format=%ad', '--date=format:%z', oid]).trim()).toBe(tz);
      expect((await readCommit(dir, oid)).author.timezoneOffset).toBe(offset);
    }
  });
});

describe('trailers', () => {
  it('round-trip and leave trailer-looking text in the body alone', () => {
    const raw = formatMessage('Subject\n\nSee: the docs\n', { A: '1', 'B-c': 'two words' });
    expect(raw).toBe('Subject\n\nSee: the docs\n\nA: 1\nB-c: two words\n');
    expect(parseMessage(raw)).toEqual({ message: 'Subject\n\nSee: the docs', trailers: { A: '1', 'B-c': 'two words' } });
    expect(parseMessage('Only: subject\n')).toEqual({ message: 'Only: subject', trailers: {} });
    expect(parseMessage('S\n\nnot a trailer\nK: v\n')).toEqual({ message: 'S\n\nnot a trailer\nK: v', trailers: {} });
    expect(parseMessage('S\n\nK: long\n  folded\n')).toEqual({ message: 'S', trailers: { K: 'long folded' } });
  });
});
