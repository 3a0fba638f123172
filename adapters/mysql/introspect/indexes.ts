/**
 * Primary keys, unique constraints and indexes from information_schema.STATISTICS rows
 * (one row per key part). MySQL has no unique constraint apart from a unique index, so
 * the model picks one spelling for each: a unique BTREE index on whole columns in
 * ascending order, visible and without a comment, is a unique constraint (what
 * `UNIQUE (a, b)` creates, and what other engines call one); any other unique index
 * (a prefix, DESC, an expression, IGNORED, a comment) stays an index with `unique`.
 */
import type { Index, IndexKey, PrimaryKey, UniqueConstraint } from '../../../unified-model/index.js';
import type { IndexKeyRow } from './catalog.js';
import { quoteIdent, quoteString } from './names.js';
import { standardQuotes } from './quotes.js';

export interface TableKeys {
  primaryKey?: PrimaryKey;
  uniques: UniqueConstraint[];
  indexes: Index[];
}

function keyOf(row: IndexKeyRow): IndexKey {
  const spatial = row.index_type === 'SPATIAL';
  // a SPATIAL key reports SUB_PART 32 on MariaDB: the size of its bounding box, not a prefix
  const length = !spatial && row.sub_part !== null && row.sub_part !== undefined ? Number(row.sub_part) : undefined;
  return {
    ...(row.col !== null ? { column: row.col } : { expression: standardQuotes(row.expression ?? '') }),
    ...(row.collation === 'D' ? { order: 'desc' as const } : {}),
    ...(length !== undefined ? { length } : {}),
  };
}

/** A key as CREATE INDEX writes it: `` `name`(10) DESC ``, an expression in parentheses. */
function keySql(k: IndexKey): string {
  const base = k.column !== undefined ? quoteIdent(k.column) : `(${k.expression})`;
  return `${base}${k.length !== undefined ? `(${k.length})` : ''}${k.order === 'desc' ? ' DESC' : ''}`;
}

function buildIndex(table: string, name: string, rows: readonly IndexKeyRow[], invisibleWord: string): Index {
  const first = rows[0];
  const unique = Number(first.non_unique) === 0;
  const method = first.index_type.toLowerCase();
  const keys = rows.map(keyOf);
  const invisible = Number(first.ignored ?? 0) === 1;
  const kind = method === 'fulltext' ? 'FULLTEXT ' : method === 'spatial' ? 'SPATIAL ' : unique ? 'UNIQUE ' : '';
  const definition = [
    `CREATE ${kind}INDEX ${quoteIdent(name)}${method === 'hash' ? ' USING HASH' : ''} ON ${quoteIdent(table)} (${keys.map(keySql).join(', ')})`,
    ...(first.comment ? [`COMMENT ${quoteString(first.comment)}`] : []),
    ...(invisible ? [invisibleWord] : []),
  ].join(' ');
  return {
    name,
    unique,
    method,
    keys,
    ...(invisible ? { invisible: true } : {}),
    ...(first.comment ? { comment: first.comment } : {}),
    definition,
  };
}

const isPlainUnique = (ix: Index): boolean =>
  ix.unique && ix.method === 'btree' && !ix.invisible && !ix.comment && ix.keys.every((k) => k.column !== undefined && k.length === undefined && k.order === undefined);

/**
 * The keys of one table from its STATISTICS rows (sorted by index name and position).
 * `invisibleWord` is how the server spells an index the optimizer ignores (`IGNORED`, `INVISIBLE`).
 */
export function buildKeys(table: string, rows: readonly IndexKeyRow[], invisibleWord: string): TableKeys {
  const byIndex = new Map<string, IndexKeyRow[]>();
  for (const r of rows) byIndex.set(r.idx, [...(byIndex.get(r.idx) ?? []), r]);
  const out: TableKeys = { uniques: [], indexes: [] };
  for (const [name, parts] of byIndex) {
    if (name === 'PRIMARY') {
      out.primaryKey = { name, columns: parts.map((p) => p.col ?? '') };
      continue;
    }
    const ix = buildIndex(table, name, parts, invisibleWord);
    if (isPlainUnique(ix)) out.uniques.push({ name, columns: ix.keys.map((k) => k.column as string) });
    else out.indexes.push(ix);
  }
  return out;
}
