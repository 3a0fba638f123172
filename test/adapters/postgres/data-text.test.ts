/**
 * The text forms of PostgreSQL data (no database): COPY fields, SQL literals, array
 * literals both ways, and error messages with the values taken out.
 */
import { describe, expect, it } from 'vitest';
import { dataWriteError, valueFreeMessage } from '../../../adapters/postgres/data-errors.js';
import { copyField, NulInText, parseArrayLiteral, pgText, sqlLiteral, sqlValue, utcText } from '../../../adapters/postgres/data-text.js';
import { RedbError } from '../../../src/errors.js';
import type { Table } from '../../../unified-model/index.js';

describe('values to text', () => {
  it('escapes COPY fields: backslash, tab, newline, CR; NULL is \\N; bytea is \\\\x hex', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField(Buffer.from([0, 255]))).toBe('\\\\x00ff');
    expect(copyField(true)).toBe('t');
    expect(copyField(-0)).toBe('-0');
    expect(copyField(1e-300)).toBe('1e-300');
    expect(() => copyField('a\u0000b')).toThrow(NulInText);
  });

  it('writes arrays as array literals with every element quoted', () => {
    expect(pgText(['a,b', 'c"d', 'e\\f', null, '', 'NULL'])).toBe('{"a,b","c\\"d","e\\\\f",NULL,"","NULL"}');
    expect(pgText([[1, 2], [3, null]])).toBe('{{"1","2"},{"3",NULL}}');
    expect(pgText([Buffer.from([1])])).toBe('{"\\\\x01"}');
    expect(pgText([])).toBe('{}');
  });

  it('quotes SQL literals, as E-strings where a backslash is', () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b\'')).toBe("E'a\\\\b'''");
    expect(sqlValue(null)).toBe('NULL');
  });

  it('reads array literals back, with bounds and nesting', () => {
    expect(parseArrayLiteral('{"a,b","c\\"d","e\\\\f",NULL,"",NULL-ish}')).toEqual(['a,b', 'c"d', 'e\\f', null, '', 'NULL-ish']);
    expect(parseArrayLiteral('[0:1]={{1,2},{3,4}}')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseArrayLiteral('{}')).toEqual([]);
    const values = ['x', ' spaced ', '{braces}', 'q"uote', 'back\\slash', 'NULL'];
    expect(parseArrayLiteral(pgText(values) as string)).toEqual(values);
  });

  it('puts +00 after a UTC time, before a BC era, and leaves infinity alone', () => {
    expect(utcText('2020-01-01 10:00:00.5')).toBe('2020-01-01 10:00:00.5+00');
    expect(utcText('0044-03-15 10:00:00 BC')).toBe('0044-03-15 10:00:00+00 BC');
    expect(utcText('-infinity')).toBe('-infinity');
  });
});

describe('write errors without values', () => {
  const table = { kind: 'table', id: 'app.items', schema: 'app', name: 'items', columns: [{ name: 'qty', type: { native: 'integer', logical: { kind: 'integer', bits: 32 } }, nullable: true }], primaryKey: { name: 'items_pkey', columns: ['qty'] } } as unknown as Table;

  it('blanks quoted values and bytes but keeps the names of the table', () => {
    const names = new Set(['items', 'qty', 'items_pkey', 'UTF8']);
    expect(valueFreeMessage('invalid input syntax for type integer: "s3cret"', names)).toBe('invalid input syntax for type integer: "…"');
    expect(valueFreeMessage('value "12345678901" is out of range for type integer', names)).toBe('value "…" is out of range for type integer');
    expect(valueFreeMessage('null value in column "qty" of relation "items" violates not-null constraint', names)).toBe('null value in column "qty" of relation "items" violates not-null constraint');
    expect(valueFreeMessage('invalid byte sequence for encoding "UTF8": 0xe2 0x82', names)).toBe('invalid byte sequence for encoding "UTF8"');
  });

  it('names table, column (from a COPY context), SQLSTATE and condition; never DETAIL or CONTEXT', () => {
    const err = Object.assign(new Error('invalid input syntax for type integer: "s3cret"'), { code: '22P02', where: 'COPY items, line 1, column qty: "s3cret"', detail: 'Key (qty)=(s3cret)' });
    const out = dataWriteError(err, table, ['qty'], 'insert into') as RedbError;
    expect(out).toBeInstanceOf(RedbError);
    expect(out.code).toBe('E_DATA_WRITE');
    expect(out.message).toBe('cannot insert into app.items.qty: invalid input syntax for type integer: "…" (SQLSTATE 22P02 invalid_text_representation)');
    // not a server error: left as it is
    const plain = new Error('boom');
    expect(dataWriteError(plain, table, ['qty'], 'insert into')).toBe(plain);
  });
});
