/**
 * Rows in and out of PostgreSQL (Adapter.data), on PGlite in-process and on the live
 * server (REDB_TEST_PG_URL): every common type survives readBatch → insert → readBatch
 * exactly, key-order batches cover a table once, upsert, deleteKeys, truncate in a
 * transaction, resetCounters, and a bad value's error names the column, not the value.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection, DataSupport, DataTable, PortableValue } from '../../../adapters/types.js';
import { RedbError } from '../../../src/errors.js';
import type { Table } from '../../../unified-model/index.js';
import { freshPgDatabase, PG_URL, skipNote } from '../../support/live.js';

const data = postgresAdapter.data as DataSupport;

const SCHEMA = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE src (
  id integer PRIMARY KEY,
  i2 smallint, i4 integer, i8 bigint, n124 numeric(12,4), n numeric, r real, d double precision, d2 double precision,
  t text, vc varchar(20), ch char(5), b boolean, dt date, tm time, ts timestamp(6), tstz timestamptz, iv interval,
  j json, jb jsonb, u uuid, by bytea, m mood, ta text[], ia integer[], tza timestamptz[]
);
CREATE TABLE dst (LIKE src INCLUDING ALL);
CREATE TABLE cp (a integer, b text, v integer, PRIMARY KEY (a, b));
CREATE TABLE nopk (x integer, y text);
CREATE TABLE idt (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
CREATE TABLE ser (id serial PRIMARY KEY, v text);
CREATE TABLE bad (id integer PRIMARY KEY, qty integer, name varchar(5), u uuid, price numeric(6,2), at timestamp(0));
INSERT INTO src (id) VALUES (2);
INSERT INTO src VALUES (1, -32768, 2147483647, -9223372036854775808, 12345678.1234, 3.14159265358979323846264338327950288, 0.1, 0.1, 1e-300,
  E'emoji 😀 CJK 漢字 combining é tab\\t nl\\n cr\\r backslash \\\\ quote '' "dq" ctl \b\f\v', 'varchar', 'ab', true, '2024-02-29', '23:59:59.999999',
  '2024-02-29 12:34:56.123456', '2020-06-01 12:00:00.5+02', '1 year 2 mons 3 days 04:05:06.789', '{"b": 1,  "a": [1, 2]}', '{"b": 1, "a": [1, 2]}',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff005c0a', 'happy', ARRAY['a,b', 'c"d', 'e\\f', NULL, '', 'NULL'], ARRAY[1, NULL, -3],
  ARRAY['2020-01-01 00:00:00+05'::timestamptz, NULL]);
INSERT INTO src (id, i8, d, d2, r, ta, ia, by, tstz, dt) VALUES (3, 9223372036854775807, '-0', 1.7976931348623157e308, 'NaN', '{}', '{{1,2},{3,4}}', '', '-infinity', '0044-03-15 BC');
`;

interface Engine {
  readonly name: string;
  readonly skip?: string;
  open(): Promise<{ conn: Connection; done: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'PGlite',
    async open() {
      const conn = await postgresAdapter.connect('pglite://memory');
      return { conn, done: () => conn.close() };
    },
  },
  {
    name: 'PostgreSQL server',
    skip: PG_URL ? undefined : 'REDB_TEST_PG_URL is not set',
    async open() {
      const db = await freshPgDatabase('redb_data');
      const conn = await postgresAdapter.connect(db.url);
      return { conn, done: async () => { await conn.close(); await db.drop(); } };
    },
  },
];

/** Every row of a table through readBatch, `size` at a time; the number of calls too. */
async function readAll(conn: Connection, t: DataTable, size: number): Promise<{ rows: PortableValue[][]; calls: number }> {
  const rows: PortableValue[][] = [];
  let after: readonly PortableValue[] | undefined;
  for (let calls = 1; ; calls++) {
    const batch = await data.readBatch(conn, t, after, size);
    rows.push(...batch.rows);
    if (!batch.last || batch.rows.length < size) return { rows, calls };
    after = batch.last;
  }
}

/** Rows with each Buffer as hex text: a deep equality of 1 MB Buffers byte by byte takes seconds. */
const comparable = (rows: readonly PortableValue[][]): unknown => JSON.parse(JSON.stringify(rows, (_k, v: unknown) => (isJsonBuffer(v) ? `bytes:${Buffer.from(v.data).toString('hex')}` : v)));
const isJsonBuffer = (v: unknown): v is { data: number[] } => (v as { type?: string } | null)?.type === 'Buffer';

for (const engine of engines) {
  describe.skipIf(engine.skip)(skipNote(`PostgreSQL data: ${engine.name}`, engine.skip), () => {
    let conn: Connection;
    let done: () => Promise<void>;
    let tables: Map<string, Table>;
    const table = (name: string) => tables.get(`public.${name}`)!;
    const whole = (name: string): DataTable => ({ table: table(name), columns: table(name).columns.map((c) => c.name) });

    beforeAll(async () => {
      ({ conn, done } = await engine.open());
      await conn.exec(SCHEMA);
      const model = await postgresAdapter.introspect(conn);
      tables = new Map(model.objects.filter((o): o is Table => o.kind === 'table').map((t) => [t.id, t]));
      // a session far from UTC: no value read or written may move with it
      await conn.exec("SET TimeZone = 'Asia/Kolkata'");
    });
    afterAll(async () => done?.());

    it('reads every common type in portable form', async () => {
      const { rows, last } = await data.readBatch(conn, whole('src'), undefined, 10);
      expect(last).toEqual(['3']);
      const cols = whole('src').columns;
      const row = (id: string) => Object.fromEntries(cols.map((c, i) => [c, rows.find((r) => r[0] === id)![i]]));
      expect(row('1')).toEqual({
        id: '1', i2: '-32768', i4: '2147483647', i8: '-9223372036854775808', n124: '12345678.1234', n: '3.14159265358979323846264338327950288',
        r: 0.1, d: 0.1, d2: 1e-300,
        t: 'emoji 😀 CJK 漢字 combining é tab\t nl\n cr\r backslash \\ quote \' "dq" ctl \b\f\v', vc: 'varchar', ch: 'ab   ', b: true,
        dt: '2024-02-29', tm: '23:59:59.999999', ts: '2024-02-29 12:34:56.123456', tstz: '2020-06-01 10:00:00.5+00',
        iv: '1 year 2 mons 3 days 04:05:06.789', j: '{"b": 1,  "a": [1, 2]}', jb: '{"a": [1, 2], "b": 1}',
        u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', by: Buffer.from([0, 0xff, 0, 0x5c, 0x0a]), m: 'happy',
        ta: ['a,b', 'c"d', 'e\\f', null, '', 'NULL'], ia: ['1', null, '-3'], tza: ['2019-12-31 19:00:00+00', null],
      });
      expect(Object.entries(row('2')).filter(([c, v]) => c !== 'id' && v !== null)).toEqual([]);
      const three = row('3');
      expect(three).toMatchObject({ i8: '9223372036854775807', d2: 1.7976931348623157e308, ta: [], ia: [['1', '2'], ['3', '4']], by: Buffer.alloc(0), tstz: '-infinity', dt: '0044-03-15 BC' });
      expect(Object.is(three.d, -0)).toBe(true);
      expect(Number.isNaN(three.r)).toBe(true);
    });

    it('writes every value back exactly (insert of what readBatch read), a 1 MB bytea with zero bytes too', async () => {
      const big = randomBytes(1024 * 1024);
      big[0] = 0;
      big[big.length - 1] = 0;
      await conn.query(`INSERT INTO src (id, by, t) VALUES (4, $1, repeat('x', 100000))`, [big]);
      const src = await readAll(conn, whole('src'), 2);
      expect(src.rows).toHaveLength(4);
      await conn.transaction(() => data.insert(conn, { table: table('dst'), columns: whole('src').columns }, src.rows));
      const back = await readAll(conn, whole('dst'), 100);
      expect(comparable(back.rows)).toEqual(comparable(src.rows));
      const by = back.rows[3][whole('src').columns.indexOf('by')];
      expect(Buffer.isBuffer(by) && by.equals(big)).toBe(true);
      // and the server agrees, value for value, without our reading code
      const [diff] = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM src x FULL JOIN dst y ON x.id = y.id WHERE row_to_json(x)::text IS DISTINCT FROM row_to_json(y)::text');
      expect(diff.n).toBe('0');
      expect(await data.count(conn, table('dst'))).toBe(4);
    });

    it('writes a timestamptz or timetz without an offset as UTC, not in the session zone', async () => {
      await conn.exec('CREATE TABLE zoned (id integer PRIMARY KEY, at timestamptz, tt timetz)');
      const zoned = (await postgresAdapter.introspect(conn)).objects.find((o): o is Table => o.id === 'public.zoned')!;
      const t: DataTable = { table: zoned, columns: ['id', 'at', 'tt'] };
      await data.insert(conn, t, [['1', '2020-01-01 10:00:00.25', '10:00:00'], ['2', '2020-01-01', null], ['3', '2020-01-01 10:00:00+02', '10:00:00+02']]);
      await data.upsert(conn, t, [['4', '0044-03-15 10:00:00 BC', '23:59:59.5']]);
      expect((await data.readBatch(conn, t, undefined, 10)).rows).toEqual([
        ['1', '2020-01-01 10:00:00.25+00', '10:00:00+00'],
        ['2', '2020-01-01 00:00:00+00', null],
        ['3', '2020-01-01 08:00:00+00', '08:00:00+00'],
        ['4', '0044-03-15 10:00:00+00 BC', '23:59:59.5+00'],
      ]);
      // a multidimensional timestamptz[] and a tstzrange are read in UTC too, whatever the session's zone
      await conn.exec("CREATE TABLE zoned2 (id integer PRIMARY KEY, a timestamptz[], r tstzrange); INSERT INTO zoned2 VALUES (1, ARRAY[['2020-01-01 00:00:00+00'::timestamptz]], '[2020-01-01 00:00:00+00,)')");
      const z2 = (await postgresAdapter.introspect(conn)).objects.find((o): o is Table => o.id === 'public.zoned2')!;
      expect((await data.readBatch(conn, { table: z2, columns: ['a', 'r'] }, undefined, 10)).rows).toEqual([[[['2020-01-01 00:00:00+00']], '["2020-01-01 00:00:00+00",)']]);
      await data.deleteKeys(conn, zoned, [['1'], ['2']]);
      expect(await data.count(conn, zoned)).toBe(2);
    });

    it('quotes names that need it: a mixed-case schema, table and columns, a keyword', async () => {
      await conn.exec(`CREATE SCHEMA "Odd Schema"; CREATE TABLE "Odd Schema"."Some ""T""" ("Key Col" integer GENERATED BY DEFAULT AS IDENTITY, "select" text, "Val" integer, PRIMARY KEY ("Key Col", "select"))`);
      const odd = (await postgresAdapter.introspect(conn)).objects.find((o): o is Table => o.kind === 'table' && o.schema === 'Odd Schema')!;
      const t: DataTable = { table: odd, columns: ['Key Col', 'select', 'Val'] };
      await data.insert(conn, t, [['1', 'a', 1], ['2', 'b', 2]]);
      await data.upsert(conn, t, [['2', 'b', 20], ['3', 'c', 3]]);
      await data.deleteKeys(conn, odd, [['1', 'a']]);
      const first = await data.readBatch(conn, t, undefined, 1);
      expect(first).toEqual({ rows: [['2', 'b', '20']], last: ['2', 'b'] });
      expect((await data.readBatch(conn, t, first.last, 10)).rows).toEqual([['3', 'c', '3']]);
      await data.resetCounters!(conn, odd);
      const [row] = await conn.query<{ k: number }>(`INSERT INTO "Odd Schema"."Some ""T""" ("select") VALUES ('d') RETURNING "Key Col" AS k`);
      expect(row.k).toBe(4);
      const err = (await data.insert(conn, t, [['9', 'z', 'zq-secret']]).catch((e: unknown) => e)) as RedbError;
      expect(err.message).toContain('Odd Schema.Some "T".Val');
      expect(err.message).not.toContain('zq-secret');
      await data.truncate(conn, odd);
      expect(await data.count(conn, odd)).toBe(0);
    });

    it('takes numbers where digits are expected', async () => {
      const t: DataTable = { table: table('bad'), columns: ['id', 'qty', 'name'] };
      await data.insert(conn, t, [[100, 7, 'ok']]);
      expect((await data.readBatch(conn, t, ['99'], 10)).rows).toEqual([['100', '7', 'ok']]);
      await data.truncate(conn, table('bad'));
    });

    it('reads a composite key in batches after the last key: every row exactly once, in key order', async () => {
      await conn.exec("INSERT INTO cp SELECT g % 37, 'k' || (g * 7919 % 1000), g FROM generate_series(1, 2500) g ON CONFLICT DO NOTHING");
      const t: DataTable = { table: table('cp'), columns: ['v'] };
      const { rows, calls } = await readAll(conn, t, 300);
      const expected = await conn.query<{ v: number }>('SELECT v FROM cp ORDER BY a, b');
      expect(rows.map((r) => r[0])).toEqual(expected.map((r) => String(r.v)));
      expect(calls).toBe(Math.floor(expected.length / 300) + 1);
      // `last` is the key even when the key columns are not read
      const first = await data.readBatch(conn, t, undefined, 1);
      const [k] = await conn.query<{ a: number; b: string }>('SELECT a, b FROM cp ORDER BY a, b LIMIT 1');
      expect(first.last).toEqual([String(k.a), k.b]);
      expect((await data.readBatch(conn, t, first.last, Number.POSITIVE_INFINITY)).rows).toHaveLength(expected.length - 1);
    });

    it('reads a table without a primary key whole, with no last key', async () => {
      await conn.exec("INSERT INTO nopk SELECT g, 'y' || g FROM generate_series(1, 50) g");
      const batch = await data.readBatch(conn, whole('nopk'), undefined, 10);
      expect(batch.rows).toHaveLength(50);
      expect(batch.last).toBeUndefined();
      await expect(data.upsert(conn, whole('nopk'), [[1, 'a']])).rejects.toMatchObject({ code: 'E_NO_PRIMARY_KEY' });
    });

    it('upserts: replaces the rows whose key is there, inserts the others, the last of a key in a batch wins', async () => {
      const t: DataTable = { table: table('cp'), columns: ['a', 'b', 'v'] };
      await data.upsert(conn, t, [['1', 'k7919', -1], ['1', 'new', -2], ['1', 'new', -3]]);
      const rows = await conn.query<{ b: string; v: number }>("SELECT b, v FROM cp WHERE a = 1 AND b IN ('k7919', 'new') ORDER BY b");
      expect(rows).toEqual([{ b: 'k7919', v: -1 }, { b: 'new', v: -3 }].sort((x, y) => (x.b < y.b ? -1 : 1)));
      // twice in one transaction, and outside of one (each upsert then commits on its own)
      await conn.transaction(async () => {
        await data.upsert(conn, t, [['1', 'new', -4]]);
        await data.upsert(conn, t, [['1', 'k7919', -5]]);
      });
      await data.upsert(conn, t, [['1', 'new', -6]]);
      const after = await conn.query<{ b: string; v: number }>("SELECT b, v FROM cp WHERE a = 1 AND b IN ('k7919', 'new') ORDER BY b");
      expect(after).toEqual([{ b: 'k7919', v: -5 }, { b: 'new', v: -6 }].sort((x, y) => (x.b < y.b ? -1 : 1)));
      // a row whose columns are all key columns: nothing to replace
      await data.upsert(conn, { table: table('cp'), columns: ['a', 'b'] }, [['1', 'new'], ['2', 'only-key']]);
      expect(await conn.query("SELECT v FROM cp WHERE a = 2 AND b = 'only-key'")).toEqual([{ v: null }]);
    });

    it('deletes by key, single and composite', async () => {
      await data.deleteKeys(conn, table('cp'), [['1', 'new'], ['1', 'k7919'], ['999', 'none']]);
      expect(await conn.query("SELECT 1 FROM cp WHERE a = 1 AND b IN ('k7919', 'new')")).toEqual([]);
      await data.deleteKeys(conn, table('dst'), [['4'], ['3']]);
      expect((await conn.query<{ id: number }>('SELECT id FROM dst ORDER BY id')).map((r) => r.id)).toEqual([1, 2]);
    });

    it('truncates inside the caller transaction: a rollback keeps the rows', async () => {
      const before = await data.count(conn, table('cp'));
      expect(before).toBeGreaterThan(0);
      const failed = conn.transaction(async () => {
        await data.truncate(conn, table('cp'));
        expect(await data.count(conn, table('cp'))).toBe(0);
        throw new Error('roll back');
      });
      await expect(failed).rejects.toThrow('roll back');
      expect(await data.count(conn, table('cp'))).toBe(before);
    });

    it('writes identity ALWAYS and serial values, then resetCounters lets a plain INSERT follow', async () => {
      for (const name of ['idt', 'ser']) {
        // empty: the counter goes back to its start
        await data.resetCounters!(conn, table(name));
        await data.insert(conn, whole(name), [['5', 'a'], ['3', 'b']]);
        await data.resetCounters!(conn, table(name));
        const [row] = await conn.query<{ id: number }>(`INSERT INTO ${name} (v) VALUES ('next') RETURNING id`);
        expect(row.id).toBe(6);
        await data.truncate(conn, table(name));
        await data.resetCounters!(conn, table(name));
        const [first] = await conn.query<{ id: number }>(`INSERT INTO ${name} (v) VALUES ('first') RETURNING id`);
        expect(first.id).toBe(1);
      }
    });

    it('a bad value fails with E_DATA_WRITE naming the table and column, never the value', async () => {
      const t: DataTable = { table: table('bad'), columns: ['id', 'qty', 'name', 'u', 'price', 'at'] };
      const cases: Array<[PortableValue[], string, string]> = [
        [['1', 'zq-secret-77', 'ok', null, null, null], 'public.bad.qty', '22P02'],
        [['1', '2', 'zq-secret-long', null, null, null], 'public.bad.name', '22001'],
        [['1', '99999999999', 'ok', null, null, null], 'public.bad.qty', '22003'],
        [['1', '2', 'ok', 'zq-secret-uuid', null, null], 'public.bad.u', '22P02'],
        [['1', '2', 'zq\u0000secret', null, null, null], 'public.bad.name', 'NUL character'],
        // what PostgreSQL itself would round or cut without an error
        [['1', '2', 'ok', null, '1.005', null], 'public.bad.price', 'would round'],
        [['1', '2', 'ok', null, 1e-7, null], 'public.bad.price', 'would round'],
        [['1', '2', 'ok', null, null, '2024-01-01 00:00:00.5'], 'public.bad.at', 'would round'],
        [['1', '2', 'zq      ', null, null, null], 'public.bad.name', 'would cut'],
      ];
      for (const write of [data.insert, data.upsert]) {
        for (const [row, where, state] of cases) {
          const err = await conn.transaction(() => write(conn, t, [['10', '1', 'fine', null, '1.500', '2024-01-01 00:00:00.000'], ['11', '1', 'fine', null, 1.5e1, null], row])).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(RedbError);
          const e = err as RedbError;
          expect(e.code).toBe('E_DATA_WRITE');
          expect(e.message).toContain(where);
          expect(e.message).toContain(state);
          expect(e.message).not.toMatch(/zq-secret|zq\u0000secret|99999999999|1\.005|1e-7|00\.5|zq {6}/);
        }
      }
      expect(await data.count(conn, table('bad'))).toBe(0);
    });

    it('a connection it cannot COPY on (a wrapper) gets multi-row INSERTs: same rows, same errors', async () => {
      const wrapped: Connection = {
        serverVersion: conn.serverVersion,
        query: (sql, params) => conn.query(sql, params),
        run: (sql) => conn.run(sql),
        exec: (sql) => conn.exec(sql),
        stream: (sql, params, size) => conn.stream(sql, params, size),
        transaction: (fn) => conn.transaction(fn),
        close: async () => undefined,
      };
      const t: DataTable = { table: table('bad'), columns: ['id', 'qty', 'name', 'u', 'price', 'at'] };
      await wrapped.transaction(() => data.insert(wrapped, t, [['1', '2', 'e 😀', null, '1.50', null]]));
      await data.upsert(wrapped, t, [['1', '3', 'x\ty', null, null, '2024-01-01 00:00:01'], ['2', '4', null, null, null, null]]);
      expect((await data.readBatch(conn, t, undefined, 10)).rows).toEqual([
        ['1', '3', 'x\ty', null, null, '2024-01-01 00:00:01'],
        ['2', '4', null, null, null, null],
      ]);
      // the column of a bad literal is found from the error's position, emoji before it or not
      const err = (await wrapped.transaction(() => data.insert(wrapped, t, [['3', '1', '😀😀', null, null, null], ['4', '1', 'ok', 'zq-secret', null, null]])).catch((e: unknown) => e)) as RedbError;
      expect(err.code).toBe('E_DATA_WRITE');
      expect(err.message).toContain('public.bad.u');
      expect(err.message).not.toContain('zq-secret');
      await data.truncate(conn, table('bad'));
    });
  });
}
