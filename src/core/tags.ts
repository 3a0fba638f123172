/** Tags of a repository: annotated git tags naming commits (`redb deploy v1.4`). */
import * as vcs from '../vcs/index.js';
import { resolveAuthor } from './author.js';
import { DEFAULT_BRANCH } from './repos.js';
import type { Workspace } from './workspace.js';

export interface TagInfo {
  name: string;
  /** The commit the tag names. */
  commit: string;
  /** The annotated tag object; absent for a lightweight tag made by stock git. */
  tagObject?: string;
  message?: string;
  tagger?: { name: string; email: string; date: string };
}

function toInfo(t: vcs.TagInfo): TagInfo {
  return {
    name: t.name,
    commit: t.commit,
    ...(t.tagObject ? { tagObject: t.tagObject } : {}),
    ...(t.message !== undefined ? { message: t.message } : {}),
    ...(t.tagger ? { tagger: { name: t.tagger.name, email: t.tagger.email, date: new Date(t.tagger.timestamp * 1000).toISOString() } } : {}),
  };
}

/**
 * Tags `rev` (default: the head of main) as `name`.
 *
 * @example
 * await createTag(ws, 'app', 'v1.4', 'main', 'Release 1.4');
 */
export async function createTag(ws: Workspace, repo: string, name: string, rev = DEFAULT_BRANCH, message?: string): Promise<TagInfo> {
  const gitDir = ws.repoGitDir(repo);
  const commit = await vcs.resolveRevision(gitDir, rev, DEFAULT_BRANCH);
  return toInfo(await vcs.createTag(gitDir, name, commit, { ...(message !== undefined ? { message } : {}), tagger: resolveAuthor(ws) }));
}

export async function listTags(ws: Workspace, repo: string): Promise<TagInfo[]> {
  return (await vcs.listTags(ws.repoGitDir(repo))).map(toInfo);
}

export async function deleteTag(ws: Workspace, repo: string, name: string): Promise<TagInfo> {
  return toInfo(await vcs.deleteTag(ws.repoGitDir(repo), name));
}
