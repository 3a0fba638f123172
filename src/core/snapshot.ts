/** Reading schemas: a live database or a revision, as canonical files and a model. */
import { readSchema } from '../../adapters/read-schema.js';
import { filesToModel, ModelFileError, modelToFiles, type Model, type ModelFile } from '../../unified-model/index.js';
import { saveModelIndex } from './model-index.js';
import * as vcs from '../vcs/index.js';
import { withDatabase, type OpenDatabase } from './databases.js';
import { Ledger, type LedgerEntry } from '../deploy/ledger.js';
import { liveKey, recordedTree } from './live-tree.js';
import { RedbError } from '../errors.js';
import { attachedDatabase, requireBranch, type BranchRef } from './branches.js';
import type { Workspace } from './workspace.js';

export interface LiveSnapshot {
  model: Model;
  files: ModelFile[];
  serverVersion: string;
  /** `Connection.flavour`, when the engine family has several. */
  flavour?: string;
  displayUrl: string;
  dialect: string;
}

/** Introspects a named database of the workspace. */
export async function snapshotDatabase(ws: Workspace, database: string): Promise<LiveSnapshot> {
  return withDatabase(ws, database, readLive);
}

async function readLive(db: OpenDatabase): Promise<LiveSnapshot> {
  const model = await readSchema(db.adapter, db.conn);
  return {
    model, files: modelToFiles(model), serverVersion: db.conn.serverVersion, ...(db.conn.flavour ? { flavour: db.conn.flavour } : {}),
    displayUrl: db.displayUrl, dialect: db.adapter.dialect,
  };
}

/** Loads the model stored at a commit; a corrupt or hand-edited file names itself. */
export async function modelAt(gitDir: string, commit: string): Promise<Model> {
  const files = await vcs.readTreeFiles(gitDir, commit);
  try {
    return filesToModel(files);
  } catch (err) {
    throw invalidModelFile(commit, err as Error);
  }
}

const invalidModelFile = (commit: string, e: Error) =>
  new RedbError('E_MODEL_FILE', `commit ${commit.slice(0, 10)} holds an invalid model file: ${e.message}`, 'fix the file in a new commit, or check out an earlier revision');

/** Runs a read of the model at `commit`; a corrupt or hand-edited file names itself and the commit. */
export async function modelFileErrors<T>(commit: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw err instanceof ModelFileError ? invalidModelFile(commit, err) : err;
  }
}

/**
 * The model at `commit` whose tree is `tree`, read whole; writes the tree's model index
 * when it has none (a tree committed before indexes, or cloned), so the next diff of it
 * reads only what changed.
 */
export async function wholeModelAt(gitDir: string, commit: string, tree: string): Promise<Model> {
  const model = await modelAt(gitDir, commit);
  if ((await vcs.readTreeIndex(gitDir, tree)) === undefined) await saveModelIndex(gitDir, tree, model);
  return model;
}

/** A branch's attached database, read live, beside the branch head it is compared with. */
export interface AttachedSnapshot {
  database: string;
  gitDir: string;
  /** The live schema; absent when its recorded tree is the head's, so nothing was read (live-tree.ts). */
  snap?: LiveSnapshot;
  /** What to record the tree of `snap` under, when the engine has a schema fingerprint. */
  liveKey?: string;
  head?: string;
  headTree?: string;
  /** The newest entry of the database's deploy ledger, when asked for (`ledger`) and there is one. */
  lastDeploy?: LedgerEntry;
}

/**
 * The newest ledger entry, or undefined where the engine has no deploys, there is no
 * ledger yet, or it cannot be read (status reports the schema whatever the ledger says).
 */
async function lastDeployOf(db: OpenDatabase): Promise<LedgerEntry | undefined> {
  if (!db.adapter.deploy) return undefined;
  const ledger = new Ledger(db.conn, db.adapter.deploy);
  return (await ledger.exists().catch(() => false)) ? await ledger.last().catch(() => undefined) : undefined;
}

/**
 * The attached database against the branch head. With `reuse`, a database whose schema
 * fingerprint is the one recorded with the head's tree is not read (see live-tree.ts).
 * The key is computed on a branch without commits too: its first commit records its
 * tree, so the `status` that follows a baseline commit need not read the schema again.
 */
export async function snapshotAttached(ws: Workspace, ref: BranchRef, opts: { reuse?: boolean; ledger?: boolean } = {}): Promise<AttachedSnapshot> {
  await requireBranch(ws, ref);
  const database = attachedDatabase(ws, ref);
  const gitDir = ws.repoGitDir(ref.repo);
  const head = await vcs.branchHead(gitDir, ref.branch);
  const headTree = head ? (await vcs.readCommit(gitDir, head)).tree : undefined;
  const base = { database, gitDir, ...(head ? { head } : {}), ...(headTree ? { headTree } : {}) };
  return withDatabase(ws, database, async (db) => {
    // taken before the read: a change made during it gives another key next time, never a stale tree
    const key = await liveKey(db);
    const last = opts.ledger ? await lastDeployOf(db) : undefined;
    const withLast = { ...base, ...(last ? { lastDeploy: last } : {}) };
    if (key && headTree && opts.reuse && (await recordedTree(ws, database, key)) === headTree) return { ...withLast, liveKey: key };
    return { ...withLast, snap: await readLive(db), ...(key ? { liveKey: key } : {}) };
  });
}
