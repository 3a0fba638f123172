/** `Connection.run` runs one statement and refuses a string that holds two: a plan step can never smuggle in a second one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../adapters/types.js';
import { sqliteWith } from './helpers.js';

describe('run() on a SQLite file', () => {
  let db: Awaited<ReturnType<typeof sqliteWith>>;
  let conn: Connection;
  beforeAll(async () => {
    db = await sqliteWith('CREATE TABLE t (a integer DEFAULT 0)');
    conn = db.conn;
  });
  afterAll(() => db.done());

  it('runs a single statement, a trailing semicolon and trigger bodies included', async () => {
    await conn.run('CREATE TABLE u (a integer);');
    await conn.run('CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (new.a); DELETE FROM u WHERE a < 0; END');
    expect(await conn.query('SELECT count(*) AS n FROM u')).toEqual([{ n: 0 }]);
  });

  it('refuses a second statement and runs neither', async () => {
    await expect(conn.run('ALTER TABLE t ADD COLUMN b integer; CREATE TABLE smuggled (x integer)')).rejects.toThrow(/more than one statement/);
    expect(await conn.query("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'smuggled'")).toEqual([{ n: 0 }]);
    expect(await conn.query("SELECT count(*) AS n FROM pragma_table_info('t') WHERE name = 'b'")).toEqual([{ n: 0 }]);
  });
});
