import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AmbiguousRevisionError, ObjectTypeError, UnknownRevisionError, commit, createBranch, initRepo, resolveRevision, writeTree } from '../../src/vcs/index.js';
import { AUTHOR, git, sampleFiles, tempDir } from './helpers.js';

const dir = join(tempDir(), 'rev.git');
const oids: string[] = [];

beforeAll(async () => {
  await initRepo(dir);
  for (let i = 0; i < 3; i++) {
    const tree = await writeTree(dir, sampleFiles(2, { table: 'users', version: i + 1 }));
    oids.push(await commit(dir, { branch: 'main', tree, message: `c${i}`, author: { ...AUTHOR, timestamp: AUTHOR.timestamp + i } }));
  }
  await createBranch(dir, 'feature/x', oids[1]);
});

describe('resolveRevision', () => {
  it('resolves branch names, HEAD and full ref names', async () => {
    expect(await resolveRevision(dir, 'main', 'main')).toBe(oids[2]);
    expect(await resolveRevision(dir, 'feature/x', 'main')).toBe(oids[1]);
    expect(await resolveRevision(dir, 'HEAD', 'main')).toBe(oids[2]);
    expect(await resolveRevision(dir, 'HEAD', 'feature/x')).toBe(oids[1]);
    expect(await resolveRevision(dir, 'refs/heads/feature/x', 'main')).toBe(oids[1]);
  });

  it('resolves ancestors like git rev-parse', async () => {
    for (const rev of ['main~1', 'main^', 'main~2', 'main^^', 'main~0', 'HEAD~1^', 'feature/x~1', 'main^0', `${oids[2].slice(0, 8)}~2`]) {
      const expected = git(dir, ['rev-parse', rev.replace(/^HEAD/u, 'main')]).trim();
      expect(await resolveRevision(dir, rev, 'main'), rev).toBe(expected);
    }
    await expect(resolveRevision(dir, 'main~3', 'main')).rejects.toBeInstanceOf(UnknownRevisionError);
    await expect(resolveRevision(dir, 'main^2', 'main')).rejects.toMatchObject({ code: 'UnknownRevision' });
  });

  it('resolves full and abbreviated ids', async () => {
    expect(await resolveRevision(dir, oids[0], 'main')).toBe(oids[0]);
    expect(await resolveRevision(dir, oids[0].slice(0, 4), 'main')).toBe(oids[0]);
    expect(await resolveRevision(dir, oids[0].slice(0, 7).toUpperCase(), 'main')).toBe(oids[0]);
    const tree = git(dir, ['rev-parse', 'main^{tree}']).trim();
    await expect(resolveRevision(dir, tree, 'main')).rejects.toBeInstanceOf(ObjectTypeError);
  });

  it('reports an ambiguous prefix with its candidates', async () => {
    // make commits until two share a 4-digit prefix
    const amb = join(tempDir(), 'amb.git');
    await initRepo(amb);
    const tree = await writeTree(amb, []);
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const oid = await commit(amb, { branch: 'main', tree, message: `m${i}`, author: AUTHOR });
      const other = seen.get(oid.slice(0, 4));
      if (other) pair = [other, oid];
      seen.set(oid.slice(0, 4), oid);
    }
    const prefix = pair[0].slice(0, 4);
    const err = await resolveRevision(amb, prefix, 'main').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousRevisionError);
    expect((err as AmbiguousRevisionError).data.candidates.map((c) => c.oid)).toEqual(expect.arrayContaining(pair));
    expect((err as Error).message).toContain(pair[1]);
    // a longer prefix disambiguates
    let len = 5;
    while (pair[0].slice(0, len) === pair[1].slice(0, len)) len++;
    expect(await resolveRevision(amb, pair[1].slice(0, len), 'main')).toBe(pair[1]);
  });

  it('gives a clear error for unknown revisions', async () => {
    for (const rev of ['nope', 'mian', 'abc', 'deadbeef', '0'.repeat(40), 'main~x', '', 'main:foo', 'refs/../../HEAD', 'refs/heads/nope']) {
      const err = await resolveRevision(dir, rev, 'main').catch((e: unknown) => e);
      expect(err, rev).toBeInstanceOf(UnknownRevisionError);
      expect((err as UnknownRevisionError).code).toBe('UnknownRevision');
      expect((err as UnknownRevisionError).hint).toBeTruthy();
    }
    const err = (await resolveRevision(dir, 'mian', 'main').catch((e: unknown) => e)) as UnknownRevisionError;
    expect(err.hint).toContain('main');
    expect(err.hint).toContain('feature/x');
  });

  it('says when HEAD is unborn', async () => {
    const empty = join(tempDir(), 'empty.git');
    await initRepo(empty);
    await expect(resolveRevision(empty, 'HEAD', 'main')).rejects.toMatchObject({ code: 'UnknownRevision', hint: 'commit first' });
  });
});
