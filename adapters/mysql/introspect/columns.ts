/**
 * Columns and view columns from information_schema.COLUMNS rows. What EXTRA says
 * (auto_increment, ON UPDATE, VIRTUAL/STORED GENERATED, INVISIBLE) becomes fields of
 * the model; the AUTO_INCREMENT counter is never read.
 *
 * Defaults are SQL expressions as the server prints them: MariaDB quotes literals
 * (`'anon'`) and prints expressions bare (`current_timestamp(3)`); MySQL prints both
 * bare and marks expressions DEFAULT_GENERATED, so its literals are quoted here to read
 * the same. A default of NULL is no default (as in every other engine's model).
 */
import type { Column, ViewColumn } from '../../../unified-model/index.js';
import type { MysqlFeatures } from '../features.js';
import { columnType } from '../types.js';
import { quoteString } from './names.js';
import { standardQuotes } from './quotes.js';
import type { ColumnRow } from './catalog.js';

/** Types whose literals MySQL prints as numbers (no quotes needed to read them back). */
const NUMERIC = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year)$/i;



/** The default of a column as an expression, or undefined when it has none (or NULL). */
export function defaultOf(row: ColumnRow, f: MysqlFeatures): string | undefined {
  const d = row.dflt;
  if (d === null || d === undefined) return undefined;
  if (f.quotedDefaults) return d === 'NULL' ? undefined : standardQuotes(d);
  if (/\bDEFAULT_GENERATED\b/i.test(row.extra)) return standardQuotes(d);
  return NUMERIC.test(row.data_type) ? d : quoteString(d);
}

/** The expression of `on update current_timestamp(3)` in EXTRA. */
function onUpdateOf(extra: string): string | undefined {
  return /\bon update\s+(\S+(?:\(\d*\))?)/i.exec(extra)?.[1];
}

/** The generated-column part of a row: MariaDB and MySQL both say VIRTUAL or STORED GENERATED in EXTRA. */
function generatedOf(row: ColumnRow): Column['generated'] {
  const kind = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(row.extra)?.[1];
  if (!kind || !row.generation) return undefined;
  return { expression: standardQuotes(row.generation), stored: kind.toUpperCase() !== 'VIRTUAL' };
}

/** Where a table's own defaults are: columns that match them leave charset and collation out (they inherit). */
export interface TableDefaults {
  readonly charset?: string;
  readonly collation?: string;
}

/**
 * One column. `json`: the column is MariaDB's JSON (LONGTEXT with a json_valid check):
 * it reads as `json`, as it was declared, and its implied collation and check are left out.
 */
export function buildColumn(row: ColumnRow, table: TableDefaults, f: MysqlFeatures, json = false): Column {
  const dflt = defaultOf(row, f);
  const generated = generatedOf(row);
  const onUpdate = onUpdateOf(row.extra);
  const charsetDiffers = !json && row.charset !== null && row.charset !== table.charset;
  const collationDiffers = !json && row.collation !== null && (charsetDiffers || row.collation !== table.collation);
  return {
    name: row.name,
    type: json ? { native: 'json', logical: { kind: 'json' } } : columnType(row.data_type, row.column_type),
    nullable: row.nullable === 'YES',
    ...(dflt !== undefined && !generated ? { default: dflt } : {}),
    ...(generated ? { generated } : {}),
    ...(collationDiffers ? { collation: row.collation as string } : {}),
    ...(charsetDiffers ? { charset: row.charset as string } : {}),
    ...(/\bauto_increment\b/i.test(row.extra) ? { autoIncrement: true } : {}),
    ...(onUpdate ? { onUpdate } : {}),
    ...(/\bINVISIBLE\b/i.test(row.extra) ? { invisible: true } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/** A view's column: name and type only (a view's columns have no defaults of their own). */
export function buildViewColumn(row: ColumnRow): ViewColumn {
  return { name: row.name, type: columnType(row.data_type, row.column_type), ...(row.comment ? { comment: row.comment } : {}) };
}
