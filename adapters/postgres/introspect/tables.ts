/** Tables: plain, partitioned (key) and partitions (parent + bound), inheritance, RLS, options. */
import { objectId, type Partitioning, type Table } from '../../../unified-model/index.js';
import { grantsFrom, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, schemaFilter } from './sql.js';

export interface TableRow {
  oid: string;
  rowtype: string;
  schema: string;
  name: string;
  kind: 'r' | 'p';
  unlogged: boolean;
  rls: boolean;
  rls_forced: boolean;
  options: string[] | null;
  access_method: string | null;
  part_strategy: 'r' | 'l' | 'h' | null;
  part_key: string | null;
  part_columns: string[] | null;
  is_partition: boolean;
  part_bound: string | null;
  /** [schema, name] of each parent, in inheritance order. */
  parents: [string, string][] | null;
  comment: string | null;
  acl: AclRow[] | null;
}

export const TABLES_SQL = `
SELECT c.oid::text AS oid, c.reltype::text AS rowtype, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
  c.relpersistence = 'u' AS unlogged, c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced,
  to_json(c.reloptions) AS options, am.amname AS access_method,
  pt.partstrat::text AS part_strategy,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS part_key,
  (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum) AS part_columns,
  c.relispartition AS is_partition,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS part_bound,
  (SELECT json_agg(json_build_array(pn.nspname, p.relname) ORDER BY i.inhseqno) FROM pg_inherits i
     JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid) AS parents,
  ${commentOf('pg_class', 'c.oid')} AS comment, ${aclOf('c.relacl', 'c.relowner')} AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
WHERE c.relkind IN ('r', 'p') AND ${schemaFilter('n')} AND ${notInExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

const STRATEGY = { r: 'range', l: 'list', h: 'hash' } as const;

/** `['fillfactor=70']` → `{ fillfactor: '70' }` */
export function parseOptions(options: readonly string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of options ?? []) {
    const eq = o.indexOf('=');
    out[eq === -1 ? o : o.slice(0, eq)] = eq === -1 ? '' : o.slice(eq + 1);
  }
  return out;
}

/** The parts of a table that other queries read. */
export type TableParts = Pick<Table, 'columns' | 'primaryKey' | 'foreignKeys' | 'uniques' | 'checks' | 'exclusions' | 'indexes' | 'triggers' | 'policies' | 'grants' | 'dependsOn'>;

export function buildTable(row: TableRow, parts: TableParts): Table {
  const options = parseOptions(row.options);
  // the default access method is the engine's; only a different one is a property of the table
  if (row.access_method && row.access_method !== 'heap') options.access_method = row.access_method;
  const parents = (row.parents ?? []).map(([s, n]) => objectId(s, n));
  const partitioning: Partitioning | undefined =
    row.part_strategy && row.part_key
      ? { strategy: STRATEGY[row.part_strategy], key: row.part_key, columns: row.part_columns ?? [] }
      : undefined;
  return {
    kind: 'table',
    id: objectId(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    ...parts,
    grants: [...(grantsFrom(row.acl)), ...(parts.grants ?? [])],
    dependsOn: [...(parts.dependsOn ?? []), ...parents],
    ...(row.rls || row.rls_forced ? { rowLevelSecurity: { enabled: row.rls, forced: row.rls_forced } } : {}),
    ...(partitioning ? { partitioning } : {}),
    ...(row.is_partition && parents[0] ? { partitionOf: { parent: parents[0], bound: row.part_bound ?? '' } } : { inherits: parents }),
    ...(row.unlogged ? { unlogged: true } : {}),
    options,
  };
}
