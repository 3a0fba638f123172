/**
 * MySQL/MariaDB introspection: a fixed list of bulk information_schema queries
 * (catalog.ts), then assembly of the model in memory. The connected database is one
 * model schema, `main`: ids are `main.orders` whatever the database is called.
 *
 * The catalog holds everything read here but a view's ALGORITHM on MySQL (MariaDB has
 * it in VIEWS): only there is SHOW CREATE VIEW run, once per view; and MariaDB's
 * sequence parameters, read by one more query where there are sequences (sequences.ts). `assembleModel` does
 * no I/O, so it can be tested from recorded rows.
 */
import { canonicalModel, FORMAT_VERSION, type DbObject, type Model } from '../../../unified-model/index.js';
import { ConnectError, type Connection, type IntrospectOptions } from '../../types.js';
import { featuresOfConnection, type MysqlFeatures } from '../features.js';
import { readCatalog, type Catalog, type ViewRow } from './catalog.js';
import { quoteIdent, SCHEMA } from './names.js';
import { buildEvent } from './events.js';
import { buildRoutine } from './routines.js';
import { buildSequence, sequencesSql, type SequenceRow } from './sequences.js';
import { buildTable } from './tables.js';
import { buildTriggers } from './triggers.js';
import { buildView } from './views.js';
import { groupBy } from '../../group-by.js';

export { catalogQueries, readCatalog, type Catalog } from './catalog.js';
export { SCHEMA } from './names.js';

/**
 * Turns catalog rows into a canonical model. `algorithms`: each view's ALGORITHM where
 * the catalog lacks it (MySQL), by view name.
 */
export function assembleModel(catalog: Catalog, f: MysqlFeatures, algorithms: ReadonlyMap<string, string> = new Map(), sequences: readonly SequenceRow[] = []): Model {
  const columns = groupBy(catalog.columns, (c) => c.tbl);
  const indexKeys = groupBy(catalog.indexKeys, (r) => r.tbl);
  const foreignKeys = groupBy(catalog.foreignKeys, (r) => r.tbl);
  const checks = groupBy(catalog.checks, (r) => r.tbl);
  const triggers = groupBy(catalog.triggers, (r) => r.tbl);
  const partitions = groupBy(catalog.partitions, (r) => r.tbl);
  const params = groupBy(catalog.parameters, (p) => `${p.type} ${p.routine}`);
  const views = new Map(catalog.views.map((v) => [v.name, v]));
  const reader = catalog.session?.[0]?.reader;
  // sequences (MariaDB) are tables of their own type: read as sequences, never as tables
  const tables = catalog.tables.filter((t) => t.type === 'BASE TABLE' || t.type === 'SYSTEM VERSIONED');
  const relations = new Set([...tables.map((t) => t.name), ...views.keys()]);
  const out: DbObject[] = tables.map((t) =>
    buildTable(
      t,
      {
        columns: columns.get(t.name) ?? [],
        indexKeys: indexKeys.get(t.name) ?? [],
        foreignKeys: foreignKeys.get(t.name) ?? [],
        checks: checks.get(t.name) ?? [],
        triggers: buildTriggers(triggers.get(t.name) ?? [], reader),
        partitions: partitions.get(t.name) ?? [],
      },
      f,
    ),
  );
  for (const v of views.values()) out.push(buildView(v, columns.get(v.name) ?? [], relations, v.algorithm ?? algorithms.get(v.name), reader));
  for (const r of catalog.routines) out.push(buildRoutine(r, params.get(`${r.type} ${r.name}`) ?? [], reader));
  for (const e of catalog.events ?? []) out.push(buildEvent(e, reader));
  for (const s of sequences) out.push(buildSequence(s));
  return canonicalModel({ formatVersion: FORMAT_VERSION, dialect: 'mysql', objects: out });
}

/**
 * The server shows a view's query only to a user with SHOW VIEW, and a routine's body
 * only to its definer or a user who may read every routine: without them the catalog
 * has NULL, and a model read from it would hold empty definitions that `status` reads
 * as changes. So the read fails, naming what it could not see and the privilege.
 */
function requireDefinitions(catalog: Catalog): void {
  const views = catalog.views.filter((v) => v.definition === null || v.definition.trim() === '').map((v) => v.name);
  const routines = catalog.routines.filter((r) => r.body === null).map((r) => `${r.type.toLowerCase()} ${r.name}`);
  if (!views.length && !routines.length) return;
  const what = [...(views.length ? [`view${views.length > 1 ? 's' : ''} ${views.join(', ')}`] : []), ...routines].join(', ');
  throw new ConnectError(
    `this user cannot see the definition of ${what}`,
    [
      ...(views.length ? ['GRANT SHOW VIEW ON the database to the user (views)'] : []),
      ...(routines.length ? ['connect as the routines\' definer, or GRANT SELECT ON mysql.proc (MariaDB before 11.3) / SHOW_ROUTINE (MySQL 8, MariaDB 11.3) to the user (routines)'] : []),
    ].join('; ') + '.',
  );
}

/** ALGORITHM of each view from SHOW CREATE VIEW, where the catalog has no such column (MySQL). */
async function viewAlgorithms(conn: Connection, views: readonly ViewRow[], f: MysqlFeatures): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (f.viewAlgorithmInCatalog) return out;
  for (const v of views) {
    const [row] = await conn.query<Record<string, string>>(`SHOW CREATE VIEW ${quoteIdent(v.name)}`);
    const algorithm = /\bALGORITHM=(\w+)/i.exec(row?.['Create View'] ?? '')?.[1];
    if (algorithm) out.set(v.name, algorithm);
  }
  return out;
}

/**
 * Reads the whole schema of the connected database with a fixed number of queries,
 * whatever the number of tables, on the connection itself.
 */
export async function introspectMysql(conn: Connection, options: IntrospectOptions = {}): Promise<Model> {
  // the one schema, `main`, is read unless a filter leaves it out
  const wanted = (!options.schemas || options.schemas.includes(SCHEMA)) && !options.excludeSchemas?.includes(SCHEMA);
  if (!wanted) return { formatVersion: FORMAT_VERSION, dialect: 'mysql', objects: [] };
  const f = featuresOfConnection(conn);
  const catalog = await readCatalog(conn, f);
  requireDefinitions(catalog);
  const sql = sequencesSql(catalog.tables.filter((t) => t.type === 'SEQUENCE').map((t) => t.name));
  const sequences = sql ? await conn.query<SequenceRow>(sql) : [];
  return assembleModel(catalog, f, await viewAlgorithms(conn, catalog.views, f), sequences);
}
