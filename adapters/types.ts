/**
 * What every engine adapter provides. Shared code asks an adapter's capabilities;
 * it never asks which engine it is talking to.
 */
import type { DialectAdapter, QueryCompiler } from 'kysely';
import type { ColumnType, Index, LogicalType, Model, Table } from '../unified-model/index.js';
import type { ChangeCapture } from './changes-types.js';
import type { DataSupport } from './data-types.js';
import type { DdlGenerator } from './ddl-types.js';
import type { QueueSupport } from './queue-types.js';

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
  /** A job queue kept in a database of this engine (`redb worker`); absent: no queue can live there. */
  readonly queue?: QueueSupport;
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
  /**
   * Fractional-second digits a time or timestamp declared without a precision keeps
   * (PostgreSQL microseconds: 6; MySQL none: 0). A translation into an engine that keeps
   * fewer spells the source's precision out, so no fraction is cut off.
   */
  readonly defaultTimePrecision: number;
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

// the rest of the contract, one file per concern
export type * from './ddl-types.js';
export type * from './data-types.js';
export type * from './changes-types.js';
export type * from './queue-types.js';
