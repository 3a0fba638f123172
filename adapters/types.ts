/**
 * What every engine adapter provides. Shared code asks an adapter's capabilities;
 * it never asks which engine it is talking to.
 */
import type { DialectAdapter, QueryCompiler } from 'kysely';
import type { ColumnType, DbObject, Index, LogicalType, Model, Table, TableChange } from '../unified-model/index.js';

/** A live connection, reduced to what redb needs from any driver. */
export interface Connection {
  /** Runs one statement with positional parameters ($1… or ? as the engine spells them). */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs exactly one statement, never a script: on PostgreSQL through the extended
   * protocol, so a string that smuggles in a second statement is refused by the server.
   * Plan steps run through this (a model file is data, not SQL to run).
   */
  run(sql: string): Promise<void>;
  /**
   * Reads a large result in batches of at most `batchSize` rows without holding it all in
   * memory (data copies, checksums). The connection runs nothing else until the loop ends;
   * leaving the loop early releases the cursor.
   */
  stream<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], batchSize?: number): AsyncIterable<R[]>;
  /** Runs a script of several statements (no parameters): only SQL redb wrote itself, never text from a model file. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` inside one transaction on this connection: committed when it resolves,
   * rolled back when it throws (and the error rethrown). Shared code never spells
   * BEGIN/COMMIT: how a transaction starts is the engine's business.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Engine and version, e.g. `PostgreSQL 15.20`. */
  readonly serverVersion: string;
  /** The engine's flavour when one family has several, e.g. `mariadb`; statements may differ by it. */
  readonly flavour?: string;
  close(): Promise<void>;
}

export interface AdapterCapabilities {
  /** DDL can run inside a transaction and roll back with it. */
  readonly transactionalDdl: boolean;
  /** The adapter can open an in-process scratch database without a server. */
  readonly embedded: boolean;
  /** The engine can move a column within its table (else a plan states the column order it reaches). */
  readonly reorderColumns: boolean;
}

export interface IntrospectOptions {
  /** Only these schemas (default: every non-system schema). */
  readonly schemas?: readonly string[];
  /** Leave out these schemas. */
  readonly excludeSchemas?: readonly string[];
  /**
   * Read on this session only, never a helper session: a deploy verifies its changes
   * inside its own transaction, which no other session can see before the commit.
   */
  readonly sameSession?: boolean;
}

/**
 * How the model's schema level maps onto the engine's namespaces.
 * - `schemas`: the model's schemas are the engine's schemas inside one database.
 * - `database`: the connected database is one model schema called `name`, whatever the
 *   database itself is called, so a commit taken from `app` deploys onto `app_staging` or
 *   a scratch database without renaming any object (and a proof compares like with like).
 */
export type NamespaceMapping = { readonly kind: 'schemas' } | { readonly kind: 'database'; readonly name: string };

export interface Adapter {
  /** Engine family of the model it produces, e.g. `postgres`. */
  readonly dialect: string;
  /** URL schemes it accepts, without `://`, e.g. `postgres`, `postgresql`, `pglite`. */
  readonly schemes: readonly string[];
  readonly capabilities: AdapterCapabilities;
  readonly namespaces: NamespaceMapping;
  /** Opens a connection; throws a `ConnectError` with a hint on failure. */
  connect(url: string): Promise<Connection>;
  /**
   * Reads the whole schema with a fixed number of catalog queries. Shared code reads
   * through `readSchema` (read-schema.ts), which leaves redb's own ledger out of every
   * model: an adapter need not know where the ledger is.
   */
  introspect(conn: Connection, options?: IntrospectOptions): Promise<Model>;
  /**
   * A digest of everything `introspect` reads, far cheaper than reading it: equal digests
   * (with the same build of redb) mean an equal model, so `status` and `commit` can reuse
   * the tree they recorded for it (src/core/live-tree.ts). A digest may change when the
   * schema did not (then the schema is read whole); it must never stay the same when the
   * schema changed. Absent, or undefined for a connection, where an engine has none.
   */
  schemaFingerprint?(conn: Connection): Promise<string | undefined>;
  /** SQL for plans on this engine; absent while an engine can be read but not yet changed. */
  readonly ddl?: DdlGenerator;
  /** What deploys need from the engine; absent while an engine cannot be deployed to. */
  readonly deploy?: DeploySupport;
  /** Reading this engine's defaults and checks portably, and spelling portable types for it (`redb translate`); absent: no translation to or from it. */
  readonly translation?: TranslationSupport;
  /** Reading and writing rows (migration and replication jobs); absent: the engine is no job source or target yet. */
  readonly data?: DataSupport;
  /** Capturing committed row changes (replication jobs); absent: the engine is no replication source yet. */
  readonly changes?: ChangeCapture;
}

/**
 * A column default in a form every engine can read and write (`redb translate`): the
 * source adapter reads its own spelling into it, the target adapter writes its own.
 * `text` is a literal's value unquoted (a number as written: `4.99`).
 */
export type PortableDefault =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  /** The current time (now(), CURRENT_TIMESTAMP). */
  | { readonly kind: 'now' }
  | { readonly kind: 'current-date' }
  | { readonly kind: 'random-uuid' }
  /** The next value of a sequence (nextval): an engine's serial column. */
  | { readonly kind: 'sequence'; readonly sequence: string };

/** A simple check `column OP literal` that any engine parses (others are reported, not translated). */
export interface PortableCheck {
  readonly column: string;
  readonly op: '=' | '<>' | '<' | '<=' | '>' | '>=';
  readonly value: { readonly kind: 'number' | 'string'; readonly text: string };
}

/** How a target spells one portable type, and what it could not keep. */
export interface TypeTranslation {
  readonly type: ColumnType;
  /** False when the target type holds other values than the source's (the note says how). */
  readonly exact: boolean;
  readonly note?: string;
}

/** Where a column is used, as far as its target type depends on it. */
export interface ColumnUse {
  /** The column is a key part of the primary key, a unique constraint or an index. */
  readonly keyed: boolean;
}

/**
 * Translation of models between engines (`src/translate/`): each adapter reads its own
 * spellings into portable forms and writes portable forms in its own. Shared code walks
 * the objects; it never names an engine.
 */
export interface TranslationSupport {
  /** Enum types are objects of their own (true, referenced by id) or spelled inline on each column (false). */
  readonly namedEnums: boolean;
  /** How a column numbers its rows: an identity or AUTO_INCREMENT. */
  readonly counter: 'identity' | 'auto-increment';
  /** The type a counter column must have, where the engine allows only one (SQLite: INTEGER). */
  readonly counterType?: LogicalType;
  /** How the engine spells its counter, for reports (`AUTO_INCREMENT`). */
  readonly counterWords: string;
  /** The engine has sequence objects a model may keep. */
  readonly sequences: boolean;
  /** The native spelling of a portable type. An enum arrives with its `values`, and with a `ref` where `namedEnums`. */
  columnType(logical: LogicalType, use: ColumnUse): TypeTranslation;
  /** Reads a default of this engine; undefined when it is not one of the portable forms. */
  readDefault(expression: string, type: ColumnType): PortableDefault | undefined;
  /** Writes a portable default for a column of `type` of this engine; undefined when the engine cannot have it. */
  writeDefault(value: PortableDefault, type: ColumnType): string | undefined;
  /** Reads a check of this engine; undefined when it is not a simple comparison. */
  readCheck(expression: string): PortableCheck | undefined;
  writeCheck(check: PortableCheck, type: ColumnType): string;
  /** The schema a model from a one-namespace engine goes into (PostgreSQL `public`); where `namespaces.kind` is `schemas`. */
  readonly defaultSchema?: string;
  /** Column and index fields of the model the engine has (others are dropped, and reported). */
  readonly fields: { readonly onUpdate: boolean; readonly invisible: boolean; readonly prefixKeys: boolean; readonly include: boolean; readonly deferrable: boolean; readonly setDefaultAction: boolean };
  /** A native type of this engine as the model holds it (for `--type TABLE.COLUMN=NATIVE`). */
  typeOf(native: string): ColumnType;
  /** Index methods the engine has, e.g. `btree`, `hash`. */
  readonly indexMethods: readonly string[];
  /** The engine's own CREATE INDEX for an index whose keys are plain columns. */
  indexDefinition(table: Table, index: Index): string;
  /** The name a primary key has on this engine (MySQL: always `PRIMARY`); undefined: any name. */
  primaryKeyName(table: string): string | undefined;
  /** Engine defaults of a translated table (character set, storage engine), set so a deploy creates it as the model says. */
  readonly tableDefaults?: Pick<Table, 'charset' | 'collation' | 'options'>;
}

/** A scratch database: fresh and empty, for proving plans; `dispose` removes it. */
export interface ScratchDatabase {
  readonly conn: Connection;
  /** Where it lives, e.g. `a scratch database on the target server` (no secrets). */
  readonly description: string;
  dispose(): Promise<void>;
}

/**
 * Where the deploy ledger lives on an engine and what its columns are made of. The
 * ledger belongs to redb, not to the user's schema: `readSchema` leaves it out of every
 * model, so a deploy never plans to drop it and a diff never shows it.
 */
export interface LedgerSpec {
  /**
   * Schema that holds the ledger table: required where schemas live inside a database
   * (`namespaces.kind` `schemas`), omitted where the database is the namespace.
   */
  readonly schema?: string;
  readonly table: string;
  /**
   * redb's job table beside the ledger (src/jobs/job-store.ts): the checkpoints and state
   * of migration and replication jobs whose target this database is. Left out of every
   * model like the ledger.
   */
  readonly jobsTable: string;
  /**
   * Column types: `text` for short strings (ids, names, hashes, ≤ 200 characters),
   * `longText` for a whole plan (MySQL's `TEXT` holds 64 KB: too small), `timestamp`
   * for ISO-8601 times as text, `integer` for step counts.
   */
  readonly types: { readonly text: string; readonly longText: string; readonly timestamp: string; readonly integer: string };
  /**
   * The engine accepts IF NOT EXISTS in CREATE TABLE and CREATE SCHEMA. Where it does not
   * (SQL Server), the ledger reads the table first (`isMissingTable`) and creates only
   * what is missing.
   */
  readonly createIfNotExists: boolean;
}

/** Engine specifics of a deploy: the ledger, the deploy lock, scratch databases. */
export interface DeploySupport {
  /** kysely's adapter and compiler for this engine: the ledger's SQL is built, not written by hand. */
  readonly kysely: { createAdapter(): DialectAdapter; createQueryCompiler(): QueryCompiler };
  readonly ledger: LedgerSpec;
  /** Takes an exclusive session lock named `key` without waiting; false when another session holds it. */
  tryLock(conn: Connection, key: string): Promise<boolean>;
  unlock(conn: Connection, key: string): Promise<void>;
  /** A fresh database to prove plans on, as close to the target `url` as possible (same server and version). */
  scratch(url: string): Promise<ScratchDatabase>;
  /** Whether a query failed only because the table it reads does not exist (any other failure is a real error). */
  isMissingTable(err: unknown): boolean;
}

/** A connection that could not be opened; `hint` says what to do about it. */
export class ConnectError extends Error {
  readonly code = 'E_CONNECT';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

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

/**
 * A column value in the one form every engine reads into and writes from (data copies of
 * migration and replication jobs, src/jobs/), chosen by the column's logical type so the
 * value survives a move between engines exactly:
 * - integer, decimal: a string of the exact digits (`'-12'`, `'4.50'`): no float rounding;
 * - float: a number; boolean: a boolean;
 * - string, text, enum, uuid, interval (the source's text form), set (labels joined by `,`): a string;
 * - binary: a Buffer;
 * - json: the JSON text (a string), never a parsed object;
 * - date `'YYYY-MM-DD'`; time `'HH:MM:SS[.ffffff]'`; timestamp `'YYYY-MM-DD HH:MM:SS[.ffffff]'`
 *   without a time zone; with one, the same in UTC followed by `+00` (read in UTC);
 * - array: a JS array of the element's portable values;
 * - other, vector: the engine's text form (a string).
 * NULL is `null`. Dates are never JS Date objects: the process time zone must not move them.
 */
export type PortableValue = string | number | boolean | Buffer | null | readonly PortableValue[];

/** A table as the data of a job reads or writes it: where it is and the columns moved. */
export interface DataTable {
  /** The model's table (its schema as the model names it; the adapter maps the namespace). */
  readonly table: Table;
  /** The columns moved, in this order in every row; a subset of `table.columns`. */
  readonly columns: readonly string[];
}

/** One batch read in key order: rows (values in `DataTable.columns` order) and the key of the last. */
export interface DataBatch {
  readonly rows: readonly PortableValue[][];
  /** The primary-key values of the last row (in the key's column order), to read on after. */
  readonly last?: readonly PortableValue[];
}

/**
 * Moving rows in and out of an engine (migration and replication jobs, src/jobs/). Shared
 * code never writes data SQL itself: it reads, writes and deletes through these.
 */
export interface DataSupport {
  /**
   * Reads up to `limit` rows of `t` in primary-key order, starting after the key `after`
   * (from the start when undefined). A table without a primary key is read whole in one
   * call (limit ignored, `last` undefined). Values in portable form.
   */
  readBatch(conn: Connection, t: DataTable, after: readonly PortableValue[] | undefined, limit: number): Promise<DataBatch>;
  /** Number of rows of the table. */
  count(conn: Connection, table: Table): Promise<number>;
  /**
   * Inserts rows in the engine's fastest way (PostgreSQL COPY, multi-row INSERT …) on this
   * connection, inside the caller's transaction. A value the engine would store changed
   * (a truncation, a warning, an out-of-range number or date) is an error naming the
   * table and column, never a silent change.
   */
  insert(conn: Connection, t: DataTable, rows: readonly PortableValue[][]): Promise<void>;
  /** Inserts rows or, for a key already there, replaces its other columns (replication's idempotent apply). */
  upsert(conn: Connection, t: DataTable, rows: readonly PortableValue[][]): Promise<void>;
  /** Deletes the rows with these primary keys (values in the key's column order). */
  deleteKeys(conn: Connection, table: Table, keys: readonly (readonly PortableValue[])[]): Promise<void>;
  /**
   * Removes every row of the table inside the caller's transaction (a table without a key
   * is copied again whole on resume; a job run from the start empties what it will fill).
   */
  truncate(conn: Connection, table: Table): Promise<void>;
  /**
   * After rows were written with their own counter values (identity, serial,
   * AUTO_INCREMENT), moves the table's counters past the largest value, so the next row
   * the application inserts does not collide. Absent where the engine does it itself.
   */
  resetCounters?(conn: Connection, table: Table): Promise<void>;
}

/** A table as a change stream names it: the model's schema and name (the adapter maps the namespace). */
export interface ChangeTableRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * One row change of a committed transaction, values in portable form. A row holds every
 * column the source sends, by name; `undefined` marks a value the source did not send
 * because it did not change (a large out-of-line value), which an apply must leave as it is.
 * Columns the target lacks are how a schema change on the source shows up in the stream.
 */
export type RowChange =
  | { readonly op: 'insert'; readonly table: ChangeTableRef; readonly row: Readonly<Record<string, PortableValue | undefined>> }
  /** `oldKey`: the key before the update when it changed (or the whole old row under a full replica identity). */
  | { readonly op: 'update'; readonly table: ChangeTableRef; readonly row: Readonly<Record<string, PortableValue | undefined>>; readonly oldKey?: Readonly<Record<string, PortableValue>> }
  /** `key`: the deleted row's key columns (every column under a full replica identity). */
  | { readonly op: 'delete'; readonly table: ChangeTableRef; readonly key: Readonly<Record<string, PortableValue>> }
  | { readonly op: 'truncate'; readonly tables: readonly ChangeTableRef[] };

/** A committed source transaction: its changes in order, where it ends in the log and when it committed. */
export interface ChangeTransaction {
  /** The position just past its commit: acknowledging it frees the log up to here. */
  readonly position: string;
  /** Commit time on the source, milliseconds since the epoch. */
  readonly commitTime: number;
  readonly changes: readonly RowChange[];
  /**
   * Part of a transaction too large to hold whole: more of it follows, and `position` is
   * no place to checkpoint (the whole transaction is redelivered after a crash).
   */
  readonly partial?: boolean;
}

/** An open change stream from a slot: transactions in commit order, delivered at least once. */
export interface ChangeStream {
  /** The next committed transaction, or undefined when none arrived within `waitMs`. */
  next(waitMs: number): Promise<ChangeTransaction | undefined>;
  /**
   * How far the source has read its log for this stream: every transaction committed
   * before it was delivered (or held nothing of the stream's tables). Goes up while idle.
   */
  readonly sourcePosition: string | undefined;
  /**
   * Tells the source that everything up to `position` is stored for good (committed on
   * the target): it may free that part of its log and will not send it again. Call it only
   * after the target commit, never before: that order is the at-least-once guarantee.
   */
  acknowledge(position: string): Promise<void>;
  close(): Promise<void>;
}

/** Where a replication keeps its place on the source: engine-specific names chosen by the adapter. */
export interface ChangeArtifacts {
  /** The replication slot (or its equivalent) that holds the log for the job. */
  readonly slot: string;
  /** The publication (or its equivalent) that says which tables the stream carries. */
  readonly publication: string;
}

/**
 * Change data capture of a source engine (PostgreSQL logical replication; MySQL's binary
 * log would implement the same). Positions are opaque strings of the engine (an LSN);
 * shared code only compares them and measures their distance through these methods.
 */
export interface ChangeCapture {
  /**
   * The names of the artifacts of job `job` on this source (valid identifiers of the
   * engine, stable for the same job and database; never shared with a job of the same
   * name on another database of the same server, where slots are server-wide).
   */
  artifactNames(conn: Connection, job: string): Promise<ChangeArtifacts>;
  /**
   * Whether the source can capture changes at all (e.g. PostgreSQL's `wal_level=logical`):
   * undefined when it can, else what is wrong and how to fix it (shown to the user).
   */
  unavailable(conn: Connection): Promise<string | undefined>;
  /** Makes the table's changes carry the whole old row (for a table without a primary key). */
  setFullIdentity(conn: Connection, table: Table): Promise<void>;
  /**
   * Creates the publication for `tables` (or sets it to exactly these tables) and the slot
   * when missing. Returns the slot's start position when it was created now (the snapshot
   * is taken after it, so no change between the two is lost), else undefined.
   */
  prepare(conn: Connection, artifacts: ChangeArtifacts, tables: readonly Table[]): Promise<{ created?: string }>;
  /** The source's current end of log. */
  currentPosition(conn: Connection): Promise<string>;
  /** The position the slot has confirmed (acknowledged), or undefined when there is no slot. */
  confirmedPosition(conn: Connection, artifacts: ChangeArtifacts): Promise<string | undefined>;
  /** `a` − `b` in bytes of log (negative when `a` is before `b`). */
  distance(a: string, b: string): number;
  /** Opens the stream on its own connection to `url`, starting after `from` (else where the slot stands). */
  open(url: string, artifacts: ChangeArtifacts, from?: string): Promise<ChangeStream>;
  /** Drops the slot and the publication; missing ones are fine. */
  drop(conn: Connection, artifacts: ChangeArtifacts): Promise<void>;
}
