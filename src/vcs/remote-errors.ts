/**
 * Errors of tags, remotes and the transports. They are `RedbError`s (code, hint,
 * documented exit code) because each one maps to an outcome users script against:
 * a taken name is a usage error, an unreachable remote is "unavailable", a refused
 * push is an error with the git-like hint to pull first.
 */
import { ExitCode, RedbError, usageError } from '../errors.js';

export const tagExists = (name: string) => usageError('E_TAG_EXISTS', `tag ${name} already exists`, `pick another name, or delete it first: redb tag delete ${name}`);

export const tagNotFound = (name: string, tags: readonly string[]) =>
  usageError('E_NO_TAG', `there is no tag ${name}`, tags.length ? `tags: ${tags.join(', ')}` : 'the repository has no tags: create one with `redb tag NAME`');

export const remoteExists = (name: string) => usageError('E_REMOTE_EXISTS', `a remote named ${name} already exists`, `remove it first (redb remote remove ${name}) or pick another name`);

export const remoteNotFound = (name: string, remotes: readonly string[]) =>
  usageError('E_NO_REMOTE', `there is no remote ${name}`, remotes.length ? `remotes: ${remotes.join(', ')}` : 'add one: redb remote add origin URL');

export const remoteUrlCredentials = () =>
  usageError('E_URL_SECRET', 'the remote URL carries credentials', 'give the URL without user name or password, and put the token in the environment: REDB_GIT_TOKEN=… (or use a git credential helper)');

export const unsupportedUrl = (url: string) =>
  usageError('E_REMOTE_URL', `cannot use ${url} as a remote`, 'use an https:// or http:// URL, a file:// URL, or the path of a git repository');

/** The remote cannot be reached, does not exist, or refused our credentials. */
export const remoteUnavailable = (url: string, reason: string, hint = 'check the URL and the network; for a private server set REDB_GIT_TOKEN or configure a git credential helper') =>
  new RedbError('E_REMOTE', `cannot reach the remote ${url}: ${reason}`, hint, ExitCode.unavailable);

/** A push would lose commits on the remote. Nothing was changed there. */
export const nonFastForward = (branch: string, remote: string) =>
  new RedbError('E_NON_FAST_FORWARD', `the remote's ${branch} has commits that yours does not (push rejected, not a fast-forward)`, `pull first (redb pull ${remote} ${branch}), then push again`, ExitCode.error);

/** `push --tags` found a tag the remote has with another value; tags never move. Nothing was pushed. */
export const tagConflict = (name: string) =>
  new RedbError('E_TAG_CONFLICT', `the remote already has a tag ${name} that names something else (push rejected)`, `tags do not move: delete the local tag and fetch the remote's (redb tag delete ${name}; redb fetch), or tag under another name`, ExitCode.error);
