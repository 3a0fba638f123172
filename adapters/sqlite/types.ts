/**
 * SQLite declared types → the portable logical types of the model. SQLite stores any
 * value in any column (outside STRICT tables) and keeps the declared type only as
 * text; the declared name is what says what the column is meant to hold, so the
 * logical type is read from it, as the affinity rules of
 * https://www.sqlite.org/datatype3.html#determination_of_column_affinity read it
 * (INT anywhere → integer, CHAR/CLOB/TEXT → text, BLOB → binary, REAL/FLOA/DOUB →
 * float, else numeric), refined by the common names: VARCHAR(n) is a string of n,
 * DECIMAL(p,s) a decimal, BOOLEAN, DATE and DATETIME what they say.
 */
import type { ColumnType, LogicalType } from '../../unified-model/index.js';

/**
 * The native type of a column declared without one. The model needs a type name, and
 * an empty declared type gives the same (BLOB) affinity as `BLOB` itself.
 */
export const UNTYPED = 'BLOB';

const EXACT: Readonly<Record<string, LogicalType>> = {
  INTEGER: { kind: 'integer', bits: 64 },
  BIGINT: { kind: 'integer', bits: 64 },
  INT8: { kind: 'integer', bits: 64 },
  'UNSIGNED BIG INT': { kind: 'integer', bits: 64 },
  INT: { kind: 'integer', bits: 32 },
  INT4: { kind: 'integer', bits: 32 },
  MEDIUMINT: { kind: 'integer', bits: 24 },
  SMALLINT: { kind: 'integer', bits: 16 },
  INT2: { kind: 'integer', bits: 16 },
  TINYINT: { kind: 'integer', bits: 8 },
  TEXT: { kind: 'text' },
  CLOB: { kind: 'text' },
  BLOB: { kind: 'binary' },
  REAL: { kind: 'float', bits: 64 },
  DOUBLE: { kind: 'float', bits: 64 },
  'DOUBLE PRECISION': { kind: 'float', bits: 64 },
  FLOAT: { kind: 'float', bits: 64 },
  BOOLEAN: { kind: 'boolean' },
  BOOL: { kind: 'boolean' },
  DATE: { kind: 'date' },
  DATETIME: { kind: 'timestamp', tz: false },
  TIMESTAMP: { kind: 'timestamp', tz: false },
  TIME: { kind: 'time', tz: false },
  JSON: { kind: 'json' },
  UUID: { kind: 'uuid' },
};

const VARYING = new Set(['VARCHAR', 'CHARACTER VARYING', 'VARYING CHARACTER', 'NVARCHAR', 'NATIVE CHARACTER VARYING']);
const FIXED = new Set(['CHAR', 'CHARACTER', 'NCHAR', 'NATIVE CHARACTER']);

/** `VARCHAR ( 20 )` → ['VARCHAR', [20]]: the name upper-cased with single spaces, and its numeric modifiers. */
function split(native: string): [string, number[]] {
  const m = /^(.*?)\s*\(\s*([+-]?\d+)\s*(?:,\s*([+-]?\d+)\s*)?\)\s*$/s.exec(native);
  const base = (m ? m[1] : native).trim().replace(/\s+/g, ' ').toUpperCase();
  return [base, m ? [Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : [])] : []];
}

/** The affinity rules, for names none of the common ones match. */
function byAffinity(upper: string): LogicalType | undefined {
  if (upper.includes('INT')) return { kind: 'integer', bits: 64 };
  if (/CHAR|CLOB|TEXT/.test(upper)) return { kind: 'text' };
  if (/REAL|FLOA|DOUB/.test(upper)) return { kind: 'float', bits: 64 };
  return undefined;
}

/**
 * The logical type of a declared type. Names with a modifier keep it: VARCHAR(20) is a
 * string of 20 (SQLite itself does not enforce the length). Anything unknown is `other`.
 *
 * @example logicalType('DECIMAL(10, 2)') // { kind: 'decimal', precision: 10, scale: 2 }
 * @example logicalType('NVARCHAR(40)') // { kind: 'string', length: 40 }
 */
export function logicalType(native: string): LogicalType {
  const [base, [a, b]] = split(native);
  if (VARYING.has(base)) return a === undefined ? { kind: 'string' } : { kind: 'string', length: a };
  if (FIXED.has(base)) return { kind: 'string', length: a ?? 1, fixed: true };
  if (base === 'NUMERIC' || base === 'DECIMAL') return a === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: a, ...(b !== undefined ? { scale: b } : { scale: 0 }) };
  const exact = EXACT[base];
  if (exact && (a === undefined || exact.kind === 'integer' || exact.kind === 'float')) return exact;
  return byAffinity(base) ?? { kind: 'other', name: native };
}

/** `native` exactly as declared (an empty one as `UNTYPED`), plus its logical type. */
export function columnType(declared: string): ColumnType {
  const native = declared.trim() === '' ? UNTYPED : declared;
  return { native, logical: logicalType(native) };
}
