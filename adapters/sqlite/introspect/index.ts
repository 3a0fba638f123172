/**
 * SQLite introspection: four catalog queries (see catalog.ts), then assembly of the
 * model in memory from their rows and the stored SQL of each object. The connected
 * database is one schema, `main`: ids are `main.users`, whatever the file is called.
 *
 * `assembleModel` does no I/O, so it can be tested from recorded rows.
 */
import { canonicalModel, FORMAT_VERSION, objectId, type DbObject, type Model, type Table, type Trigger, type View } from '../../../unified-model/index.js';
import type { Connection, IntrospectOptions } from '../../types.js';
import { inReadSnapshot } from '../connect.js';
import { columnType } from '../types.js';
import { readCatalog, type Catalog, type ColumnRow, type ObjectRow } from './catalog.js';
import { parseCreateTrigger, parseCreateView, relationsRead } from './statements.js';
import { buildTable, SCHEMA, type TableContext } from './tables.js';
import { groupBy } from '../../group-by.js';

export { readCatalog, type Catalog } from './catalog.js';
export { SCHEMA } from './tables.js';

/**
 * A stored statement without the whitespace around it: SQLite keeps the text up to the
 * `;`, so a script that put a newline before it stores one, and the same object created
 * by another script would read differently.
 */
const stored = (sql: string): string => sql.trim();

function buildTrigger(row: ObjectRow): Trigger {
  const sql = stored(row.sql ?? '');
  const p = parseCreateTrigger(sql);
  return {
    name: row.name,
    timing: p.timing,
    events: [p.event],
    // SQLite has row triggers only (FOR EACH ROW is the default and the only kind)
    level: 'row',
    ...(p.updateColumns ? { updateColumns: p.updateColumns } : {}),
    ...(p.when ? { when: p.when } : {}),
    body: p.body,
    definition: sql,
  };
}

function buildView(row: ObjectRow, columns: ReadonlyMap<string, readonly ColumnRow[]>, realName: (n: string) => string | undefined): View {
  const sql = row.sql ?? '';
  const { body } = parseCreateView(sql);
  const reads = new Set(relationsRead(body).map(realName).filter((n): n is string => !!n && n !== row.name));
  return {
    kind: 'view',
    id: objectId(SCHEMA, row.name),
    schema: SCHEMA,
    name: row.name,
    definition: body,
    columns: (columns.get(row.name) ?? []).map((c) => ({ name: c.name, type: columnType(c.type) })),
    dependsOn: [...reads].map((n) => objectId(SCHEMA, n)),
  };
}

/** Turns catalog rows into a canonical model. */
export function assembleModel(catalog: Catalog): Model {
  // shadow tables belong to a virtual table, which is not read
  const objects = catalog.objects.filter((o) => o.list_type !== 'shadow');
  const relations = objects.filter((o) => o.type === 'table' || o.type === 'view');
  const byLower = new Map(relations.map((o) => [o.name.toLowerCase(), o.name]));
  const realName = (name: string) => byLower.get(name.toLowerCase());
  const columns = groupBy(catalog.columns, (c) => c.tbl);
  const indexKeys = new Map([...groupBy(catalog.indexKeys, (r) => r.tbl)].map(([t, rows]) => [t, groupBy(rows, (r) => r.idx)]));
  const pk = (t: string) => (columns.get(t) ?? []).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const ctx: TableContext = {
    columns,
    foreignKeys: groupBy(catalog.foreignKeys, (f) => f.tbl),
    indexKeys,
    indexSql: new Map(objects.filter((o) => o.type === 'index' && o.sql).map((o) => [o.name, stored(o.sql as string)])),
    tableName: realName,
    primaryKeyOf: pk,
    columnName: (t, c) => columns.get(t)?.find((x) => x.name.toLowerCase() === c.toLowerCase())?.name,
  };
  const triggers = new Map<string, Trigger[]>();
  for (const o of objects.filter((o) => o.type === 'trigger')) {
    const owner = realName(o.tbl_name) ?? o.tbl_name;
    triggers.set(owner, [...(triggers.get(owner) ?? []), buildTrigger(o)]);
  }
  const out: DbObject[] = relations.map((o) => {
    const built: Table | View = o.type === 'table' ? buildTable(o, ctx) : buildView(o, columns, realName);
    const own = triggers.get(o.name);
    return own ? { ...built, triggers: own } : built;
  });
  return canonicalModel({ formatVersion: FORMAT_VERSION, dialect: 'sqlite', objects: out });
}

/**
 * Reads the whole schema of the connected database with four queries, whatever the
 * number of tables, in one read transaction (one snapshot of the file). Always on the
 * connection itself: inside a deploy's transaction it sees the deploy's own changes.
 */
export async function introspectSqlite(conn: Connection, options: IntrospectOptions = {}): Promise<Model> {
  // the one schema, `main`, is read unless a filter leaves it out
  const wanted = (!options.schemas || options.schemas.includes(SCHEMA)) && !options.excludeSchemas?.includes(SCHEMA);
  if (!wanted) return { formatVersion: FORMAT_VERSION, dialect: 'sqlite', objects: [] };
  return assembleModel(await inReadSnapshot(conn, () => readCatalog(conn)));
}
