/**
 * PostgreSQL introspection: a fixed list of bulk catalog queries (one per object
 * kind, never one per table), then assembly of the unified model in memory.
 *
 * `readCatalog` runs the queries and returns the raw rows; `assembleModel` turns rows
 * into a canonical model and does no I/O, so it can be tested from recorded rows.
 */
import { canonicalModel, FORMAT_VERSION, objectId, routineId, type DbObject, type Model } from '../../../unified-model/index.js';
import type { Connection, IntrospectOptions } from '../../types.js';
import { buildAttribute, buildColumn, buildViewColumn, COLUMNS_SQL, type ColumnRow } from './columns.js';
import { buildCheck, buildExclusion, buildForeignKey, buildPrimaryKey, buildUnique, CONSTRAINTS_SQL, type ConstraintRow } from './constraints.js';
import { buildCollation, COLLATIONS_SQL, type CollationRow } from './collations.js';
import { DEPENDENCIES_SQL, dependencyMap, type DependencyRow } from './dependencies.js';
import { buildExtension, EXTENSIONS_SQL, extensionId, type ExtensionRow } from './extensions.js';
import { columnGrantsFrom } from './grants.js';
import { buildIndex, INDEXES_SQL, type IndexRow } from './indexes.js';
import { buildPolicy, POLICIES_SQL, type PolicyRow } from './policies.js';
import { buildRoutine, ROUTINES_SQL, type RoutineRow } from './routines.js';
import { buildSchema, SCHEMAS_SQL, type SchemaRow } from './schemas.js';
import { buildSequence, SEQUENCES_SQL, type SequenceRow } from './sequences.js';
import { filterParams } from './sql.js';
import { buildTable, TABLES_SQL, type TableRow } from './tables.js';
import { buildTrigger, TRIGGERS_SQL, type TriggerRow } from './triggers.js';
import { buildComposite, buildDomain, buildEnum, typeResolver, TYPES_SQL, type TypeRow } from './types.js';
import { buildView, VIEWS_SQL, type ViewRow } from './views.js';

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
}

/** Each query, and whether it takes the schema filter parameters. */
const QUERIES: { readonly [K in keyof Catalog]: { readonly sql: string; readonly filtered: boolean } } = {
  schemas: { sql: SCHEMAS_SQL, filtered: true },
  tables: { sql: TABLES_SQL, filtered: true },
  views: { sql: VIEWS_SQL, filtered: true },
  columns: { sql: COLUMNS_SQL, filtered: true },
  constraints: { sql: CONSTRAINTS_SQL, filtered: true },
  indexes: { sql: INDEXES_SQL, filtered: true },
  sequences: { sql: SEQUENCES_SQL, filtered: true },
  types: { sql: TYPES_SQL, filtered: true },
  routines: { sql: ROUTINES_SQL, filtered: true },
  triggers: { sql: TRIGGERS_SQL, filtered: true },
  policies: { sql: POLICIES_SQL, filtered: true },
  extensions: { sql: EXTENSIONS_SQL, filtered: true },
  collations: { sql: COLLATIONS_SQL, filtered: true },
  dependencies: { sql: DEPENDENCIES_SQL, filtered: false },
};

/**
 * Runs every catalog query (concurrently; a single connection pipelines them) with
 * `search_path` set to `pg_catalog` only, so every name the engine prints for a user
 * object is schema-qualified, whatever the session's own search_path was. The
 * session's search_path is restored afterwards. JIT is off meanwhile: the catalog
 * queries look expensive to the planner, and compiling them costs more than running
 * them (about 2 s of a 5,000-table introspection; see docs/performance.md).
 */
export async function readCatalog(conn: Connection, options: IntrospectOptions = {}): Promise<Catalog> {
  const params = filterParams(options);
  const [saved] = await conn.query<{ path: string; jit: string | null }>("SELECT current_setting('search_path') AS path, current_setting('jit', true) AS jit");
  await conn.query("SELECT set_config('search_path', 'pg_catalog', false), set_config('jit', 'off', false)");
  try {
    const keys = Object.keys(QUERIES) as (keyof Catalog)[];
    const results = await Promise.all(keys.map((k) => conn.query(QUERIES[k].sql, QUERIES[k].filtered ? params : undefined)));
    return Object.fromEntries(keys.map((k, i) => [k, results[i]])) as unknown as Catalog;
  } finally {
    await conn.query("SELECT set_config('search_path', $1, false), set_config('jit', $2, false)", [saved.path, saved.jit ?? 'off']);
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
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

  const columns = groupBy(cat.columns, (c) => c.rel);
  const tableConstraints = groupBy(cat.constraints.filter((c) => c.rel !== '0'), (c) => c.rel);
  const domainChecks = groupBy(cat.constraints.filter((c) => c.rel === '0' && c.type === 'c'), (c) => c.typ);
  const indexes = groupBy(cat.indexes, (i) => i.rel);
  const triggers = groupBy(cat.triggers, (t) => t.rel);
  const policies = groupBy(cat.policies, (p) => p.rel);

  const objects: DbObject[] = [];
  objects.push(...cat.schemas.map(buildSchema));
  for (const t of cat.tables) {
    const cols = columns.get(t.oid) ?? [];
    const cons = tableConstraints.get(t.oid) ?? [];
    const of = (type: ConstraintRow['type']) => cons.filter((c) => c.type === type);
    const pk = of('p')[0];
    objects.push(
      buildTable(t, {
        columns: cols.map((c) => buildColumn(c, resolve)),
        ...(pk ? { primaryKey: buildPrimaryKey(pk) } : {}),
        foreignKeys: of('f').map(buildForeignKey),
        uniques: of('u').map(buildUnique),
        checks: of('c').map(buildCheck),
        exclusions: of('x').map(buildExclusion),
        indexes: (indexes.get(t.oid) ?? []).map(buildIndex),
        triggers: (triggers.get(t.oid) ?? []).map(buildTrigger),
        policies: (policies.get(t.oid) ?? []).map(buildPolicy),
        grants: columnGrantsFrom(cols),
        dependsOn: dependsOn(objectId(t.schema, t.name)),
      }),
    );
  }
  for (const v of cat.views) {
    const cols = columns.get(v.oid) ?? [];
    objects.push(
      buildView(v, {
        columns: cols.map((c) => buildViewColumn(c, resolve)),
        indexes: (indexes.get(v.oid) ?? []).map(buildIndex),
        triggers: (triggers.get(v.oid) ?? []).map(buildTrigger),
        grants: columnGrantsFrom(cols),
        dependsOn: dependsOn(objectId(v.schema, v.name)),
      }),
    );
  }
  for (const s of cat.sequences) objects.push(buildSequence(s, dependsOn(objectId(s.schema, s.name))));
  for (const t of cat.types) {
    const id = objectId(t.schema, t.name);
    if (t.kind === 'e') objects.push(buildEnum(t, dependsOn(id)));
    else if (t.kind === 'd') objects.push(buildDomain(t, (domainChecks.get(t.oid) ?? []).map(buildCheck), resolve, dependsOn(id)));
    else objects.push(buildComposite(t, (columns.get(t.relid) ?? []).map((c) => buildAttribute(c, resolve)), dependsOn(id)));
  }
  for (const r of cat.routines) objects.push(buildRoutine(r, dependsOn(routineId(r.schema, r.name, r.signature))));
  objects.push(...cat.extensions.map(buildExtension));
  objects.push(...cat.collations.map(buildCollation));
  return canonicalModel({ formatVersion: FORMAT_VERSION, dialect: 'postgres', objects });
}

/** Reads the whole schema of a PostgreSQL (or PGlite) database into the unified model. */
export async function introspectPostgres(conn: Connection, options: IntrospectOptions = {}): Promise<Model> {
  return assembleModel(await readCatalog(conn, options));
}
