/**
 * Change data capture from a source engine for replication jobs: `Adapter.changes`.
 * Part of the adapter contract (adapters/types.ts).
 */
import type { PortableValue } from './data-types.js';
import type { Connection } from './types.js';
import type { Table } from '../unified-model/index.js';

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
   * Whether two rows of the table are equal in every column: a change to one of them
   * names both (the whole old row is all a keyless table's change carries).
   */
  hasIdenticalRows(conn: Connection, table: Table): Promise<boolean>;
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
