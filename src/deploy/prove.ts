/**
 * Proving a plan before it touches the target: on a scratch database, build the source
 * schema, apply the forward steps and check the result is the target (tree-hash equal),
 * then apply the rollback and check it is the source again.
 */
import type { Adapter, DeploySupport, DdlGenerator } from '../../adapters/types.js';
import { modelToFiles, type Model } from '../../unified-model/index.js';
import { diffModels } from '../diff/index.js';
import { createPlan, type Plan } from '../plan/index.js';
import { treeOidOf } from '../vcs/index.js';
import { applySteps } from './apply.js';

export interface ProofResult {
  /** Where it was proven, e.g. `a scratch database on the target server (PostgreSQL 15.20)`. */
  scratch: string;
  forward: boolean;
  rollback: boolean;
  /** Why the proof failed: the step that failed, or the objects that differ. */
  problem?: string;
}

const treeOf = (m: Model) => treeOidOf(modelToFiles(m));

/** Objects that differ between two models, one short line each. */
export function describeDifference(actual: Model, expected: Model): string {
  const changes = diffModels(actual, expected);
  const lines = changes.slice(0, 8).map((c) => {
    if (c.type === 'alter-table') return `~ table ${c.to.id} (${c.changes.map((t) => t.type).join(', ')})`;
    if (c.type === 'create') return `missing ${c.object.kind} ${c.object.id}`;
    if (c.type === 'drop') return `unexpected ${c.object.kind} ${c.object.id}`;
    return `~ ${c.to.kind} ${c.to.id}`;
  });
  return lines.join('; ') + (changes.length > 8 ? `; and ${changes.length - 8} more` : '');
}

export async function provePlan(
  adapter: Adapter & { ddl: DdlGenerator; deploy: DeploySupport },
  targetUrl: string,
  plan: Plan,
  source: Model,
  /** The target model when known (for a readable difference); the tree id is what is checked. */
  target?: Model,
): Promise<ProofResult> {
  const scratch = await adapter.deploy.scratch(targetUrl);
  const result: ProofResult = { scratch: scratch.description, forward: false, rollback: false };
  try {
    const { conn } = scratch;
    const empty = await adapter.introspect(conn);
    const setup = createPlan({ from: empty, to: source, source: { tree: treeOf(empty) }, target: { tree: treeOf(source) }, ddl: adapter.ddl });
    await applySteps(conn, setup.steps, { preamble: setup.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const built = await adapter.introspect(conn);
    if (treeOf(built) !== plan.source.tree) {
      result.problem = `the scratch database could not be brought to the source schema: ${describeDifference(built, source)}`;
      return result;
    }
    await applySteps(conn, plan.steps, { preamble: plan.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const after = await adapter.introspect(conn);
    result.forward = treeOf(after) === plan.target.tree;
    if (!result.forward) {
      result.problem = `the plan does not reach the target schema${target ? `: ${describeDifference(after, target)}` : ''}`;
      return result;
    }
    await applySteps(conn, plan.rollback, { preamble: plan.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const back = await adapter.introspect(conn);
    result.rollback = treeOf(back) === plan.source.tree;
    if (!result.rollback) result.problem = `the rollback does not restore the source schema: ${describeDifference(back, source)}`;
    return result;
  } catch (err) {
    result.problem = (err as Error).message;
    return result;
  } finally {
    await scratch.dispose();
  }
}
