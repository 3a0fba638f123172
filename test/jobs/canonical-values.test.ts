/**
 * The two pieces of a canonical-text copy that run in node: whether a target type holds
 * a source type unchanged (values/holds.ts), and the sums of the lines sent
 * (values/line-sums.ts), equal to md5's first 60 bits summed however the bytes are cut.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { holds } from '../../src/jobs/values/holds.js';
import { LineSums } from '../../src/jobs/values/line-sums.js';
import type { LogicalType } from '../../unified-model/index.js';

describe('holds', () => {
  const cases: [LogicalType, LogicalType, boolean][] = [
    [{ kind: 'integer', bits: 64 }, { kind: 'integer', bits: 32 }, true],
    [{ kind: 'integer', bits: 32 }, { kind: 'integer', bits: 64 }, false],
    [{ kind: 'integer', bits: 32 }, { kind: 'integer', bits: 32, unsigned: true }, false],
    [{ kind: 'integer', bits: 64 }, { kind: 'integer', bits: 32, unsigned: true }, true],
    [{ kind: 'integer', bits: 32, unsigned: true }, { kind: 'integer', bits: 16 }, false],
    [{ kind: 'decimal' }, { kind: 'decimal', precision: 12, scale: 2 }, true],
    [{ kind: 'decimal', precision: 12, scale: 2 }, { kind: 'decimal' }, false],
    [{ kind: 'decimal', precision: 12, scale: 3 }, { kind: 'decimal', precision: 11, scale: 2 }, true],
    [{ kind: 'decimal', precision: 12, scale: 3 }, { kind: 'decimal', precision: 12, scale: 2 }, false],
    [{ kind: 'decimal', precision: 12, scale: 1 }, { kind: 'decimal', precision: 10, scale: 2 }, false],
    [{ kind: 'string', length: 40 }, { kind: 'string', length: 40 }, true],
    [{ kind: 'string', length: 39 }, { kind: 'string', length: 40 }, false],
    [{ kind: 'string', length: 10, fixed: true }, { kind: 'string', length: 10 }, false],
    [{ kind: 'text' }, { kind: 'string', length: 10 }, true],
    [{ kind: 'text', maxBytes: 65_535 }, { kind: 'text' }, false],
    [{ kind: 'text', maxBytes: 65_535 }, { kind: 'string', length: 255 }, true],
    [{ kind: 'string' }, { kind: 'text', maxBytes: 255 }, true],
    [{ kind: 'string', length: 100 }, { kind: 'text', maxBytes: 255 }, false],
    [{ kind: 'enum', values: ['a', 'b', 'c'] }, { kind: 'enum', values: ['a', 'b'] }, true],
    [{ kind: 'enum', values: ['A', 'b'] }, { kind: 'enum', values: ['a', 'b'] }, false],
    [{ kind: 'enum', ref: 'public.mood' }, { kind: 'enum', values: ['a'] }, false],
    [{ kind: 'timestamp', tz: false, precision: 6 }, { kind: 'timestamp', tz: false, precision: 3 }, true],
    [{ kind: 'timestamp', tz: false, precision: 3 }, { kind: 'timestamp', tz: false, precision: 6 }, false],
    [{ kind: 'timestamp', tz: true, precision: 6 }, { kind: 'timestamp', tz: false, precision: 6 }, false],
    [{ kind: 'timestamp', tz: false }, { kind: 'timestamp', tz: false }, false],
    [{ kind: 'float', bits: 64 }, { kind: 'float', bits: 64 }, false],
    [{ kind: 'json' }, { kind: 'json' }, false],
    [{ kind: 'uuid' }, { kind: 'uuid' }, true],
    [{ kind: 'boolean' }, { kind: 'integer', bits: 8 }, false],
  ];
  it.each(cases)('%j holds %j: %s', (to, from, expected) => {
    expect(holds(to, from)).toBe(expected);
  });

  it('takes a precision the model leaves to the engine as the engines say', () => {
    const plain: LogicalType = { kind: 'timestamp', tz: false };
    expect(holds(plain, plain, { from: 0, to: 6 })).toBe(true);
    expect(holds(plain, plain, { from: 6, to: 0 })).toBe(false);
    expect(holds({ kind: 'time', tz: false, precision: 3 }, { kind: 'time', tz: false }, { from: 0 })).toBe(true);
  });
});

/** md5's first 60 bits of each line, summed: the servers' definition, computed apart. */
function reference(lines: readonly string[]): string {
  return lines.reduce((sum, l) => sum + (BigInt(`0x${createHash('md5').update(l).digest('hex')}`) >> 68n), 0n).toString();
}

describe('LineSums', () => {
  const lines = ['1\tabc\t\\N', '2\t😀 é\t4.5', '', '3\t\\\\N\t\\t', 'x'.repeat(70_000)];
  const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''));

  it('sums md5\'s first 60 bits of each line, wherever the pieces are cut', () => {
    const whole = new LineSums();
    whole.push(bytes);
    expect([whole.rows, whole.sum()]).toEqual([lines.length, reference(lines)]);
    for (let cut = 1; cut < bytes.length; cut += cut < 200 ? 1 : 997) {
      const s = new LineSums();
      s.push(bytes.subarray(0, cut));
      s.push(bytes.subarray(cut));
      expect(s.sum(), `cut at ${cut}`).toBe(whole.sum());
    }
    const bytewise = new LineSums();
    for (const b of bytes.subarray(0, 300)) bytewise.push(Buffer.from([b]));
    bytewise.push(bytes.subarray(300));
    expect(bytewise.sum()).toBe(whole.sum());
  });

  it('stays exact past the sums a double holds, and refuses bytes that do not end a line', () => {
    const many = Array.from({ length: 1_100_000 }, (_v, i) => String(i));
    const s = new LineSums();
    s.push(Buffer.from(many.map((l) => `${l}\n`).join('')));
    expect(s.sum()).toBe(reference(many));
    const cut = new LineSums();
    cut.push(Buffer.from('1\t2\n3\t'));
    expect(() => cut.sum()).toThrow(/do not end in a newline/);
  });
});
