/**
 * Replication PostgreSQL → MariaDB (docs/jobs.md, "Replication"): the same stream into
 * another engine, through the translated target schema and the portable value conversion.
 */
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { runJob } from '../../src/core/jobs.js';
import { Workspace } from '../../src/core/workspace.js';
import { addRelationship } from '../../src/jobs/relationships.js';
import { freshMysqlDatabase, noServer } from '../adapters/mysql/helpers.js';
import { freshPgDatabase, PG_URL, skipNote } from '../support/live.js';
import { redbOk, tempDir } from '../support/cli.js';

const why = !PG_URL ? 'REDB_TEST_PG_URL is not set' : noServer;

describe.skipIf(why)(skipNote('replication PostgreSQL → MariaDB', why), () => {
  let src: Awaited<ReturnType<typeof freshPgDatabase>>;
  let tgt: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let ws: Workspace;
  const name = `to-maria-${process.pid}`;

  const pgRows = async () => {
    const c = new pg.Client({ connectionString: src.url });
    await c.connect();
    try {
      const r = await c.query(`SELECT id::text, v, n::text, encode(b, 'hex') AS b, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS ts, ok FROM items ORDER BY id`);
      return r.rows.map((x) => [x.id, x.v, x.n, x.b, x.ts, x.ok]);
    } finally {
      await c.end();
    }
  };
  const myRows = async () => {
    const c = await mysql.createConnection(tgt.url);
    try {
      const [rows] = await c.query(`SELECT CAST(id AS CHAR) AS id, v, CAST(n AS CHAR) AS n, LOWER(HEX(b)) AS b, DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f') AS ts, ok FROM items ORDER BY id`);
      return (rows as Record<string, unknown>[]).map((x) => [x.id, x.v, x.n, x.b === null ? null : x.b, x.ts, x.ok === null ? null : x.ok === 1]);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    [src, tgt] = await Promise.all([freshPgDatabase('redb_rmsrc'), freshMysqlDatabase('redb_rmtgt')]);
    const dir = join(tempDir('redb-repl-my-'), 'ws');
    redbOk(dir, ['init', dir]);
    redbOk(dir, ['database', 'connect', 'src', src.url]);
    redbOk(dir, ['database', 'connect', 'maria', tgt.url]);
    const c = new pg.Client({ connectionString: src.url });
    await c.connect();
    await c.query(`CREATE TABLE items (id bigint PRIMARY KEY, v text, n numeric(12,4), b bytea, ts timestamptz(6), ok boolean);
      INSERT INTO items SELECT g, 'ítem ' || g, g / 7.0, decode(lpad(to_hex(g), 6, '0'), 'hex'), '2024-03-01 12:00:00+01'::timestamptz + g * interval '1.5 second', g % 2 = 0 FROM generate_series(1, 200) g`);
    await c.end();
    ws = await Workspace.open(dir);
  });

  afterAll(async () => {
    const conn = src && (await postgresAdapter.connect(src.url));
    if (conn) await postgresAdapter.changes!.drop(conn, await postgresAdapter.changes!.artifactNames(conn, name)).catch(() => undefined);
    await conn?.close();
    await Promise.all([src?.drop(), tgt?.drop()]);
  });

  it('snapshots, then streams inserts, updates and deletes into MariaDB with the values intact', async () => {
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'maria' });
    expect((await runJob(ws, name)).status).toBe('paused');
    expect(await myRows()).toEqual(await pgRows());
    const c = new pg.Client({ connectionString: src.url });
    await c.connect();
    await c.query(`UPDATE items SET v = NULL, ok = NULL, b = NULL WHERE id <= 20;
      UPDATE items SET id = id + 1000, v = 'moved 😀' WHERE id BETWEEN 21 AND 25;
      DELETE FROM items WHERE id > 190 AND id < 1000;
      INSERT INTO items VALUES (5000, 'new', 123.4567, '\\xdeadbeef', '2024-12-31 23:59:59.123456+00', true)`);
    await c.end();
    const run = await runJob(ws, name);
    expect(run.status).toBe('paused');
    expect(run.state.replication?.changes).toMatchObject({ update: 25, delete: 10, insert: 1 });
    expect(await myRows()).toEqual(await pgRows());
  });
});
