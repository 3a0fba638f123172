/** Branches of a repository (git refs) and their attachment to a database. */
import * as vcs from '../vcs/index.js';
import { usageError } from '../errors.js';
import { DEFAULT_BRANCH } from './repos.js';
import type { Workspace } from './workspace.js';

export interface BranchRef {
  repo: string;
  branch: string;
}

export interface BranchInfo {
  name: string;
  /** Head commit id, empty while the branch has no commit. */
  head: string;
  database?: string;
  message?: string;
}

/** A branch exists once it has a ref, or is the default branch of a repository with no commit yet. */
async function branchExists(gitDir: string, branch: string): Promise<boolean> {
  if ((await vcs.branchHead(gitDir, branch)) !== undefined) return true;
  return branch === DEFAULT_BRANCH && (await vcs.listBranches(gitDir)).length === 0;
}

export async function requireBranch(ws: Workspace, ref: BranchRef): Promise<void> {
  if (!(await branchExists(ws.repoGitDir(ref.repo), ref.branch))) {
    const names = (await vcs.listBranches(ws.repoGitDir(ref.repo))).map((b) => b.name);
    throw usageError('E_NO_BRANCH', `repository ${ref.repo} has no branch ${ref.branch}`, names.length ? `branches: ${names.join(', ')}` : `create it with \`redb branch create ${ref.branch}\``);
  }
}

export async function showBranch(ws: Workspace, ref: BranchRef): Promise<BranchInfo> {
  await requireBranch(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  const head = (await vcs.branchHead(gitDir, ref.branch)) ?? '';
  const database = ws.config.repos[ref.repo].attachments[ref.branch];
  const message = head ? (await vcs.readCommit(gitDir, head)).message.split('\n')[0] : undefined;
  return { name: ref.branch, head, ...(database ? { database } : {}), ...(message !== undefined ? { message } : {}) };
}

export async function listBranches(ws: Workspace, repo: string): Promise<BranchInfo[]> {
  const gitDir = ws.repoGitDir(repo);
  const names = new Set((await vcs.listBranches(gitDir)).map((b) => b.name));
  if (names.size === 0) names.add(DEFAULT_BRANCH);
  return Promise.all([...names].sort().map((branch) => showBranch(ws, { repo, branch })));
}

/** Creates a branch at a revision (default: the head of `from`'s branch). */
export async function createBranch(ws: Workspace, ref: BranchRef, fromRev: string): Promise<BranchInfo> {
  const gitDir = ws.repoGitDir(ref.repo);
  if ((await vcs.branchHead(gitDir, ref.branch)) !== undefined) {
    throw usageError('E_EXISTS', `branch ${ref.branch} already exists in ${ref.repo}`, 'pick another name, or delete it first');
  }
  const oid = await vcs.resolveRevision(gitDir, fromRev, DEFAULT_BRANCH);
  await vcs.createBranch(gitDir, ref.branch, oid);
  return showBranch(ws, ref);
}

export async function deleteBranch(ws: Workspace, ref: BranchRef): Promise<BranchInfo> {
  const info = await showBranch(ws, ref);
  if (info.database) {
    throw usageError('E_ATTACHED', `branch ${ref.branch} is attached to database ${info.database}`, `detach it first: redb branch detach ${ref.branch}`);
  }
  if (ref.branch === DEFAULT_BRANCH) throw usageError('E_DEFAULT_BRANCH', `${DEFAULT_BRANCH} is the repository's default branch and cannot be deleted`);
  await vcs.deleteBranch(ws.repoGitDir(ref.repo), ref.branch);
  return info;
}

/** Attaches a branch to a database: `commit` then snapshots it and `status` compares with it. */
export async function attachBranch(ws: Workspace, ref: BranchRef, database: string): Promise<BranchInfo> {
  ws.requireDatabase(database);
  await requireBranch(ws, ref);
  const current = ws.config.repos[ref.repo].attachments[ref.branch];
  if (current && current !== database) {
    throw usageError('E_ATTACHED', `branch ${ref.branch} is already attached to ${current}`, `detach it first: redb branch detach ${ref.branch}`);
  }
  ws.config.repos[ref.repo].attachments[ref.branch] = database;
  await ws.save();
  return showBranch(ws, ref);
}

export async function detachBranch(ws: Workspace, ref: BranchRef): Promise<BranchInfo> {
  const info = await showBranch(ws, ref);
  if (!info.database) throw usageError('E_NOT_ATTACHED', `branch ${ref.branch} is not attached to a database`);
  delete ws.config.repos[ref.repo].attachments[ref.branch];
  await ws.save();
  return { ...info, database: undefined };
}

/** The database attached to a branch, or an error that says how to attach one. */
export function attachedDatabase(ws: Workspace, ref: BranchRef): string {
  const db = ws.config.repos[ref.repo].attachments[ref.branch];
  if (!db) {
    throw usageError('E_NOT_ATTACHED', `branch ${ref.branch} of ${ref.repo} has no database attached`, `attach one: redb branch attach ${ref.branch} DATABASE`);
  }
  return db;
}
