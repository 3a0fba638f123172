/**
 * Column types: `native` keeps a same-engine round trip exact, `logical` is the portable
 * kind a translation to another engine reads (docs/concepts.md, "Model for every engine").
 */

/** A portable kind for a column type: translation between engines goes through it. */
export type LogicalType =
  | { readonly kind: 'integer'; readonly bits: 8 | 16 | 24 | 32 | 64; readonly unsigned?: boolean }
  | { readonly kind: 'decimal'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'float'; readonly bits: 32 | 64 }
  | { readonly kind: 'string'; readonly length?: number; readonly fixed?: boolean }
  /** `maxBytes`: the engine's byte limit of a bounded text type (MySQL TINYTEXT 255, TEXT 65535, MEDIUMTEXT 16777215). */
  | { readonly kind: 'text'; readonly maxBytes?: number }
  /**
   * `length` with `fixed` for BINARY(n) and VARBINARY(n); `maxBytes` for a bounded blob
   * type (MySQL TINYBLOB 255 … MEDIUMBLOB 16777215); neither for an unbounded one (bytea, BLOB in SQLite).
   */
  | { readonly kind: 'binary'; readonly length?: number; readonly fixed?: boolean; readonly maxBytes?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time'; readonly tz: boolean; readonly precision?: number }
  | { readonly kind: 'timestamp'; readonly tz: boolean; readonly precision?: number }
  | { readonly kind: 'interval' }
  | { readonly kind: 'json'; readonly binary?: boolean }
  | { readonly kind: 'uuid' }
  /**
   * `ref`: the id of a named enum type (PostgreSQL); `values`: the labels of an inline
   * one, in declared order (MySQL ENUM('a','b')). A translation between the two spellings
   * reads the labels from the named type.
   */
  | { readonly kind: 'enum'; readonly ref?: string; readonly values?: readonly string[] }
  /** A set of labels stored in one value (MySQL SET('a','b')), in declared order. */
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly of: LogicalType }
  | { readonly kind: 'vector'; readonly dim?: number }
  | { readonly kind: 'other'; readonly name: string };

/** A column or attribute type: `native` exactly as the engine spells it, plus `logical`. */
export interface ColumnType {
  readonly native: string;
  readonly logical: LogicalType;
}
