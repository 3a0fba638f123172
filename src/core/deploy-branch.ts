/**
 * What a deploy does to the branch whose database it changed: the branch follows its
 * database when that loses no commit. Deploying R onto branch B's database moves B to R
 * when R descends from B's head (a fast-forward), or when B's head is what the database
 * held before (its tree is the plan's source) and stays on another branch or in R's
 * history (e.g. a rollback moving B back to the commit it restores). Otherwise B stays
 * where it is, the result says why, and `redb status` says the database holds R.
 */
import * as vcs from '../vcs/index.js';

export type BranchMove =
  | { readonly moved: true; readonly from: string; readonly to: string }
  | { readonly moved: false; readonly reason?: string };

const HISTORY = 10_000;

async function inHistory(gitDir: string, tip: string, oid: string): Promise<boolean> {
  return (await vcs.log(gitDir, tip, { limit: HISTORY })).some((c) => c.oid === oid);
}

export async function followDeploy(gitDir: string, branch: string, commit: string, sourceTree: string): Promise<BranchMove> {
  const head = await vcs.branchHead(gitDir, branch);
  if (!commit || !head || head === commit) return { moved: false };
  const move = async (): Promise<BranchMove> => {
    await vcs.writeRef(gitDir, `refs/heads/${branch}`, commit, { expected: head });
    return { moved: true, from: head, to: commit };
  };
  if (await inHistory(gitDir, commit, head)) return move();
  const inSync = (await vcs.readCommit(gitDir, head)).tree === sourceTree;
  const others = (await vcs.listBranches(gitDir)).filter((b) => b.name !== branch);
  const kept = (await Promise.all(others.map((b) => inHistory(gitDir, b.oid, head)))).some(Boolean);
  if (inSync && kept) return move();
  return {
    moved: false,
    reason: inSync
      ? `branch ${branch} stays at ${head.slice(0, 10)}: its commits are not in ${commit.slice(0, 10)}'s history nor on another branch`
      : `branch ${branch} stays at ${head.slice(0, 10)}: its database did not hold its head before this deploy`,
  };
}
