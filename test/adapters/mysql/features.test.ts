/**
 * Every object kind of step 1 read from a real MariaDB/MySQL into the model
 * (features.sql), the namespace mapping (a database of any name is schema `main`), and
 * the number of catalog queries, which does not grow with the number of tables.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import type { Connection } from '../../../adapters/types.js';
import { modelToFiles, type Model, type Routine, type Table, type View } from '../../../unified-model/index.js';
import { skipNote } from '../../support/live.js';
import { FEATURES_SQL, freshMysqlDatabase, mysqlScript, noServer } from './helpers.js';

const table = (m: Model, name: string) => m.objects.find((o) => o.kind === 'table' && o.name === name) as Table;
const view = (m: Model, name: string) => m.objects.find((o) => o.kind === 'view' && o.name === name) as View;
const column = (t: Table, name: string) => t.columns.find((c) => c.name === name);

/** A connection that counts the statements it runs. */
function counting(conn: Connection): { conn: Connection; count: () => number } {
  let n = 0;
  const wrapped: Connection = { ...conn, serverVersion: conn.serverVersion, flavour: conn.flavour, query: (sql, params) => { n++; return conn.query(sql, params); } };
  return { conn: wrapped, count: () => n };
}

describe.skipIf(noServer)(skipNote('MySQL introspection', noServer), () => {
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let conn: Connection;
  let model: Model;

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_myfeat');
    mysqlScript(db.name, readFileSync(FEATURES_SQL, 'utf8'));
    conn = await mysqlAdapter.connect(db.url);
    model = await mysqlAdapter.introspect(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('maps the database, whatever its name, to the schema main', () => {
    expect(model.dialect).toBe('mysql');
    expect(model.objects.map((o) => o.id)).toEqual([
      'main."odd name"',
      'main."v`q"',
      'main."we`ird.ünï"',
      'main.big_orders',
      'main.customers',
      'main.order_count',
      'main.order_total(int(10) unsigned, double)',
      'main.orders',
      'main.part_key',
      'main.part_list',
      'main.part_range',
      'main.seq_ids',
      'main.seq_plain',
      'main.touch_customer(int(10) unsigned, int(11))',
    ]);
    expect(JSON.stringify(model)).not.toContain(db.name);
  });

  it('reads names with backticks, dots, unicode and reserved words', () => {
    const t = table(model, 'we`ird.ünï');
    expect(t.columns.map((c) => c.name)).toEqual(['c`d', 'order']);
    expect(t.primaryKey).toEqual({ name: 'PRIMARY', columns: ['c`d'] });
    expect(t.indexes?.[0]).toMatchObject({ name: 'k.1', definition: 'CREATE INDEX `k.1` ON `we``ird.ünï` (`order`)' });
    const v = view(model, 'v`q');
    expect(v.definition).toBe("select `we``ird.ünï`.`c``d` AS `x`,'a;`b`' AS `lit` from `we``ird.ünï`");
    expect(v.dependsOn).toEqual(['main."we`ird.ünï"']);
  });

  it('reads table options, never the AUTO_INCREMENT counter', () => {
    const c = table(model, 'customers');
    expect(c).toMatchObject({ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', comment: 'people who buy', options: { engine: 'InnoDB', rowFormat: 'DYNAMIC' } });
    expect(table(model, 'orders').options).toEqual({ engine: 'InnoDB' });
    expect(table(model, 'odd name').options).toEqual({ engine: 'MyISAM' });
    expect(JSON.stringify(table(model, 'orders'))).not.toMatch(/1000|auto_?increment"?:\s*"?\d/i);
  });

  it('reads columns: exact native types, enum/set labels, charsets, defaults, ON UPDATE, generated, invisible, comments, order', () => {
    const c = table(model, 'customers');
    expect(c.columns.map((x) => x.name)).toEqual(['id', 'code', 'email', 'name', 'status', 'flags', 'balance', 'small', 'is_ok', 'created_at', 'updated_at', 'uid', 'name_upper', 'name_len', 'secret', 'doc', 'bio', 'pic', 'pos']);
    expect(column(c, 'id')).toEqual({ name: 'id', type: { native: 'int(10) unsigned', logical: { kind: 'integer', bits: 32, unsigned: true } }, nullable: false, autoIncrement: true });
    expect(column(c, 'code')).toMatchObject({ type: { native: 'char(4)', logical: { kind: 'string', length: 4, fixed: true } }, charset: 'ascii', collation: 'ascii_bin', comment: 'short code' });
    // a column on the table's own charset and collation inherits them
    expect(column(c, 'email')).not.toHaveProperty('collation');
    expect(column(c, 'name')).toMatchObject({ default: "'anon'" });
    expect(column(c, 'status')).toMatchObject({ type: { logical: { kind: 'enum', values: ['new', 'active', 'gone'] } }, default: "'new'" });
    expect(column(c, 'flags')).toMatchObject({ type: { native: "set('a','b','c')", logical: { kind: 'set', values: ['a', 'b', 'c'] } }, nullable: true });
    expect(column(c, 'flags')).not.toHaveProperty('default');
    expect(column(c, 'balance')?.type).toEqual({ native: 'decimal(12,2) unsigned zerofill', logical: { kind: 'decimal', precision: 12, scale: 2 } });
    expect(column(c, 'small')?.type.native).toBe('tinyint(3) unsigned zerofill');
    expect(column(c, 'is_ok')).toMatchObject({ type: { native: 'tinyint(1)', logical: { kind: 'boolean' } }, default: '1' });
    expect(column(c, 'created_at')).toMatchObject({ type: { logical: { kind: 'timestamp', tz: false, precision: 3 } }, default: expect.stringMatching(/^current_timestamp\(3\)$/i) });
    expect(column(c, 'updated_at')).toMatchObject({ type: { native: 'timestamp(3)' }, onUpdate: expect.stringMatching(/^current_timestamp\(3\)$/i), nullable: true });
    expect(column(c, 'uid')?.default).toMatch(/^\(?uuid\(\)\)?$/);
    expect(column(c, 'name_upper')).toMatchObject({ generated: { stored: false, expression: expect.stringMatching(/upper|ucase/i) } });
    expect(column(c, 'name_len')).toMatchObject({ generated: { stored: true } });
    expect(column(c, 'secret')).toMatchObject({ invisible: true });
    expect(column(c, 'doc')?.type.logical).toEqual({ kind: 'json' });
    expect(column(c, 'bio')?.type.logical).toEqual({ kind: 'text', maxBytes: 65535 });
    expect(column(c, 'pic')?.type.logical).toEqual({ kind: 'binary', maxBytes: 16777215 });
    expect(column(c, 'pos')?.type.logical).toEqual({ kind: 'other', name: 'point' });
    expect(column(table(model, 'orders'), 'note')).toMatchObject({ charset: 'latin1', collation: 'latin1_swedish_ci' });
  });

  it('reads primary keys, unique and check constraints, foreign keys', () => {
    const c = table(model, 'customers');
    expect(c.primaryKey).toEqual({ name: 'PRIMARY', columns: ['id'] });
    expect(c.uniques).toEqual([{ name: 'customers_email', columns: ['email'] }]);
    // MariaDB's JSON check belongs to the json column, not to the table's checks
    expect(c.checks).toEqual([{ name: 'customers_balance_positive', expression: expect.stringMatching(/`balance` >= 0/) }]);
    expect(table(model, 'orders').foreignKeys).toEqual([
      { name: 'orders_customer', columns: ['customer_id'], references: 'main.customers', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict', match: 'simple' },
    ]);
    expect(table(model, 'odd name').primaryKey).toEqual({ name: 'PRIMARY', columns: ['a b'] });
  });

  it('reads indexes: fulltext, spatial, prefix lengths, descending, ignored, comments', () => {
    const ix = new Map((table(model, 'customers').indexes ?? []).map((i) => [i.name, i]));
    expect([...ix.keys()].sort()).toEqual(['customers_bio', 'customers_ignored', 'customers_name_prefix', 'customers_pos']);
    expect(ix.get('customers_bio')).toMatchObject({ method: 'fulltext', keys: [{ column: 'bio' }], definition: 'CREATE FULLTEXT INDEX `customers_bio` ON `customers` (`bio`)' });
    expect(ix.get('customers_pos')).toMatchObject({ method: 'spatial', keys: [{ column: 'pos' }] });
    expect(ix.get('customers_name_prefix')?.keys).toEqual([{ column: 'name', length: 10, ...(conn.flavour === 'mysql' || /10\.(8|9|1\d)|11\./.test(conn.serverVersion) ? { order: 'desc' } : {}) }, { column: 'email' }]);
    expect(ix.get('customers_ignored')).toMatchObject({ invisible: true, comment: 'not used', keys: [{ column: 'code' }] });
  });

  it('reads partitioning: range with hash subpartitions, list columns, linear key', () => {
    expect(table(model, 'part_range').partitioning).toEqual({
      strategy: 'range',
      key: 'RANGE (year(`d`))',
      columns: ['d'],
      subpartitioning: { strategy: 'hash', key: 'HASH (`id`)', columns: ['id'] },
      partitions: [
        { name: 'p2019', bound: 'VALUES LESS THAN (2020)', subpartitions: ['p2019sp0', 'p2019sp1'] },
        { name: 'pmax', bound: 'VALUES LESS THAN MAXVALUE', subpartitions: ['pmaxsp0', 'pmaxsp1'] },
      ],
    });
    expect(table(model, 'part_list').partitioning).toEqual({
      strategy: 'list',
      key: 'LIST COLUMNS (`c`)',
      columns: ['c'],
      partitions: [{ name: 'pa', bound: "VALUES IN ('a','b')" }, { name: 'pz', bound: "VALUES IN ('z')" }],
    });
    expect(table(model, 'part_key').partitioning).toMatchObject({ strategy: 'key', key: 'LINEAR KEY ()', columns: [], partitions: [{ name: 'p0', bound: '' }, { name: 'p1', bound: '' }, { name: 'p2', bound: '' }] });
    expect(table(model, 'part_key').options).toEqual({ engine: 'InnoDB' });
    expect(table(model, 'customers')).not.toHaveProperty('partitioning');
  });

  it('reads MariaDB sequences as sequences, never their current value', async () => {
    await conn.query('SELECT NEXTVAL(seq_ids)');
    const again = await mysqlAdapter.introspect(conn);
    const seq = again.objects.find((o) => o.id === 'main.seq_ids');
    expect(seq).toEqual({ kind: 'sequence', id: 'main.seq_ids', schema: 'main', name: 'seq_ids', type: { native: 'bigint(21)', logical: { kind: 'integer', bits: 64 } }, start: '10', increment: '5', min: '1', max: '1000', cache: '20', cycle: true });
    expect(again.objects.find((o) => o.id === 'main.seq_plain')).toMatchObject({ start: '1', increment: '1', cycle: false });
  });

  it('reads views: algorithm, security, check option, definition without the database name, dependencies', () => {
    const v = view(model, 'big_orders');
    expect(v).toMatchObject({ checkOption: 'local', options: { algorithm: 'merge', security: 'invoker' }, dependsOn: ['main.customers', 'main.orders'] });
    expect(v.columns.map((c) => c.name)).toEqual(['id', 'email', 'total']);
    expect(v.definition).toMatch(/from \(`orders` `o` join `customers` `c`/);
    const n = view(model, 'order_count');
    expect(n).not.toHaveProperty('options');
    expect(n).not.toHaveProperty('checkOption');
    expect(n.dependsOn).toEqual(['main.orders']);
  });

  it('reads functions and procedures with their arguments and characteristics', () => {
    const f = model.objects.find((o) => o.kind === 'function') as Routine;
    expect(f).toMatchObject({ name: 'order_total', returns: 'double', volatility: 'immutable', security: 'definer', comment: 'sum of orders', language: 'sql' });
    expect(f.arguments).toEqual([{ name: 'cid', mode: 'in', type: 'int(10) unsigned' }, { name: 'minimum', mode: 'in', type: 'double' }]);
    expect(f.body).toMatch(/^BEGIN\s+RETURN \(SELECT coalesce/);
    expect(f.definition).toMatch(/^CREATE FUNCTION `order_total`\(`cid` int\(10\) unsigned, `minimum` double\) RETURNS double\n {4}DETERMINISTIC\n {4}READS SQL DATA\n/);
    expect(f.definition).not.toMatch(/DEFINER/);
    const p = model.objects.find((o) => o.kind === 'procedure') as Routine;
    expect(p).toMatchObject({ name: 'touch_customer', security: 'invoker' });
    expect(p.arguments.map((a) => a.mode)).toEqual(['in', 'out']);
    expect(p.definition).toMatch(/^CREATE PROCEDURE `touch_customer`\(IN `cid` int\(10\) unsigned, OUT `n` int\(11\)\)\n {4}MODIFIES SQL DATA\n {4}SQL SECURITY INVOKER\n/);
  });

  it('reads triggers with their order', () => {
    const t = new Map((table(model, 'orders').triggers ?? []).map((x) => [x.name, x]));
    expect(t.get('orders_bi')).toMatchObject({ timing: 'before', events: ['insert'], level: 'row', body: expect.stringMatching(/^BEGIN\s+IF NEW.total < 0/) });
    expect(t.get('orders_bi')).not.toHaveProperty('order');
    expect(t.get('orders_bi2')).toMatchObject({ order: { follows: 'orders_bi' }, definition: expect.stringContaining('FOR EACH ROW FOLLOWS `orders_bi` SET NEW.note') });
    expect(t.get('orders_au')).toMatchObject({ timing: 'after', events: ['update'] });
  });

  it('reads the same model twice, and the same from a database of another name', async () => {
    expect(modelToFiles(await mysqlAdapter.introspect(conn))).toEqual(modelToFiles(model));
    const other = await freshMysqlDatabase('redb_myother');
    try {
      mysqlScript(other.name, readFileSync(FEATURES_SQL, 'utf8'));
      const c2 = await mysqlAdapter.connect(other.url);
      try {
        expect(modelToFiles(await mysqlAdapter.introspect(c2))).toEqual(modelToFiles(model));
      } finally {
        await c2.close();
      }
    } finally {
      await other.drop();
    }
  });

  it('runs the same number of catalog queries for 1 table as for 40', async () => {
    const small = await freshMysqlDatabase('redb_mycount');
    const large = await freshMysqlDatabase('redb_mycount');
    try {
      const make = (n: number) => Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id INT PRIMARY KEY, v VARCHAR(10), KEY v (v)); CREATE TRIGGER t${i}_bi BEFORE INSERT ON t${i} FOR EACH ROW SET NEW.v = 'x';`).join('\n');
      mysqlScript(small.name, make(1));
      mysqlScript(large.name, make(40));
      const counts: number[] = [];
      for (const d of [small, large]) {
        const c = await mysqlAdapter.connect(d.url);
        try {
          const probe = counting(c);
          const m = await mysqlAdapter.introspect(probe.conn);
          expect(m.objects.length).toBeGreaterThan(0);
          counts.push(probe.count());
        } finally {
          await c.close();
        }
      }
      expect(counts[0]).toBe(counts[1]);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[0]).toBeLessThanOrEqual(13);
    } finally {
      await small.drop();
      await large.drop();
    }
  });
});
