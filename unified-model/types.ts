/**
 * The unified schema model: every engine's catalog is read into these types.
 *
 * Conventions that hold for every object:
 * - `id` is stable and schema-qualified (`public.users`, `public.lower_email(text)`),
 *   built by `objectId()` in `ids.ts`; routine ids carry their argument types so
 *   overloads never collide.
 * - Optional fields are omitted rather than set to `undefined`/`null`, so the
 *   canonical file of an object never changes because a default was spelled out.
 * - Expressions (defaults, checks, view bodies, predicates) are the engine's own
 *   normalized text (e.g. `pg_get_expr`), never the user's original spelling.
 * - `dependsOn` lists ids of other objects this one needs to exist first;
 *   `dependsOnColumns` says which columns of those tables and views it reads.
 */
import type { ColumnType } from './logical-types.js';

export type { ColumnType, LogicalType } from './logical-types.js';

/**
 * Version of the model's object files (their content); bumped on any incompatible change.
 * The tree layout has its own number in `redb.json` (`LATEST_TREE_FORMAT` in files.ts).
 */
export const FORMAT_VERSION = 1 as const;

/** A privilege granted on an object to a role (the owner's implicit rights are not listed). */
export interface Grant {
  readonly grantee: string;
  readonly privileges: readonly string[];
  /** Privileges the grantee may pass on (WITH GRANT OPTION). */
  readonly grantable?: readonly string[];
  /** Column-level grants name their columns. */
  readonly columns?: readonly string[];
}

export interface Identity {
  readonly generation: 'always' | 'by-default';
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: string;
  readonly identity?: Identity;
  /** Expression of a generated column, and whether it is stored or computed on read. */
  readonly generated?: { readonly expression: string; readonly stored: boolean };
  readonly collation?: string;
  /** Character set of a text column where the engine keeps one per column (MySQL `utf8mb4`). */
  readonly charset?: string;
  /**
   * The engine generates the value from a counter: MySQL AUTO_INCREMENT, SQLite
   * AUTOINCREMENT on its INTEGER PRIMARY KEY. PostgreSQL spells this as `identity`.
   */
  readonly autoIncrement?: boolean;
  /** Expression the engine sets the column to on every update of the row (MySQL ON UPDATE CURRENT_TIMESTAMP(3)). */
  readonly onUpdate?: string;
  /** Left out of `SELECT *` (MySQL INVISIBLE). */
  readonly invisible?: boolean;
  readonly comment?: string;
  /** Engine-specific per-column settings (storage, compression, statistics target…). */
  readonly options?: Readonly<Record<string, string>>;
}

export type ReferentialAction = 'no-action' | 'restrict' | 'cascade' | 'set-null' | 'set-default';

interface ConstraintBase {
  readonly name: string;
  readonly comment?: string;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** False when the constraint was added NOT VALID and never validated. */
  readonly validated?: boolean;
}

export interface PrimaryKey extends ConstraintBase {
  readonly columns: readonly string[];
  readonly include?: readonly string[];
}

export interface ForeignKey extends ConstraintBase {
  readonly columns: readonly string[];
  /** Id of the referenced table. */
  readonly references: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly match: 'simple' | 'full' | 'partial';
  /** ON DELETE SET NULL (a, b) lists the columns it sets. */
  readonly onDeleteColumns?: readonly string[];
}

export interface UniqueConstraint extends ConstraintBase {
  readonly columns: readonly string[];
  readonly include?: readonly string[];
  readonly nullsNotDistinct?: boolean;
}

export interface CheckConstraint extends ConstraintBase {
  readonly expression: string;
  /** NO INHERIT checks stay on this table only. */
  readonly noInherit?: boolean;
}

export interface ExclusionConstraint extends ConstraintBase {
  /** The engine's full definition, e.g. `EXCLUDE USING gist (c WITH &&)`. */
  readonly definition: string;
  readonly method: string;
  readonly elements: readonly { readonly expression: string; readonly operator: string }[];
  readonly predicate?: string;
}

export interface IndexKey {
  /** A column name, or absent when the key is an expression. */
  readonly column?: string;
  readonly expression?: string;
  readonly order?: 'desc';
  /** Only set when it differs from the engine default for the sort order. */
  readonly nulls?: 'first' | 'last';
  readonly opclass?: string;
  readonly collation?: string;
  /** A prefix key: only the first `length` characters (or bytes) of the column are indexed (MySQL `name(10)`). */
  readonly length?: number;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keys: readonly IndexKey[];
  readonly include?: readonly string[];
  readonly predicate?: string;
  readonly nullsNotDistinct?: boolean;
  /** Maintained but not used by the planner (MySQL INVISIBLE). */
  readonly invisible?: boolean;
  readonly comment?: string;
  /** The engine's own CREATE statement, kept so same-engine re-creation is exact. */
  readonly definition: string;
  readonly options?: Readonly<Record<string, string>>;
}

export interface Trigger {
  readonly name: string;
  readonly timing: 'before' | 'after' | 'instead-of';
  readonly events: readonly ('insert' | 'update' | 'delete' | 'truncate')[];
  readonly level: 'row' | 'statement';
  /** Id of the trigger function; absent when the body is inline (`body`). */
  readonly function?: string;
  /**
   * The statements of an inline body as the engine stores them (MySQL, SQLite), without
   * the CREATE TRIGGER head; the DDL wraps them in the engine's own block.
   */
  readonly body?: string;
  /** Order among triggers of the same timing and event (MySQL FOLLOWS / PRECEDES another trigger's name). */
  readonly order?: { readonly follows?: string; readonly precedes?: string };
  readonly updateColumns?: readonly string[];
  readonly when?: string;
  readonly enabled?: 'origin' | 'always' | 'replica' | 'disabled';
  readonly comment?: string;
  /** Session settings the body was parsed in and runs under, e.g. `sql_mode=STRICT_TRANS_TABLES` (MySQL). */
  readonly config?: readonly string[];
  /** The account the body runs as (`user@host`), where it is not the account that read the schema. */
  readonly definer?: string;
  /** The engine's own CREATE TRIGGER statement. */
  readonly definition: string;
}

export interface Policy {
  readonly name: string;
  readonly command: 'all' | 'select' | 'insert' | 'update' | 'delete';
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using?: string;
  readonly withCheck?: string;
  readonly comment?: string;
}

export type PartitionStrategy = 'range' | 'list' | 'hash' | 'key';

/** One partition declared inline with its table (MySQL), in declared order. */
export interface InlinePartition {
  readonly name: string;
  /** The bound as the engine prints it, e.g. `VALUES LESS THAN (2020)`, `VALUES IN (1,2)`; `''` for a HASH or KEY partition, which has none. */
  readonly bound: string;
  /** Names of its subpartitions, in order. */
  readonly subpartitions?: readonly string[];
}

export interface Partitioning {
  /** `key`: MySQL PARTITION BY KEY (the engine's own hash of the columns). */
  readonly strategy: PartitionStrategy;
  /** The partition key as the engine prints it, e.g. `RANGE (payment_date)`. */
  readonly key: string;
  readonly columns: readonly string[];
  /** The second level (MySQL SUBPARTITION BY HASH/KEY). */
  readonly subpartitioning?: { readonly strategy: PartitionStrategy; readonly key: string; readonly columns: readonly string[] };
  /**
   * Partitions of engines that declare them with the table (MySQL). Engines whose
   * partitions are tables of their own (PostgreSQL) leave this out and use `partitionOf`.
   */
  readonly partitions?: readonly InlinePartition[];
}

/**
 * The columns of one table or view (in `dependsOn`) that an object's query or body
 * names; `[]` when it uses the relation only as a whole (its row type, `count(*)`).
 * A change of any other column leaves the object valid.
 */
export interface ColumnDependency {
  readonly id: string;
  readonly columns: readonly string[];
}

interface ObjectBase {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
  readonly dependsOn?: readonly string[];
  /**
   * Column-level detail of `dependsOn` for views, materialized views and routines,
   * sorted by id. A table or view of `dependsOn` with no entry here (a file written
   * before this field, an engine that records no column dependencies) counts as
   * read in every column.
   */
  readonly dependsOnColumns?: readonly ColumnDependency[];
}

export interface SchemaObj {
  readonly kind: 'schema';
  readonly id: string;
  readonly name: string;
  readonly comment?: string;
  readonly grants?: readonly Grant[];
}

export interface Table extends ObjectBase {
  readonly kind: 'table';
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys?: readonly ForeignKey[];
  readonly uniques?: readonly UniqueConstraint[];
  readonly checks?: readonly CheckConstraint[];
  readonly exclusions?: readonly ExclusionConstraint[];
  readonly indexes?: readonly Index[];
  readonly triggers?: readonly Trigger[];
  readonly policies?: readonly Policy[];
  readonly rowLevelSecurity?: { readonly enabled: boolean; readonly forced: boolean };
  /** Set on a partitioned (parent) table. */
  readonly partitioning?: Partitioning;
  /** Set on a partition: its parent's id and its bound, e.g. `FOR VALUES FROM (…) TO (…)`. */
  readonly partitionOf?: { readonly parent: string; readonly bound: string };
  /** Ids of tables this one inherits from (classic inheritance, not partitions). */
  readonly inherits?: readonly string[];
  readonly unlogged?: boolean;
  /** Default character set and collation of the table's text columns (MySQL). */
  readonly charset?: string;
  readonly collation?: string;
  /** Engine-only settings, e.g. SQLite `{ strict: 'true' }`, `{ withoutRowid: 'true' }`. */
  readonly options?: Readonly<Record<string, string>>;
}

export interface ViewColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly comment?: string;
}

export interface View extends ObjectBase {
  readonly kind: 'view' | 'materialized-view';
  /** The engine-normalized query text (pg_get_viewdef). */
  readonly definition: string;
  readonly columns: readonly ViewColumn[];
  readonly checkOption?: 'local' | 'cascaded';
  readonly options?: Readonly<Record<string, string>>;
  /** The account the query runs as (`user@host`), where it is not the account that read the schema. */
  readonly definer?: string;
  /** Materialized views only. */
  readonly indexes?: readonly Index[];
  readonly triggers?: readonly Trigger[];
}

export interface Sequence extends ObjectBase {
  readonly kind: 'sequence';
  readonly type: ColumnType;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** `table.column` id this sequence is owned by (dropped with it). */
  readonly ownedBy?: string;
  readonly unlogged?: boolean;
}

export interface EnumType extends ObjectBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
}

export interface DomainType extends ObjectBase {
  readonly kind: 'domain';
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: string;
  readonly collation?: string;
  readonly checks?: readonly CheckConstraint[];
}

export interface CompositeType extends ObjectBase {
  readonly kind: 'composite-type';
  readonly attributes: readonly { readonly name: string; readonly type: ColumnType; readonly collation?: string }[];
}

export interface RoutineArgument {
  readonly name?: string;
  readonly mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
  readonly type: string;
  readonly default?: string;
}

export interface Routine extends ObjectBase {
  readonly kind: 'function' | 'procedure' | 'aggregate';
  /** Argument types that identify it, e.g. `text, integer`. */
  readonly signature: string;
  readonly arguments: readonly RoutineArgument[];
  readonly returns?: string;
  readonly language: string;
  readonly body: string;
  readonly volatility?: 'immutable' | 'stable' | 'volatile';
  readonly strict?: boolean;
  readonly security?: 'invoker' | 'definer';
  readonly parallel?: 'safe' | 'restricted' | 'unsafe';
  readonly leakproof?: boolean;
  readonly cost?: number;
  readonly rows?: number;
  readonly config?: readonly string[];
  /** The account the body runs as (`user@host`), where it is not the account that read the schema. */
  readonly definer?: string;
  /** The engine's own CREATE statement (pg_get_functiondef), kept for exact re-creation. */
  readonly definition: string;
}

export interface Extension {
  readonly kind: 'extension';
  readonly id: string;
  readonly name: string;
  readonly schema: string;
  readonly version: string;
  readonly comment?: string;
}

export interface Collation extends ObjectBase {
  readonly kind: 'collation';
  readonly provider: string;
  readonly locale?: string;
  readonly lcCollate?: string;
  readonly lcCtype?: string;
  readonly deterministic: boolean;
}

/**
 * When a scheduled event runs: once `at` a time, or `every` `value` `unit` from `starts`
 * (the time it was created, when none was given) until `ends`. Times are the engine's
 * text (`2035-01-01 00:00:00`) in the event's `timeZone`.
 */
export type EventSchedule =
  | { readonly at: string }
  | { readonly every: { readonly value: string; readonly unit: string }; readonly starts?: string; readonly ends?: string };

/** A statement the server runs on a schedule (MySQL CREATE EVENT). */
export interface ScheduledEvent extends ObjectBase {
  readonly kind: 'event';
  readonly schedule: EventSchedule;
  /** Kept after its last run (ON COMPLETION PRESERVE); otherwise the server drops it. */
  readonly preserve?: boolean;
  /** `replica-disabled`: made on a primary, not run on this replica (DISABLE ON SLAVE). */
  readonly status: 'enabled' | 'disabled' | 'replica-disabled';
  /** The time zone its times are in. */
  readonly timeZone?: string;
  /** The statement it runs (one statement, or a BEGIN … END block). */
  readonly body: string;
  /** Session settings the body was parsed in and runs under, e.g. `sql_mode=…`. */
  readonly config?: readonly string[];
  /** The account it runs as (`user@host`), where it is not the account that read the schema. */
  readonly definer?: string;
}

/** Every object kind the model stores, one file each. */
export type DbObject =
  | SchemaObj
  | Table
  | View
  | Sequence
  | EnumType
  | DomainType
  | CompositeType
  | Routine
  | Extension
  | Collation
  | ScheduledEvent;

export type ObjectKind = DbObject['kind'];

/** A whole database schema, as read from one database or one commit. */
export interface Model {
  readonly formatVersion: typeof FORMAT_VERSION;
  /** The engine family the native types belong to, e.g. `postgres`, `mysql`. */
  readonly dialect: string;
  /** Every object, sorted by id in canonical form. */
  readonly objects: readonly DbObject[];
}
