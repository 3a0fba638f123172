/**
 * Remotes, kept where git keeps them — `[remote "NAME"]` sections of the bare
 * repository's `config` (written by isomorphic-git, read by stock git) — with git's
 * default fetch refspec, so `git --git-dir … fetch origin` works on a redb repository.
 * URLs never carry credentials: tokens come from the environment at run time.
 */
import * as fs from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as git from 'isomorphic-git';
import { isSecretParam } from '../config/url-secrets.js';
import { deleteRef, listRefs } from './refs.js';
import { assertBranchName } from './ref-format.js';
import { assertRepository } from './repo.js';
import { remoteExists, remoteNotFound, remoteUrlCredentials, unsupportedUrl } from './remote-errors.js';

export interface RemoteInfo {
  readonly name: string;
  /** As stored; never has credentials in it. */
  readonly url: string;
}

/** How a URL is reached: smart HTTP, or a repository on this machine (a path or `file://`). */
export type RemoteKind = { readonly kind: 'http'; readonly url: string } | { readonly kind: 'local'; readonly gitDir: string };

/** Where a remote's refs land locally: branches under `refs/remotes/NAME/`, other redb refs under `refs/redb/remotes/NAME/`. */
export const trackingPrefixes = (name: string) => [`refs/remotes/${name}/`, `refs/redb/remotes/${name}/`];

/**
 * Classifies a remote URL. Refuses credentials in it (`E_URL_SECRET`: user info or a
 * secret query parameter) and schemes with
 * no transport here (`E_REMOTE_URL`: ssh, git://, `host:path`).
 *
 * @example
 * remoteKind('https://git.example.com/team/app.git') // { kind: 'http', url: … }
 * remoteKind('../shared/app.git')                     // { kind: 'local', gitDir: '/abs/shared/app.git' }
 */
export function remoteKind(url: string, base = process.cwd()): RemoteKind {
  if (/^https?:\/\//iu.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw unsupportedUrl(url);
    }
    // user info, or a token as a query parameter (`?private_token=…`): either would be stored in the config
    if (parsed.username || parsed.password || [...parsed.searchParams.keys()].some(isSecretParam)) throw remoteUrlCredentials();
    return { kind: 'http', url };
  }
  if (/^file:\/\//iu.test(url)) return { kind: 'local', gitDir: fileURLToPath(url) };
  // `scheme://…` other than the above, and scp-like `host:path`, need ssh or git://
  if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(url) || /^[^/\\]*[^/\\:]:[^/\\]/u.test(url) || url === '') throw unsupportedUrl(url);
  return { kind: 'local', gitDir: isAbsolute(url) ? url : resolve(base, url) };
}

/** The remotes of a repository, sorted by name. */
export async function listRemotes(gitDir: string): Promise<RemoteInfo[]> {
  await assertRepository(gitDir);
  const remotes = await git.listRemotes({ fs, gitdir: gitDir });
  return remotes.map((r) => ({ name: r.remote, url: r.url })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One remote; `E_NO_REMOTE` (listing the others) when there is none of that name. */
export async function getRemote(gitDir: string, name: string): Promise<RemoteInfo> {
  const remotes = await listRemotes(gitDir);
  const found = remotes.find((r) => r.name === name);
  if (!found) throw remoteNotFound(name, remotes.map((r) => r.name));
  return found;
}

/**
 * Adds a remote. A plain relative path is stored absolute, so the remote works from
 * any folder. Returns the stored remote.
 */
export async function addRemote(gitDir: string, name: string, url: string): Promise<RemoteInfo> {
  assertBranchName(name);
  await assertRepository(gitDir);
  const kind = remoteKind(url);
  const stored = kind.kind === 'local' && !/^file:/iu.test(url) ? kind.gitDir : url;
  if ((await listRemotes(gitDir)).some((r) => r.name === name)) throw remoteExists(name);
  await git.addRemote({ fs, gitdir: gitDir, remote: name, url: stored });
  return { name, url: stored };
}

/** Removes a remote and its remote-tracking refs, as `git remote remove` does. */
export async function removeRemote(gitDir: string, name: string): Promise<RemoteInfo> {
  const remote = await getRemote(gitDir, name);
  await git.deleteRemote({ fs, gitdir: gitDir, remote: name });
  for (const prefix of trackingPrefixes(name)) {
    for (const r of await listRefs(gitDir, prefix)) await deleteRef(gitDir, r.ref);
  }
  await fs.promises.rm(`${gitDir}/refs/remotes/${name}/HEAD`, { force: true });
  return remote;
}
