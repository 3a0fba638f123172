/**
 * Partitioning from information_schema.PARTITIONS: one row per partition (or per
 * subpartition), in declared order. MySQL declares partitions with their table, so they
 * are `partitioning.partitions` of the table, never tables of their own.
 */
import type { InlinePartition, Partitioning, PartitionStrategy } from '../../../unified-model/index.js';

export interface PartitionRow {
  tbl: string; name: string; sub: string | null; method: string; sub_method: string | null;
  expression: string | null; sub_expression: string | null; description: string | null;
}

/** `LINEAR HASH` → hash, `RANGE COLUMNS` → range. */
function strategyOf(method: string): PartitionStrategy {
  const word = method.toUpperCase().replace(/^LINEAR\s+/, '').split(/\s+/)[0];
  return word === 'LIST' ? 'list' : word === 'HASH' ? 'hash' : word === 'KEY' ? 'key' : 'range';
}

/** The names in backticks in a partition expression: the columns it reads. */
function columnsOf(expression: string): string[] {
  return [...expression.matchAll(/`((?:[^`]|``)*)`/g)].map((m) => m[1].replace(/``/g, '`'));
}

/** A partition's bound as CREATE TABLE writes it: `VALUES LESS THAN (2020)`, `VALUES LESS THAN MAXVALUE`, `VALUES IN (1,2)`. */
function boundOf(method: string, description: string | null): string {
  if (description === null) return '';
  const m = method.toUpperCase();
  if (m.startsWith('LIST')) return `VALUES IN (${description})`;
  if (m === 'RANGE' && description.toUpperCase() === 'MAXVALUE') return 'VALUES LESS THAN MAXVALUE';
  return `VALUES LESS THAN (${description})`;
}

/** The partitioning of one table from its rows (sorted by partition and subpartition position), or undefined when it has none. */
export function buildPartitioning(rows: readonly PartitionRow[]): Partitioning | undefined {
  if (rows.length === 0) return undefined;
  const first = rows[0];
  const expression = first.expression ?? '';
  const partitions: { name: string; bound: string; subpartitions: string[] }[] = [];
  for (const r of rows) {
    let p = partitions[partitions.length - 1];
    if (!p || p.name !== r.name) partitions.push((p = { name: r.name, bound: boundOf(r.method, r.description), subpartitions: [] }));
    if (r.sub) p.subpartitions.push(r.sub);
  }
  const subExpression = first.sub_expression ?? '';
  return {
    strategy: strategyOf(first.method),
    key: `${first.method} (${expression})`,
    columns: columnsOf(expression),
    ...(first.sub_method ? { subpartitioning: { strategy: strategyOf(first.sub_method), key: `${first.sub_method} (${subExpression})`, columns: columnsOf(subExpression) } } : {}),
    partitions: partitions.map((p): InlinePartition => ({ name: p.name, bound: p.bound, ...(p.subpartitions.length ? { subpartitions: p.subpartitions } : {}) })),
  };
}
