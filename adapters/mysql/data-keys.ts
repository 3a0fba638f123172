/**
 * Rows of a MySQL/MariaDB table in primary-key order, a batch at a time: the reads of a
 * copy go on after the last key read, written `k1 >= ? AND (k1 > ? OR k2 > ?)` rather
 * than `(k1, k2) > (?, ?)`: MariaDB scans the whole index for the row comparison
 * (EXPLAIN: type index) but ranges over the expanded one, so a batch costs its own rows.
 */
import type { Column, Table } from '../../unified-model/index.js';
import type { PortableValue } from '../types.js';
import { quoteIdent as q } from './introspect/names.js';
import { literal } from './data-values.js';

export function columnOf(table: Table, name: string): Column {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`${table.name} has no column ${name}`);
  return c;
}

export const keyOf = (table: Table): readonly string[] => table.primaryKey?.columns ?? [];

/** `k1 >= a AND (k1 > a OR (k2 >= b AND (k2 > b OR k3 > c)))`: strictly after the key, as a range on the index. */
export function afterKey(cols: readonly Column[], lits: readonly string[], i = 0): string {
  const id = q(cols[i].name);
  if (i === cols.length - 1) return `${id} > ${lits[i]}`;
  return `${id} >= ${lits[i]} AND (${id} > ${lits[i]} OR ${afterKey(cols, lits, i + 1)})`;
}

/**
 * `SELECT list FROM table`, in primary-key order after the key `after`, at most `limit`
 * rows: a batch of a copy. A table without a primary key is selected whole.
 */
export function keyOrderSelect(table: Table, list: string, after: readonly PortableValue[] | undefined, limit: number): string {
  const key = keyOf(table).map((n) => columnOf(table, n));
  let sql = `SELECT ${list} FROM ${q(table.name)}`;
  if (!key.length) return sql;
  if (after) {
    if (after.length !== key.length) throw new Error(`${table.name}: a key of ${after.length} values after a primary key of ${key.length} columns`);
    sql += ` WHERE ${afterKey(key, after.map((v, i) => literal(v, key[i], table.name)))}`;
  }
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`a batch of ${limit} rows: not a positive integer`);
  return `${sql} ORDER BY ${key.map((k) => q(k.name)).join(', ')} LIMIT ${limit}`;
}
