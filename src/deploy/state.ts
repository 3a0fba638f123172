/**
 * Where a database is after a failed deploy: re-introspected, never assumed. "Nothing
 * was changed" is said only when the live schema is verified to be the plan's source.
 */
import { readSchema } from '../../adapters/read-schema.js';
import type { Model } from '../../unified-model/index.js';
import type { Plan } from '../plan/types.js';
import { modelTreeOid } from '../vcs/index.js';
import { partialHint } from './guards.js';
import { describeDifference } from './prove.js';
import type { DeployRequest } from './run.js';

export interface FailureState {
  /** One sentence: the verified state. */
  readonly state: string;
  readonly hint: string;
}

export async function stateAfterFailure(req: DeployRequest, plan: Plan, committed: number, source?: Model): Promise<FailureState> {
  let live: Model;
  try {
    live = await readSchema(req.adapter, req.conn);
  } catch (err) {
    return {
      state: `the state of ${req.label} could not be verified (${(err as Error).message}); the ledger records ${committed} of ${plan.steps.length} steps as committed`,
      hint: 'check it with: redb status',
    };
  }
  const tree = modelTreeOid(live);
  if (tree === plan.source.tree) return { state: `nothing was changed: ${req.label} is still at the schema it had before (verified)`, hint: `fix the cause, then run redb ${req.kind} again` };
  if (tree === plan.target.tree) return { state: `${req.label} is at the target schema (verified), but the ${req.kind} did not finish`, hint: 'see the ledger entry; the schema needs nothing more' };
  const how = source ? `; it differs from the schema before the ${req.kind} in: ${describeDifference(live, source)}` : '';
  return {
    state: `${req.label} is part-way: ${committed} of ${plan.steps.length} steps are committed${how}`,
    hint: partialHint(req.kind),
  };
}
