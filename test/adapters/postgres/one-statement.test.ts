/** `Connection.run` runs one statement and refuses a string that holds two: a plan step can never smuggle in a second one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { freshPgDatabase, PG_URL } from '../../support/live.js';

const targets: [string, () => Promise<{ url: string; drop: () => Promise<void> }>][] = [['PGlite', async () => ({ url: 'pglite://memory', drop: async () => {} })]];
if (PG_URL) targets.push(['PostgreSQL server', () => freshPgDatabase('redb_onestmt')]);

describe.each(targets)('run() on %s', (_name, open) => {
  let conn: Connection;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await open();
    drop = db.drop;
    conn = await postgresAdapter.connect(db.url);
  });
  afterAll(async () => {
    await conn?.close();
    await drop?.();
  });

  it('runs a single statement, dollar-quoted bodies included', async () => {
    await conn.run('CREATE TABLE t (a int DEFAULT 0)');
    await conn.run("DO $x$ BEGIN PERFORM 1; END $x$");
    expect(await conn.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('refuses a second statement and runs neither', async () => {
    await expect(conn.run('ALTER TABLE t ALTER COLUMN a SET DEFAULT 1; CREATE TABLE smuggled (x int)')).rejects.toThrow(/multiple commands|cannot insert multiple/i);
    expect(await conn.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'smuggled'")).toEqual([{ n: 0 }]);
  });
});
