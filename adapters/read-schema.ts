/**
 * Reading a live schema the way every part of redb does: the adapter's introspection,
 * minus redb's own tables (the deploy ledger, the job table). That exclusion is a rule of the adapter contract,
 * applied here once for every engine, so no adapter repeats where the ledger lives.
 *
 * @example const model = await readSchema(adapter, conn); // never holds the ledger table
 */
import { objectId, type DbObject, type Model } from '../unified-model/index.js';
import { RedbError } from '../src/errors.js';
import type { Adapter, Connection, IntrospectOptions } from './types.js';

/** The ids of redb's own tables (the ledger, the job table) in a model of this adapter's engine, and their own schema (if any). */
export function ledgerLocation(adapter: Adapter): { readonly tableIds: readonly string[]; readonly schema?: string } | undefined {
  const ledger = adapter.deploy?.ledger;
  if (!ledger) return undefined;
  const schema = ledger.schema ?? (adapter.namespaces.kind === 'database' ? adapter.namespaces.name : undefined);
  // where schemas live inside the database, an unqualified table would land in whatever the session's default is
  if (schema === undefined) throw new RedbError('E_INTERNAL', `the ${adapter.dialect} adapter keeps schemas inside a database but names no schema for the deploy ledger`);
  return { tableIds: [objectId(schema, ledger.table), objectId(schema, ledger.jobsTable)], ...(ledger.schema ? { schema: ledger.schema } : {}) };
}

const isLedger = (o: DbObject, where: NonNullable<ReturnType<typeof ledgerLocation>>): boolean =>
  where.tableIds.includes(o.id) || (where.schema !== undefined && (o.kind === 'schema' ? o.name === where.schema : o.schema === where.schema));

/** The live schema without the ledger; a schema of its own is not even read. */
export async function readSchema(adapter: Adapter, conn: Connection, options: IntrospectOptions = {}): Promise<Model> {
  const where = ledgerLocation(adapter);
  const excludeSchemas = where?.schema ? [...(options.excludeSchemas ?? []), where.schema] : options.excludeSchemas;
  const model = await adapter.introspect(conn, { ...options, ...(excludeSchemas ? { excludeSchemas } : {}) });
  if (!where) return model;
  const objects = model.objects.filter((o) => !isLedger(o, where));
  return objects.length === model.objects.length ? model : { ...model, objects };
}
