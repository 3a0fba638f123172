/**
 * The SQLite data capability on a database file and in memory: every common type survives
 * a round trip in portable form (64-bit integers exact, booleans by logical type, dates as
 * text, BLOBs with zero bytes), batches in key order cover a composite key exactly once,
 * upsert / deleteKeys / truncate, and a value SQLite refuses or would change is
 * `E_DATA_WRITE` naming table.column without the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import type { Connection, DataTable, PortableValue } from '../../../adapters/types.js';
import type { Table } from '../../../unified-model/index.js';
import type { RedbError } from '../../../src/errors.js';
import { sqliteWith } from './helpers.js';

const data = sqliteAdapter.data!;

const TYPES = `(
  id INTEGER PRIMARY KEY, i8 TINYINT, i32 INT, i64 BIGINT, dec DECIMAL(10,2), f REAL, d DOUBLE,
  vc VARCHAR(20), tx TEXT, bl BLOB, flag BOOLEAN, dt DATE, tm TIME, dtm DATETIME, js JSON, uu UUID
)`;

const blob = Buffer.alloc(1024 * 1024);
for (let i = 0; i < blob.length; i += 5) blob[i] = i % 251;

const FULL: PortableValue[] = [
  '1', '-128', '-2147483648', '-9223372036854775808', '12345678.25', 3.5, 2.718281828459045,
  'unicode é 漢字 😀', 'tab\there\nnewline \\ \'q\' "dq"', blob, true, '2024-02-29', '23:59:59.123456', '1999-12-31 23:59:59.999999',
  '{"a": [1, 2.5]}', '123e4567-e89b-12d3-a456-426614174000',
];
const MAX: PortableValue[] = ['9223372036854775807', '127', '2147483647', '9223372036854775807', '0.5', -0.5, 1e300, '', '', Buffer.alloc(3), false, '1970-01-01', '00:00:00', '1970-01-01 00:00:00', '[]', '00000000-0000-0000-0000-000000000000'];
const NULLS: PortableValue[] = ['2', ...FULL.slice(1).map(() => null)];

async function tableOf(conn: Connection, name: string): Promise<Table> {
  const model = await sqliteAdapter.introspect(conn);
  const t = model.objects.find((o) => o.kind === 'table' && o.name === name) as Table | undefined;
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

/** Rows with the megabyte BLOB as a marker: deep equality of a megabyte is slow and its difference unreadable. */
const small = (rows: PortableValue[][]) => rows.map((r) => r.map((v) => (Buffer.isBuffer(v) && v.length === blob.length ? (v.equals(blob) ? 'MB' : 'other MB') : v)));

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

describe('SQLite data (a database file)', () => {
  let db: Awaited<ReturnType<typeof sqliteWith>>;
  let conn: Connection;

  beforeAll(async () => {
    db = await sqliteWith(`CREATE TABLE types ${TYPES}; CREATE TABLE types_copy ${TYPES};
      CREATE TABLE pairs (a INT NOT NULL, b TEXT NOT NULL, v INT, PRIMARY KEY (a, b));
      CREATE TABLE nokey (v INT, s TEXT);
      CREATE TABLE kv (k BIGINT NOT NULL, n TEXT NOT NULL, v TEXT, PRIMARY KEY (k, n));
      CREATE TABLE strict_t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, r REAL) STRICT;
      CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT);
      CREATE TABLE stamps (id INTEGER PRIMARY KEY, at DATETIME)`);
    conn = db.conn;
  });
  afterAll(async () => {
    await db?.done();
  });

  it('round-trips every common type, 64-bit extremes and NULLs included, exactly', async () => {
    const src = all(await tableOf(conn, 'types'));
    // MAX has id 2^63-1: it sorts last
    await conn.transaction(() => data.insert(conn, src, [FULL, NULLS, MAX]));
    const rows = await readAll(conn, src);
    expect(small(rows)).toEqual(small([FULL, NULLS, MAX]));
    const dst = all(await tableOf(conn, 'types_copy'));
    await data.insert(conn, dst, rows);
    expect(small(await readAll(conn, dst, 1))).toEqual(small(rows));
    // stored as SQLite's own kinds, not text: an application reading the file sees numbers
    const [kinds] = await conn.query<Record<string, string>>('SELECT typeof(i64) AS i64, typeof(flag) AS flag, typeof(bl) AS bl, typeof(f) AS f FROM types WHERE id = 1');
    expect(kinds).toEqual({ i64: 'integer', flag: 'integer', bl: 'blob', f: 'real' });
  });

  it('reads a composite key in batches that cover the table exactly once', async () => {
    const table = await tableOf(conn, 'pairs');
    const rows: PortableValue[][] = [];
    for (let a = 0; a < 7; a++) for (const b of ['x', 'y', 'z']) rows.push([String(a), b, String(a * 10 + b.charCodeAt(0))]);
    await data.insert(conn, { table, columns: ['a', 'b', 'v'] }, rows);
    const t: DataTable = { table, columns: ['v'] };
    const seen: PortableValue[] = [];
    let after: readonly PortableValue[] | undefined;
    let batches = 0;
    for (;;) {
      const batch = await data.readBatch(conn, t, after, 4);
      batches++;
      seen.push(...batch.rows.map((r) => r[0]));
      if (batch.rows.length < 4) break;
      after = batch.last;
    }
    expect(batches).toBe(6);
    expect(seen).toEqual(rows.map((r) => r[2]));
    expect(await data.count(conn, table)).toBe(21);
  });

  it('reads a table without a primary key whole', async () => {
    const t = all(await tableOf(conn, 'nokey'));
    await data.insert(conn, t, [['1', 'a'], ['1', 'a'], [null, null]]);
    const b = await data.readBatch(conn, t, undefined, 1);
    expect(b.last).toBeUndefined();
    expect(b.rows).toEqual([['1', 'a'], ['1', 'a'], [null, null]]);
  });

  it('upserts, deletes by key, and truncates inside a transaction that can roll back', async () => {
    const t = all(await tableOf(conn, 'kv'));
    await data.insert(conn, t, [['1', 'a', 'one'], ['2', 'b', 'two'], ['9223372036854775807', 'z', 'max']]);
    await data.upsert(conn, t, [['2', 'b', 'TWO'], ['3', 'c', 'three'], ['3', 'c', 'THREE']]);
    expect(await readAll(conn, t)).toEqual([['1', 'a', 'one'], ['2', 'b', 'TWO'], ['3', 'c', 'THREE'], ['9223372036854775807', 'z', 'max']]);
    await data.upsert(conn, { table: t.table, columns: ['k', 'n'] }, [['1', 'a']]);
    await data.deleteKeys(conn, t.table, [['1', 'a'], ['9223372036854775807', 'z'], ['9', 'none']]);
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

  it('refuses what SQLite would refuse or change with E_DATA_WRITE naming table.column, never the value', async () => {
    const t = all(await tableOf(conn, 'strict_t'));
    const typed = await writeError(data.insert(conn, t, [['1', '5', null], ['2', 'secret-text', null]]));
    expect(typed.code).toBe('E_DATA_WRITE');
    expect(typed.message).toContain('strict_t.n');
    expect(typed.message).toContain('row 2 of the batch');
    expect(typed.message).not.toContain('secret');
    const nul = await writeError(data.insert(conn, t, [['3', null, null]]));
    expect(nul.message).toContain('strict_t.n');
    // beyond 64 bits SQLite would keep a rounded REAL
    const wide = await writeError(data.insert(conn, t, [['4', '18446744073709551615', null]]));
    expect(wide.code).toBe('E_DATA_WRITE');
    expect(wide.message).toContain('strict_t.n');
    expect(wide.message).not.toContain('18446744073709551615');
    // NaN would be stored as NULL
    const nan = await writeError(data.insert(conn, t, [['5', '1', Number.NaN]]));
    expect(nan.message).toContain('strict_t.r');
    // a failed batch leaves nothing behind
    expect(await data.count(conn, t.table)).toBe(0);
  });

  it('loads explicit AUTOINCREMENT ids, then a plain insert takes the next one', async () => {
    const t = all(await tableOf(conn, 'counted'));
    await data.insert(conn, t, [['5', 'five'], ['41', 'x']]);
    await conn.query("INSERT INTO counted (s) VALUES ('next')");
    expect((await readAll(conn, t)).map((r) => r[0])).toEqual(['5', '41', '42']);
  });

  it('writes a UTC timestamp into a DATETIME column without the +00 marker', async () => {
    const t = all(await tableOf(conn, 'stamps'));
    await data.insert(conn, t, [['1', '2024-01-01 10:00:00.5+00']]);
    expect(await readAll(conn, t)).toEqual([['1', '2024-01-01 10:00:00.5']]);
  });
});

describe('SQLite data (sqlite::memory:)', () => {
  it('copies rows in and out of an in-memory database', async () => {
    const conn = await sqliteAdapter.connect('sqlite::memory:');
    try {
      await conn.exec('CREATE TABLE m (id INTEGER PRIMARY KEY, flag BOOLEAN, b BLOB)');
      const t = all(await tableOf(conn, 'm'));
      const rows: PortableValue[][] = Array.from({ length: 2500 }, (_, i) => [String(i + 1), i % 2 === 0, Buffer.from([0, i % 256])]);
      await data.insert(conn, t, rows);
      expect(await readAll(conn, t, 1000)).toEqual(rows);
    } finally {
      await conn.close();
    }
  });
});
