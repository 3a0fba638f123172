/**
 * One table of the model from its catalog rows and its stored CREATE TABLE text: the
 * pragmas give columns, types, defaults, key columns, foreign key actions and index
 * keys; the text gives names, CHECK text, collations, AUTOINCREMENT, generated
 * expressions and deferrability (see create-table.ts).
 */
import { objectId, type CheckConstraint, type Column, type ForeignKey, type Index, type IndexKey, type ReferentialAction, type Table, type UniqueConstraint } from '../../../unified-model/index.js';
import { columnType } from '../types.js';
import type { ColumnRow, ForeignKeyRow, IndexKeyRow, ObjectRow } from './catalog.js';
import { parseCreateTable, type ParsedForeignKey, type ParsedTable } from './create-table.js';
import { ConstraintNamer } from './names.js';
import { parseCreateIndex } from './statements.js';

export const SCHEMA = 'main';

/** What a table needs from the rest of the catalog, grouped by table name. */
export interface TableContext {
  readonly columns: ReadonlyMap<string, readonly ColumnRow[]>;
  readonly foreignKeys: ReadonlyMap<string, readonly ForeignKeyRow[]>;
  /** Key rows of each index of a table, by index name, in key order. */
  readonly indexKeys: ReadonlyMap<string, ReadonlyMap<string, readonly IndexKeyRow[]>>;
  /** Stored CREATE INDEX text by index name. */
  readonly indexSql: ReadonlyMap<string, string>;
  /** The real name of a table named in any case (SQLite names are case-insensitive). */
  readonly tableName: (name: string) => string | undefined;
  /** Primary key columns of a table, by its real name (for REFERENCES t without columns). */
  readonly primaryKeyOf: (table: string) => readonly string[];
  /** The real name of a column of a table named in any case; undefined when there is none. */
  readonly columnName: (table: string, column: string) => string | undefined;
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'NO ACTION': 'no-action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set-null',
  'SET DEFAULT': 'set-default',
};

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, k) => x.toLowerCase() === b[k].toLowerCase());

function column(row: ColumnRow, parsed: ParsedTable): Column {
  const p = parsed.columns.find((c) => c.name.toLowerCase() === row.name.toLowerCase());
  const generated = row.hidden === 2 || row.hidden === 3 ? { expression: p?.generated?.expression ?? '', stored: row.hidden === 3 } : undefined;
  return {
    name: row.name,
    type: columnType(row.type),
    nullable: row.notnull === 0,
    ...(row.dflt_value !== null ? { default: row.dflt_value } : {}),
    ...(generated ? { generated } : {}),
    ...(p?.collation ? { collation: p.collation } : {}),
    ...(p?.autoIncrement ? { autoIncrement: true } : {}),
  };
}

/**
 * The foreign keys: the pragma numbers them from the last one written (id 0) back to
 * the first, so reversed they line up with the text, which gives their names.
 */
function foreignKeys(table: string, rows: readonly ForeignKeyRow[], parsed: ParsedTable, ctx: TableContext, namer: ConstraintNamer): ForeignKey[] {
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const groups = [...byId.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g.sort((x, y) => x.seq - y.seq));
  const unused = [...parsed.foreignKeys];
  return groups.map((g) => {
    // a foreign key names columns as it likes (SQLite names are case-insensitive): the model uses the columns' own names
    const columns = g.map((r) => ctx.columnName(table, r.from) ?? r.from);
    const at = unused.findIndex((f) => same(f.columns, columns));
    const text: ParsedForeignKey | undefined = at === -1 ? undefined : unused.splice(at, 1)[0];
    const parent = ctx.tableName(g[0].table) ?? g[0].table;
    const referenced = g.every((r) => r.to !== null) ? g.map((r) => ctx.columnName(parent, r.to as string) ?? (r.to as string)) : [...ctx.primaryKeyOf(parent)];
    return {
      name: namer.name(text?.name, columns, 'fkey'),
      columns,
      references: objectId(SCHEMA, parent),
      referencedColumns: referenced,
      onDelete: ACTIONS[g[0].on_delete] ?? 'no-action',
      onUpdate: ACTIONS[g[0].on_update] ?? 'no-action',
      match: g[0].match === 'FULL' ? 'full' : g[0].match === 'PARTIAL' ? 'partial' : 'simple',
      ...(text?.deferrable ? { deferrable: true, initiallyDeferred: text.initiallyDeferred === true } : {}),
    };
  });
}

/** Key columns of an index (its auxiliary rowid and primary key columns left out). */
const keyRows = (rows: readonly IndexKeyRow[]) => rows.filter((r) => r.key === 1);

function index(name: string, rows: readonly IndexKeyRow[], definition: string, columns: readonly Column[]): Index {
  const parsed = parseCreateIndex(definition);
  const keys: IndexKey[] = keyRows(rows).map((r, k) => {
    const declared = r.cid >= 0 ? columns.find((c) => c.name === r.name)?.collation : undefined;
    // a key's collation is the column's unless the index says otherwise
    const collation = r.coll && r.coll.toUpperCase() !== (declared ?? 'BINARY').toUpperCase() ? r.coll : undefined;
    const at = r.cid >= 0 ? { column: r.name as string } : { expression: parsed.keys[k]?.expression ?? '' };
    return { ...at, ...(r.desc ? { order: 'desc' as const } : {}), ...(collation ? { collation } : {}) };
  });
  return { name, unique: rows[0]?.unique === 1, method: 'btree', keys, ...(parsed.predicate ? { predicate: parsed.predicate } : {}), definition };
}

function uniques(byIndex: readonly (readonly IndexKeyRow[])[], parsed: ParsedTable, namer: ConstraintNamer): UniqueConstraint[] {
  const unused = [...parsed.uniques];
  return byIndex.map((rows) => {
    const columns = keyRows(rows).map((r) => r.name ?? '');
    const at = unused.findIndex((u) => same(u.columns, columns));
    const text = at === -1 ? undefined : unused.splice(at, 1)[0];
    return { name: namer.name(text?.name, columns, 'key'), columns };
  });
}

function checks(parsed: ParsedTable, namer: ConstraintNamer): CheckConstraint[] {
  return parsed.checks.map((c) => ({ name: namer.name(c.name, c.column ? [c.column] : [], 'check'), expression: c.expression }));
}

/** Builds one table (triggers are added by the caller, they are objects of their own in sqlite_schema). */
export function buildTable(row: ObjectRow, ctx: TableContext): Table {
  const parsed = parseCreateTable(row.sql ?? '');
  const namer = new ConstraintNamer(row.name, [parsed.primaryKey?.name, ...parsed.uniques.map((u) => u.name), ...parsed.checks.map((c) => c.name), ...parsed.foreignKeys.map((f) => f.name)]);
  const columnRows = ctx.columns.get(row.name) ?? [];
  const columns = columnRows.map((c) => column(c, parsed));
  const pkColumns = columnRows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const indexes = ctx.indexKeys.get(row.name) ?? new Map<string, readonly IndexKeyRow[]>();
  const of = (origin: IndexKeyRow['origin']) => [...indexes.entries()].filter(([, rows]) => rows[0].origin === origin);
  const options: Record<string, string> = {};
  if (row.strict) options.strict = 'true';
  if (row.wr) options.withoutRowid = 'true';
  const primaryKey = pkColumns.length ? { name: namer.name(parsed.primaryKey?.name, [], 'pkey'), columns: pkColumns } : undefined;
  return {
    kind: 'table',
    id: objectId(SCHEMA, row.name),
    schema: SCHEMA,
    name: row.name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    foreignKeys: foreignKeys(row.name, ctx.foreignKeys.get(row.name) ?? [], parsed, ctx, namer),
    uniques: uniques(of('u').map(([, rows]) => rows), parsed, namer),
    checks: checks(parsed, namer),
    indexes: of('c').map(([n, rows]) => index(n, rows, ctx.indexSql.get(n) ?? '', columns)),
    options,
  };
}
