/**
 * kysely as a compiler for redb's own tables in a target database (the deploy ledger,
 * job checkpoints): queries are built for the target's engine and run on redb's own
 * connection. kysely compiles; it never connects and never introspects.
 */
import { DummyDriver, Kysely, sql, type Compilable, type CreateTableBuilder, type DatabaseIntrospector, type RawBuilder } from 'kysely';
import type { Connection, DeploySupport } from '../../adapters/types.js';

const noIntrospection = new Proxy({}, { get: () => () => Promise.reject(new Error('redb never introspects through kysely')) }) as DatabaseIntrospector;

/** A kysely instance that only compiles, for the engine of `support`. */
function sqlBuilder<DB>(support: DeploySupport): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => support.kysely.createAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: () => noIntrospection,
      createQueryCompiler: () => support.kysely.createQueryCompiler(),
    },
  });
}

/** Compiles `query` and runs it on `conn` with its parameters. */
async function runBuilt<R>(conn: Connection, query: Compilable): Promise<R[]> {
  const { sql, parameters } = query.compile();
  return conn.query<R>(sql, parameters);
}

/**
 * One of redb's tables beside the deploy ledger (in the ledger's schema, with the
 * engine's column types): what the ledger and the job store share.
 */
export abstract class RedbTable<Row> {
  protected readonly db: Kysely<Record<string, Row>>;

  constructor(
    protected readonly conn: Connection,
    protected readonly support: DeploySupport,
  ) {
    this.db = sqlBuilder<Record<string, Row>>(support);
  }

  /** The table's name, from the adapter's ledger spec. */
  protected abstract get table(): string;

  /** Whether the table exists yet; only a missing table is false. */
  abstract exists(): Promise<boolean>;

  /**
   * Reads `columns` of one row: false when the table is missing, true when they read;
   * any other failure (a column gone, no privilege) is thrown, never taken for "missing".
   */
  protected async probe(columns: readonly (keyof Row & string)[]): Promise<boolean> {
    try {
      await this.run(this.scoped.selectFrom(this.table).select([...columns]).limit(1));
      return true;
    } catch (err) {
      if (this.support.isMissingTable(err)) return false;
      throw err;
    }
  }

  protected get scoped() {
    const { schema } = this.support.ledger;
    return schema ? this.db.withSchema(schema) : this.db;
  }

  protected run<R>(query: Compilable): Promise<R[]> {
    return runBuilt<R>(this.conn, query);
  }

  /** A column type of the engine, by its role (`LedgerSpec.types`). */
  protected type(name: keyof DeploySupport['ledger']['types']): RawBuilder<unknown> {
    return sql.raw(this.support.ledger.types[name]);
  }

  /**
   * Creates the ledger's schema when missing and starts the table's CREATE TABLE (IF NOT
   * EXISTS where the engine has it); undefined when the table is there already.
   */
  protected async createTable(): Promise<CreateTableBuilder<string, never> | undefined> {
    const { schema, createIfNotExists } = this.support.ledger;
    if (!createIfNotExists && (await this.exists())) return undefined;
    if (schema && createIfNotExists) await this.run(this.db.schema.createSchema(schema).ifNotExists());
    // no IF NOT EXISTS: the schema may be there without the table; a real failure shows in CREATE TABLE next
    else if (schema) await this.run(this.db.schema.createSchema(schema)).catch(() => undefined);
    const create = this.scoped.schema.createTable(this.table);
    return createIfNotExists ? create.ifNotExists() : create;
  }
}
