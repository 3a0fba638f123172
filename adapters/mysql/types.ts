/**
 * MySQL/MariaDB column types → the portable logical types of the model (the same
 * system PostgreSQL maps to). `native` is the server's COLUMN_TYPE exactly
 * (`int(10) unsigned zerofill`, `enum('a','b')`), so a same-engine round trip is exact.
 *
 * Choices: TINYINT(1) is MySQL's BOOLEAN (the server keeps no other trace of it), so it
 * reads as boolean; TIMESTAMP converts to and from the session time zone, so it reads as
 * a timestamp with time zone, DATETIME as one without; BIT(1) is boolean, wider BITs and
 * YEAR and the spatial types are `other`.
 */
import type { ColumnType, LogicalType } from '../../unified-model/index.js';

const INT_BITS: Readonly<Record<string, 8 | 16 | 24 | 32 | 64>> = { tinyint: 8, smallint: 16, mediumint: 24, int: 32, integer: 32, bigint: 64 };
const TEXT_BYTES: Readonly<Record<string, number | undefined>> = { tinytext: 255, text: 65_535, mediumtext: 16_777_215, longtext: undefined };
const BLOB_BYTES: Readonly<Record<string, number | undefined>> = { tinyblob: 255, blob: 65_535, mediumblob: 16_777_215, longblob: undefined };

/** The labels of `enum('a','it''s')` / `set(…)`, unquoted, in declared order. */
export function labelsOf(columnType: string): string[] {
  const inner = /^\w+\s*\((.*)\)/s.exec(columnType)?.[1] ?? '';
  const out: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/gs;
  for (let m = re.exec(inner); m; m = re.exec(inner)) out.push(m[1].replace(/''/g, "'").replace(/\\(.)/gs, '$1'));
  return out;
}

/** The numbers in the first parentheses of a type: `decimal(12,2)` → [12, 2]. */
function modifiers(columnType: string): number[] {
  const m = /^\w+\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(columnType);
  return m ? [Number(m[1]), ...(m[2] !== undefined ? [Number(m[2])] : [])] : [];
}

/**
 * The logical type of a column from its DATA_TYPE and COLUMN_TYPE.
 *
 * @example logicalType('int', 'int(10) unsigned') // { kind: 'integer', bits: 32, unsigned: true }
 * @example logicalType('enum', "enum('a','b')") // { kind: 'enum', values: ['a', 'b'] }
 */
export function logicalType(dataType: string, columnType: string): LogicalType {
  const base = dataType.toLowerCase();
  const native = columnType.toLowerCase();
  const [a, b] = modifiers(native);
  const unsigned = /\bunsigned\b/.test(native);
  if (base === 'tinyint' && a === 1 && !unsigned) return { kind: 'boolean' };
  const bits = INT_BITS[base];
  if (bits) return { kind: 'integer', bits, ...(unsigned ? { unsigned: true } : {}) };
  if (base === 'decimal' || base === 'numeric') return { kind: 'decimal', ...(a !== undefined ? { precision: a, scale: b ?? 0 } : {}) };
  if (base === 'float') return { kind: 'float', bits: 32 };
  if (base === 'double' || base === 'real') return { kind: 'float', bits: 64 };
  if (base === 'varchar') return { kind: 'string', ...(a !== undefined ? { length: a } : {}) };
  if (base === 'char') return { kind: 'string', length: a ?? 1, fixed: true };
  if (base in TEXT_BYTES) return { kind: 'text', ...(TEXT_BYTES[base] ? { maxBytes: TEXT_BYTES[base] } : {}) };
  if (base === 'varbinary') return { kind: 'binary', ...(a !== undefined ? { length: a } : {}) };
  if (base === 'binary') return { kind: 'binary', length: a ?? 1, fixed: true };
  if (base in BLOB_BYTES) return { kind: 'binary', ...(BLOB_BYTES[base] ? { maxBytes: BLOB_BYTES[base] } : {}) };
  if (base === 'date') return { kind: 'date' };
  if (base === 'datetime') return { kind: 'timestamp', tz: false, ...(a ? { precision: a } : {}) };
  if (base === 'timestamp') return { kind: 'timestamp', tz: true, ...(a ? { precision: a } : {}) };
  if (base === 'time') return { kind: 'time', tz: false, ...(a ? { precision: a } : {}) };
  if (base === 'json') return { kind: 'json' };
  if (base === 'uuid') return { kind: 'uuid' };
  if (base === 'enum') return { kind: 'enum', values: labelsOf(columnType) };
  if (base === 'set') return { kind: 'set', values: labelsOf(columnType) };
  if (base === 'bit' && (a ?? 1) === 1) return { kind: 'boolean' };
  return { kind: 'other', name: columnType };
}

/** `native` exactly as the server spells COLUMN_TYPE, plus its logical type. */
export function columnType(dataType: string, native: string): ColumnType {
  return { native, logical: logicalType(dataType, native) };
}
