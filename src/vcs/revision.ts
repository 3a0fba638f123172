/**
 * Revisions → commit ids, with the subset of `git rev-parse` users type: branch and
 * tag names, remote-tracking branches (`origin/main`), `HEAD`, full ids, abbreviated
 * ids (≥ 4 hex digits), full ref names, and any of these followed by `~N`, `~`, `^N`
 * or `^`. A short name is looked up in git's order (gitrevisions(7)): `refs/NAME`,
 * `refs/tags/NAME`, `refs/heads/NAME`, `refs/remotes/NAME`, `refs/remotes/NAME/HEAD`;
 * a tag is peeled to the commit it names.
 */
import { AmbiguousRevisionError, ObjectTypeError, UnknownRevisionError } from './errors.js';
import { readCommitIn } from './commit.js';
import { refNameProblem } from './ref-format.js';
import { listRefs, readRef } from './refs.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import { peelToCommit } from './tags.js';

const SUFFIXES = /^(?:[~^]\d*)*$/u;

/** Where git looks for a short name, in its order of precedence. */
const SHORT_NAME_RULES = [(n: string) => `refs/${n}`, (n: string) => `refs/tags/${n}`, (n: string) => `refs/heads/${n}`, (n: string) => `refs/remotes/${n}`, (n: string) => `refs/remotes/${n}/HEAD`];

async function branchList(gitDir: string): Promise<string> {
  const names = (await listRefs(gitDir, 'refs/heads/')).map((r) => r.ref.slice('refs/heads/'.length));
  const tags = (await listRefs(gitDir, 'refs/tags/')).map((r) => r.ref.slice('refs/tags/'.length));
  if (!names.length) return 'the repository has no commits yet';
  return `branches: ${names.join(', ')}${tags.length ? `; tags: ${tags.join(', ')}` : ''}; or a commit id (at least 4 hex digits), REMOTE/BRANCH, REV~N, REV^`;
}

/** Resolves an abbreviated or full hex id; prefers the only commit among several matches, like `git log <prefix>`. */
function resolveHex(store: ObjectStore, rev: string, hex: string): string | undefined {
  const matches = store.findByPrefix(hex);
  if (matches.length === 0) return undefined;
  const candidates = matches.map((oid) => ({ oid, type: store.typeOf(oid) }));
  const commits = candidates.filter((c) => c.type === 'commit');
  if (commits.length === 1) return commits[0].oid;
  if (candidates.length === 1) throw new ObjectTypeError(candidates[0].oid, 'commit', candidates[0].type);
  throw new AmbiguousRevisionError(rev, commits.length ? commits : candidates);
}

async function resolveBase(gitDir: string, store: ObjectStore, rev: string, base: string, defaultBranch: string): Promise<string> {
  if (base === 'HEAD' || base === '@') {
    const head = await readRef(gitDir, `refs/heads/${defaultBranch}`);
    if (!head) throw new UnknownRevisionError(rev, `the default branch ${defaultBranch} has no commits yet`, 'commit first');
    return head;
  }
  if (base.startsWith('refs/') && refNameProblem(base) === undefined) {
    const oid = await readRef(gitDir, base);
    if (!oid) throw new UnknownRevisionError(rev, `the ref ${base} does not exist`, await branchList(gitDir));
    return oid;
  }
  // a full id names its object even when a ref has the same name, as in git
  if (/^[0-9a-f]{40}$/iu.test(base) && store.has(base.toLowerCase())) return base.toLowerCase();
  if (refNameProblem(base, true) === undefined) {
    for (const rule of SHORT_NAME_RULES) {
      const ref = rule(base);
      if (refNameProblem(ref) !== undefined) continue;
      const oid = await readRef(gitDir, ref);
      if (oid) return oid;
    }
  }
  if (/^[0-9a-f]{4,40}$/iu.test(base)) {
    const oid = resolveHex(store, rev, base.toLowerCase());
    if (oid) return oid;
  }
  const what = /^[0-9a-f]+$/iu.test(base) && base.length < 4 ? 'abbreviated ids need at least 4 hex digits' : `no branch, tag or commit is named "${base}"`;
  throw new UnknownRevisionError(rev, what, await branchList(gitDir));
}

/**
 * The commit id a revision names. `HEAD` is `defaultBranch`'s head.
 * Errors: `UnknownRevisionError`, `AmbiguousRevisionError` (lists the candidates),
 * `ObjectTypeError` (the id names a tree or blob).
 *
 * @example
 * await resolveRevision(gitDir, 'main~1', 'main');   // parent of main's head
 * await resolveRevision(gitDir, '3f2a9c', 'main');   // abbreviated id
 */
export async function resolveRevision(gitDir: string, rev: string, defaultBranch: string): Promise<string> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const cut = rev.search(/[~^]/u);
  const base = cut < 0 ? rev : rev.slice(0, cut);
  const suffix = cut < 0 ? '' : rev.slice(cut);
  if (!base || !SUFFIXES.test(suffix)) throw new UnknownRevisionError(rev, 'it is not a revision');
  let oid = peelToCommit(store, await resolveBase(gitDir, store, rev, base, defaultBranch));
  let commit = readCommitIn(store, oid);
  for (const [, op, digits] of suffix.matchAll(/([~^])(\d*)/gu)) {
    const n = digits === '' ? 1 : Number(digits);
    if (op === '^') {
      if (n === 0) continue;
      const p = commit.parents[n - 1];
      if (!p) throw new UnknownRevisionError(rev, `commit ${oid.slice(0, 7)} has ${commit.parents.length} parent(s), not ${n}`, 'use REV^ for the first parent, REV^2 for the second parent of a merge');
      oid = p;
      commit = readCommitIn(store, oid);
      continue;
    }
    for (let i = 0; i < n; i++) {
      const p = commit.parents[0];
      if (!p) throw new UnknownRevisionError(rev, 'it goes back past the first commit', 'the history is shorter than that: use a smaller N');
      oid = p;
      commit = readCommitIn(store, oid);
    }
  }
  return oid;
}
