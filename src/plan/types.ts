/** Plans: ordered steps with hazards, produced together with their rollback. */
import type { Hazard } from '../../adapters/types.js';
import type { RenameSuggestion } from '../diff/index.js';

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
  /** What the step adds is usable only after a commit: a later step whose SQL contains this text runs in a later transaction. */
  readonly unusableUntilCommit?: string;
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

/** What a plan does about column orders the engine cannot reach (see docs/concepts.md, "Column order"). */
export type ColumnOrderPolicy = 'refuse' | 'accept';

/** A table whose columns end in another order than the target's: the engine cannot reorder columns. */
export interface ColumnOrderNotice {
  readonly table: string;
  /** The order the plan reaches (kept columns in place, added ones at the end). */
  readonly reached: readonly string[];
  /** The order of the target schema. */
  readonly target: readonly string[];
}

export interface PlanColumnOrder {
  readonly policy: ColumnOrderPolicy;
  readonly tables: readonly ColumnOrderNotice[];
  /**
   * Tables the rollback plan leaves in another column order than the source's (a middle
   * column dropped comes back at the end): said before the deploy, as the proof will fail.
   */
  readonly rollbackTables?: readonly ColumnOrderNotice[];
  /** With `accept`: the tree of the schema as requested; `target.tree` is then the schema the plan reaches. */
  readonly requestedTree?: string;
}

export interface Plan {
  readonly formatVersion: 1;
  readonly dialect: string;
  readonly source: PlanEndpoint;
  readonly target: PlanEndpoint;
  /** Session settings to run before the steps (the adapter's `DdlGenerator.preamble`). */
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
  /** Drops and adds that look like renames: suggestions of a `--rename` flag, never applied by themselves. */
  readonly suggestedRenames?: readonly RenameSuggestion[];
  /** Present when some table cannot reach the target's column order: the tables, and the policy chosen. */
  readonly columnOrder?: PlanColumnOrder;
  /** sha256 of source, target and the SQL of both directions: a reviewed plan is identified by it. */
  readonly hash: string;
}
