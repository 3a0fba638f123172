/** Repositories of a workspace: each is a bare git repository under .redb/repos/. */
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as vcs from '../vcs/index.js';
import { isValidName } from '../config/workspace-file.js';
import { ExitCode, RedbError, usageError } from '../errors.js';
import { resolveAuthor } from './author.js';
import { cloneFromRemote } from './sync.js';
import type { Workspace } from './workspace.js';

export const DEFAULT_BRANCH = 'main';

export interface RepoInfo {
  name: string;
  gitDir: string;
  branches: { name: string; head: string; database?: string }[];
}

function checkNewName(ws: Workspace, name: string): void {
  if (!isValidName(name)) throw usageError('E_NAME', `invalid repository name ${JSON.stringify(name)}`, 'names use letters, digits, . _ - and start with a letter or digit');
  if (ws.config.repos[name] || existsSync(ws.repoGitDir(name))) {
    throw usageError('E_EXISTS', `a repository named ${name} already exists`, 'pick another name');
  }
}

/** Registers a new repository; the git directory is removed again if the config cannot be saved. */
async function register(ws: Workspace, name: string, create: (gitDir: string) => Promise<void>): Promise<RepoInfo> {
  const gitDir = ws.repoGitDir(name);
  try {
    await create(gitDir);
    ws.config.repos[name] = { attachments: {} };
    await ws.save();
  } catch (err) {
    delete ws.config.repos[name];
    await rm(gitDir, { recursive: true, force: true });
    throw err;
  }
  return showRepo(ws, name);
}

export async function addRepo(ws: Workspace, name: string): Promise<RepoInfo> {
  checkNewName(ws, name);
  return register(ws, name, (gitDir) => vcs.initRepo(gitDir, DEFAULT_BRANCH));
}

/** A source that is a URL rather than a repository name or a path (`https://`, `file://`, `ssh://`…). */
const isUrl = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//iu.test(source);

/**
 * Clones a repository of this workspace (by name), any git directory (by path), or
 * a remote (by URL: `https://…`, `file://…`; it becomes `origin`) into a new
 * repository with all its branches.
 */
export async function cloneRepo(ws: Workspace, source: string, name: string): Promise<RepoInfo> {
  checkNewName(ws, name);
  if (isUrl(source)) {
    vcs.remoteKind(source); // a bad URL is refused before anything is created
    return register(ws, name, (gitDir) => cloneFromRemote(gitDir, source, resolveAuthor(ws)));
  }
  let srcDir = ws.config.repos[source] ? ws.repoGitDir(source) : resolve(source);
  if (!ws.config.repos[source] && existsSync(resolve(srcDir, '.git'))) srcDir = resolve(srcDir, '.git');
  const isDir = await stat(srcDir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw usageError('E_NO_REPO', `no repository named ${source}, and no git directory at ${srcDir}`, 'name a repository of this workspace (`redb repo list`) or the path of a git repository');
  return register(ws, name, (gitDir) => vcs.cloneRepo(srcDir, gitDir));
}

export async function showRepo(ws: Workspace, name: string): Promise<RepoInfo> {
  ws.resolveRepo(name);
  const gitDir = ws.repoGitDir(name);
  const attachments = ws.config.repos[name].attachments;
  const branches = (await vcs.listBranches(gitDir)).map((b) => ({ name: b.name, head: b.oid, ...(attachments[b.name] ? { database: attachments[b.name] } : {}) }));
  // an attached branch with no commit yet still shows, so a fresh repository is not empty-looking
  for (const [branch, database] of Object.entries(attachments)) {
    if (!branches.some((b) => b.name === branch)) branches.push({ name: branch, head: '', database });
  }
  return { name, gitDir, branches: branches.sort((a, b) => a.name.localeCompare(b.name)) };
}

export async function listRepos(ws: Workspace): Promise<RepoInfo[]> {
  return Promise.all(Object.keys(ws.config.repos).sort().map((n) => showRepo(ws, n)));
}

/** Deletes a repository and its history; `confirmed` must be given explicitly. */
export async function deleteRepo(ws: Workspace, name: string, confirmed: boolean): Promise<RepoInfo> {
  const info = await showRepo(ws, name);
  if (!confirmed) {
    throw new RedbError('E_CONFIRM', `deleting repository ${name} removes its whole history`, `run again with --yes to delete ${name}`, ExitCode.confirmationNeeded);
  }
  delete ws.config.repos[name];
  await ws.save();
  await rm(info.gitDir, { recursive: true, force: true });
  return info;
}
