/**
 * `redb revert REV`: a new commit on the branch head that undoes REV's schema changes.
 * It is a three-way merge in reverse (src/core/merge.ts): base = REV, ours = the head,
 * theirs = REV's first parent, so a change REV made that later commits changed again
 * is a conflict, under the same rules and with the same `redb merge --status`,
 * `--resolve`, `--continue` and `--abort`. REV's renames are undone as renames.
 */
import * as vcs from '../vcs/index.js';
import { reverseRenames } from '../diff/index.js';
import { usageError } from '../errors.js';
import { requireBranch, type BranchRef } from './branches.js';
import { refuseInProgress, renamesSince, runMerge, type MergeResult } from './merge.js';
import { renamesOfCommit } from './renames.js';
import type { Workspace } from './workspace.js';

export async function revertCommit(ws: Workspace, ref: BranchRef, rev: string, opts: { message?: string } = {}): Promise<MergeResult> {
  await requireBranch(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  await refuseInProgress(gitDir);
  const head = await vcs.branchHead(gitDir, ref.branch);
  if (!head) throw usageError('E_NO_COMMITS', `branch ${ref.branch} has no commits yet`, 'commit first: redb commit -m MSG');
  const target = await vcs.resolveRevision(gitDir, rev, ref.branch);
  const commit = await vcs.readCommit(gitDir, target);
  const [parent] = commit.parents;
  if (!parent) throw usageError('E_REVERT_ROOT', `${rev} is the first commit: there is no schema before it to go back to`, 'revert a later commit, or deploy an empty schema on purpose');
  if (!(await vcs.isAncestor(gitDir, target, head))) throw usageError('E_NOT_ANCESTOR', `${rev} is not in the history of ${ref.branch}`, `revert a commit of ${ref.branch} (redb log lists them), or merge it first`);
  const subject = commit.message.split('\n')[0];
  return runMerge(ws, ref, {
    kind: 'revert', head, base: target, theirs: parent, label: rev,
    message: opts.message ?? `Revert "${subject}"\n\nThis reverts commit ${target}.`,
    parents: [head],
    renames: { ours: await renamesSince(gitDir, target, head), theirs: reverseRenames(renamesOfCommit(commit)) },
  });
}
