/**
 * What an adapter's DDL generator provides: statements for plan units with their
 * hazards, script framing, data checks. Part of the adapter contract (adapters/types.ts).
 */
import type { Connection } from './types.js';
import type { DbObject, Model, Table, TableChange } from '../unified-model/index.js';

/** What a statement risks; a plan with `data-loss` needs explicit consent to deploy. */
export type Hazard = 'data-loss' | 'table-rewrite' | 'blocking-lock' | 'not-transactional' | 'data-dependent';

/** One SQL statement an adapter produces for a plan unit. */
export interface Statement {
  readonly sql: string;
  /** One line saying what it does, e.g. `add column public.users.nickname`. */
  readonly comment: string;
  readonly hazards?: readonly Hazard[];
  /**
   * False when it must run outside a transaction even on an engine whose DDL is
   * transactional (CREATE INDEX CONCURRENTLY, …). Default true. An engine without
   * transactional DDL need not mark anything: the planner marks every step itself.
   */
  readonly transactional?: boolean;
  /**
   * Set when the statement only adds something that cannot be used before it commits (a
   * new enum value): a later statement whose SQL contains this text must run in a later
   * transaction, and the deploy may run the statement before the plan's other steps.
   */
  readonly unusableUntilCommit?: string;
}

/**
 * The smallest piece of a plan that is ordered on its own: a change of a whole object,
 * or one member change of a table (a column, a constraint, an index …).
 */
export type PlanUnit =
  | { readonly type: 'create'; readonly object: DbObject }
  | { readonly type: 'drop'; readonly object: DbObject }
  | { readonly type: 'rename'; readonly from: DbObject; readonly to: DbObject }
  | { readonly type: 'alter'; readonly from: DbObject; readonly to: DbObject }
  | {
      readonly type: 'table';
      /** The table before and after the whole change (for lookups such as column types). */
      readonly from: Table;
      readonly to: Table;
      readonly change: TableChange;
    }
  | {
      /** Member changes of one table the engine applies together (`DdlGenerator.groupTableChanges`). */
      readonly type: 'table-group';
      readonly mode: TableChangeGroup['mode'];
      readonly from: Table;
      readonly to: Table;
      readonly changes: readonly TableChange[];
    };

/**
 * Member changes of one table applied together: `combined` in one statement (one ALTER
 * TABLE with several clauses), `rebuild` as one rebuild of the table (create the new
 * shape, copy the rows, swap) where the engine cannot alter in place.
 */
export interface TableChangeGroup {
  readonly mode: 'combined' | 'rebuild';
  readonly changes: readonly TableChange[];
}

/** Where `groupTableChanges` is asked: a table created, altered or dropped by the plan. */
export type TableGroupContext = 'create' | 'alter' | 'drop';

/** How a plan is written as a script for the engine's own command-line tool. */
export interface ScriptFraming {
  /** One statement as the script spells it: with its terminator, or followed by a batch separator. */
  statement(sql: string): string;
  /** The lines that open and close a transaction; absent where DDL commits on its own. */
  readonly transaction?: { readonly begin: string; readonly commit: string };
  /** A comment line holding `text` (one line). */
  comment(text: string): string;
  /** How to run the script, e.g. `TOOL -f FILE`, with FILE standing for the file. */
  readonly runWith: string;
}

/** Options that change how statements are written. */
export interface DdlOptions {
  /** Prefer online forms: CREATE INDEX CONCURRENTLY, constraints NOT VALID then VALIDATE, with a lock timeout. */
  readonly online?: boolean;
  /**
   * How long a statement waits for a lock before it fails, e.g. `10s`, `500ms`, `1min`
   * (`0`: forever). Every plan sets it; the planner's default is `DEFAULT_LOCK_TIMEOUT`.
   */
  readonly lockTimeout?: string;
  /** The target's `Connection.serverVersion`, when known: statements may use what that version allows. */
  readonly serverVersion?: string;
  /** The target's `Connection.flavour`, when the engine family has several. */
  readonly flavour?: string;
}

/**
 * A query against the live data, before a plan commits anything, for a statement that
 * can fail on existing rows (SET NOT NULL, a cast, a unique or foreign key).
 */
export interface DataCheck {
  /** The object the rows belong to, e.g. `public.orders.customer_id`. */
  readonly object: string;
  /** What the rows are, e.g. `NULL rows`. */
  readonly rows: string;
  /** What would fail on them, e.g. `SET NOT NULL`. */
  readonly fails: string;
  /** One statement returning one row with a count `n` of such rows; it may also fail on them (a cast). */
  readonly sql: string;
}

/** Turns plan units into SQL for one engine. Pure: no I/O. */
export interface DdlGenerator {
  /** Statements for one unit, in the order they must run. `from`/`to` are the whole models. */
  statements(unit: PlanUnit, ctx: { readonly from: Model; readonly to: Model; readonly options: DdlOptions }): Statement[];
  /** Whether an altered object (not a table) can change in place, or must be dropped and re-created. */
  alterMode(from: DbObject, to: DbObject): 'in-place' | 'replace';
  /** Whether a table member change forces the views that read the table to be dropped and re-created around it. */
  invalidatesDependents(change: TableChange): boolean;
  /** Session settings to run before a plan's statements, e.g. `SET check_function_bodies = off`. */
  readonly preamble: readonly string[];
  /** How a plan is written as a script (`redb diff --format sql`, `redb plan --out`). */
  readonly script: ScriptFraming;
  /**
   * Groups member changes of one table that the engine applies together. Changes in no
   * group are planned one by one. Absent: every change on its own.
   * - `alter`: groups become `table-group` units (one statement or one rebuild). Keep
   *   foreign keys to other tables out of `combined` groups: two tables gaining keys to
   *   each other would wait for each other (a `rebuild` makes its table anew, so its
   *   inline keys wait for nothing).
   * - `create` / `drop`: the grouped members stay inside the table's CREATE TABLE or go
   *   with its DROP (the mode is not used). An engine that keeps foreign keys inline must
   *   accept references to tables created later in the same plan.
   */
  groupTableChanges?(from: Table, to: Table, changes: readonly TableChange[], context: TableGroupContext): readonly TableChangeGroup[];
  /**
   * Checks of the data in `from` that the change to `to` can fail on, written against the
   * `from` schema (objects that exist before the plan). Pure: the deploy runs them.
   */
  dataChecks(from: Model, to: Model): DataCheck[];
  /**
   * Session settings that bound how long each statement waits for a lock: `ms`
   * milliseconds, 0 for no bound. Absent where the engine has no such setting.
   */
  lockTimeout?(ms: number): readonly string[];
  /** Whether an error message from the engine says a statement gave up waiting for a lock (its lock timeout). */
  isLockTimeout?(err: unknown): boolean;
}
