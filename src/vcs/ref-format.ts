/**
 * git's rules for ref names (`git check-ref-format`), so every branch redb creates
 * is one stock git accepts.
 */
import { InvalidRefNameError } from './errors.js';

/**
 * Why `name` (a full ref like `refs/heads/main`, or a branch name when `branch` is
 * true) is not a valid ref name, or undefined when it is.
 */
export function refNameProblem(name: string, branch = false): string | undefined {
  if (name === '') return 'it is empty';
  if (branch) {
    if (name.startsWith('-')) return 'it starts with "-"';
    if (name === 'HEAD') return '"HEAD" is reserved';
  }
  if (name === '@') return 'it is "@"';
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x20\x7f~^:?*[\\]/u.exec(name);
  if (bad) return bad[0] <= ' ' || bad[0] === '\x7f' ? 'it contains a space or control character' : `it contains "${bad[0]}"`;
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `the part "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `the part "${part}" ends with ".lock"`;
  }
  if (!branch && !name.startsWith('refs/')) return 'a full ref name starts with "refs/"';
  return undefined;
}

/** Throws `InvalidRefNameError` unless `name` is a valid branch name. */
export function assertBranchName(name: string): void {
  const problem = refNameProblem(name, true);
  if (problem) throw new InvalidRefNameError(name, problem);
}

/** Throws `InvalidRefNameError` unless `ref` is a valid full ref name (`refs/…`). */
export function assertRefName(ref: string): void {
  const problem = refNameProblem(ref);
  if (problem) throw new InvalidRefNameError(ref, problem);
}

/** True when `name` is a valid branch name. */
export function isValidBranchName(name: string): boolean {
  return refNameProblem(name, true) === undefined;
}
