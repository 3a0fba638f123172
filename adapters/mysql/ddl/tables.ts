/**
 * CREATE TABLE with what MySQL keeps inside it (columns, primary key, unique keys,
 * checks, indexes, table options, partitions), the table options as ALTER TABLE
 * clauses, and partitioning. Foreign keys are added by ALTER TABLE after every table
 * exists (plan units of their own).
 */
import type { Partitioning, Table } from '../../../unified-model/index.js';
import { columnSql } from './columns.js';
import { checkSql, foreignKeySql, indexSql, primaryKeySql, uniqueSql } from './members.js';
import type { OnlineAlter } from './online.js';
import { lit, q, word } from './quote.js';

/** Options of the model spelled as table options; the rest are written `name=value`. */
const SPELLED: Readonly<Record<string, string>> = { engine: 'ENGINE', rowFormat: 'ROW_FORMAT' };
/** Options that are not table options: written otherwise, or not at all. */
const NOT_OPTIONS = new Set(['systemVersioning']);

/** An option's name as the server printed it: a word, or a word in backticks (MariaDB's `` `PAGE_COMPRESSED` ``). */
const optionName = (name: string): string => {
  const inner = /^`(\w+)`$/u.exec(name)?.[1];
  return inner ? `\`${inner}\`` : word(name, 'table option').toUpperCase();
};

/** Table options as CREATE TABLE and ALTER TABLE write them, e.g. `ENGINE=InnoDB ROW_FORMAT=DYNAMIC`. */
export function optionClauses(options: Table['options']): string[] {
  return Object.entries(options ?? {})
    .filter(([name]) => !NOT_OPTIONS.has(name))
    .map(([name, value]) => `${SPELLED[name] ?? optionName(name)}=${word(value, `table option ${name}`)}`);
}

/** `DEFAULT CHARSET=… COLLATE=…` where the table has them. */
export function charsetClauses(t: { readonly charset?: string; readonly collation?: string }): string[] {
  return [...(t.charset ? [`DEFAULT CHARSET=${word(t.charset, 'charset')}`] : []), ...(t.collation ? [`COLLATE=${word(t.collation, 'collation')}`] : [])];
}

/** `PARTITION BY RANGE (…) SUBPARTITION BY … (PARTITION p VALUES … (SUBPARTITION …), …)`. */
export function partitionSql(p: Partitioning): string {
  const list = (p.partitions ?? []).map((part) => {
    const subs = part.subpartitions?.length ? ` (${part.subpartitions.map((s) => `SUBPARTITION ${q(s)}`).join(', ')})` : '';
    return `PARTITION ${q(part.name)}${part.bound ? ` ${part.bound}` : ''}${subs}`;
  });
  return [`PARTITION BY ${p.key}`, ...(p.subpartitioning ? [`SUBPARTITION BY ${p.subpartitioning.key}`] : []), ...(list.length ? [`(${list.join(', ')})`] : [])].join(' ');
}

/** CREATE TABLE for `t` (its foreign keys, when it has any, inline too: a caller that wants them later leaves them out). */
export function createTableSql(t: Table, online: OnlineAlter): string {
  const lines = [
    ...t.columns.map(columnSql),
    ...(t.primaryKey ? [primaryKeySql(t.primaryKey)] : []),
    ...(t.uniques ?? []).map(uniqueSql),
    ...(t.indexes ?? []).map((ix) => indexSql(ix, online.invisibleIndexWord)),
    ...(t.checks ?? []).map(checkSql),
    ...(t.foreignKeys ?? []).map((fk) => foreignKeySql(fk, online.restrictUnwritten)),
  ];
  const options = [...optionClauses(t.options), ...charsetClauses(t), ...(t.comment ? [`COMMENT=${lit(t.comment)}`] : [])];
  const versioning = t.options?.systemVersioning === 'true' ? ' WITH SYSTEM VERSIONING' : '';
  const partitions = t.partitioning ? `\n${partitionSql(t.partitioning)}` : '';
  return `CREATE TABLE ${q(t.name)} (\n  ${lines.join(',\n  ')}\n)${options.length ? ` ${options.join(' ')}` : ''}${versioning}${partitions}`;
}
