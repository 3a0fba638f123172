/** Native PostgreSQL type names (format_type output) → logical types. */
import { describe, expect, it } from 'vitest';
import { columnType, logicalType } from '../../../adapters/postgres/types.js';
import type { LogicalType } from '../../../unified-model/index.js';

const cases: [string, LogicalType][] = [
  ['smallint', { kind: 'integer', bits: 16 }],
  ['integer', { kind: 'integer', bits: 32 }],
  ['bigint', { kind: 'integer', bits: 64 }],
  ['numeric', { kind: 'decimal' }],
  ['numeric(10,2)', { kind: 'decimal', precision: 10, scale: 2 }],
  ['numeric(7,0)', { kind: 'decimal', precision: 7, scale: 0 }],
  ['real', { kind: 'float', bits: 32 }],
  ['double precision', { kind: 'float', bits: 64 }],
  ['character varying(20)', { kind: 'string', length: 20 }],
  ['character varying', { kind: 'string' }],
  ['character(2)', { kind: 'string', length: 2, fixed: true }],
  ['character', { kind: 'string', length: 1, fixed: true }],
  ['text', { kind: 'text' }],
  ['bytea', { kind: 'binary' }],
  ['boolean', { kind: 'boolean' }],
  ['date', { kind: 'date' }],
  ['time without time zone', { kind: 'time', tz: false }],
  ['time(3) with time zone', { kind: 'time', tz: true, precision: 3 }],
  ['timestamp without time zone', { kind: 'timestamp', tz: false }],
  ['timestamp(0) without time zone', { kind: 'timestamp', tz: false, precision: 0 }],
  ['timestamp(6) with time zone', { kind: 'timestamp', tz: true, precision: 6 }],
  ['interval', { kind: 'interval' }],
  ['interval year to month', { kind: 'interval' }],
  ['interval(3)', { kind: 'interval' }],
  ['json', { kind: 'json' }],
  ['jsonb', { kind: 'json', binary: true }],
  ['uuid', { kind: 'uuid' }],
  ['vector(3)', { kind: 'vector', dim: 3 }],
  ['public.vector(1536)', { kind: 'vector', dim: 1536 }],
  ['extensions.vector', { kind: 'vector' }],
  ['text[]', { kind: 'array', of: { kind: 'text' } }],
  ['integer[]', { kind: 'array', of: { kind: 'integer', bits: 32 } }],
  ['character varying(5)[]', { kind: 'array', of: { kind: 'string', length: 5 } }],
  ['money', { kind: 'other', name: 'money' }],
  ['bit(3)', { kind: 'other', name: 'bit(3)' }],
  ['tstzrange', { kind: 'other', name: 'tstzrange' }],
  ['"char"', { kind: 'other', name: '"char"' }],
  ['public.citext', { kind: 'other', name: 'public.citext' }],
  ['app.address', { kind: 'other', name: 'app.address' }],
];

describe('logicalType', () => {
  for (const [native, logical] of cases) {
    it(native, () => expect(logicalType(native)).toEqual(logical));
  }

  it('resolves user types (enums by id, domains by base) before built-in names', () => {
    const resolve = (name: string): LogicalType | undefined =>
      name === 'app.mood' ? { kind: 'enum', ref: 'app.mood' } : name === 'app.posint' ? { kind: 'integer', bits: 32 } : undefined;
    expect(logicalType('app.mood', resolve)).toEqual({ kind: 'enum', ref: 'app.mood' });
    expect(logicalType('app.mood[]', resolve)).toEqual({ kind: 'array', of: { kind: 'enum', ref: 'app.mood' } });
    expect(logicalType('app.posint', resolve)).toEqual({ kind: 'integer', bits: 32 });
    expect(logicalType('integer', resolve)).toEqual({ kind: 'integer', bits: 32 });
  });

  it('keeps native exactly as given', () => {
    expect(columnType('timestamp(3) with time zone')).toEqual({ native: 'timestamp(3) with time zone', logical: { kind: 'timestamp', tz: true, precision: 3 } });
  });
});
