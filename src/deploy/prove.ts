/**
 * Proving a plan before it touches the target: on a scratch database, build the source
 * schema, apply the forward steps and check the result is the target (tree-hash equal),
 * then apply the rollback and check it is the source again.
 */
import { readSchema } from '../../adapters/read-schema.js';
import type { Adapter, DeploySupport, DdlGenerator } from '../../adapters/types.js';
import { canonicalJson, type Model, type Table } from '../../unified-model/index.js';
import { diffModels } from '../diff/index.js';
import { createPlan, type Plan } from '../plan/index.js';
import { modelTreeOid as treeOf } from '../vcs/index.js';
import { applySteps } from './apply.js';

export interface ProofResult {
  /** Where it was proven, e.g. `a scratch database on the target server` (the adapter's words, with the engine's version). */
  scratch: string;
  forward: boolean;
  rollback: boolean;
  /** Why the proof failed: the step that failed, or the objects that differ. */
  problem?: string;
}


/** Objects whose canonical text differs although the differ sees no change: say how when it is only column order. */
function unseenDifferences(actual: Model, expected: Model, seen: ReadonlySet<string>): string[] {
  const want = new Map(expected.objects.map((o) => [o.id, o]));
  const lines: string[] = [];
  for (const got of actual.objects) {
    const exp = want.get(got.id);
    if (!exp || seen.has(got.id) || canonicalJson(got) === canonicalJson(exp)) continue;
    if (got.kind === 'table' && exp.kind === 'table') {
      const names = (t: Table) => t.columns.map((c) => c.name);
      if ([...names(got)].sort().join() === [...names(exp)].sort().join() && names(got).join() !== names(exp).join()) {
        lines.push(`column order of table ${got.id} differs (${names(got).join(', ')} instead of ${names(exp).join(', ')})`);
        continue;
      }
    }
    lines.push(`~ ${got.kind} ${got.id} (differs in details the diff does not compare)`);
  }
  return lines;
}

/**
 * What differs between the database (`actual`) and the schema it should have
 * (`expected`), one short line per object: `missing` = not in the database, `unexpected`
 * = in the database only. Never empty when the two models' trees differ.
 */
export function describeDifference(actual: Model, expected: Model): string {
  const changes = diffModels(actual, expected);
  const lines = changes.map((c) => {
    if (c.type === 'alter-table') return `~ table ${c.to.id} (${c.changes.map((t) => t.type).join(', ')})`;
    if (c.type === 'create') return `missing ${c.object.kind} ${c.object.id}`;
    if (c.type === 'drop') return `unexpected ${c.object.kind} ${c.object.id}`;
    return `~ ${c.to.kind} ${c.to.id}`;
  });
  const seen = new Set(changes.map((c) => ('to' in c ? c.to.id : c.object.id)));
  lines.push(...unseenDifferences(actual, expected, seen));
  if (!lines.length) return treeOf(actual) === treeOf(expected) ? 'nothing' : 'the schemas differ only in their header (dialect or format version)';
  return lines.slice(0, 8).join('; ') + (lines.length > 8 ? `; and ${lines.length - 8} more` : '');
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
    const empty = await readSchema(adapter, conn);
    const setup = createPlan({ from: empty, to: source, source: { tree: treeOf(empty) }, target: { tree: treeOf(source) }, ddl: adapter.ddl, transactionalDdl: adapter.capabilities.transactionalDdl });
    await applySteps(conn, setup.steps, { preamble: setup.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const built = await readSchema(adapter, conn);
    if (treeOf(built) !== plan.source.tree) {
      result.problem = `the scratch database could not be brought to the source schema: ${describeDifference(built, source)}`;
      return result;
    }
    await applySteps(conn, plan.steps, { preamble: plan.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const after = await readSchema(adapter, conn);
    result.forward = treeOf(after) === plan.target.tree;
    if (!result.forward) {
      result.problem = `the plan does not reach the target schema: ${target ? describeDifference(after, target) : `tree ${treeOf(after).slice(0, 10)} instead of ${plan.target.tree.slice(0, 10)} (the target's model is not in this repository)`}`;
      return result;
    }
    await applySteps(conn, plan.rollback, { preamble: plan.preamble, transactionalDdl: adapter.capabilities.transactionalDdl });
    const back = await readSchema(adapter, conn);
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
