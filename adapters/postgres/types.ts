/**
 * PostgreSQL type names → the portable logical types of the model. The input is
 * `format_type(type, typmod)` text (what `native` holds), so the mapping works the
 * same on recorded catalog rows, live catalogs and hand-written models.
 */
import type { ColumnType, LogicalType } from '../../unified-model/index.js';

/** Resolves a user-defined type (enum, domain, …) by its `format_type` name, e.g. `public.mood`. */
export type TypeResolver = (name: string) => LogicalType | undefined;

const SIMPLE: Readonly<Record<string, LogicalType>> = {
  smallint: { kind: 'integer', bits: 16 },
  integer: { kind: 'integer', bits: 32 },
  bigint: { kind: 'integer', bits: 64 },
  real: { kind: 'float', bits: 32 },
  'double precision': { kind: 'float', bits: 64 },
  text: { kind: 'text' },
  bytea: { kind: 'binary' },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  json: { kind: 'json' },
  jsonb: { kind: 'json', binary: true },
  uuid: { kind: 'uuid' },
};

/** `foo(12)` → ['foo', [12]]; `foo` → ['foo', []] */
function splitModifier(name: string): [string, number[]] {
  const m = /^(.*?)\(([\d,\s]+)\)(.*)$/s.exec(name);
  if (!m) return [name, []];
  return [`${m[1]}${m[3]}`.trim(), m[2].split(',').map((s) => Number(s.trim()))];
}

/** The bare type name of a possibly schema-qualified name: `public.vector(3)` → `vector(3)`. */
function unqualified(name: string): string {
  const m = /^(?:"(?:[^"]|"")*"|[^."(]+)\.(.*)$/s.exec(name);
  return m ? m[1] : name;
}

function builtin(name: string): LogicalType | undefined {
  const simple = SIMPLE[name];
  if (simple) return simple;
  const [base, mods] = splitModifier(name);
  const [a, b] = mods;
  switch (base) {
    case 'numeric':
      return a === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: a, scale: b ?? 0 };
    case 'character varying':
      return a === undefined ? { kind: 'string' } : { kind: 'string', length: a };
    case 'character':
      return { kind: 'string', length: a ?? 1, fixed: true };
    case 'time without time zone':
    case 'time with time zone':
    case 'timestamp without time zone':
    case 'timestamp with time zone': {
      const kind = base.startsWith('timestamp') ? 'timestamp' : 'time';
      const tz = base.endsWith('with time zone');
      return a === undefined ? { kind, tz } : { kind, tz, precision: a };
    }
  }
  if (/^interval\b/.test(name)) return { kind: 'interval' };
  // pgvector, wherever the extension was installed
  const [ext, extMods] = splitModifier(unqualified(name));
  if (ext === 'vector') return extMods[0] === undefined ? { kind: 'vector' } : { kind: 'vector', dim: extMods[0] };
  return undefined;
}

/**
 * The logical type of a `format_type` name. Arrays map element-wise; user types go
 * through `resolve`; anything unknown is `{ kind: 'other', name }`.
 *
 * @example logicalType('numeric(10,2)') // { kind: 'decimal', precision: 10, scale: 2 }
 * @example logicalType('public.mood[]', (n) => n === 'public.mood' ? { kind: 'enum', ref: 'public.mood' } : undefined)
 */
export function logicalType(native: string, resolve?: TypeResolver): LogicalType {
  if (native.endsWith('[]')) return { kind: 'array', of: logicalType(native.replace(/(\[\])+$/, ''), resolve) };
  return resolve?.(native) ?? builtin(native) ?? { kind: 'other', name: native };
}

/** `native` exactly as given plus its logical type. */
export function columnType(native: string, resolve?: TypeResolver): ColumnType {
  return { native, logical: logicalType(native, resolve) };
}
