/**
 * Errors of the git store. Each has a stable `code` (safe to switch on), `data`
 * describing what was wrong, and a `hint` that says what to do next.
 *
 * @example
 * try {
 *   await resolveRevision(gitDir, 'mian', 'main');
 * } catch (e) {
 *   if (e instanceof VcsError && e.code === 'UnknownRevision') console.error(e.message, e.hint);
 * }
 */

export type VcsErrorCode =
  | 'NotARepository'
  | 'RepositoryExists'
  | 'InvalidRefName'
  | 'InvalidPath'
  | 'InvalidCommit'
  | 'ObjectNotFound'
  | 'ObjectType'
  | 'CorruptObject'
  | 'RefConflict'
  | 'RefLocked'
  | 'BranchExists'
  | 'BranchNotFound'
  | 'DefaultBranch'
  | 'UnknownRevision'
  | 'AmbiguousRevision';

/** Base class of every error thrown by `src/vcs`. */
export class VcsError<D extends object = Record<string, unknown>> extends Error {
  constructor(
    readonly code: VcsErrorCode,
    message: string,
    readonly hint: string,
    readonly data: Readonly<D>,
  ) {
    super(message);
    this.name = `${code}Error`;
  }
}

/** The directory is not a (bare) git repository. */
export class NotARepositoryError extends VcsError<{ gitDir: string }> {
  constructor(gitDir: string) {
    super('NotARepository', `${gitDir} is not a redb repository`, 'check the path, or create the repository first (redb repo create)', { gitDir });
  }
}

/** `initRepo` / `cloneRepo` target exists already. */
export class RepositoryExistsError extends VcsError<{ gitDir: string }> {
  constructor(gitDir: string) {
    super('RepositoryExists', `${gitDir} already exists`, 'choose another name, or remove the existing directory first', { gitDir });
  }
}

/** A branch or ref name breaks git's naming rules (`git check-ref-format`). */
export class InvalidRefNameError extends VcsError<{ name: string; reason: string }> {
  constructor(name: string, reason: string) {
    super('InvalidRefName', `"${name}" is not a valid branch or ref name: ${reason}`, 'use letters, digits, "-", "_", "." and "/" (e.g. feature/add-index)', { name, reason });
  }
}

/** A file path given to `writeTree` cannot be stored in a git tree. */
export class InvalidPathError extends VcsError<{ path: string; reason: string }> {
  constructor(path: string, reason: string) {
    super('InvalidPath', `cannot store "${path}": ${reason}`, 'paths are relative, "/"-separated, without empty, "." or ".." segments', { path, reason });
  }
}

/** A commit request is malformed (empty message, bad trailer key, bad author…). */
export class InvalidCommitError extends VcsError<{ field: string; reason: string }> {
  constructor(field: string, reason: string) {
    super('InvalidCommit', `invalid commit ${field}: ${reason}`, 'fix the value and commit again', { field, reason });
  }
}

/** An object id is not in the store. */
export class ObjectNotFoundError extends VcsError<{ oid: string }> {
  constructor(oid: string) {
    super('ObjectNotFound', `object ${oid} is not in the repository`, 'the id may come from another repository; run `git fsck` if it should be here', { oid });
  }
}

/** An object has another type than the operation needs (e.g. a blob where a commit was expected). */
export class ObjectTypeError extends VcsError<{ oid: string; expected: string; actual: string }> {
  constructor(oid: string, expected: string, actual: string) {
    super('ObjectType', `object ${oid} is a ${actual}, not a ${expected}`, `pass the id of a ${expected}`, { oid, expected, actual });
  }
}

/** An object file cannot be decoded. */
export class CorruptObjectError extends VcsError<{ oid: string; reason: string }> {
  constructor(oid: string, reason: string) {
    super('CorruptObject', `object ${oid} is corrupt: ${reason}`, 'run `git fsck` on the repository; restore it from a clone if needed', { oid, reason });
  }
}

/** Compare-and-swap on a ref failed: it moved since it was read. Nothing was changed. */
export class RefConflictError extends VcsError<{ ref: string; expected: string | null; actual: string | null }> {
  constructor(ref: string, expected: string | null, actual: string | null) {
    super(
      'RefConflict',
      `${ref} is at ${actual ?? '(nothing)'}, expected ${expected ?? '(nothing)'}`,
      'someone else updated it concurrently: read it again and retry',
      { ref, expected, actual },
    );
  }
}

/** Another writer holds the lock file of a ref. */
export class RefLockedError extends VcsError<{ ref: string; lockFile: string }> {
  constructor(ref: string, lockFile: string) {
    super('RefLocked', `${ref} is being updated by another process`, `retry; if no redb or git process is running, delete ${lockFile}`, { ref, lockFile });
  }
}

export class BranchExistsError extends VcsError<{ branch: string }> {
  constructor(branch: string) {
    super('BranchExists', `branch ${branch} already exists`, 'choose another name, or delete the branch first', { branch });
  }
}

export class BranchNotFoundError extends VcsError<{ branch: string; branches: readonly string[] }> {
  constructor(branch: string, branches: readonly string[]) {
    super('BranchNotFound', `branch ${branch} does not exist`, branches.length ? `existing branches: ${branches.join(', ')}` : 'the repository has no branches yet: commit first', { branch, branches });
  }
}

/** Refused: deleting the branch HEAD points to would leave the repository without a default branch. */
export class DefaultBranchError extends VcsError<{ branch: string }> {
  constructor(branch: string) {
    super('DefaultBranch', `branch ${branch} is the repository's default branch`, 'make another branch the default first (setDefaultBranch)', { branch });
  }
}

/** A revision names nothing in the repository. */
export class UnknownRevisionError extends VcsError<{ revision: string; reason: string }> {
  constructor(revision: string, reason: string, hint = 'use a branch name, a commit id (at least 4 hex digits), REV~N or REV^') {
    super('UnknownRevision', `unknown revision "${revision}": ${reason}`, hint, { revision, reason });
  }
}

/** An abbreviated id matches several objects. */
export class AmbiguousRevisionError extends VcsError<{ revision: string; candidates: readonly { oid: string; type: string }[] }> {
  constructor(revision: string, candidates: readonly { oid: string; type: string }[]) {
    super(
      'AmbiguousRevision',
      `"${revision}" is ambiguous: ${candidates.map((c) => `${c.oid} (${c.type})`).join(', ')}`,
      'give more hex digits of the commit id',
      { revision, candidates },
    );
  }
}
