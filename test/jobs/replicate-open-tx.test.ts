/**
 * Replication PostgreSQL → PostgreSQL while a large transaction is only partly delivered
 * (docs/jobs.md, "Delivery guarantee"): the real pgoutput stream, with a fault injected —
 * right after a part of a transaction larger than a part, `next()` reports a quiet gap
 * while the stream goes on reading the rest (and its commit) from the server. No
 * checkpoint may be committed and no "caught up" declared inside that gap: the target
 * must equal the source after the run, and again after a restart from its checkpoint.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { ChangeCapture, ChangeStream } from '../../adapters/types.js';
import { runJob } from '../../src/core/jobs.js';
import { Workspace } from '../../src/core/workspace.js';
import { addRelationship } from '../../src/jobs/relationships.js';
import { freshPgDatabase, PG_URL, skipNote, pgQuery } from '../support/live.js';
import { redbOk, tempDir } from '../support/cli.js';

type Db = Awaited<ReturnType<typeof freshPgDatabase>>;
const capture = postgresAdapter.changes! as { -readonly [K in keyof ChangeCapture]: ChangeCapture[K] };

/** Calls of `next()` that report nothing after a partial part: more than a run without follow needs to decide it is idle. */
const QUIET_CALLS = 15;

const sql = pgQuery;

/** Runs `fn` with the adapter's real streams wrapped by `wrap` (the fault injection), then unwrapped. */
async function withOpen(wrap: (inner: ChangeStream) => ChangeStream, fn: () => Promise<void>): Promise<void> {
  const open = capture.open;
  capture.open = async (...args) => wrap(await open(...args));
  try {
    await fn();
  } finally {
    capture.open = open;
  }
}

const contents = async (url: string) => (await sql(url, 'SELECT b::text AS row FROM bulk b ORDER BY id')).rows.map((r) => r.row as string);

/** The real stream, except that after a partial part it answers "nothing yet" `calls` times (waiting as asked). */
function quietAfterPart(inner: ChangeStream, calls = QUIET_CALLS): ChangeStream & { gaps: number } {
  let quiet = 0;
  return {
    gaps: 0,
    get sourcePosition() { return inner.sourcePosition; },
    async next(waitMs) {
      if (quiet > 0) {
        quiet--;
        await new Promise((res) => setTimeout(res, waitMs));
        return undefined;
      }
      const tx = await inner.next(waitMs);
      if (tx?.partial) {
        quiet = calls;
        this.gaps++;
      }
      return tx;
    },
    acknowledge: (position) => inner.acknowledge(position),
    close: () => inner.close(),
  };
}

describe.skipIf(!PG_URL)(skipNote('replication across a partly delivered transaction', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  let src: Db;
  let tgt: Db;
  let ws: Workspace;
  const name = `opentx-${process.pid}`;
  const targetLsn = async () => (await sql(tgt.url, `SELECT value FROM redb.redb_jobs WHERE job = '${name}' AND scope = 'lsn'`)).rows[0]?.value as string | undefined;

  beforeAll(async () => {
    [src, tgt] = await Promise.all(['redb_otsrc', 'redb_ottgt'].map((p) => freshPgDatabase(p)));
    const dir = join(tempDir('redb-opentx-'), 'ws');
    redbOk(dir, ['init', dir]);
    redbOk(dir, ['repo', 'add', 'app']);
    redbOk(dir, ['database', 'connect', 'src', src.url]);
    redbOk(dir, ['database', 'connect', 'tgt', tgt.url]);
    await sql(src.url, `CREATE TABLE bulk (id int PRIMARY KEY, s text); INSERT INTO bulk VALUES (1, 'one');`);
    ws = await Workspace.open(dir);
  });

  afterAll(async () => {
    const conn = src && (await postgresAdapter.connect(src.url));
    await capture.drop(conn, await capture.artifactNames(conn, name)).catch(() => undefined);
    await conn?.close();
    await Promise.all([src, tgt].map((d) => d?.drop()));
  });

  it('checkpoints and declares caught up only after the commit of a transaction delivered in parts', async () => {
    await addRelationship(ws, { name, type: 'replication', source: 'src', target: 'tgt', tables: ['bulk'] });
    expect((await runJob(ws, name)).status).toBe('paused');

    // a small transaction, then one of 12,000 rows: parts of 5,000, 5,000 and 2,000 changes
    await sql(src.url, `INSERT INTO bulk VALUES (2, 'two')`);
    await sql(src.url, `INSERT INTO bulk SELECT g, 'bulk ' || g FROM generate_series(1000, 12999) g`);
    let stream: ReturnType<typeof quietAfterPart> | undefined;
    await withOpen((inner) => (stream = quietAfterPart(inner)), async () => {
      expect((await runJob(ws, name)).status).toBe('paused');
    });
    const expected = await contents(src.url);
    expect(expected).toHaveLength(12_002);
    // caught up means the whole transaction is there, not a part of it
    const afterRun = await contents(tgt.url);

    // a restart from the target's checkpoint delivers whatever that run did not hold for good
    expect((await runJob(ws, name)).status).toBe('paused');
    const afterRestart = await contents(tgt.url);
    expect([afterRun.length, afterRestart.length]).toEqual([expected.length, expected.length]);
    expect(afterRestart).toEqual(expected);
    expect(stream!.gaps).toBe(2);
  }, 60_000);

  it('with follow, commits no idle checkpoint while a transaction is open: a pause inside it loses nothing', async () => {
    await sql(src.url, `INSERT INTO bulk SELECT g, 'more ' || g FROM generate_series(20000, 27999) g`);
    const before = await targetLsn();
    const stop = new AbortController();
    // a gap longer than the idle checkpoint's interval (10 s), and a pause inside it
    await withOpen((inner) => quietAfterPart(inner, 70), async () => {
      const run = runJob(ws, name, { follow: true, signal: stop.signal });
      const until = Date.now() + 12_500;
      while (Date.now() < until && (await contents(tgt.url)).length < 12_002 + 5000) await new Promise((res) => setTimeout(res, 100));
      await new Promise((res) => setTimeout(res, Math.max(0, until - Date.now())));
      stop.abort();
      expect((await run).status).toBe('paused');
    });
    expect(await targetLsn()).toBe(before);

    expect((await runJob(ws, name)).status).toBe('paused');
    const expected = await contents(src.url);
    expect(expected).toHaveLength(20_002);
    expect(await contents(tgt.url)).toEqual(expected);
  }, 60_000);
});
