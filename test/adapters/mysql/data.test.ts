/**
 * The MySQL/MariaDB data capability against the real server at REDB_TEST_MYSQL_URL: every
 * common type survives a read → insert → read round trip in portable form (exact digits,
 * dates as stored, TIMESTAMP in UTC whatever the session's zone), batches in key order
 * cover a composite key exactly once, and a value the server refuses or would change is
 * `E_DATA_WRITE` naming table.column without the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import type { Connection, DataTable, PortableValue } from '../../../adapters/types.js';
import type { Table } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import { skipNote } from '../../support/live.js';
import { freshMysqlDatabase, noServer } from './helpers.js';

const data = mysqlAdapter.data!;

const TYPES = `(
  id int NOT NULL PRIMARY KEY,
  i8 tinyint, u8 tinyint unsigned, i16 smallint, i24 mediumint, i32 int, u32 int unsigned,
  i64 bigint, u64 bigint unsigned, dec65 decimal(65,30), f float, d double,
  ch char(10), vc varchar(200), tx text, lt longtext,
  bn binary(4), vb varbinary(64), lb longblob,
  flag tinyint(1), bit1 bit(1), dt date, tm time(6), dtm datetime(6), ts timestamp(6) NULL,
  yr year, js json, en enum('small','large'), st set('a','b','c'), uu uuid
) DEFAULT CHARSET=utf8mb4`;

const megabyte = Buffer.alloc(1024 * 1024, 0);
for (let i = 0; i < megabyte.length; i += 7) megabyte[i] = i % 256;

const FULL: PortableValue[] = [
  '1',
  '-128', '255', '-32768', '-8388608', '-2147483648', '4294967295',
  '-9223372036854775808', '18446744073709551615', '-12345678901234567890123456789012345.123456789012345678901234567890', 3.5, 2.718281828459045,
  'fixed', 'unicode é ß 漢字 😀 tab\there\nnewline \\ back \'q\' "dq"', 'x'.repeat(1000), '😀'.repeat(50_000),
  Buffer.from([0, 1, 0, 2]), Buffer.from([0, 0, 255]), megabyte,
  true, true, '2024-02-29', '23:59:59.123456', '1999-12-31 23:59:59.999999', '2038-01-19 03:14:07.123456+00',
  '2024', '{"a": [1, 2.5, "x"], "b": null}', 'large', 'a,c', '123e4567-e89b-12d3-a456-426614174000',
];
const NULLS: PortableValue[] = ['2', ...FULL.slice(1).map(() => null)];
const SECOND: PortableValue[] = ['3', '0', '0', '0', '0', '0', '0', '0', '0', '0.000000000000000000000000000001', -0.5, 1e-300, '', '', '', '', Buffer.alloc(4), Buffer.alloc(0), Buffer.alloc(0), false, false, '1970-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000+00', '1901', '[]', 'small', '', '00000000-0000-0000-0000-000000000000'];

async function tableOf(conn: Connection, name: string): Promise<Table> {
  const model = await mysqlAdapter.introspect(conn);
  const t = model.objects.find((o) => o.kind === 'table' && o.name === name) as Table | undefined;
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

const all = (table: Table): DataTable => ({ table, columns: table.columns.map((c) => c.name) });

async function readAll(conn: Connection, t: DataTable, limit = 1000): Promise<PortableValue[][]> {
  const out: PortableValue[][] = [];
  let after: readonly PortableValue[] | undefined;
  for (;;) {
    const b = await data.readBatch(conn, t, after, limit);
    out.push(...b.rows);
    if (!b.last || b.rows.length < limit) return out;
    after = b.last;
  }
}

async function writeError(p: Promise<unknown>): Promise<RedbError> {
  try {
    await p;
  } catch (e) {
    return e as RedbError;
  }
  throw new Error('the write succeeded');
}

describe.skipIf(noServer)(skipNote('MySQL data', noServer), () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let conn: Connection;

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_mydata');
    conn = await mysqlAdapter.connect(db.url);
    // a non-UTC session: TIMESTAMP must still be read and written in UTC
    await conn.query("SET time_zone = '+05:30'");
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('round-trips every common type, NULLs included, exactly', async () => {
    await conn.query(`CREATE TABLE types ${TYPES}`);
    await conn.query(`CREATE TABLE types_copy ${TYPES}`);
    const src = all(await tableOf(conn, 'types'));
    await conn.transaction(() => data.insert(conn, src, [FULL, NULLS, SECOND]));
    const rows = await readAll(conn, src);
    // compared without the megabyte, so a failure prints a readable difference
    const small = (r: PortableValue[][]) => r.map((x) => x.map((v) => (v === megabyte ? 'MB' : Buffer.isBuffer(v) && v.length === megabyte.length ? (v.equals(megabyte) ? 'MB' : 'other MB') : v)));
    expect(small(rows)).toEqual(small([FULL, NULLS, SECOND]));
    // the same rows written again through insert read back the same: a copy
    const dst = all(await tableOf(conn, 'types_copy'));
    await conn.transaction(() => data.insert(conn, dst, rows));
    expect(small(await readAll(conn, dst))).toEqual(small(rows));
    // the session's own time zone was left as it was
    const [tz] = await conn.query<{ tz: string }>('SELECT @@SESSION.time_zone AS tz');
    expect(tz.tz).toBe('+05:30');
    // the TIMESTAMP is the instant given, seen from the session zone
    const [seen] = await conn.query<{ ts: string }>('SELECT ts FROM types WHERE id = 1');
    expect(seen.ts).toBe('2038-01-19 08:44:07.123456');
  });

  it('reads a composite key in batches that cover the table exactly once', async () => {
    await conn.query('CREATE TABLE pairs (a int NOT NULL, b varchar(10) NOT NULL, v int, PRIMARY KEY (a, b))');
    const t: DataTable = { table: await tableOf(conn, 'pairs'), columns: ['v'] };
    const rows: PortableValue[][] = [];
    for (let a = 0; a < 7; a++) for (const b of ['x', 'y', 'z']) rows.push([String(a), b, String(a * 10 + b.charCodeAt(0))]);
    await data.insert(conn, { table: t.table, columns: ['a', 'b', 'v'] }, rows);
    const seen: string[] = [];
    let after: readonly PortableValue[] | undefined;
    let batches = 0;
    for (;;) {
      const batch = await data.readBatch(conn, t, after, 4);
      batches++;
      seen.push(...batch.rows.map((r) => String(r[0])));
      if (batch.rows.length < 4) break;
      after = batch.last;
      expect(after).toHaveLength(2);
    }
    expect(batches).toBe(6);
    expect(seen).toEqual(rows.map((r) => r[2]));
    expect(await data.count(conn, t.table)).toBe(21);
  });

  it('reads a table without a primary key whole', async () => {
    await conn.query('CREATE TABLE nokey (v int, s varchar(5))');
    const t = all(await tableOf(conn, 'nokey'));
    await data.insert(conn, t, [['1', 'a'], ['1', 'a'], [null, null]]);
    const b = await data.readBatch(conn, t, undefined, 1);
    expect(b.last).toBeUndefined();
    expect(b.rows).toHaveLength(3);
  });

  it('upserts, deletes by key, and truncates inside a transaction that can roll back', async () => {
    await conn.query('CREATE TABLE kv (k bigint unsigned NOT NULL, n varchar(10) NOT NULL, v text, PRIMARY KEY (k, n))');
    const t = all(await tableOf(conn, 'kv'));
    await data.insert(conn, t, [['1', 'a', 'one'], ['2', 'b', 'two'], ['18446744073709551615', 'z', 'max']]);
    await data.upsert(conn, t, [['2', 'b', 'TWO'], ['3', 'c', 'three'], ['3', 'c', 'THREE']]);
    expect(await readAll(conn, t)).toEqual([['1', 'a', 'one'], ['2', 'b', 'TWO'], ['3', 'c', 'THREE'], ['18446744073709551615', 'z', 'max']]);
    // only the key columns: nothing to replace
    await data.upsert(conn, { table: t.table, columns: ['k', 'n'] }, [['1', 'a']]);
    await data.deleteKeys(conn, t.table, [['1', 'a'], ['18446744073709551615', 'z'], ['9', 'none']]);
    expect((await readAll(conn, t)).map((r) => r[0])).toEqual(['2', '3']);
    await expect(
      conn.transaction(async () => {
        await data.truncate(conn, t.table);
        expect(await data.count(conn, t.table)).toBe(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await data.count(conn, t.table)).toBe(2);
  });

  it('refuses a too-long string and a bad uuid with E_DATA_WRITE naming table.column, never the value', async () => {
    await conn.query('CREATE TABLE strict_t (id int PRIMARY KEY, s varchar(5), u uuid, n tinyint unsigned, j json)');
    const t = all(await tableOf(conn, 'strict_t'));
    const long = await writeError(data.insert(conn, t, [['1', 'ok', null, null, null], ['2', 'secret-too-long', null, null, null]]));
    expect(long.code).toBe('E_DATA_WRITE');
    expect(long.message).toContain('strict_t.s');
    expect(long.message).toContain('row 2 of the batch');
    expect(long.message).not.toContain('secret');
    const uuid = await writeError(data.insert(conn, t, [['3', null, 'not-a-uuid-secret', null, null]]));
    expect(uuid.code).toBe('E_DATA_WRITE');
    expect(uuid.message).toContain('strict_t.u');
    expect(uuid.message).not.toContain('secret');
    expect(JSON.stringify(uuid)).not.toContain('secret');
    const range = await writeError(data.insert(conn, t, [['4', null, null, '-7', null]]));
    expect(range.message).toContain('strict_t.n');
    const json = await writeError(data.insert(conn, t, [['5', null, null, null, '{"secret": ']]));
    expect(json.message).toContain('strict_t.j');
    expect(json.message).not.toContain('secret');
    const dup = await writeError(data.insert(conn, t, [['6', null, null, null, null], ['6', null, null, null, null]]));
    expect(dup.message).toContain('strict_t');
    expect(dup.message).toContain('PRIMARY');
    expect(await data.count(conn, t.table)).toBe(0);
  });

  it('turns a warning into an error: a value the server would store changed', async () => {
    await conn.query('CREATE TABLE warned (id int PRIMARY KEY, d decimal(5,2))');
    const t = all(await tableOf(conn, 'warned'));
    // 1.005 fits decimal(5,2) only rounded: MariaDB stores 1.01 with a Note
    const e = await writeError(data.insert(conn, t, [['1', '1.005']]));
    expect(e.code).toBe('E_DATA_WRITE');
    expect(e.message).toContain('warned.d');
  });

  it('loads explicit AUTO_INCREMENT ids, then a plain insert takes the next one', async () => {
    await conn.query('CREATE TABLE counted (id int AUTO_INCREMENT PRIMARY KEY, s varchar(10))');
    const t = all(await tableOf(conn, 'counted'));
    await data.insert(conn, t, [['0', 'zero'], ['5', 'five'], ['41', 'x']]);
    await conn.query("INSERT INTO counted (s) VALUES ('next')");
    const rows = await conn.query<{ id: number }>("SELECT id FROM counted WHERE s = 'next'");
    expect(rows[0].id).toBe(42);
    expect((await readAll(conn, t)).map((r) => r[0])).toEqual(['0', '5', '41', '42']);
  });

  it('splits a large batch into statements under max_allowed_packet', async () => {
    await conn.query('CREATE TABLE big (id int PRIMARY KEY, b longblob)');
    const t = all(await tableOf(conn, 'big'));
    const blob = Buffer.alloc(1024 * 1024, 7);
    // 12 rows of 2 MB literals each: far more than one 4 MB statement
    const rows = Array.from({ length: 12 }, (_, i) => [String(i), blob] as PortableValue[]);
    await conn.transaction(() => data.insert(conn, t, rows));
    expect(await data.count(conn, t.table)).toBe(12);
  });
});
