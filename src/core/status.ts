/** `redb status`: the attached database against the branch head. */
import * as vcs from '../vcs/index.js';
import type { BranchRef } from './branches.js';
import { identities, objectChanges, type ObjectChange } from './changes.js';
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
}

/**
 * Schema equality is tree-hash equality: the live tree id is computed in-process and
 * compared with the head's; only when they differ are the changed objects listed.
 */
export async function status(ws: Workspace, ref: BranchRef): Promise<StatusResult> {
  const { database, gitDir, snap, head, headTree } = await snapshotAttached(ws, ref);
  const clean = vcs.treeOidOf(snap.files) === headTree;
  // only when it differs is the live tree written (like git's index), so its paths can be compared
  const changes = clean ? [] : await objectChanges(gitDir, headTree, await vcs.writeTree(gitDir, snap.files), identities(snap.model));
  // a deploy of another revision onto this database is not an uncommitted change: say what it holds
  const deployed = clean ? undefined : await vcs.readRef(gitDir, `refs/redb/deploys/${database}`).catch(() => undefined);
  const holdsDeployed = deployed !== undefined && (await vcs.readCommit(gitDir, deployed)).tree === vcs.treeOidOf(snap.files);
  return { repo: ref.repo, branch: ref.branch, database, ...(head ? { head } : {}), clean, changes, ...(holdsDeployed ? { deployed } : {}) };
}
