/**
 * What every engine adapter provides. Shared code asks an adapter's capabilities;
 * it never asks which engine it is talking to.
 */
import type { Model } from '../unified-model/index.js';

/** A live connection, reduced to what redb needs from any driver. */
export interface Connection {
  /** Runs one statement with positional parameters ($1… or ? as the engine spells them). */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Engine and version, e.g. `PostgreSQL 15.20`. */
  readonly serverVersion: string;
  close(): Promise<void>;
}

export interface AdapterCapabilities {
  /** DDL can run inside a transaction and roll back with it. */
  readonly transactionalDdl: boolean;
  /** The engine has schemas (namespaces) inside a database. */
  readonly schemas: boolean;
  /** The adapter can open an in-process scratch database without a server. */
  readonly embedded: boolean;
}

export interface IntrospectOptions {
  /** Only these schemas (default: every non-system schema). */
  readonly schemas?: readonly string[];
  /** Leave out these schemas. */
  readonly excludeSchemas?: readonly string[];
}

export interface Adapter {
  /** Engine family of the model it produces, e.g. `postgres`. */
  readonly dialect: string;
  /** URL schemes it accepts, without `://`, e.g. `postgres`, `postgresql`, `pglite`. */
  readonly schemes: readonly string[];
  readonly capabilities: AdapterCapabilities;
  /** Opens a connection; throws a `ConnectError` with a hint on failure. */
  connect(url: string): Promise<Connection>;
  /** Reads the whole schema with a fixed number of catalog queries. */
  introspect(conn: Connection, options?: IntrospectOptions): Promise<Model>;
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
