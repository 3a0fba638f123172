/**
 * What `redb log -p`, `--stat` and `-- OBJECT[.MEMBER]` add to the plain log. A separate
 * module that the command loads only for those flags: the plain log reads commits and
 * nothing else (history.ts), and stays as quick to start as it was.
 */
import * as vcs from '../vcs/index.js';
import type { BranchRef } from './branches.js';
import { commitDiff } from './commit-diff.js';
import { commitStat, type CommitStat } from './commit-stat.js';
import type { DiffResult } from './diff.js';
import type { CommitInfo } from './history.js';
import { objectLog, parseTarget, type ObjectLogEntry } from './object-history.js';
import type { Workspace } from './workspace.js';

export interface LogEntry extends CommitInfo {
  /** `-- OBJECT`: what the commit did to it. */
  change?: ObjectLogEntry['change'];
  id?: string;
  from?: string;
  /** `--stat`: the objects it changed. */
  stat?: CommitStat;
  /** `-p`: its schema diff and plan against its first parent. */
  diff?: DiffResult;
}

export interface LogDetailOptions {
  rev?: string;
  limit?: number;
  /** Only the commits that changed this object or member (`public.users`, `public.users.email`). */
  object?: string;
  stat?: boolean;
  patch?: boolean;
}

/** The commits of `redb log` with the details asked for; `commits` is the plain log when no object is named. */
export async function logDetail(ws: Workspace, ref: BranchRef, commits: readonly CommitInfo[], opts: LogDetailOptions): Promise<LogEntry[]> {
  const gitDir = ws.repoGitDir(ref.repo);
  let entries: LogEntry[] = [...commits];
  if (opts.object !== undefined) {
    const start = await vcs.resolveRevision(gitDir, opts.rev ?? ref.branch, ref.branch);
    entries = await objectLog(gitDir, start, parseTarget(opts.object), opts.limit);
  }
  const out: LogEntry[] = [];
  for (const e of entries) {
    const parentTree = e.parents[0] ? (await vcs.readCommit(gitDir, e.parents[0])).tree : undefined;
    const stat = opts.stat ? await commitStat(gitDir, await vcs.readCommit(gitDir, e.commit), parentTree) : undefined;
    const diff = opts.patch ? await commitDiff(ws, ref, e.commit) : undefined;
    out.push({ ...e, ...(stat ? { stat } : {}), ...(diff ? { diff } : {}) });
  }
  return out;
}
