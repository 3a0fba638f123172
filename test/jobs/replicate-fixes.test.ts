/**
 * Replication PostgreSQL → PostgreSQL, the review's findings (docs/jobs.md, "Replication"):
 * a key change of a row whose large (out-of-line) value the source does not resend keeps
 * that value; transforms naming what the job does not copy are refused before the source
 * is touched; a keyless table holding identical rows is refused.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { requestJob, runJob } from '../../src/core/jobs.js';
import { Workspace } from '../../src/core/workspace.js';
import type { RedbError } from '../../src/errors.js';
import { addRelationship } from '../../src/jobs/relationships.js';
import { freshPgDatabase, PG_URL, skipNote, pgQuery } from '../support/live.js';
import { redbOk, tempDir } from '../support/cli.js';

type Db = Awaited<ReturnType<typeof freshPgDatabase>>;
const capture = postgresAdapter.changes!;

const sql = pgQuery;

async function confirmed(url: string, job: string): Promise<string | undefined> {
  const conn = await postgresAdapter.connect(url);
  try {
    return await capture.confirmedPosition(conn, await capture.artifactNames(conn, job));
  } finally {
    await conn.close();
  }
}

/** 64,000 characters that do not compress: stored out of line (TOAST), so not resent when unchanged. */
const BIG = `(SELECT string_agg(md5(g::text || random()::text), '') FROM generate_series(1, 2000) g)`;

describe.skipIf(!PG_URL)(skipNote('replication fixes PostgreSQL → PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  let src: Db;
  let tgt: Db;
  let ws: Workspace;
  const jobs: string[] = [];
  const job = (name: string) => {
    const n = `${name}-${process.pid}`;
    jobs.push(n);
    return n;
  };

  beforeAll(async () => {
    [src, tgt] = await Promise.all(['redb_rfsrc', 'redb_rftgt'].map((p) => freshPgDatabase(p)));
    const dir = join(tempDir('redb-replfix-'), 'ws');
    redbOk(dir, ['init', dir]);
    redbOk(dir, ['repo', 'add', 'app']);
    redbOk(dir, ['database', 'connect', 'src', src.url]);
    redbOk(dir, ['database', 'connect', 'tgt', tgt.url]);
    await sql(src.url, `
      CREATE TABLE doc (id int PRIMARY KEY, title text, body text);
      CREATE TABLE loose (at int, what text);
      CREATE TABLE twins (a int, b text);
      INSERT INTO twins VALUES (1, 'x'), (2, 'y');
      INSERT INTO doc SELECT g, 'doc ' || g, ${BIG} FROM generate_series(1, 3) g;`);
    ws = await Workspace.open(dir);
  });

  afterAll(async () => {
    const conn = src && (await postgresAdapter.connect(src.url));
    for (const j of jobs) await capture.drop(conn, await capture.artifactNames(conn, j)).catch(() => undefined);
    await conn?.close();
    await Promise.all([src, tgt].map((d) => d?.drop()));
  });

  it('a key change keeps the large values the source did not resend; a row it cannot complete stops the job', async () => {
    const name = job('toast');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['doc'] });
    expect((await runJob(ws, name)).status).toBe('paused');
    // the batch holds no row of key 1 or 3: their bodies come from the replica; key 2 is moved twice in one transaction
    await sql(src.url, `UPDATE doc SET id = 10 WHERE id = 1; UPDATE doc SET id = 30, title = 'moved' WHERE id = 3;
      BEGIN; UPDATE doc SET id = 20 WHERE id = 2; UPDATE doc SET id = 21 WHERE id = 20; COMMIT;`);
    expect((await runJob(ws, name)).status).toBe('paused');
    const q = 'SELECT id, title, md5(body) AS body FROM doc ORDER BY id';
    const got = (await sql(tgt.url, q)).rows;
    expect(got.every((r) => r.body !== null)).toBe(true);
    expect(got).toEqual((await sql(src.url, q)).rows);

    // the replica lost the row: nothing to complete the moved row from, and no NULL is written
    await sql(tgt.url, 'DELETE FROM doc WHERE id = 10');
    await sql(src.url, 'UPDATE doc SET id = 11 WHERE id = 10');
    const err = (await runJob(ws, name).catch((e: unknown) => e)) as RedbError;
    expect(err.code).toBe('E_REPLICATION');
    expect(err.message).toContain('public.doc');
    expect((await sql(tgt.url, 'SELECT count(*)::int AS n FROM doc WHERE id = 11')).rows[0].n).toBe(0);
  });

  it('a keyless table under REPLICA IDENTITY FULL: refused while it holds identical rows, which the target cannot tell apart', async () => {
    const name = job('twins');
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['twins'], replicaIdentityFull: true });
    expect((await runJob(ws, name)).status).toBe('paused');
    // a second copy of a row, then one of the two copies deleted: the source keeps one
    await sql(src.url, `INSERT INTO twins VALUES (1, 'x')`);
    const err = (await runJob(ws, name).catch((e: unknown) => e)) as RedbError;
    expect([err.code, err.exitCode]).toEqual(['E_IDENTICAL_ROWS', 64]);
    expect(err.message).toContain('public.twins');
    expect(err.hint).toContain('primary key');
    // the hint's way out: the copy removed, the job started anew (a new slot and snapshot)
    await sql(src.url, `DELETE FROM twins WHERE ctid = (SELECT min(ctid) FROM twins WHERE a = 1)`);
    expect((await requestJob(ws, name, 'cancel')).state?.status).toBe('cancelled');
    expect((await runJob(ws, name)).status).toBe('paused');
    await sql(src.url, `INSERT INTO twins VALUES (3, 'z'); DELETE FROM twins WHERE a = 2`);
    expect((await runJob(ws, name)).status).toBe('paused');
    const q = 'SELECT a, b FROM twins ORDER BY a';
    expect((await sql(tgt.url, q)).rows).toEqual((await sql(src.url, q)).rows);
  });

  it('refuses a transform naming a table or column it does not copy, before the source is changed', async () => {
    for (const [t, names] of [['loose.whatever=redact', 'loose.whatever'], ['nosuch.what=redact', 'nosuch.what']] as const) {
      const name = job(`badtf-${names.split('.')[0]}`);
      await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['loose'], replicaIdentityFull: true, transforms: [t] });
      const err = (await runJob(ws, name).catch((e: unknown) => e)) as RedbError;
      expect([err.code, err.exitCode]).toEqual(['E_USAGE', 64]);
      expect(err.message).toContain(names);
      expect(err.message).toMatch(/its (tables|columns): /);
      // nothing was made or changed on the source: no slot, and the table's replica identity is as it was
      expect(await confirmed(src.url, name)).toBeUndefined();
      expect((await sql(src.url, `SELECT relreplident FROM pg_class WHERE relname = 'loose'`)).rows[0].relreplident).toBe('d');
    }
  });
});
