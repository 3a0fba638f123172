/**
 * Real schemas from the corpus by CLI on MariaDB, as issue 8 asks: commit one from a
 * database, deploy it onto an empty one (proved first), the two are equal (`diff @a @b
 * --exit-code` is 0), and the rollback leaves the target empty again (but for redb's
 * own ledger, which no model shows).
 */
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { corpusMissing, skipNote } from '../support/live.js';
import { CORPUS_SCHEMAS, freshMysqlDatabase, mysqlScript, noServer, schemaOnly } from '../adapters/mysql/helpers.js';

const skip = noServer ?? corpusMissing();

/** The tables, views and routines a database holds, redb's ledger aside. */
async function objectsIn(url: string, database: string): Promise<string[]> {
  const c = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await c.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_name NOT LIKE 'redb%'
       UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema = ?`,
      [database, database],
    );
    return (rows as { name: string }[]).map((r) => r.name).sort();
  } finally {
    await c.end();
  }
}

describe.skipIf(skip)(skipNote('corpus schemas deployed and rolled back by CLI on MariaDB', skip), () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  for (const c of CORPUS_SCHEMAS) {
    it(`${c.name}: commit, deploy onto an empty database, equal, rollback to empty`, async () => {
      const [src, target] = [await freshMysqlDatabase(`redb_rt${c.name}`), await freshMysqlDatabase(`redb_rt${c.name}`)];
      drops.push(src.drop, target.drop);
      mysqlScript(src.name, schemaOnly(c.file, c.name, src.name));
      const ws = tempDir(`redb-mysql-${c.name}-`);
      const ok = (args: string[]) => redbOk(ws, args);
      deployWorkspace(ws, src.url, target.url, c.name);
      ok(['deploy', 'main', '--branch', 'prod', '--yes']);
      expect(redb(ws, ['diff', '@src', '@prod', '--exit-code']).code).toBe(0);
      expect((await objectsIn(target.url, target.name)).length).toBe(c.tables + c.views + c.routines);
      ok(['rollback', '--branch', 'prod', '--yes', '--allow-destructive']);
      expect(await objectsIn(target.url, target.name)).toEqual([]);
    }, 180_000);
  }
});
