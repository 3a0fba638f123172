/**
 * `redb deploy` and `redb rollback` for a branch's attached database, and the git side
 * of the record: `refs/redb/deploys/<database>` points at what is live, and a note on
 * `refs/notes/redb-deploys` says who deployed it, when, with which plan, and how it went.
 */
import { readFile } from 'node:fs/promises';
import { adapterForUrl } from '../../adapters/registry.js';
import type { DdlOptions } from '../../adapters/types.js';
import type { Model } from '../../unified-model/index.js';
import { Ledger } from '../deploy/ledger.js';
import { runDeploy, type DeployAdapter, type DeployOutcome } from '../deploy/run.js';
import type { ConsentOptions } from '../deploy/consent.js';
import { createPlan, planHash, reversePlan, type Plan } from '../plan/index.js';
import * as vcs from '../vcs/index.js';
import { resolveAuthor } from './author.js';
import { attachedDatabase, requireBranch, type BranchRef } from './branches.js';
import { openDatabase } from './databases.js';
import { RedbError, usageError } from './errors.js';
import { renamesBetween } from './renames.js';
import { modelAt } from './snapshot.js';
import type { Workspace } from './workspace.js';

export const NOTES = 'redb-deploys';

export interface DeployOptions extends ConsentOptions {
  rev?: string;
  /** A reviewed plan file (`redb plan --out`): deployed exactly, or refused. */
  planFile?: string;
  force?: boolean;
  dryRun?: boolean;
  prove?: boolean;
  lockWaitMs?: number;
  ddl?: DdlOptions;
}

export interface DeployResult extends DeployOutcome {
  repo: string;
  branch: string;
  database: string;
  commit: string;
}

function deployable(url: string): DeployAdapter {
  const adapter = adapterForUrl(url);
  if (!adapter.ddl || !adapter.deploy) throw new RedbError('E_DIALECT', `redb cannot deploy to ${adapter.dialect} databases yet`);
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

async function record(ws: Workspace, ref: BranchRef, database: string, result: DeployOutcome, kind: string, commit: string): Promise<void> {
  if (result.status !== 'succeeded' || !commit) return;
  const gitDir = ws.repoGitDir(ref.repo);
  const author = resolveAuthor(ws);
  await vcs.writeRef(gitDir, `refs/redb/deploys/${database}`, commit);
  const note = [`${kind} to ${database}: succeeded`, `plan ${result.plan.hash}`, `by ${author.name} <${author.email}>`, `at ${new Date().toISOString()}`, `steps ${result.plan.steps.length}`].join('\n');
  await vcs.appendNote(gitDir, NOTES, commit, note, author);
}

async function run(ws: Workspace, ref: BranchRef, opts: DeployOptions, kind: 'deploy' | 'rollback', prepare: (gitDir: string, ledger: Ledger, adapter: DeployAdapter) => Promise<{ commit: string; makePlan: (live: Model, liveTree: string) => Promise<Plan> | Plan; expectLive?: string }>): Promise<DeployResult> {
  await requireBranch(ws, ref);
  const database = attachedDatabase(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  const db = await openDatabase(ws, database);
  try {
    const adapter = deployable(await ws.databaseUrl(database));
    const ledger = new Ledger(db.conn, adapter.deploy);
    const { commit, makePlan, expectLive } = await prepare(gitDir, ledger, adapter);
    const author = resolveAuthor(ws);
    const outcome = await runDeploy({
      ...opts,
      adapter, conn: db.conn, url: await ws.databaseUrl(database), label: `database ${database}`, kind, repo: ref.repo, branch: ref.branch, commit,
      user: `${author.name} <${author.email}>`, makePlan, modelOfTree: modelOfTreeIn(gitDir), ...(expectLive ? { expectLive } : {}),
    });
    await record(ws, ref, database, outcome, kind, commit);
    return { ...outcome, repo: ref.repo, branch: ref.branch, database, commit };
  } finally {
    await db.conn.close();
  }
}

/** Deploys REV (default: the branch head) to the branch's attached database. */
export async function deploy(ws: Workspace, ref: BranchRef, opts: DeployOptions = {}): Promise<DeployResult> {
  return run(ws, ref, opts, 'deploy', async (gitDir, ledger, adapter) => {
    if (opts.planFile) {
      const plan = await readPlanFile(opts.planFile);
      return { commit: plan.target.commit ?? '', makePlan: () => plan };
    }
    const commit = await vcs.resolveRevision(gitDir, opts.rev ?? ref.branch, ref.branch);
    const target = await modelAt(gitDir, commit);
    const { tree } = await vcs.readCommit(gitDir, commit);
    const live = (await ledger.exists()) ? await ledger.live() : undefined;
    const renames = live?.commit ? await renamesBetween(gitDir, live.commit, commit).catch(() => []) : [];
    return {
      commit,
      makePlan: (liveModel, liveTree) =>
        createPlan({ from: liveModel, to: target, source: { tree: liveTree }, target: { tree, commit }, ddl: adapter.ddl, renames, options: opts.ddl }),
    };
  });
}

/** Undoes the last deploy on the branch's database with the rollback plan stored with it. */
export async function rollback(ws: Workspace, ref: BranchRef, opts: DeployOptions = {}): Promise<DeployResult> {
  return run(ws, ref, opts, 'rollback', async (gitDir, ledger, adapter) => {
    const last = (await ledger.exists()) ? await ledger.live() : undefined;
    if (!last || last.kind !== 'deploy') throw usageError('E_NOTHING_TO_ROLL_BACK', 'the last change recorded in this database is not a deploy redb can undo', 'see the ledger: redb deploy --history');
    const done = JSON.parse(last.plan) as Plan;
    const back = reversePlan(done, { ddl: adapter.ddl, ...(opts.ddl?.lockTimeout !== undefined ? { lockTimeout: opts.ddl.lockTimeout } : {}) });
    const previous = done.source.commit ?? (await findCommitOfTree(gitDir, ref.branch, done.source.tree)) ?? '';
    return { commit: previous, makePlan: () => back, expectLive: last.target_tree };
  });
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
