/**
 * The type mapping tables of `redb translate`, both ways: each logical type as the
 * target spells it, whether that is exact, and what the report says when it is not.
 * The native spellings must read back (through the target's own type reader) as the
 * logical type they claim, or the model would lie about itself.
 */
import { describe, expect, it } from 'vitest';
import { mysqlColumnType, readMysqlCheck, readMysqlDefault, writeMysqlCheck, writeMysqlDefault } from '../../adapters/mysql/translate.js';
import { logicalType as mysqlLogical } from '../../adapters/mysql/types.js';
import { readSqliteCheck, readSqliteDefault, sqliteColumnType } from '../../adapters/sqlite/translate.js';
import { logicalType as sqliteLogical } from '../../adapters/sqlite/types.js';
import { pgColumnType, readPgCheck, readPgDefault, writePgCheck, writePgDefault } from '../../adapters/postgres/translate.js';
import { logicalType as pgLogical } from '../../adapters/postgres/types.js';
import type { LogicalType } from '../../unified-model/index.js';

/** [source logical type, native on the target, exact, a word the note must hold]. */
type Row = [LogicalType, string, boolean, string?];

const TO_MYSQL: Row[] = [
  [{ kind: 'integer', bits: 16 }, 'smallint', true],
  [{ kind: 'integer', bits: 32 }, 'int', true],
  [{ kind: 'integer', bits: 64 }, 'bigint', true],
  [{ kind: 'decimal', precision: 10, scale: 2 }, 'decimal(10,2)', true],
  [{ kind: 'decimal' }, 'decimal(65,30)', false, 'precision'],
  [{ kind: 'decimal', precision: 100, scale: 2 }, 'decimal(65,30)', false, 'limit'],
  [{ kind: 'float', bits: 32 }, 'float', true],
  [{ kind: 'float', bits: 64 }, 'double', true],
  [{ kind: 'string', length: 120 }, 'varchar(120)', true],
  [{ kind: 'string', length: 4, fixed: true }, 'char(4)', true],
  [{ kind: 'string', length: 100_000 }, 'longtext', false, 'wider'],
  [{ kind: 'text' }, 'longtext', true],
  [{ kind: 'binary' }, 'longblob', true],
  [{ kind: 'boolean' }, 'tinyint(1)', true],
  [{ kind: 'date' }, 'date', true],
  [{ kind: 'time', tz: false }, 'time', true],
  [{ kind: 'time', tz: true }, 'time', false, 'time zone'],
  [{ kind: 'timestamp', tz: false, precision: 3 }, 'datetime(3)', true],
  [{ kind: 'timestamp', tz: true }, 'datetime', false, 'time zone'],
  [{ kind: 'interval' }, 'varchar(64)', false, 'interval'],
  [{ kind: 'json' }, 'json', true],
  [{ kind: 'json', binary: true }, 'json', false, 'jsonb'],
  [{ kind: 'uuid' }, 'char(36)', false, 'uuid'],
  [{ kind: 'enum', ref: 'public.mood', values: ['sad', "it's"] }, "enum('sad','it''s')", false, 'public.mood'],
  [{ kind: 'array', of: { kind: 'text' } }, 'json', false, 'array'],
  [{ kind: 'other', name: 'money' }, 'longtext', false, 'money'],
];

const TO_PG: Row[] = [
  [{ kind: 'integer', bits: 8 }, 'smallint', false, 'widened'],
  [{ kind: 'integer', bits: 8, unsigned: true }, 'smallint', false, 'unsigned'],
  [{ kind: 'integer', bits: 24 }, 'integer', false, 'widened'],
  [{ kind: 'integer', bits: 32 }, 'integer', true],
  [{ kind: 'integer', bits: 32, unsigned: true }, 'bigint', false, 'unsigned'],
  [{ kind: 'integer', bits: 64, unsigned: true }, 'numeric(20,0)', false, 'unsigned'],
  [{ kind: 'decimal', precision: 5, scale: 2 }, 'numeric(5,2)', true],
  [{ kind: 'float', bits: 32 }, 'real', true],
  [{ kind: 'float', bits: 64 }, 'double precision', true],
  [{ kind: 'string', length: 45 }, 'character varying(45)', true],
  [{ kind: 'string', length: 2, fixed: true }, 'character(2)', true],
  [{ kind: 'text', maxBytes: 65_535 }, 'text', false, '65535'],
  [{ kind: 'text' }, 'text', true],
  [{ kind: 'binary', maxBytes: 65_535 }, 'bytea', false, '65535'],
  [{ kind: 'boolean' }, 'boolean', true],
  [{ kind: 'timestamp', tz: true }, 'timestamp with time zone', true],
  [{ kind: 'timestamp', tz: false, precision: 3 }, 'timestamp(3) without time zone', true],
  [{ kind: 'time', tz: false }, 'time without time zone', true],
  [{ kind: 'json' }, 'json', true],
  [{ kind: 'uuid' }, 'uuid', true],
  [{ kind: 'enum', ref: 'public.film_rating', values: ['G', 'PG'] }, 'public.film_rating', true],
  [{ kind: 'set', values: ['a', 'b'] }, 'text[]', false, 'set'],
  [{ kind: 'other', name: 'year(4)' }, 'smallint', false, 'year'],
  [{ kind: 'other', name: 'geometry' }, 'text', false, 'geometry'],
];

describe('logical types → MySQL/MariaDB', () => {
  it.each(TO_MYSQL)('%j → %s', (logical, native, exact, word) => {
    const t = mysqlColumnType(logical, { keyed: false });
    expect(t.type.native).toBe(native);
    expect(t.exact).toBe(exact);
    if (word) expect(t.note).toContain(word);
    else expect(t.note).toBeUndefined();
    // the model's logical type is what MySQL's own reader makes of the spelling
    expect(t.type.logical).toEqual(mysqlLogical(/^\w+/.exec(native)![0], native));
  });

  it('text and unbounded strings used as keys become varchar(255), reported', () => {
    for (const l of [{ kind: 'text' }, { kind: 'string' }] as LogicalType[]) {
      const t = mysqlColumnType(l, { keyed: true });
      expect(t.type.native).toBe('varchar(255)');
      expect(t.exact).toBe(false);
    }
    expect(mysqlColumnType({ kind: 'text' }, { keyed: true }).note).toMatch(/index.*prefix/);
  });
});

describe('logical types → PostgreSQL', () => {
  it.each(TO_PG)('%j → %s', (logical, native, exact, word) => {
    const t = pgColumnType(logical);
    expect(t.type.native).toBe(native);
    expect(t.exact).toBe(exact);
    if (word) expect(t.note).toContain(word);
    else expect(t.note).toBeUndefined();
    if (logical.kind !== 'enum') expect(t.type.logical).toEqual(pgLogical(native));
  });

  it('an array maps element-wise and keeps the element note', () => {
    const t = pgColumnType({ kind: 'array', of: { kind: 'integer', bits: 8 } });
    expect(t.type).toEqual({ native: 'smallint[]', logical: { kind: 'array', of: { kind: 'integer', bits: 16 } } });
    expect(t.note).toMatch(/^array element: 8-bit integer widened/);
  });
});

describe('defaults through the portable form', () => {
  const pg = (native: string) => ({ native, logical: pgLogical(native) });
  const my = (native: string) => ({ native, logical: mysqlLogical(/^\w+/.exec(native)![0], native) });

  it('reads PostgreSQL normal forms', () => {
    expect(readPgDefault('now()')).toEqual({ kind: 'now' });
    expect(readPgDefault('CURRENT_TIMESTAMP')).toEqual({ kind: 'now' });
    expect(readPgDefault('gen_random_uuid()')).toEqual({ kind: 'random-uuid' });
    expect(readPgDefault("nextval('public.posts_id_seq'::regclass)")).toEqual({ kind: 'sequence', sequence: 'public.posts_id_seq' });
    expect(readPgDefault("'ok'::public.mood")).toEqual({ kind: 'string', text: 'ok' });
    expect(readPgDefault("'it''s'::text")).toEqual({ kind: 'string', text: "it's" });
    expect(readPgDefault('(-1)')).toEqual({ kind: 'number', text: '-1' });
    expect(readPgDefault("'4.99'::numeric")).toEqual({ kind: 'string', text: '4.99' });
    expect(readPgDefault('false')).toEqual({ kind: 'boolean', value: false });
    expect(readPgDefault('lower(x)')).toBeUndefined();
  });

  it('reads MySQL/MariaDB normal forms', () => {
    expect(readMysqlDefault('current_timestamp()', my('timestamp'))).toEqual({ kind: 'now' });
    expect(readMysqlDefault('current_timestamp(3)', my('datetime(3)'))).toEqual({ kind: 'now' });
    expect(readMysqlDefault("'G'", my("enum('G','PG')"))).toEqual({ kind: 'string', text: 'G' });
    expect(readMysqlDefault('4.99', my('decimal(4,2)'))).toEqual({ kind: 'number', text: '4.99' });
    expect(readMysqlDefault('1', my('tinyint(1)'))).toEqual({ kind: 'boolean', value: true });
    expect(readMysqlDefault('uuid()', my('char(36)'))).toEqual({ kind: 'random-uuid' });
    expect(readMysqlDefault('rand() * 2', my('double'))).toBeUndefined();
  });

  it('writes each engine\'s spelling, or nothing where the column cannot have it', () => {
    expect(writePgDefault({ kind: 'now' }, pg('timestamp with time zone'))).toBe('now()');
    expect(writePgDefault({ kind: 'now' }, pg('integer'))).toBeUndefined();
    expect(writePgDefault({ kind: 'boolean', value: true }, pg('boolean'))).toBe('true');
    expect(writePgDefault({ kind: 'string', text: "it's" }, pg('text'))).toBe("'it''s'");
    expect(writeMysqlDefault({ kind: 'now' }, my('datetime(3)'))).toBe('current_timestamp(3)');
    expect(writeMysqlDefault({ kind: 'now' }, my('datetime'))).toBe('current_timestamp()');
    expect(writeMysqlDefault({ kind: 'random-uuid' }, my('char(36)'))).toBe('(uuid())');
    expect(writeMysqlDefault({ kind: 'boolean', value: false }, my('tinyint(1)'))).toBe('0');
    expect(writeMysqlDefault({ kind: 'string', text: '{}' }, my('json'))).toBe("('{}')");
    expect(writeMysqlDefault({ kind: 'sequence', sequence: 'public.s' }, my('bigint'))).toBeUndefined();
  });
});

describe('simple checks through the portable form', () => {
  it('reads one comparison in each engine\'s normal form, and nothing more', () => {
    const check = { column: 'price', op: '>=', value: { kind: 'number', text: '0' } };
    expect(readPgCheck('(price >= (0)::numeric)')).toEqual(check);
    expect(readMysqlCheck('`price` >= 0')).toEqual(check);
    expect(readPgCheck("((code)::text <> ''::text)")).toEqual({ column: 'code', op: '<>', value: { kind: 'string', text: '' } });
    expect(readMysqlCheck('`a` > 0 and `b` > 0')).toBeUndefined();
    expect(readPgCheck('((a > 0) AND (b > 0))')).toBeUndefined();
    expect(readPgCheck('(lower(name) = name)')).toBeUndefined();
  });

  it('writes it back for the other engine', () => {
    const check = { column: 'order', op: '<>', value: { kind: 'string', text: "it's" } } as const;
    expect(writeMysqlCheck(check)).toBe("`order` <> 'it''s'");
    expect(writePgCheck(check)).toBe(`"order" <> 'it''s'`);
  });
});

const TO_SQLITE: Row[] = [
  [{ kind: 'integer', bits: 32 }, 'INT', true],
  [{ kind: 'integer', bits: 64 }, 'INTEGER', true],
  [{ kind: 'integer', bits: 64, unsigned: true }, 'INTEGER', false, 'unsigned'],
  [{ kind: 'decimal', precision: 10, scale: 2 }, 'DECIMAL(10,2)', false, 'NUMERIC affinity'],
  [{ kind: 'float', bits: 32 }, 'REAL', false, 'single precision'],
  [{ kind: 'string', length: 20 }, 'VARCHAR(20)', true],
  [{ kind: 'text' }, 'TEXT', true],
  [{ kind: 'boolean' }, 'BOOLEAN', true],
  [{ kind: 'timestamp', tz: true }, 'DATETIME', false, 'time zone'],
  [{ kind: 'interval' }, 'TEXT', false, 'interval'],
  [{ kind: 'uuid' }, 'UUID', true],
  [{ kind: 'enum', values: ['a'] }, 'TEXT', false, 'labels'],
  [{ kind: 'array', of: { kind: 'text' } }, 'JSON', false, 'arrays'],
];

describe('logical types → SQLite', () => {
  it.each(TO_SQLITE)('%j → %s', (logical, native, exact, word) => {
    const t = sqliteColumnType(logical);
    expect(t.type.native).toBe(native);
    expect(t.exact).toBe(exact);
    if (word) expect(t.note).toContain(word);
    else expect(t.note).toBeUndefined();
    expect(t.type.logical).toEqual(sqliteLogical(native));
  });

  it('reads SQLite defaults and checks as written', () => {
    expect(readSqliteDefault('CURRENT_TIMESTAMP')).toEqual({ kind: 'now' });
    expect(readSqliteDefault("('x')")).toEqual({ kind: 'string', text: 'x' });
    expect(readSqliteDefault('random()')).toBeUndefined();
    expect(readSqliteCheck('"weight" > 0')).toEqual({ column: 'weight', op: '>', value: { kind: 'number', text: '0' } });
    expect(readSqliteCheck("rating in ('G','PG')")).toBeUndefined();
  });
});
