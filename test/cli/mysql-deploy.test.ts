/**
 * A MariaDB deploy by CLI: the features schema committed from one database, deployed
 * onto an empty one (proved on a scratch database of the same server first), the two
 * equal, a change deployed with its rows kept, and a rollback that leaves it empty.
 */
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { FEATURES_SQL, freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

describe.skipIf(noServer)(skipNote('redb deploy on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-deploy-');
  let src: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let prod: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  const ok = (args: string[]) => redbOk(ws, args);

  beforeAll(async () => {
    src = await freshMysqlDatabase('redb_mydep');
    prod = await freshMysqlDatabase('redb_mydep');
    mysqlScript(src.name, readFileSync(FEATURES_SQL, 'utf8'));
    deployWorkspace(ws, src.url, prod.url, 'features');
  });
  afterAll(async () => {
    await src?.drop();
    await prod?.drop();
  });

  it('deploys the features schema onto an empty database, proved first; the two are equal', () => {
    const d = ok(['deploy', 'main', '--branch', 'prod', '--yes', '--json']);
    expect(JSON.stringify(d.json)).toMatch(/scratch database on the target server/u);
    expect(redb(ws, ['diff', '@src', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);

  it('deploys a change keeping the rows, and rolls it back', async () => {
    const c = await mysql.createConnection({ uri: prod.url });
    try {
      await c.query("INSERT INTO `odd name` VALUES (1, 'one')");
      mysqlScript(src.name, 'ALTER TABLE `odd name` ADD COLUMN n INT NOT NULL DEFAULT 5 FIRST');
      ok(['commit', '-m', 'n']);
      ok(['deploy', 'main', '--branch', 'prod', '--yes']);
      expect(redb(ws, ['diff', '@src', '@prod', '--exit-code']).code).toBe(0);
      const [rows] = await c.query('SELECT * FROM `odd name`');
      expect(rows).toEqual([{ n: 5, 'a b': 1, select: 'one' }]);
      // the rollback drops the column: data-loss, which needs consent
      const refused = redb(ws, ['rollback', '--branch', 'prod', '--yes', '--json']);
      expect(refused.code).toBe(3);
      const back = redb(ws, ['rollback', '--branch', 'prod', '--yes', '--allow-destructive', '--json']);
      expect(back.code, back.stderr).toBe(0);
      expect(redb(ws, ['diff', 'main~1', '@prod', '--exit-code']).code).toBe(0);
      const [after] = await c.query('SELECT * FROM `odd name`');
      expect(after).toEqual([{ 'a b': 1, select: 'one' }]);
    } finally {
      await c.end();
    }
  }, 120_000);

  it('refuses a foreign key over rows without a match before anything changes (keys are added with checks off)', async () => {
    mysqlScript(prod.name, 'CREATE TABLE kid (pid INT UNSIGNED) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci; INSERT INTO kid VALUES (1), (NULL)');
    mysqlScript(src.name, 'CREATE TABLE kid (pid INT UNSIGNED, KEY k (pid), CONSTRAINT kid_p FOREIGN KEY (pid) REFERENCES customers (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci');
    ok(['commit', '-m', 'kid']);
    const d = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--force']);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('nothing was changed');
    expect(d.stderr).toMatch(/main\.kid\.kid_p has 1 rows without a match in main\.customers/u);
  }, 120_000);

  it('the ledger stays out of the model', () => {
    const s = redb(ws, ['status', '--branch', 'prod', '--json']);
    expect(JSON.stringify(s.json)).not.toMatch(/redb_deployments/u);
  });
});
