/**
 * Branches: `refs/heads/<name>`, named by git's rules. The repository's default
 * branch is the one `HEAD` points to.
 */
import { BranchExistsError, BranchNotFoundError, DefaultBranchError, RefConflictError } from './errors.js';
import { assertBranchName } from './ref-format.js';
import { deleteRef, listRefs, readRef, readSymbolicRef, writeRef, writeSymbolicRef } from './refs.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';

export interface BranchInfo {
  readonly name: string;
  /** Id of the branch's head commit. */
  readonly oid: string;
}

const HEADS = 'refs/heads/';

/** Branches that have commits, sorted by name (an unborn default branch is not listed). */
export async function listBranches(gitDir: string): Promise<BranchInfo[]> {
  await assertRepository(gitDir);
  return (await listRefs(gitDir, HEADS)).map((r) => ({ name: r.ref.slice(HEADS.length), oid: r.oid }));
}

/** The head commit of a branch, or undefined when the branch does not exist (or is unborn). */
export async function branchHead(gitDir: string, name: string): Promise<string | undefined> {
  assertBranchName(name);
  await assertRepository(gitDir);
  return readRef(gitDir, HEADS + name);
}

/**
 * Creates a branch at a commit; `BranchExistsError` if it exists.
 *
 * @example
 * await createBranch(gitDir, 'feature/add-index', await resolveRevision(gitDir, 'main', 'main'));
 */
export async function createBranch(gitDir: string, name: string, fromOid: string): Promise<void> {
  assertBranchName(name);
  await assertRepository(gitDir);
  new ObjectStore(gitDir).readAs(fromOid, 'commit');
  try {
    await writeRef(gitDir, HEADS + name, fromOid, { expected: null });
  } catch (e) {
    if (e instanceof RefConflictError) throw new BranchExistsError(name);
    throw e;
  }
}

/**
 * Deletes a branch; `BranchNotFoundError` if it does not exist, `DefaultBranchError`
 * for the branch HEAD names. With `expected`, only if the branch is still at that commit.
 */
export async function deleteBranch(gitDir: string, name: string, opts: { expected?: string } = {}): Promise<void> {
  assertBranchName(name);
  await assertRepository(gitDir);
  if ((await defaultBranch(gitDir)) === name) throw new DefaultBranchError(name);
  const deleted = await deleteRef(gitDir, HEADS + name, opts.expected ? { expected: opts.expected } : {});
  if (!deleted) throw new BranchNotFoundError(name, (await listBranches(gitDir)).map((b) => b.name));
}

/** The branch HEAD points to (the repository's default branch), or undefined when HEAD is detached. */
export async function defaultBranch(gitDir: string): Promise<string | undefined> {
  await assertRepository(gitDir);
  const target = await readSymbolicRef(gitDir, 'HEAD');
  return target?.startsWith(HEADS) ? target.slice(HEADS.length) : undefined;
}

/** Makes `name` the default branch (HEAD → refs/heads/<name>); it may be unborn. */
export async function setDefaultBranch(gitDir: string, name: string): Promise<void> {
  assertBranchName(name);
  await writeSymbolicRef(gitDir, HEADS + name);
}

