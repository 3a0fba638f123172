/**
 * Remotes of a repository (git's `[remote "NAME"]` config). URLs are shown redacted,
 * and a URL with credentials in it is refused: tokens belong in the environment.
 */
import { redactUrl } from '../config/redact.js';
import * as vcs from '../vcs/index.js';
import type { Workspace } from './workspace.js';

export interface RemoteInfo {
  name: string;
  /** Redacted for display. */
  url: string;
}

const shown = (r: vcs.RemoteInfo): RemoteInfo => ({ name: r.name, url: redactUrl(r.url) });

/**
 * @example
 * await addRemote(ws, 'app', 'origin', 'https://git.example.com/team/app.git');
 */
export async function addRemote(ws: Workspace, repo: string, name: string, url: string): Promise<RemoteInfo> {
  return shown(await vcs.addRemote(ws.repoGitDir(repo), name, url));
}

export async function listRemotes(ws: Workspace, repo: string): Promise<RemoteInfo[]> {
  return (await vcs.listRemotes(ws.repoGitDir(repo))).map(shown);
}

export async function removeRemote(ws: Workspace, repo: string, name: string): Promise<RemoteInfo> {
  return shown(await vcs.removeRemote(ws.repoGitDir(repo), name));
}
