/**
 * `redb log`: the commits of a branch. It reads commits only, never a model, so it
 * imports nothing that validates model files (start-up, docs/performance.md).
 */
import * as vcs from '../vcs/index.js';
import type { BranchRef } from './branches.js';
import type { Workspace } from './workspace.js';

export interface CommitInfo {
  commit: string;
  parents: string[];
  author: { name: string; email: string };
  /** ISO 8601. */
  date: string;
  message: string;
  trailers: Record<string, string>;
}

export function toInfo(c: vcs.CommitRecord): CommitInfo {
  return {
    commit: c.oid,
    parents: c.parents,
    author: { name: c.author.name, email: c.author.email },
    date: new Date(c.author.timestamp * 1000).toISOString(),
    message: c.message,
    trailers: c.trailers,
  };
}

/** Commits reachable from REV (default: the branch head), newest first. */
export async function log(ws: Workspace, ref: BranchRef, opts: { rev?: string; limit?: number } = {}): Promise<CommitInfo[]> {
  const gitDir = ws.repoGitDir(ref.repo);
  if (opts.rev === undefined && (await vcs.branchHead(gitDir, ref.branch)) === undefined) return [];
  const oid = await vcs.resolveRevision(gitDir, opts.rev ?? ref.branch, ref.branch);
  return (await vcs.log(gitDir, oid, { limit: opts.limit })).map(toInfo);
}
