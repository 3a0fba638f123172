import { describe, expect, it } from 'vitest';
import type { LogicalType } from '../../unified-model/index.js';
import { converter } from '../../src/jobs/values/convert.js';
import { canonical, ChunkDigest, sumDigests } from '../../src/jobs/values/digest.js';

const conv = (from: LogicalType, to: LogicalType) => converter(from, to, 'users.col');
const int = (bits: 8 | 16 | 32 | 64, unsigned?: boolean): LogicalType => ({ kind: 'integer', bits, ...(unsigned ? { unsigned } : {}) });

describe('portable value conversion', () => {
  it('keeps integers exact and refuses what the target range cannot hold', () => {
    expect(conv(int(64), int(64))('9223372036854775807')).toBe('9223372036854775807');
    expect(() => conv(int(64, true), int(64))('18446744073709551615')).toThrow(/E_DATA_CONVERT|users\.col.*range/);
    expect(conv({ kind: 'decimal', precision: 10, scale: 2 }, int(32))('12.00')).toBe('12');
    expect(() => conv({ kind: 'decimal' }, int(32))('12.5')).toThrow(/fractional/);
  });

  it('names table.column and the types, never the value', () => {
    try {
      conv({ kind: 'text' }, { kind: 'uuid' })('secret-value-123');
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('E_DATA_CONVERT');
      expect((err as Error).message).toContain('users.col');
      expect((err as Error).message).not.toContain('secret-value-123');
    }
  });

  it('checks decimal scale and precision', () => {
    const d = { kind: 'decimal', precision: 5, scale: 2 } as const;
    expect(conv({ kind: 'decimal' }, d)('123.40')).toBe('123.40');
    expect(() => conv({ kind: 'decimal' }, d)('1.234')).toThrow(/after the point/);
    expect(() => conv({ kind: 'decimal' }, d)('1234.5')).toThrow(/before the point/);
    expect(conv({ kind: 'float', bits: 64 }, { kind: 'decimal' })(1.5e-7)).toBe('0.00000015');
  });

  it('turns booleans into 0/1 and back', () => {
    expect(conv({ kind: 'boolean' }, int(8))(true)).toBe('1');
    expect(conv(int(8), { kind: 'boolean' })('0')).toBe(false);
    expect(() => conv(int(8), { kind: 'boolean' })('2')).toThrow(/boolean/);
  });

  it('moves instants between zoned and plain timestamps, refusing lost precision', () => {
    expect(conv({ kind: 'timestamp', tz: true }, { kind: 'timestamp', tz: false, precision: 6 })('2024-01-02 03:04:05.123456+00')).toBe('2024-01-02 03:04:05.123456');
    expect(conv({ kind: 'timestamp', tz: false }, { kind: 'timestamp', tz: true })('2024-01-02 03:04:05')).toBe('2024-01-02 03:04:05+00');
    expect(() => conv({ kind: 'timestamp', tz: false }, { kind: 'timestamp', tz: false, precision: 0 })('2024-01-02 03:04:05.5')).toThrow(/fractional/);
    expect(() => conv({ kind: 'date' }, { kind: 'date' })('0000-00-00')).toThrow(/date/);
  });

  it('turns a set into an array, an array into JSON and JSON back into an array', () => {
    const set: LogicalType = { kind: 'set', values: ['a', 'b', 'c'] };
    const textArray: LogicalType = { kind: 'array', of: { kind: 'text' } };
    expect(conv(set, textArray)('a,c')).toEqual(['a', 'c']);
    expect(conv(set, textArray)('')).toEqual([]);
    expect(conv({ kind: 'array', of: int(32) }, { kind: 'json' })(['1', null, '-3'])).toBe('[1,null,-3]');
    expect(conv(textArray, { kind: 'json' })(['x"y', 'é😀'])).toBe('["x\\"y","é😀"]');
    expect(conv({ kind: 'json' }, { kind: 'array', of: int(32) })('[1, 2]')).toEqual(['1', '2']);
    expect(conv(textArray, set)(['b', 'a'])).toBe('b,a');
    expect(() => conv(textArray, set)(['z'])).toThrow(/label/);
  });

  it('counts characters, not UTF-16 units, against a length', () => {
    expect(conv({ kind: 'text' }, { kind: 'string', length: 2 })('😀😀')).toBe('😀😀');
    expect(() => conv({ kind: 'text' }, { kind: 'string', length: 2 })('😀😀x')).toThrow(/2 characters/);
    expect(() => conv({ kind: 'text' }, { kind: 'text', maxBytes: 4 })('ééé')).toThrow(/4 bytes/);
  });
});

describe('canonical digests', () => {
  const same = (l: LogicalType, a: unknown, b: unknown) => expect(canonical(l)(a as never)).toBe(canonical(l)(b as never));
  it('compare engine spellings of one value equal', () => {
    same({ kind: 'decimal' }, '4.50', '4.5');
    same({ kind: 'decimal' }, '-0.00', '0');
    same({ kind: 'time', tz: false }, '12:00:00.000000', '12:00:00');
    same({ kind: 'timestamp', tz: true }, '2024-01-02 03:04:05.100+00', '2024-01-02T03:04:05.1Z');
    same({ kind: 'boolean' }, true, 't');
    same({ kind: 'boolean' }, '0', false);
    same({ kind: 'json' }, '{"b": [1, 2], "a": 1}', '{"a":1,"b":[1,2]}');
    same({ kind: 'string', length: 5, fixed: true }, 'ab   ', 'ab');
    same({ kind: 'float', bits: 32 }, 1.1, 1.100000023841858);
    same({ kind: 'array', of: { kind: 'integer', bits: 32 } }, ['1', '2'], '[1,2]');
  });

  it('tell different rows apart, and NULL from empty', () => {
    const canon = [canonical({ kind: 'text' }), canonical({ kind: 'text' })];
    const d = (rows: (string | null)[][]) => new ChunkDigest(canon).add(rows).hex();
    expect(d([['a', 'bc']])).not.toBe(d([['ab', 'c']]));
    expect(d([['', null]])).not.toBe(d([[null, '']]));
    expect(d([['a', 'b'], ['c', 'd']])).toBe(d([['c', 'd'], ['a', 'b']]));
    expect(d([['a', 'b']])).not.toBe(d([['a', 'B']]));
  });

  it('sum chunks into the digest of the table, whatever the chunks', () => {
    const canon = [canonical({ kind: 'integer', bits: 64 }), canonical({ kind: 'text' })];
    const rows = Array.from({ length: 50 }, (_v, i) => [String(i), `row ${i} 😀`]);
    const d = (part: string[][]) => new ChunkDigest(canon).add(part).hex();
    expect(sumDigests([d(rows.slice(0, 7)), d(rows.slice(7, 30)), d(rows.slice(30))])).toBe(d(rows));
    expect(sumDigests([d(rows.slice(0, 7)), d(rows.slice(8))])).not.toBe(d(rows));
    expect(() => sumDigests(['0'.repeat(64)])).toThrow(/another version of redb/);
  });
});
