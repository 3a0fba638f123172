/**
 * Writing and reading commits. A commit is written as an object first; the branch
 * then moves by compare-and-swap, so a crash or a concurrent writer leaves the
 * branch where it was.
 */
import { InvalidCommitError, ObjectNotFoundError, RefConflictError } from './errors.js';
import { completeSignature, parseCommit, serializeCommit, type CommitRecord, type SignatureInput } from './commit-format.js';
import { EMPTY_TREE_OID, isOid, makeObject } from './objects.js';
import { assertBranchName } from './ref-format.js';
import { readRef, writeRef } from './refs.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import { formatMessage } from './trailers.js';

export interface CommitRequest {
  /** Branch to move (created by the first commit). */
  readonly branch?: string;
  /** Or any full ref name to move instead, e.g. `refs/notes/redb-deploys`. */
  readonly ref?: string;
  /** Tree id, from `writeTree`. */
  readonly tree: string;
  readonly message: string;
  readonly author: SignatureInput;
  /** Defaults to the author. */
  readonly committer?: SignatureInput;
  /** Appended as git trailers, in this order (e.g. `{ 'Redb-Dialect': 'DIALECT' }`). */
  readonly trailers?: Readonly<Record<string, string>>;
  /**
   * Parent commits. Omitted: the branch's current head (none on an unborn branch).
   * Given: `parents[0]` is also the head the branch must still have (`[]`: the branch
   * must be unborn), unless `expectedHead` says otherwise.
   */
  readonly parents?: readonly string[];
  /** Compare-and-swap value for the branch (`null`: must not exist). */
  readonly expectedHead?: string | null;
}

/**
 * Writes a commit and moves `refs/heads/<branch>` to it, refusing with
 * `RefConflictError` (branch unchanged) when the branch is no longer at the
 * expected head. Returns the commit id.
 *
 * @example
 * const oid = await commit(gitDir, {
 *   branch: 'main', tree, message: 'Snapshot of prod',
 *   author: { name: 'Ada', email: 'ada@example.com' },
 *   trailers: { 'Redb-Dialect': 'DIALECT', 'Redb-Source': 'scheme://app:***@db/app' },
 * });
 */
export async function commit(gitDir: string, req: CommitRequest): Promise<string> {
  if (req.ref === undefined) assertBranchName(req.branch ?? '');
  await assertRepository(gitDir);
  const ref = req.ref ?? `refs/heads/${req.branch}`;
  const head = await readRef(gitDir, ref);
  const parents = req.parents ?? (head ? [head] : []);
  const expected = req.expectedHead !== undefined ? req.expectedHead : req.parents ? (req.parents[0] ?? null) : (head ?? null);
  // fail early (before writing anything) when the branch already moved
  if ((head ?? null) !== expected) throw new RefConflictError(ref, expected, head ?? null);

  const store = new ObjectStore(gitDir);
  if (!isOid(req.tree)) throw new InvalidCommitError('tree', `"${req.tree}" is not an object id`);
  if (req.tree === EMPTY_TREE_OID) await store.writeMissing([makeObject('tree', new Uint8Array(0))]);
  store.readAs(req.tree, 'tree');
  for (const p of parents) {
    if (!isOid(p)) throw new InvalidCommitError('parents', `"${p}" is not an object id`);
    store.readAs(p, 'commit');
  }
  if (new Set(parents).size !== parents.length) throw new InvalidCommitError('parents', 'a parent is listed twice');

  const now = Date.now();
  const author = completeSignature('author', req.author, now);
  const committer = req.committer ? completeSignature('committer', req.committer, now) : author;
  const obj = makeObject('commit', serializeCommit({ tree: req.tree, parents, author, committer, message: formatMessage(req.message, req.trailers) }));
  await store.writeMissing([obj]);
  await writeRef(gitDir, ref, obj.oid, { expected });
  return obj.oid;
}

/**
 * Reads a commit: tree, parents, author, committer, message (without trailers) and trailers.
 *
 * @example
 * const { tree, trailers } = await readCommit(gitDir, oid); // trailers['Redb-Dialect']
 */
export async function readCommit(gitDir: string, oid: string): Promise<CommitRecord> {
  await assertRepository(gitDir);
  return readCommitIn(new ObjectStore(gitDir), oid);
}

/** `readCommit` on an open store. */
export function readCommitIn(store: ObjectStore, oid: string): CommitRecord {
  if (!isOid(oid)) throw new ObjectNotFoundError(oid);
  return parseCommit(oid, store.readAs(oid, 'commit'));
}
