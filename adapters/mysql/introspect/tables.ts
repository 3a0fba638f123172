/**
 * Tables: the TABLES row (engine, default charset and collation, the row format and
 * other options the table was created with, comment; never the AUTO_INCREMENT counter
 * or statistics) with its columns, keys, constraints and triggers.
 */
import { objectId, type Table, type Trigger } from '../../../unified-model/index.js';
import type { MysqlFeatures } from '../features.js';
import type { CheckRow, ColumnRow, ForeignKeyRow, IndexKeyRow, TableRow } from './catalog.js';
import { buildColumn } from './columns.js';
import { buildCheck, buildForeignKeys, isJsonCheck } from './constraints.js';
import { buildKeys } from './indexes.js';
import { buildPartitioning, type PartitionRow } from './partitions.js';
import { SCHEMA } from './names.js';

/** Everything of one table, as index.ts groups it by table name. */
export interface TableParts {
  readonly columns: readonly ColumnRow[];
  readonly indexKeys: readonly IndexKeyRow[];
  readonly foreignKeys: readonly ForeignKeyRow[];
  readonly checks: readonly CheckRow[];
  readonly triggers: readonly Trigger[];
  readonly partitions: readonly PartitionRow[];
}

/** `utf8mb4_unicode_ci` → `utf8mb4`: a collation's name starts with its character set's. */
export const charsetOf = (collation: string): string => collation.split('_')[0];

/**
 * The options of CREATE_OPTIONS that the table was declared with (`row_format=DYNAMIC
 * stats_persistent=1`), as `rowFormat` and the other names as written. `partitioned`
 * is not an option: the table's `partitioning` says how.
 */
export function tableOptions(row: TableRow): Record<string, string> {
  const out: Record<string, string> = {};
  if (row.engine) out.engine = row.engine;
  if (row.type === 'SYSTEM VERSIONED') out.systemVersioning = 'true';
  for (const part of (row.create_options ?? '').split(/\s+/)) {
    if (part === '' || part === 'partitioned') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? 'true' : part.slice(eq + 1).replace(/^'(.*)'$/s, '$1');
    out[name === 'row_format' ? 'rowFormat' : name] = value;
  }
  return out;
}

export function buildTable(row: TableRow, parts: TableParts, f: MysqlFeatures): Table {
  const collation = row.collation ?? undefined;
  const charset = collation ? charsetOf(collation) : undefined;
  const jsonColumns = new Set(f.jsonIsText ? parts.checks.filter(isJsonCheck).map((c) => c.name) : []);
  const columns = parts.columns.map((c) => buildColumn(c, { charset, collation }, f, jsonColumns.has(c.name) && c.data_type === 'longtext'));
  // the word the server's CREATE INDEX takes for the catalog column it reports it in
  const keys = buildKeys(row.name, parts.indexKeys, f.ignoredIndexColumn === 'IS_VISIBLE' ? 'INVISIBLE' : 'IGNORED');
  const foreignKeys = buildForeignKeys(parts.foreignKeys);
  const checks = parts.checks.filter((c) => !(jsonColumns.has(c.name) && isJsonCheck(c))).map(buildCheck);
  const options = tableOptions(row);
  const partitioning = buildPartitioning(parts.partitions);
  return {
    kind: 'table',
    id: objectId(SCHEMA, row.name),
    schema: SCHEMA,
    name: row.name,
    ...(row.comment ? { comment: row.comment } : {}),
    columns,
    ...(keys.primaryKey ? { primaryKey: keys.primaryKey } : {}),
    ...(foreignKeys.length ? { foreignKeys } : {}),
    ...(keys.uniques.length ? { uniques: keys.uniques } : {}),
    ...(checks.length ? { checks } : {}),
    ...(keys.indexes.length ? { indexes: keys.indexes } : {}),
    ...(parts.triggers.length ? { triggers: [...parts.triggers] } : {}),
    ...(partitioning ? { partitioning } : {}),
    ...(charset ? { charset } : {}),
    ...(collation ? { collation } : {}),
    ...(Object.keys(options).length ? { options } : {}),
  };
}
