/**
 * kysely as a compiler for redb's own tables in a target database (the deploy ledger,
 * job checkpoints): queries are built for the target's engine and run on redb's own
 * connection. kysely compiles; it never connects and never introspects.
 */
import { DummyDriver, Kysely, type Compilable, type DatabaseIntrospector } from 'kysely';
import type { Connection, DeploySupport } from '../../adapters/types.js';

const noIntrospection = new Proxy({}, { get: () => () => Promise.reject(new Error('redb never introspects through kysely')) }) as DatabaseIntrospector;

/** A kysely instance that only compiles, for the engine of `support`. */
export function sqlBuilder<DB>(support: DeploySupport): Kysely<DB> {
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
export async function runBuilt<R>(conn: Connection, query: Compilable): Promise<R[]> {
  const { sql, parameters } = query.compile();
  return conn.query<R>(sql, parameters);
}
