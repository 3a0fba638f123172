/**
 * `redb deploy` and `redb rollback` for a branch's attached database, and the git side
 * of the record: `refs/redb/deploys/<database>` points at what is live, and a note on
 * `refs/notes/redb-deploys` says who deployed it, when, with which plan, and how it went.
 */
import { readFile } from 'node:fs/promises';
import { adapterForUrl } from '../../adapters/registry.js';
import type { DdlOptions } from '../../adapters/types.js';
import type { Model, RenameIntent } from '../../unified-model/index.js';
import { Ledger, type LedgerEntry } from '../deploy/ledger.js';
import { partialEntry } from '../deploy/guards.js';
import { runDeploy, type DeployAdapter, type DeployOutcome, type DeployRequest } from '../deploy/run.js';
import type { ConsentOptions } from '../deploy/consent.js';
import { createPlan, planHash, requireReachableColumnOrder, reversePlan, type ColumnOrderPolicy, type Plan } from '../plan/index.js';
import * as vcs from '../vcs/index.js';
import { resolveAuthor } from './author.js';
import { DEPLOY_NOTES, DEPLOY_REF_PREFIX, formatDeployNote } from './deploy-records.js';
import { followDeploy, type BranchMove } from './deploy-branch.js';
import { attachedDatabase, requireBranch, type BranchRef } from './branches.js';
import { openDatabase } from './databases.js';
import { applyToReplicas, type ReplicaUpdate } from '../jobs/replicate/follow-branch.js';
import { RedbError, usageError } from '../errors.js';
import { renamesBetween } from './renames.js';
import { modelAt } from './snapshot.js';
import type { Workspace } from './workspace.js';

export const NOTES = DEPLOY_NOTES;

export interface DeployOptions extends ConsentOptions {
  rev?: string;
  /** A reviewed plan file (`redb plan --out`): deployed exactly, or refused. */
  planFile?: string;
  force?: boolean;
  dryRun?: boolean;
  prove?: boolean;
  lockWaitMs?: number;
  ddl?: DdlOptions;
  /** Renames to plan instead of drop + add (`--rename`), besides those recorded in the commits. */
  renames?: readonly RenameIntent[];
  /** What to do about column orders the engine cannot reach (default: refuse, exit 3). */
  columnOrder?: ColumnOrderPolicy;
  /** Continue the part-way deploy (or rollback) the ledger records, from its last committed step. */
  resume?: boolean;
  /** Progress of each step (a terminal's stderr). */
  onStep?: DeployRequest['onStep'];
}

export interface DeployResult extends DeployOutcome {
  repo: string;
  branch: string;
  database: string;
  commit: string;
  /** Whether the branch moved to the deployed commit (it follows its database), or why not. */
  branchMove?: BranchMove;
  /** Replicas of the branch that got the deployed schema of their tables (a failure there leaves the deploy succeeded). */
  replicas?: ReplicaUpdate[];
}

async function deployable(url: string): Promise<DeployAdapter> {
  const adapter = await adapterForUrl(url);
  if (!adapter.ddl || !adapter.deploy) {
    const missing = adapter.ddl ? 'no deploy support' : 'no DDL';
    throw new RedbError('E_UNSUPPORTED', `redb cannot deploy to ${adapter.dialect} databases yet (the ${adapter.dialect} adapter has ${missing})`, `status, commit, log and show work on ${adapter.dialect} databases`);
  }
  return adapter as DeployAdapter;
}

/** The model of a tree: from its commit when known, else found among the branches' recent history. */
function modelOfTreeIn(gitDir: string): (tree: string, commit?: string) => Promise<Model | undefined> {
  return async (tree, commit) => {
    if (commit) {
      const c = await vcs.readCommit(gitDir, commit).catch(() => undefined);
      if (c?.tree === tree) return modelAt(gitDir, commit);
    }
    for (const b of await vcs.listBranches(gitDir)) {
      const found = (await vcs.log(gitDir, b.oid, { limit: 200 })).find((h) => h.tree === tree);
      if (found) return modelAt(gitDir, found.oid);
    }
    return undefined;
  };
}

/** The git side of a succeeded deploy: the deploy ref, a note, and the branch following its database. */
async function record(ws: Workspace, ref: BranchRef, database: string, result: DeployOutcome, kind: string, commit: string): Promise<BranchMove> {
  if (result.status !== 'succeeded' || !commit) return { moved: false };
  const gitDir = ws.repoGitDir(ref.repo);
  const author = resolveAuthor(ws);
  await vcs.writeRef(gitDir, `${DEPLOY_REF_PREFIX}${database}`, commit);
  const note = formatDeployNote({ kind, database, result: 'succeeded', plan: result.plan.hash, by: `${author.name} <${author.email}>`, at: new Date().toISOString(), steps: result.plan.steps.length });
  await vcs.appendNote(gitDir, NOTES, commit, note, author);
  return followDeploy(gitDir, ref.branch, commit, result.plan.source.tree);
}

interface Prepared {
  commit: string;
  makePlan: (live: Model, liveTree: string) => Promise<Plan> | Plan;
  expectLive?: string;
  fromPartial?: boolean;
}

type Prepare = (gitDir: string, ledger: Ledger, adapter: DeployAdapter, ddl: DdlOptions) => Promise<Prepared>;

async function run(ws: Workspace, ref: BranchRef, opts: DeployOptions, kind: 'deploy' | 'rollback', prepare: Prepare): Promise<DeployResult> {
  await requireBranch(ws, ref);
  const database = attachedDatabase(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  const db = await openDatabase(ws, database);
  try {
    const adapter = await deployable(await ws.databaseUrl(database));
    const ledger = new Ledger(db.conn, adapter.deploy);
    // the target's version decides what a statement may do (an enum value added inside a transaction)
    const ddl: DdlOptions = { ...opts.ddl, serverVersion: db.conn.serverVersion, ...(db.conn.flavour ? { flavour: db.conn.flavour } : {}) };
    const { commit, makePlan, expectLive, fromPartial } = opts.resume
      ? { commit: (await ledger.last())?.commit ?? '', makePlan: () => { throw new Error('a resumed deploy runs its stored plan'); }, expectLive: undefined, fromPartial: undefined }
      : await prepare(gitDir, ledger, adapter, ddl);
    const author = resolveAuthor(ws);
    const outcome = await runDeploy({
      ...opts,
      adapter, conn: db.conn, url: await ws.databaseUrl(database), label: `database ${database}`, kind, repo: ref.repo, branch: ref.branch, commit,
      user: `${author.name} <${author.email}>`, makePlan, modelOfTree: modelOfTreeIn(gitDir), ...(expectLive ? { expectLive } : {}), ...(fromPartial ? { fromPartial } : {}),
    });
    const branchMove = await record(ws, ref, database, outcome, kind, commit);
    // the branch's replicas get the new columns before their stream delivers values for them
    const replicas = outcome.status === 'succeeded' ? await applyToReplicas(ws, ref, commit) : [];
    return { ...outcome, repo: ref.repo, branch: ref.branch, database, commit, branchMove, ...(replicas.length ? { replicas } : {}) };
  } finally {
    await db.conn.close();
  }
}

/** Deploys REV (default: the branch head) to the branch's attached database. */
export async function deploy(ws: Workspace, ref: BranchRef, opts: DeployOptions = {}): Promise<DeployResult> {
  return run(ws, ref, opts, 'deploy', async (gitDir, ledger, adapter, ddl) => {
    if (opts.planFile) {
      if (opts.renames?.length) throw usageError('E_USAGE', '--rename cannot change a reviewed plan (--plan)', 'make the plan again with the rename: redb plan --rename OLD=NEW --out plan.json');
      const plan = await readPlanFile(opts.planFile);
      return { commit: plan.target.commit ?? '', makePlan: () => columnOrderChecked(plan, opts) };
    }
    const commit = await vcs.resolveRevision(gitDir, opts.rev ?? ref.branch, ref.branch);
    const target = await modelAt(gitDir, commit);
    const { tree } = await vcs.readCommit(gitDir, commit);
    const live = (await ledger.exists()) ? await ledger.live() : undefined;
    // a commit the repository does not have records no renames; an unreadable trailer is an error
    const recorded = live?.commit ? await renamesBetween(gitDir, live.commit, commit).catch((err: unknown) => { if (err instanceof RedbError && err.code === 'E_RENAME_TRAILER') throw err; return []; }) : [];
    const renames = [...recorded, ...(opts.renames ?? [])];
    const planning = { ddl: adapter.ddl, renames, options: ddl, reorderColumns: adapter.capabilities.reorderColumns, transactionalDdl: adapter.capabilities.transactionalDdl, columnOrder: opts.columnOrder };
    return {
      commit,
      makePlan: (liveModel, liveTree) =>
        columnOrderChecked(createPlan({ from: liveModel, to: target, source: { tree: liveTree }, target: { tree, commit }, ...planning }), opts),
    };
  });
}

/** A plan that does not reach the target's column order is refused unless accepted (a dry run shows it). */
function columnOrderChecked(plan: Plan, opts: DeployOptions): Plan {
  if (!opts.dryRun) requireReachableColumnOrder(plan);
  return plan;
}

/**
 * Undoes the last deploy on the branch's database: with the rollback plan stored with it,
 * or — when a deploy stopped part-way — with a plan from the live schema back to the
 * schema before that deploy (only the steps it committed are undone).
 */
export async function rollback(ws: Workspace, ref: BranchRef, opts: DeployOptions = {}): Promise<DeployResult> {
  return run(ws, ref, opts, 'rollback', async (gitDir, ledger, adapter, ddl) => {
    const exists = await ledger.exists();
    const newest = exists ? await ledger.last() : undefined;
    const stopped = newest && partialEntry(newest, '') ? newest : undefined;
    if (stopped) return backFromPartial(gitDir, ref, stopped, adapter, ddl);
    const last = exists ? await ledger.live() : undefined;
    if (!last || last.kind !== 'deploy') {
      throw usageError('E_NOTHING_TO_ROLL_BACK', `the last change recorded in this database is ${last ? 'a rollback' : 'missing (nothing was deployed by redb)'}: there is no deploy to undo`, 'deploy the revision you want with: redb deploy REV');
    }
    const done = JSON.parse(last.plan) as Plan;
    const back = reversePlan(done, { ddl: adapter.ddl, ...(opts.ddl?.lockTimeout !== undefined ? { lockTimeout: opts.ddl.lockTimeout } : {}) });
    const previous = done.source.commit ?? (await findCommitOfTree(gitDir, ref.branch, done.source.tree)) ?? '';
    return { commit: previous, makePlan: () => back, expectLive: last.target_tree };
  });
}

/** A plan from wherever a part-way deploy left the database back to the schema it started from. */
async function backFromPartial(gitDir: string, ref: BranchRef, stopped: LedgerEntry, adapter: DeployAdapter, ddl: DdlOptions): Promise<Prepared> {
  const stored = JSON.parse(stopped.plan) as Plan;
  const commit = stored.source.commit ?? (await findCommitOfTree(gitDir, ref.branch, stopped.source_tree)) ?? '';
  const before = await modelOfTreeIn(gitDir)(stopped.source_tree, commit || undefined);
  if (!before) {
    throw usageError('E_NOTHING_TO_ROLL_BACK', `the schema before the part-way ${stopped.kind} ${stopped.id} (tree ${stopped.source_tree.slice(0, 10)}) is not in this repository`, `finish the ${stopped.kind} instead: redb ${stopped.kind} --resume`);
  }
  return {
    commit,
    fromPartial: true,
    makePlan: (live, liveTree) => createPlan({ from: live, to: before, source: { tree: liveTree }, target: { tree: stopped.source_tree, ...(commit ? { commit } : {}) }, ddl: adapter.ddl, options: ddl, reorderColumns: adapter.capabilities.reorderColumns, transactionalDdl: adapter.capabilities.transactionalDdl }),
  };
}

async function findCommitOfTree(gitDir: string, branch: string, tree: string): Promise<string | undefined> {
  const head = await vcs.branchHead(gitDir, branch);
  return head ? (await vcs.log(gitDir, head, { limit: 500 })).find((c) => c.tree === tree)?.oid : undefined;
}

export async function readPlanFile(file: string): Promise<Plan> {
  let plan: Plan;
  try {
    plan = JSON.parse(await readFile(file, 'utf8')) as Plan;
  } catch (err) {
    throw usageError('E_PLAN_FILE', `cannot read the plan ${file}: ${(err as Error).message}`, 'write one with: redb plan --out plan.json');
  }
  if (plan?.formatVersion !== 1 || !Array.isArray(plan.steps) || !plan.source?.tree || !plan.target?.tree) {
    throw usageError('E_PLAN_FILE', `${file} is not a redb plan`, 'write one with: redb plan --out plan.json');
  }
  const { hash, ...rest } = plan;
  if (planHash(rest) !== hash) {
    throw usageError('E_PLAN_FILE', `${file} was changed after it was planned (its hash does not match)`, 'make a new plan: redb plan --out plan.json');
  }
  return plan;
}
