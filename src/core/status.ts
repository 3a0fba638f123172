/** `redb status`: the attached database against the branch head. */
import * as vcs from '../vcs/index.js';
import { incompleteEntry, partialHint } from '../deploy/guards.js';
import type { LedgerEntry } from '../deploy/ledger.js';
import type { BranchRef } from './branches.js';
import { identities, objectChanges, type ObjectChange } from './changes.js';
import { recordTree } from './live-tree.js';
import { snapshotAttached } from './snapshot.js';
import type { Workspace } from './workspace.js';

export interface StatusResult {
  repo: string;
  branch: string;
  database: string;
  head?: string;
  /** True when the live schema's tree equals the head's tree. */
  clean: boolean;
  /** What the database has that the head does not (added), lacks (deleted) or has otherwise (modified). */
  changes: ObjectChange[];
  /** When the database differs from the head but holds exactly the commit last deployed to it (refs/redb/deploys/DATABASE). */
  deployed?: string;
  /** True when the schema was not read: its fingerprint is the one recorded with the head's tree (src/core/live-tree.ts). */
  reused: boolean;
  /**
   * A deploy or rollback that stopped part-way (some steps committed, the database at
   * neither end), or one still recorded as running (in progress, or killed): where DDL
   * commits statement by statement, the database can be left between two steps.
   */
  incomplete?: { id: string; kind: 'deploy' | 'rollback'; status: string; stepsDone: number; stepsTotal: number; error?: string; hint: string };
}

/** The `incomplete` field of a status: the ledger entry, and the way out of it. */
function describeIncomplete(e: LedgerEntry): NonNullable<StatusResult['incomplete']> {
  return {
    id: e.id, kind: e.kind, status: e.status, stepsDone: Number(e.steps_done), stepsTotal: Number(e.steps_total),
    ...(e.error ? { error: e.error } : {}), hint: partialHint(e.kind),
  };
}

export interface StatusOptions extends BranchRef {
  /** Trust the tree recorded for an unchanged schema fingerprint (default true; `--no-cache` reads the schema whole). */
  reuse?: boolean;
}

/**
 * Schema equality is tree-hash equality: the live tree id is computed in-process and
 * compared with the head's; only when they differ are the changed objects listed. An
 * unchanged schema fingerprint whose recorded tree is the head's answers without a read.
 */
export async function status(ws: Workspace, ref: StatusOptions): Promise<StatusResult> {
  const { database, gitDir, snap, head, headTree, liveKey, lastDeploy } = await snapshotAttached(ws, ref, { reuse: ref.reuse ?? true, ledger: true });
  const built = snap ? vcs.buildTree(snap.files) : undefined;
  const tree = built ? built.oid : headTree;
  const stopped = tree === undefined ? undefined : incompleteEntry(lastDeploy, tree);
  const incomplete = stopped ? { incomplete: describeIncomplete(stopped) } : {};
  const base = { repo: ref.repo, branch: ref.branch, database, ...(head ? { head } : {}), ...incomplete };
  if (!snap || !built) return { ...base, clean: true, changes: [], reused: true };
  if (liveKey) await recordTree(ws, database, liveKey, built.oid);
  const clean = built.oid === headTree;
  // only when it differs is the live tree written (like git's index), so its paths can be compared
  const changes = clean ? [] : await objectChanges(gitDir, headTree, (await vcs.writeBuiltTree(gitDir, built)).oid, identities(snap.model));
  // a deploy of another revision onto this database is not an uncommitted change: say what it holds
  const deployed = clean ? undefined : await vcs.readRef(gitDir, `refs/redb/deploys/${database}`).catch(() => undefined);
  const holdsDeployed = deployed !== undefined && (await vcs.readCommit(gitDir, deployed)).tree === built.oid;
  return { ...base, clean, changes, ...(holdsDeployed ? { deployed } : {}), reused: false };
}
