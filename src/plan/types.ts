/** Plans: ordered steps with hazards, produced together with their rollback. */
import type { Hazard } from '../../adapters/types.js';

export type { Hazard };

/** What a step came from: the unit's type, the object's kind and id, and the member it touches. */
export interface StepOrigin {
  readonly type: string;
  readonly kind: string;
  readonly id: string;
  /** For a table member change: e.g. `add-column nickname`. */
  readonly detail?: string;
}

export interface PlanStep {
  readonly sql: string;
  readonly comment: string;
  readonly change: StepOrigin;
  readonly hazards: readonly Hazard[];
  /** False when the step must run outside a transaction. */
  readonly transactional: boolean;
  /** SQL that undoes this step's unit (informational; the rollback plan is what runs). */
  readonly reverse?: string;
  /** True when the reverse cannot restore what this step destroys (data in a dropped column…). */
  readonly lossyReverse?: boolean;
}

/** One side of a plan: the tree id of its schema (and the commit, when it came from one). */
export interface PlanEndpoint {
  readonly tree: string;
  readonly commit?: string;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly dialect: string;
  readonly source: PlanEndpoint;
  readonly target: PlanEndpoint;
  /** Session settings to run before the steps (e.g. `SET check_function_bodies = off`). */
  readonly preamble: readonly string[];
  /** The lock timeout the preamble sets (e.g. `10s`), when the engine has one. */
  readonly lockTimeout?: string;
  readonly steps: readonly PlanStep[];
  /** The plan from target back to source. */
  readonly rollback: readonly PlanStep[];
  /** Union of the forward steps' hazards. */
  readonly hazards: readonly Hazard[];
  /** Union of the rollback steps' hazards: what `redb rollback` shows and asks consent for. */
  readonly rollbackHazards?: readonly Hazard[];
  /** True when the rollback cannot restore data the forward plan destroys. */
  readonly lossyRollback: boolean;
  /** sha256 of source, target and the SQL of both directions: a reviewed plan is identified by it. */
  readonly hash: string;
}
