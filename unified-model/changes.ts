/**
 * The closed set of changes between two models. The differ produces them without
 * knowing any engine; an adapter turns each into statements. A table change nests
 * its column, constraint, index, trigger and policy changes.
 */
import type {
  CheckConstraint, Column, DbObject, ExclusionConstraint, ForeignKey, Grant, Index, Policy, PrimaryKey, Table, Trigger,
  UniqueConstraint,
} from './types.js';

/** Constraint kinds of a table, each stored in its own field of `Table`. */
export type ConstraintKind = 'primary-key' | 'foreign-key' | 'unique' | 'check' | 'exclusion';

export type AnyConstraint =
  | { readonly kind: 'primary-key'; readonly def: PrimaryKey }
  | { readonly kind: 'foreign-key'; readonly def: ForeignKey }
  | { readonly kind: 'unique'; readonly def: UniqueConstraint }
  | { readonly kind: 'check'; readonly def: CheckConstraint }
  | { readonly kind: 'exclusion'; readonly def: ExclusionConstraint };

/** A change inside one table (the table itself exists before and after). */
export type TableChange =
  | { readonly type: 'add-column'; readonly column: Column }
  | { readonly type: 'drop-column'; readonly column: Column }
  | { readonly type: 'alter-column'; readonly from: Column; readonly to: Column }
  | { readonly type: 'rename-column'; readonly from: Column; readonly to: Column }
  | { readonly type: 'add-constraint'; readonly constraint: AnyConstraint }
  | { readonly type: 'drop-constraint'; readonly constraint: AnyConstraint }
  | { readonly type: 'add-index'; readonly index: Index }
  | { readonly type: 'drop-index'; readonly index: Index }
  | { readonly type: 'add-trigger'; readonly trigger: Trigger }
  | { readonly type: 'drop-trigger'; readonly trigger: Trigger }
  | { readonly type: 'add-policy'; readonly policy: Policy }
  | { readonly type: 'drop-policy'; readonly policy: Policy }
  | { readonly type: 'alter-policy'; readonly from: Policy; readonly to: Policy }
  | { readonly type: 'set-row-level-security'; readonly from?: Table['rowLevelSecurity']; readonly to?: Table['rowLevelSecurity'] }
  | { readonly type: 'set-comment'; readonly from?: string; readonly to?: string }
  | { readonly type: 'set-grants'; readonly from: readonly Grant[]; readonly to: readonly Grant[] }
  | { readonly type: 'set-options'; readonly from?: Table['options']; readonly to?: Table['options'] }
  | { readonly type: 'attach-partition'; readonly partitionOf: NonNullable<Table['partitionOf']> }
  | { readonly type: 'detach-partition'; readonly partitionOf: NonNullable<Table['partitionOf']> }
  /** The partitioning of a partitioned table changes (or it becomes or stops being partitioned): covers the whole table. */
  | { readonly type: 'set-partitioning'; readonly from?: Table['partitioning']; readonly to?: Table['partitioning'] }
  /** The tables a table inherits from (classic inheritance), before and after. */
  | { readonly type: 'set-inherits'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** Absent and `false` both mean a logged table (a hand-written file may spell it either way). */
  | { readonly type: 'set-unlogged'; readonly from?: boolean; readonly to?: boolean }
  /** The table's default character set and collation (MySQL DEFAULT CHARACTER SET … COLLATE …); columns keep their own. */
  | { readonly type: 'set-charset'; readonly from: TableCharset; readonly to: TableCharset }
  /**
   * The columns end in another order than the target's. `from` is the order the other
   * changes reach (kept columns in place, added ones at the end), `to` the target's.
   */
  | { readonly type: 'reorder-columns'; readonly from: readonly string[]; readonly to: readonly string[] };

/** A table's `charset` and `collation` (each absent when the engine's default applies). */
export interface TableCharset { readonly charset?: string; readonly collation?: string }

export type Change =
  | { readonly type: 'create'; readonly object: DbObject }
  | { readonly type: 'drop'; readonly object: DbObject }
  /** An object renamed by an intent recorded in a commit; never guessed. */
  | { readonly type: 'rename'; readonly from: DbObject; readonly to: DbObject }
  /** Any kind but a table: the adapter alters in place where it can, else drops and re-creates. */
  | { readonly type: 'alter'; readonly from: DbObject; readonly to: DbObject }
  | { readonly type: 'alter-table'; readonly from: Table; readonly to: Table; readonly changes: readonly TableChange[] };

/** A rename recorded in a commit: `public.users` → `public.members`, or a column `public.users.name` → `full_name`. */
export interface RenameIntent {
  /** Id of the object (or `table-id.column`) before. */
  readonly from: string;
  /** Id after. */
  readonly to: string;
}

/** The id a change is about (the target side's where it has one). */
export function changeId(change: Change): string {
  switch (change.type) {
    case 'create':
    case 'drop':
      return change.object.id;
    default:
      return change.to.id;
  }
}
