/**
 * The PostgreSQL change stream (adapters/postgres/changes*.ts) against a live server:
 * pgoutput decoded into portable values, transactions in commit order, and the slot's
 * confirmed position moving only when the stream acknowledges.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { slotName } from '../../adapters/postgres/changes.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { ChangeStream, ChangeTransaction, Connection } from '../../adapters/types.js';
import type { Table } from '../../unified-model/index.js';
import { freshPgDatabase, PG_URL, skipNote } from '../support/live.js';

const capture = postgresAdapter.changes!;

async function collect(stream: ChangeStream, count: number, ms = 10_000): Promise<ChangeTransaction[]> {
  const out: ChangeTransaction[] = [];
  const until = Date.now() + ms;
  while (out.length < count && Date.now() < until) {
    const tx = await stream.next(200);
    if (tx) out.push(tx);
  }
  return out;
}

describe.skipIf(!PG_URL)(skipNote('PostgreSQL change stream (pgoutput)', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let conn: Connection;
  let client: pg.Client;
  let artifacts: Awaited<ReturnType<typeof capture.artifactNames>>;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_cdc');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TABLE t (id int PRIMARY KEY, n numeric(12,3), f double precision, b boolean, bin bytea, ts timestamptz, d date, tags text[], j jsonb, s text)`);
    conn = await postgresAdapter.connect(db.url);
    artifacts = await capture.artifactNames(conn, `stream-test-${process.pid}`);
  });

  afterAll(async () => {
    await capture.drop(conn, artifacts).catch(() => undefined);
    await conn?.close();
    await client?.end();
    await db?.drop();
  });

  it('names artifacts as the engine spells them, apart for names that had to change and for each database', async () => {
    const names = (job: string) => capture.artifactNames(conn, job);
    const db8 = createHash('sha256').update(db.name).digest('hex').slice(0, 8);
    expect(await names('nightly')).toEqual({ publication: 'redb_nightly', slot: `redb_nightly_${db8}` });
    expect((await names('To-Maria')).publication).toMatch(/^redb_to_maria_[0-9a-f]{8}$/);
    expect((await names('to_maria')).publication).toBe('redb_to_maria');
    expect((await names('x'.repeat(100))).slot.length).toBeLessThanOrEqual(63);
    expect(slotName('nightly', 'other')).not.toBe(slotName('nightly', db.name));
  });

  it('delivers committed changes in portable form and confirms only what was acknowledged', async () => {
    expect(await capture.unavailable(conn)).toBeUndefined();
    const model = await postgresAdapter.introspect(conn);
    const table = model.objects.find((o) => o.id === 'public.t') as Table;
    const { created } = await capture.prepare(conn, artifacts, [table]);
    expect(created).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect((await capture.prepare(conn, artifacts, [table])).created).toBeUndefined();

    await client.query(`INSERT INTO t VALUES (1, 12.500, 0.1, true, '\\x00ff', '2024-05-06 07:08:09.123456+02', '2024-02-29', '{a,"b c",NULL}', '{"k": [1, 2]}', 'héllo ✓')`);
    await client.query('BEGIN');
    await client.query(`UPDATE t SET s = NULL, id = 2 WHERE id = 1`);
    await client.query(`DELETE FROM t WHERE id = 2`);
    await client.query('COMMIT');

    const stream = await capture.open(db.url, artifacts);
    try {
      const [one, two] = await collect(stream, 2);
      expect(one.changes).toEqual([{
        op: 'insert', table: { schema: 'public', name: 't' },
        row: { id: '1', n: '12.500', f: 0.1, b: true, bin: Buffer.from([0, 255]), ts: '2024-05-06 05:08:09.123456+00', d: '2024-02-29', tags: ['a', 'b c', null], j: '{"k": [1, 2]}', s: 'héllo ✓' },
      }]);
      expect(two.changes.map((c) => c.op)).toEqual(['update', 'delete']);
      expect(two.changes[0]).toMatchObject({ op: 'update', oldKey: { id: '1' }, row: { id: '2', s: null } });
      expect(two.changes[1]).toMatchObject({ op: 'delete', key: { id: '2' } });
      expect(capture.distance(two.position, one.position)).toBeGreaterThan(0);
      expect(Math.abs(two.commitTime - Date.now())).toBeLessThan(60_000);

      const before = await capture.confirmedPosition(conn, artifacts);
      expect(capture.distance(before!, one.position)).toBeLessThan(0);
      await stream.acknowledge(one.position);
      // the server records a confirmation when it reads the status update
      let confirmed = before;
      for (let i = 0; i < 50 && confirmed === before; i++) {
        await stream.next(100);
        confirmed = await capture.confirmedPosition(conn, artifacts);
      }
      expect(confirmed).toBe(one.position);
    } finally {
      await stream.close();
    }

    // not acknowledged: delivered again after a reconnect, from the confirmed position
    const again = await capture.open(db.url, artifacts);
    try {
      const [tx] = await collect(again, 1);
      expect(tx.changes.map((c) => c.op)).toEqual(['update', 'delete']);
    } finally {
      await again.close();
    }
  });

  it('hands a large transaction on in parts, the position only with its last part', async () => {
    const stream = await capture.open(db.url, artifacts);
    try {
      const [old] = await collect(stream, 1);
      await stream.acknowledge(old.position);
      await client.query(`INSERT INTO t (id, s) SELECT g, 'bulk' FROM generate_series(1000, 12999) g`);
      const parts: ChangeTransaction[] = [];
      const until = Date.now() + 20_000;
      while (Date.now() < until && !(parts.length && !parts[parts.length - 1].partial)) {
        const tx = await stream.next(200);
        if (tx) parts.push(tx);
      }
      expect(parts.map((p) => [p.changes.length, p.partial ?? false])).toEqual([[5000, true], [5000, true], [2000, false]]);
      expect(capture.distance(parts[2].position, old.position)).toBeGreaterThan(0);
    } finally {
      await stream.close();
    }
  });

  it('drops the slot and the publication, and a second drop is fine', async () => {
    await capture.drop(conn, artifacts);
    await capture.drop(conn, artifacts);
    expect(await capture.confirmedPosition(conn, artifacts)).toBeUndefined();
    expect((await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [artifacts.publication])).rowCount).toBe(0);
  });
});
