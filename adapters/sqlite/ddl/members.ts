/**
 * Indexes, triggers and views: SQLite stores each one's CREATE statement, and the model
 * keeps it (`definition`), so a re-created object is the statement the engine printed.
 */
import type { Index, Table, Trigger, View } from '../../../unified-model/index.js';
import { q } from './quote.js';

const isCreate = (sql: string): boolean => /^\s*create\s/i.test(sql);

/** CREATE [UNIQUE] INDEX: the stored statement, else one written from the keys. */
export function createIndexSql(index: Index, table: Table): string {
  if (index.definition && isCreate(index.definition)) return index.definition;
  const keys = index.keys.map((k) => [k.column !== undefined ? q(k.column) : `(${k.expression})`, ...(k.collation ? [`COLLATE ${k.collation}`] : []), ...(k.order === 'desc' ? ['DESC'] : [])].join(' '));
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table.name)} (${keys.join(', ')})${index.predicate ? ` WHERE ${index.predicate}` : ''}`;
}

export const dropIndexSql = (index: Index): string => `DROP INDEX ${q(index.name)}`;

/** CREATE TRIGGER: SQLite triggers have inline bodies, kept whole in the stored statement. */
export function createTriggerSql(trigger: Trigger): string {
  return trigger.definition;
}

export const dropTriggerSql = (trigger: Trigger): string => `DROP TRIGGER ${q(trigger.name)}`;

/**
 * CREATE VIEW: the stored statement, or the stored query under the view's name with its
 * column names: a view declared `CREATE VIEW v (a, b) AS …` keeps those names only in
 * `columns` (the query would name them otherwise, e.g. `count(*)`).
 */
export function createViewSql(view: View): string {
  if (isCreate(view.definition)) return view.definition;
  const columns = view.columns.length ? ` (${view.columns.map((c) => q(c.name)).join(', ')})` : '';
  return `CREATE VIEW ${q(view.name)}${columns} AS ${view.definition}`;
}

export const dropViewSql = (view: View): string => `DROP VIEW ${q(view.name)}`;
