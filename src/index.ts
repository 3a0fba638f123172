/**
 * redb's programmatic API (`import … from 'redb'`): what the commands do, as functions
 * on a `Workspace`, with the same errors (`RedbError`: code, message, hint, exit code)
 * and the same results the commands print under `--json`. Loading it loads no adapter:
 * an adapter's code is imported when a URL of its scheme is first used.
 *
 * @example
 * import { Workspace, connectDatabase, addRepo, attachBranch, commitBranch, diff } from 'redb';
 * const ws = await Workspace.init('./schemas');
 * await connectDatabase(ws, 'dev', 'scheme://app@localhost/app');
 * await addRepo(ws, 'app');
 * await attachBranch(ws, { repo: 'app', branch: 'main' }, 'dev');
 * await commitBranch(ws, { repo: 'app', branch: 'main', message: 'Initial schema' });
 * const { same, plan } = await diff(ws, { repo: 'app', branch: 'main' });
 */

// workspaces
export { Workspace } from './core/workspace.js';
export type { WorkspaceConfig } from './config/workspace-file.js';

// databases
export { connectDatabase, disconnectDatabase, listDatabases, openDatabase, openUrl, showDatabase, withDatabase, type DatabaseInfo, type OpenDatabase } from './core/databases.js';

// repositories and branches
export { addRepo, cloneRepo, deleteRepo, listRepos, showRepo, DEFAULT_BRANCH, type RepoInfo } from './core/repos.js';
export { attachBranch, attachedDatabase, createBranch, deleteBranch, detachBranch, listBranches, showBranch, type BranchInfo, type BranchRef } from './core/branches.js';

// commit, status, history
export { commitBranch, type CommitOptions, type CommitResult } from './core/commit.js';
export { status, type StatusResult } from './core/status.js';
export { log, type CommitInfo } from './core/history.js';
export { showCommit, showObject, type ShowCommitResult, type ShowObjectResult } from './core/show.js';
export { createTag, deleteTag, listTags, type TagInfo } from './core/tags.js';
export { addRemote, listRemotes, removeRemote, type RemoteInfo } from './core/remotes.js';
export { fetchRepo, pullRepo, pushRepo, type FetchReport, type PullReport, type PushReport } from './core/sync.js';
export type { ObjectChange } from './core/changes.js';
export { logDetail, type LogDetailOptions, type LogEntry } from './core/log-detail.js';
export { objectLog, parseTarget, type HistoryTarget, type ObjectLogEntry } from './core/object-history.js';
export { blame, blameAt, type BlameCommit, type BlameLine, type BlameMember, type BlameResult } from './core/blame.js';
export { commitDiff } from './core/commit-diff.js';
export { commitStat, type CommitStat, type StatEntry } from './core/commit-stat.js';
export { deploysOf, type CommitDeploys, type DeployRecord } from './core/deploy-records.js';
export { modelAt, snapshotDatabase, type LiveSnapshot } from './core/snapshot.js';
export { parseRenameFlags } from './core/renames.js';

// diff, plan, deploy, rollback
export { diff, resolveSide, type BranchScope, type DiffOptions, type DiffResult, type ResolvedSide } from './core/diff.js';
export { createPlan, planHash, reversePlan, hazardsOf, describeUnit, describeNotice, DEFAULT_LOCK_TIMEOUT, COLUMN_ORDER_POLICIES } from './plan/index.js';
export type * from './plan/types.js';
export { deploy, rollback, readPlanFile, type DeployOptions, type DeployResult } from './core/deploy.js';
export type { BranchMove } from './core/deploy-branch.js';

// merge and revert (three-way, on the model)
export { mergeInto, type MergeOptions, type MergeResult } from './core/merge.js';
export { abortMerge, continueMerge, mergeStatus, resolveConflict, type ConflictEntry, type MergeStatus } from './core/merge-resolve.js';
export { revertCommit } from './core/revert.js';
export { mergeModels, type MergeConflict, type MergeInput, type MergeOutcome, type MergeResolution, type MergeSide } from './diff/index.js';

// relationships, translation and jobs
export { addRelationship, deleteRelationship, getRelationship, listRelationships, type AddRelationshipRequest, type RelationshipInfo } from './jobs/relationships.js';
export { translateRevision, type TranslateRequest, type TranslateResult } from './translate/index.js';
export { forgetJob, jobStatus, listJobs, requestJob, resumeJob, runJob, type JobInfo, type JobOutcome, type JobProgressEvent, type JobRequest, type JobState, type RunJobOptions } from './core/jobs.js';

// the model (what a repository stores: one file per object)
export * from '../unified-model/index.js';

// errors
export { ExitCode, RedbError, configError, usageError } from './errors.js';

// adapters: the contract every engine implements, and the registry that finds one by URL
export type * from '../adapters/types.js';
export { ConnectError } from '../adapters/types.js';
export { readSchema } from '../adapters/read-schema.js';
export { ADAPTERS, adapterForDialect, adapterForUrl, descriptorForUrl, embeddedAdapters, knownSchemes, loadAdapter, type AdapterDescriptor } from '../adapters/registry.js';
