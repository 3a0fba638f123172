/**
 * Sharing a repository: fetch, push, pull and clone from a remote. The transports and
 * ref bookkeeping are in src/vcs (fetch.ts, push.ts); here are the workflows — which
 * branch, the fast-forward of pull, what a clone sets up — and the redacted reports.
 */
import * as vcs from '../vcs/index.js';
import { usageError } from '../errors.js';
import { resolveAuthor, type Author } from './author.js';
import { mergeInto, type MergeResult } from './merge.js';
import { DEFAULT_BRANCH } from './repos.js';
import type { Workspace } from './workspace.js';

export interface FetchReport {
  remote: string;
  /** Redacted. */
  url: string;
  refs: vcs.FetchedRef[];
  /** What the remote records as deployed where: database → commit (`refs/redb/remotes/R/deploys/*`). */
  deploys: { database: string; commit: string }[];
}

export interface PushReport {
  remote: string;
  url: string;
  refs: vcs.PushedRef[];
}

export interface PullReport {
  fetch: FetchReport;
  branch: string;
  /**
   * `created`: the branch did not exist here; `ahead`: ours already contains the remote's;
   * `merged`/`conflicts`: both had commits of their own, so the remote's was merged in
   * (`merge`), as `redb merge REMOTE/BRANCH` does.
   */
  status: 'up to date' | 'fast-forward' | 'created' | 'ahead' | 'merged' | 'conflicts';
  merge?: MergeResult;
  old?: string;
  head: string;
  /** The database attached to the branch, which is now behind its head until deployed. */
  database?: string;
}

async function transportFor(gitDir: string, remote: string): Promise<{ transport: vcs.Transport; url: string }> {
  const { url } = await vcs.getRemote(gitDir, remote);
  const transport = vcs.openTransport(gitDir, remote, url);
  return { transport, url: transport.display };
}

async function remoteDeploys(gitDir: string, remote: string): Promise<FetchReport['deploys']> {
  const prefix = `refs/redb/remotes/${remote}/deploys/`;
  return (await vcs.listRefs(gitDir, prefix)).map((r) => ({ database: r.ref.slice(prefix.length), commit: r.oid }));
}

async function fetchInto(gitDir: string, remote: string, author: Author): Promise<FetchReport> {
  const { transport, url } = await transportFor(gitDir, remote);
  const { refs } = await vcs.fetchRemote(gitDir, remote, transport, author);
  return { remote, url, refs: [...refs], deploys: await remoteDeploys(gitDir, remote) };
}

/** Fetches a remote's branches, tags, deploy refs and notes. */
export async function fetchRepo(ws: Workspace, repo: string, remote = 'origin'): Promise<FetchReport> {
  return fetchInto(ws.repoGitDir(repo), remote, resolveAuthor(ws));
}

/** Pushes a branch (or every tag) with the deploy records; fast-forwards only. */
export async function pushRepo(ws: Workspace, repo: string, opts: { remote?: string; branch?: string; tags?: boolean } = {}): Promise<PushReport> {
  const gitDir = ws.repoGitDir(repo);
  const remote = opts.remote ?? 'origin';
  const { transport, url } = await transportFor(gitDir, remote);
  const refs = await vcs.pushRemote(gitDir, remote, transport, { branches: [opts.branch ?? DEFAULT_BRANCH], tags: opts.tags ?? false }, resolveAuthor(ws));
  return { remote, url, refs };
}

/**
 * Fetches, then fast-forwards the local branch to the remote's. When both have
 * commits the other lacks, merges the remote's branch in (a merge commit, or a merge
 * in progress with its conflicts, exactly as `redb merge REMOTE/BRANCH`).
 */
export async function pullRepo(ws: Workspace, repo: string, opts: { remote?: string; branch?: string } = {}): Promise<PullReport> {
  const gitDir = ws.repoGitDir(repo);
  const remote = opts.remote ?? 'origin';
  const branch = opts.branch ?? DEFAULT_BRANCH;
  vcs.assertBranchName(branch);
  const fetch = await fetchInto(gitDir, remote, resolveAuthor(ws));
  const theirs = await vcs.readRef(gitDir, `refs/remotes/${remote}/${branch}`);
  if (!theirs) throw usageError('E_NO_BRANCH', `the remote ${remote} has no branch ${branch}`, `push it first (redb push ${remote} ${branch}), or name another branch`);
  const ours = await vcs.branchHead(gitDir, branch);
  const database = ws.config.repos[repo]?.attachments[branch];
  const report = (status: PullReport['status'], head: string): PullReport => ({ fetch, branch, status, ...(ours ? { old: ours } : {}), head, ...(database && status !== 'up to date' && status !== 'ahead' ? { database } : {}) });
  if (ours === theirs) return report('up to date', ours);
  if (!ours) {
    await vcs.writeRef(gitDir, `refs/heads/${branch}`, theirs, { expected: null });
    return report('created', theirs);
  }
  if (await vcs.isAncestorIn(gitDir, theirs, ours)) return report('ahead', ours);
  if (!(await vcs.isAncestorIn(gitDir, ours, theirs))) {
    const merge = await mergeInto(ws, { repo, branch }, `${remote}/${branch}`);
    return { ...report(merge.status === 'conflicts' ? 'conflicts' : 'merged', merge.commit ?? ours), merge };
  }
  await vcs.writeRef(gitDir, `refs/heads/${branch}`, theirs, { expected: ours });
  return report('fast-forward', theirs);
}

/**
 * Makes `gitDir` a clone of a remote URL: `origin` set up, every remote branch a
 * local branch, the remote's default branch the default here, and the remote's deploy
 * records adopted as this repository's own (a clone starts from what the team knows).
 */
export async function cloneFromRemote(gitDir: string, url: string, author: Author): Promise<void> {
  vcs.remoteKind(url); // refuses credentials in the URL before anything is created
  await vcs.initRepo(gitDir, DEFAULT_BRANCH);
  await vcs.addRemote(gitDir, 'origin', url);
  const { remoteRefs } = await vcs.fetchRemote(gitDir, 'origin', vcs.openTransport(gitDir, 'origin', url), author);
  for (const [ref, oid] of remoteRefs.refs) {
    if (ref.startsWith('refs/heads/')) await vcs.writeRef(gitDir, ref, oid, { expected: null });
    else if (ref.startsWith('refs/redb/') && !ref.startsWith('refs/redb/remotes/')) await vcs.writeRef(gitDir, ref, oid);
  }
  if (remoteRefs.head && remoteRefs.refs.has(remoteRefs.head)) await vcs.setDefaultBranch(gitDir, remoteRefs.head.slice('refs/heads/'.length));
}
