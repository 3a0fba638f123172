/**
 * A job's target schema goes on through the normal deploy engine (src/deploy/run.ts):
 * the same lock, drift check, data checks, verification by tree hash and ledger entry as
 * `redb deploy`. Consent is given for the steps a job always needs (`yes`), never for a
 * destructive one: a target holding tables the model lacks is refused (E_DESTRUCTIVE),
 * nothing dropped — the user empties it or picks another database.
 */
import type { Connection } from '../../../adapters/types.js';
import type { Model } from '../../../unified-model/index.js';
import { resolveAuthor } from '../../core/author.js';
import type { Workspace } from '../../core/workspace.js';
import { Ledger } from '../../deploy/ledger.js';
import { runDeploy, type DeployAdapter, type DeployOutcome, type DeployRequest } from '../../deploy/run.js';
import { RedbError } from '../../errors.js';
import { createPlan } from '../../plan/index.js';
import { modelTreeOid } from '../../vcs/index.js';
import type { RelationshipInfo } from '../relationships.js';

export interface DeployModelRequest {
  readonly ws: Workspace;
  readonly rel: RelationshipInfo;
  readonly adapter: DeployAdapter;
  readonly conn: Connection;
  readonly url: string;
  readonly model: Model;
}

export async function deployModel(req: DeployModelRequest): Promise<DeployOutcome> {
  const { adapter, conn, model } = req;
  const tree = modelTreeOid(model);
  const author = resolveAuthor(req.ws);
  const options = { serverVersion: conn.serverVersion, ...(conn.flavour ? { flavour: conn.flavour } : {}) };
  const request: DeployRequest = {
    adapter, conn, url: req.url, label: `database ${req.rel.target}`, kind: 'deploy',
    repo: req.rel.repo ?? '', branch: req.rel.branch ?? '', commit: '',
    user: `${author.name} <${author.email}>`,
    makePlan: (live, liveTree) => createPlan({ from: live, to: model, source: { tree: liveTree }, target: { tree }, ddl: adapter.ddl, options, reorderColumns: adapter.capabilities.reorderColumns, transactionalDdl: adapter.capabilities.transactionalDdl }),
    modelOfTree: async (t) => (t === tree ? model : undefined),
    yes: true,
    // the model was built on a scratch database of the target engine already (or is the live source's own):
    // a second proof would build it twice more for each of the two steps
    prove: false,
  };
  try {
    return await runDeploy(request);
  } catch (err) {
    // an engine without transactional DDL may have stopped part-way through this very model
    // (the job was killed mid-step): it goes on from its last committed step, as `redb deploy --resume` does
    if (!(err instanceof RedbError) || err.code !== 'E_PARTIAL') throw err;
    const last = await new Ledger(conn, adapter.deploy).last();
    if (last?.target_tree !== tree) throw err;
    return runDeploy({ ...request, resume: true });
  }
}
