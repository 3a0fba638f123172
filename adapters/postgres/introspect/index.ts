/**
 * PostgreSQL introspection: a fixed list of bulk catalog queries (one per object
 * kind, never one per table), then assembly of the unified model in memory.
 *
 * `readCatalog` runs the queries and returns the raw rows; `assembleModel` turns rows
 * into a canonical model and does no I/O, so it can be tested from recorded rows.
 */
import {
  canonicalize,
  canonicalModel,
  FORMAT_VERSION,
  objectId,
  routineId,
  type CheckConstraint,
  type DbObject,
  type ExclusionConstraint,
  type ForeignKey,
  type Model,
  type UniqueConstraint,
} from '../../../unified-model/index.js';
import type { Connection, IntrospectOptions } from '../../types.js';
import { openSibling } from '../connect.js';
import { buildAttribute, buildColumn, buildViewColumn, columnNamer, COLUMNS_SQL, type ColumnRow } from './columns.js';
import { buildCheck, buildExclusion, buildForeignKey, buildPrimaryKey, buildUnique, constraintsSql, type ConstraintRow } from './constraints.js';
import { buildCollation, COLLATIONS_SQL, type CollationRow } from './collations.js';
import { COLUMN_DEPENDENCIES_SQL, columnDependencies, columnDependencyMap, DEPENDENCIES_SQL, dependencyMap, type ColumnDependencyRow, type DependencyRow } from './dependencies.js';
import { buildExtension, EXTENSIONS_SQL, extensionId, type ExtensionRow } from './extensions.js';
import { columnGrantsFrom } from './grants.js';
import { buildIndex, indexesSql, type IndexRow } from './indexes.js';
import { buildPolicy, POLICIES_SQL, type PolicyRow } from './policies.js';
import { buildRoutine, ROUTINES_SQL, type RoutineRow } from './routines.js';
import { buildSchema, SCHEMAS_SQL, type SchemaRow } from './schemas.js';
import { buildSequence, SEQUENCES_SQL, type SequenceRow } from './sequences.js';
import { filterParams } from './sql.js';
import { buildTable, TABLES_SQL, type TableRow } from './tables.js';
import { buildTrigger, TRIGGERS_SQL, type TriggerRow } from './triggers.js';
import { buildComposite, buildDomain, buildEnum, typeResolver, TYPES_SQL, type TypeRow } from './types.js';
import { buildView, VIEWS_SQL, type ViewRow } from './views.js';
import { groupBy } from '../../group-by.js';

/** The raw catalog rows, one array per query. */
export interface Catalog {
  schemas: SchemaRow[];
  tables: TableRow[];
  views: ViewRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  sequences: SequenceRow[];
  types: TypeRow[];
  routines: RoutineRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  extensions: ExtensionRow[];
  collations: CollationRow[];
  dependencies: DependencyRow[];
  columnDependencies: ColumnDependencyRow[];
}

/** A catalog query, and whether it takes the schema filter parameters. */
export interface CatalogQuery {
  readonly sql: string;
  readonly filtered: boolean;
}

/**
 * The catalog queries for a server version (`server_version_num`, e.g. 150020), in
 * the order they start: the most expensive first (measured at 5,000 tables, see
 * docs/performance.md), so that two sessions taking turns finish at about the same
 * time. The list is the same for every schema size.
 */
export function catalogQueries(serverVersion: number): { readonly [K in keyof Catalog]: CatalogQuery } {
  return {
    indexes: { sql: indexesSql(serverVersion), filtered: true },
    columns: { sql: COLUMNS_SQL, filtered: true },
    constraints: { sql: constraintsSql(serverVersion), filtered: true },
    dependencies: { sql: DEPENDENCIES_SQL, filtered: false },
    columnDependencies: { sql: COLUMN_DEPENDENCIES_SQL, filtered: false },
    views: { sql: VIEWS_SQL, filtered: true },
    tables: { sql: TABLES_SQL, filtered: true },
    sequences: { sql: SEQUENCES_SQL, filtered: true },
    types: { sql: TYPES_SQL, filtered: true },
    routines: { sql: ROUTINES_SQL, filtered: true },
    triggers: { sql: TRIGGERS_SQL, filtered: true },
    policies: { sql: POLICIES_SQL, filtered: true },
    collations: { sql: COLLATIONS_SQL, filtered: true },
    extensions: { sql: EXTENSIONS_SQL, filtered: true },
    schemas: { sql: SCHEMAS_SQL, filtered: true },
  };
}

/** Session settings for the catalog queries: names schema-qualified, no JIT. */
const CATALOG_SETTINGS = "SELECT set_config('search_path', 'pg_catalog', false), set_config('jit', 'off', false)";

/**
 * Runs every catalog query with `search_path` set to `pg_catalog` only, so every name
 * the engine prints for a user object is schema-qualified, whatever the session's own
 * search_path was; the session's settings are restored afterwards. JIT is off
 * meanwhile: the catalog queries look expensive to the planner, and compiling them
 * costs more than running them (about 2 s of a 5,000-table introspection).
 *
 * On a server, a second session to the same database (see `openSibling`) takes half
 * of the queries, so the server works on two at once; if it cannot be opened, every
 * query runs on `conn`. Not when `conn` is inside a transaction block (or the caller
 * asks for `sameSession`): another session would not see its uncommitted changes.
 * PGlite has one session. Either way the same fixed list of queries runs, whatever
 * the number of objects. Outside a transaction block each query sees its own
 * snapshot, on one session or two: a schema changed during the read can give a
 * model that mixes before and after.
 */
export async function readCatalog(conn: Connection, options: IntrospectOptions = {}): Promise<Catalog> {
  const params = filterParams(options);
  // connecting takes a few milliseconds: start now; it joins in when ready
  const sibling = options.sameSession ? Promise.resolve(undefined) : helperSession(conn);
  let settled = false;
  void sibling.finally(() => (settled = true));
  try {
    // inside a transaction block, later statements start after the transaction did
    const [saved] = await conn.query<{ path: string; jit: string | null; version: number; in_transaction: boolean }>(
      `SELECT current_setting('search_path') AS path, current_setting('jit', true) AS jit,
        current_setting('server_version_num')::int AS version, transaction_timestamp() <> statement_timestamp() AS in_transaction`,
    );
    await conn.query(CATALOG_SETTINGS);
    try {
      // another session cannot see what this one has not committed yet
      const helper = saved.in_transaction ? Promise.resolve(undefined) : sibling;
      return await runQueries(catalogQueries(saved.version), conn, helper, params);
    } finally {
      await conn.query("SELECT set_config('search_path', $1, false), set_config('jit', $2, false)", [saved.path, saved.jit ?? 'off']);
    }
  } finally {
    // a session still connecting is closed when it gets there, without holding up the caller
    const closing = sibling.then((s) => s?.close()).catch(() => {});
    if (settled) await closing;
  }
}

/** A second session set up for the catalog queries, or undefined when there is none (PGlite) or it fails. */
async function helperSession(conn: Connection): Promise<Connection | undefined> {
  const session = await openSibling(conn)?.catch(() => undefined);
  if (!session) return undefined;
  try {
    await session.query(CATALOG_SETTINGS);
    return session;
  } catch {
    await session.close().catch(() => {});
    return undefined;
  }
}

/**
 * Runs the catalog queries on `conn` and, once it is open, on `sibling` too: each
 * session takes the next query (in the order of `queries`) when its last
 * one is done. After a failure no session starts another query; a sibling that is
 * not open by the time `conn` has run out of queries is not waited for.
 */
async function runQueries(
  queries: { readonly [K in keyof Catalog]: CatalogQuery },
  conn: Connection,
  sibling: Promise<Connection | undefined>,
  params: readonly unknown[],
): Promise<Catalog> {
  const queue = Object.keys(queries) as (keyof Catalog)[];
  const out: Partial<Record<keyof Catalog, unknown[]>> = {};
  const work = async (session: Connection) => {
    for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
      try {
        out[k] = await session.query(queries[k].sql, queries[k].filtered ? params : undefined);
      } catch (err) {
        queue.length = 0;
        throw err;
      }
    }
  };
  const main = work(conn);
  const mainDone = main.then(() => undefined, () => undefined);
  const extra = Promise.race([sibling, mainDone]).then((s) => (s ? work(s) : undefined));
  const results = await Promise.allSettled([main, extra]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out as unknown as Catalog;
}

/** Builds the canonical model from catalog rows (no I/O). */
export function assembleModel(cat: Catalog): Model {
  const resolve = typeResolver(cat.types);

  // oid → model id, for resolving dependencies
  const relId = new Map<string, string>();
  const rowtypeId = new Map<string, string>();
  for (const r of [...cat.tables, ...cat.views]) {
    relId.set(r.oid, objectId(r.schema, r.name));
    rowtypeId.set(r.rowtype, objectId(r.schema, r.name));
  }
  for (const s of cat.sequences) relId.set(s.oid, objectId(s.schema, s.name));
  const typeId = new Map(cat.types.map((t) => [t.oid, objectId(t.schema, t.name)]));
  const compositeRel = new Map(cat.types.filter((t) => t.kind === 'c').map((t) => [t.relid, objectId(t.schema, t.name)]));
  const procId = new Map(cat.routines.map((r) => [r.oid, routineId(r.schema, r.name, r.signature)]));
  const extId = new Map(cat.extensions.map((e) => [e.oid, extensionId(e.name)]));

  const deps = dependencyMap(
    cat.dependencies,
    (kind, oid) => (kind === 'rel' ? (relId.get(oid) ?? compositeRel.get(oid)) : kind === 'type' ? typeId.get(oid) : procId.get(oid)),
    (kind, oid) => (kind === 'rel' ? relId.get(oid) : kind === 'type' ? (typeId.get(oid) ?? rowtypeId.get(oid)) : procId.get(oid)),
    (oid) => extId.get(oid),
  );
  const dependsOn = (id: string) => [...(deps.get(id) ?? [])];
  const relationIds = new Set([...cat.tables, ...cat.views].map((r) => objectId(r.schema, r.name)));
  const columnDeps = columnDependencyMap(cat.columnDependencies, (kind, oid) => (kind === 'rel' ? relId.get(oid) : procId.get(oid)), (oid) => relId.get(oid));
  // what a view or routine reads, column by column (see dependencies.ts)
  const readsOf = (id: string) => ({ dependsOn: dependsOn(id), dependsOnColumns: columnDependencies(dependsOn(id), (d) => relationIds.has(d), columnDeps.get(id)) });

  const columns = groupBy(cat.columns, (c) => c.rel);
  const columnName = columnNamer(cat.columns);
  const tableConstraints = groupBy(cat.constraints.filter((c) => c.rel !== '0'), (c) => c.rel);
  const domainChecks = groupBy(cat.constraints.filter((c) => c.rel === '0' && c.type === 'c'), (c) => c.typ);
  const indexes = groupBy(cat.indexes, (i) => i.rel);
  const triggers = groupBy(cat.triggers, (t) => t.rel);
  const policies = groupBy(cat.policies, (p) => p.rel);

  // Each object is canonicalized as soon as it is built: the first draft is then
  // short-lived garbage, cheap to collect, instead of surviving to the end.
  const objects: DbObject[] = [];
  const add = (o: DbObject) => void objects.push(canonicalize(o));
  for (const s of cat.schemas) add(buildSchema(s));
  for (const t of cat.tables) {
    const cols = columns.get(t.oid) ?? [];
    let pk: ConstraintRow | undefined;
    const foreignKeys: ForeignKey[] = [];
    const uniques: UniqueConstraint[] = [];
    const checks: CheckConstraint[] = [];
    const exclusions: ExclusionConstraint[] = [];
    for (const c of tableConstraints.get(t.oid) ?? []) {
      if (c.type === 'p') pk ??= c;
      else if (c.type === 'f') foreignKeys.push(buildForeignKey(c, columnName));
      else if (c.type === 'u') uniques.push(buildUnique(c, columnName));
      else if (c.type === 'c') checks.push(buildCheck(c));
      else if (c.type === 'x') exclusions.push(buildExclusion(c));
    }
    add(
      buildTable(t, {
        columns: cols.map((c) => buildColumn(c, resolve)),
        ...(pk ? { primaryKey: buildPrimaryKey(pk, columnName) } : {}),
        foreignKeys,
        uniques,
        checks,
        exclusions,
        indexes: (indexes.get(t.oid) ?? []).map((i) => buildIndex(i, columnName)),
        triggers: (triggers.get(t.oid) ?? []).map(buildTrigger),
        policies: (policies.get(t.oid) ?? []).map(buildPolicy),
        grants: columnGrantsFrom(cols),
        dependsOn: dependsOn(objectId(t.schema, t.name)),
      }),
    );
  }
  for (const v of cat.views) {
    const cols = columns.get(v.oid) ?? [];
    add(
      buildView(v, {
        columns: cols.map((c) => buildViewColumn(c, resolve)),
        indexes: (indexes.get(v.oid) ?? []).map((i) => buildIndex(i, columnName)),
        triggers: (triggers.get(v.oid) ?? []).map(buildTrigger),
        grants: columnGrantsFrom(cols),
        ...readsOf(objectId(v.schema, v.name)),
      }),
    );
  }
  for (const s of cat.sequences) add(buildSequence(s, dependsOn(objectId(s.schema, s.name))));
  for (const t of cat.types) {
    const id = objectId(t.schema, t.name);
    if (t.kind === 'e') add(buildEnum(t, dependsOn(id)));
    else if (t.kind === 'd') add(buildDomain(t, (domainChecks.get(t.oid) ?? []).map(buildCheck), resolve, dependsOn(id)));
    else add(buildComposite(t, (columns.get(t.relid) ?? []).map((c) => buildAttribute(c, resolve)), dependsOn(id)));
  }
  for (const r of cat.routines) {
    const reads = readsOf(routineId(r.schema, r.name, r.signature));
    add({ ...buildRoutine(r, reads.dependsOn), dependsOnColumns: reads.dependsOnColumns });
  }
  for (const e of cat.extensions) add(buildExtension(e));
  for (const c of cat.collations) add(buildCollation(c));
  return canonicalModel({ formatVersion: FORMAT_VERSION, dialect: 'postgres', objects });
}

/** Reads the whole schema of a PostgreSQL (or PGlite) database into the unified model. */
export async function introspectPostgres(conn: Connection, options: IntrospectOptions = {}): Promise<Model> {
  return assembleModel(await readCatalog(conn, options));
}
