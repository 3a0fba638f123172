/**
 * The MySQL/MariaDB data capability against the real server at REDB_TEST_MYSQL_URL: every
 * common type survives a read → insert → read round trip in portable form (exact digits,
 * dates as stored, TIMESTAMP in UTC whatever the session's zone), batches in key order
 * cover a composite key exactly once, and a value the server refuses or would change is
 * `E_DATA_WRITE` naming table.column without the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { isInfileRefusal } from '../../../adapters/mysql/data-load.js';
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
/** Where bit1 is in a row of TYPES. */
const BIT1 = 20;
const NULLS: PortableValue[] = ['2', ...FULL.slice(1).map(() => null)];
const SECOND: PortableValue[] = ['3', '0', '0', '0', '0', '0', '0', '0', '0', '0.000000000000000000000000000001', -0.5, 1e-300, '', '\\N', '', '\\', Buffer.alloc(4), Buffer.alloc(0), Buffer.alloc(0), false, false, '1970-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000+00', '1901', '[]', 'small', '', '00000000-0000-0000-0000-000000000000'];

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

/** How many LOAD DATA statements this session ran. */
async function loads(conn: Connection): Promise<number> {
  const [row] = await conn.query<{ Value: string }>("SHOW SESSION STATUS LIKE 'Com_load'");
  return Number(row.Value);
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

  // BIT columns go through INSERT (a LOAD DATA text field cannot fill one); the rest through LOAD DATA
  it.each([
    ['INSERT', true],
    ['LOAD DATA', false],
  ])('round-trips every common type, NULLs included, exactly (%s)', async (path, withBit) => {
    const pick = (row: PortableValue[]) => (withBit ? row : row.filter((_, i) => i !== BIT1));
    const ddl = withBit ? TYPES : TYPES.replace(' bit1 bit(1),', '');
    const name = withBit ? 'types_insert' : 'types_load';
    await conn.query(`CREATE TABLE ${name} ${ddl}`);
    await conn.query(`CREATE TABLE ${name}_copy ${ddl}`);
    const src = all(await tableOf(conn, name));
    const before = await loads(conn);
    await conn.transaction(() => data.insert(conn, src, [pick(FULL), pick(NULLS), pick(SECOND)]));
    expect(await loads(conn)).toBe(before + (withBit ? 0 : 1));
    const rows = await readAll(conn, src);
    // compared without the megabyte, so a failure prints a readable difference
    const small = (r: PortableValue[][]) => r.map((x) => x.map((v) => (Buffer.isBuffer(v) && v.length === megabyte.length ? (v.equals(megabyte) ? 'MB' : 'other MB') : v)));
    expect(small(rows)).toEqual(small([pick(FULL), pick(NULLS), pick(SECOND)]));
    // the same rows written again through insert read back the same: a copy
    const dst = all(await tableOf(conn, `${name}_copy`));
    await conn.transaction(() => data.insert(conn, dst, rows));
    expect(small(await readAll(conn, dst))).toEqual(small(rows));
    // the session's own time zone was left as it was
    const [tz] = await conn.query<{ tz: string }>('SELECT @@SESSION.time_zone AS tz');
    expect(tz.tz).toBe('+05:30');
    // the TIMESTAMP is the instant given, seen from the session zone
    const [seen] = await conn.query<{ ts: string }>(`SELECT ts FROM ${name} WHERE id = 1`);
    expect(seen.ts).toBe('2038-01-19 08:44:07.123456');
    expect(path).toBeTruthy();
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

  it.each([
    ['INSERT', ', flag bit(1) DEFAULT NULL'],
    ['LOAD DATA', ''],
  ])('refuses a too-long string and a bad uuid with E_DATA_WRITE naming table.column, never the value (%s)', async (path, extra) => {
    const name = path === 'INSERT' ? 'strict_insert' : 'strict_load';
    await conn.query(`CREATE TABLE ${name} (id int PRIMARY KEY, s varchar(5), u uuid, n tinyint unsigned, j json${extra})`);
    const table = await tableOf(conn, name);
    const t: DataTable = { table, columns: ['id', 's', 'u', 'n', 'j', ...(extra ? ['flag'] : [])] };
    const row = (...v: PortableValue[]) => (extra ? [...v, null] : v);
    const long = await writeError(data.insert(conn, t, [row('1', 'ok', null, null, null), row('2', 'secret-too-long', null, null, null)]));
    expect(long.code).toBe('E_DATA_WRITE');
    expect(long.message).toContain(`${name}.s`);
    expect(long.message).toContain('row 2 of the batch');
    expect(long.message).not.toContain('secret');
    const uuid = await writeError(data.insert(conn, t, [row('3', null, 'not-a-uuid-secret', null, null)]));
    expect(uuid.code).toBe('E_DATA_WRITE');
    expect(uuid.message).toContain(`${name}.u`);
    expect(uuid.message).not.toContain('secret');
    expect(JSON.stringify(uuid)).not.toContain('secret');
    const range = await writeError(data.insert(conn, t, [row('4', null, null, '-7', null)]));
    expect(range.message).toContain(`${name}.n`);
    const json = await writeError(data.insert(conn, t, [row('5', null, null, null, '{"secret": ')]));
    expect(json.message).toContain(`${name}.j`);
    expect(json.message).not.toContain('secret');
    const dup = await writeError(data.insert(conn, t, [row('6', null, null, null, null), row('6', null, null, null, null)]));
    expect(dup.message).toContain(name);
    expect(dup.message).toContain('PRIMARY');
    expect(await data.count(conn, t.table)).toBe(0);
  });

  it.each([
    ['INSERT', ', flag bit(1)'],
    ['LOAD DATA', ''],
  ])('turns a warning into an error: a value the server would store changed (%s)', async (path, extra) => {
    const name = `warned_${extra ? 'insert' : 'load'}`;
    await conn.query(`CREATE TABLE ${name} (id int PRIMARY KEY, d decimal(5,2)${extra})`);
    const t: DataTable = { table: await tableOf(conn, name), columns: ['id', 'd'] };
    // 1.005 fits decimal(5,2) only rounded: MariaDB stores 1.01 with a Note
    const e = await writeError(data.insert(conn, t, [['1', '1.00'], ['2', '1.005']]));
    expect(e.code).toBe('E_DATA_WRITE');
    expect(e.message).toContain(`${name}.d`);
    expect(e.message).toContain('row 2 of the batch');
    // the statement ran: the rows it changed are rolled back with the batch
    expect(await data.count(conn, t.table)).toBe(0);
    expect(path).toBeTruthy();
  });

  it('loads explicit AUTO_INCREMENT ids, then a plain insert takes the next one', async () => {
    await conn.query('CREATE TABLE counted (id int AUTO_INCREMENT PRIMARY KEY, s varchar(10))');
    const t = all(await tableOf(conn, 'counted'));
    await data.insert(conn, t, [['0', 'zero'], ['5', 'five'], ['41', 'x']]);
    await conn.query("INSERT INTO counted (s) VALUES ('next')");
    const rows = await conn.query<{ id: number }>("SELECT id FROM counted WHERE s = 'next'");
    expect(rows[0].id).toBe(42);
    expect((await readAll(conn, t)).map((r) => r[0])).toEqual(['0', '5', '41', '42']);
    await data.deleteKeys(conn, t.table, [['0'], ['41']]);
    expect((await readAll(conn, t)).map((r) => r[0])).toEqual(['5', '42']);
  });

  it('copies wider BITs as their number and spatial columns as WKT', async () => {
    await conn.query('CREATE TABLE odd (id int PRIMARY KEY, b8 bit(8), p point, g geometry)');
    const t = all(await tableOf(conn, 'odd'));
    const rows: PortableValue[][] = [
      ['1', '255', 'POINT(1 2)', 'LINESTRING(0 0,1 1,2 3)'],
      ['2', '0', null, null],
    ];
    await data.insert(conn, t, rows);
    expect(await readAll(conn, t)).toEqual(rows);
    const [b] = await conn.query<{ n: string }>('SELECT b8 + 0 AS n FROM odd WHERE id = 1');
    expect(String(b.n)).toBe('255');
  });

  it.each([
    ['INSERT', ', flag bit(1)'],
    ['LOAD DATA', ''],
  ])('writes a batch far larger than max_allowed_packet (%s)', async (path, extra) => {
    const name = `big_${extra ? 'insert' : 'load'}`;
    await conn.query(`CREATE TABLE ${name} (id int PRIMARY KEY, b longblob${extra})`);
    const t: DataTable = { table: await tableOf(conn, name), columns: ['id', 'b'] };
    const blob = Buffer.alloc(1024 * 1024, 7);
    blob[5] = 0;
    blob[6] = 9;
    // 20 rows of 1 MB (2 MB as INSERT literals): more than the server's 16 MB packet, and than one 4 MB statement
    const rows = Array.from({ length: 20 }, (_, i) => [String(i), blob] as PortableValue[]);
    await conn.transaction(() => data.insert(conn, t, rows));
    expect(await data.count(conn, t.table)).toBe(20);
    const [sum] = await conn.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${name} WHERE b = ?`, [blob]);
    expect(Number(sum.n)).toBe(20);
    expect(path).toBeTruthy();
  });

  it('recognises a server that refuses LOCAL INFILE, so inserts fall back to INSERT', async () => {
    // a client without the LOCAL_FILES capability is refused as a server with local_infile off is
    const raw = await mysql.createConnection({ uri: db.url, flags: ['-LOCAL_FILES'] });
    try {
      await raw.query('CREATE TABLE infile_off (id int)');
      const err = await raw.query({ sql: "LOAD DATA LOCAL INFILE 'x' INTO TABLE infile_off", infileStreamFactory: () => Readable.from([Buffer.from('1\n')]) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeDefined();
      expect(isInfileRefusal(err)).toBe(true);
      expect(isInfileRefusal({ errno: 1406, sqlMessage: 'Data too long' })).toBe(false);
    } finally {
      await raw.end();
    }
  });
});
