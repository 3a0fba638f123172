/**
 * A MariaDB deploy that fails part-way (DDL is not transactional: the steps before the
 * failure stay done): the error says where the database stopped, another deploy is
 * refused, `rollback` brings back the schema before it, and `deploy --resume` finishes
 * it once the cause is fixed.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

describe.skipIf(noServer)(skipNote('a partial deploy on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-partial-');
  let src: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let prod: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  const ok = (args: string[]) => {
    const r = redb(ws, args);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    src = await freshMysqlDatabase('redb_mypart');
    prod = await freshMysqlDatabase('redb_mypart');
    mysqlScript(src.name, `CREATE TABLE a (x INT) ${T}; CREATE TABLE b (s VARCHAR(10)) ${T}; CREATE TABLE c (z INT) ${T}`);
    ok(['init', ws]);
    ok(['database', 'connect', 'src', src.url]);
    ok(['database', 'connect', 'prod', prod.url]);
    ok(['repo', 'add', 'app']);
    ok(['branch', 'attach', 'main', 'src']);
    ok(['commit', '-m', 'one']);
    ok(['branch', 'create', 'prod']);
    ok(['branch', 'attach', 'prod', 'prod']);
    ok(['deploy', 'main', '--branch', 'prod', '--yes']);
    // a value the narrower column cannot hold: the server refuses the ALTER (strict sql_mode), no data check sees it
    mysqlScript(prod.name, "INSERT INTO b VALUES ('too long')");
    mysqlScript(src.name, 'ALTER TABLE a ADD COLUMN y INT; ALTER TABLE b MODIFY s VARCHAR(2); ALTER TABLE c ADD COLUMN w INT');
    ok(['commit', '-m', 'two']);
  });
  afterAll(async () => {
    await src?.drop();
    await prod?.drop();
  });

  it('fails part-way and says where it stopped; a second deploy is refused; rollback undoes the committed step', async () => {
    const d = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/Data truncated for column 's'/u);
    expect(d.stderr).toContain('1 of 3 steps are committed');
    expect(d.stderr).toContain('redb deploy --resume');
    const again = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/part-way through the deploy/u);
    const back = redb(ws, ['rollback', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(back.code, back.stderr).toBe(0);
    expect(redb(ws, ['diff', 'main~1', '@prod', '--exit-code']).code).toBe(0);
    const c = await mysql.createConnection({ uri: prod.url });
    try {
      expect((await c.query('SELECT s FROM b'))[0]).toEqual([{ s: 'too long' }]);
    } finally {
      await c.end();
    }
  }, 120_000);

  it('fails again, and --resume finishes it once the cause is fixed', () => {
    expect(redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--allow-destructive']).code).toBe(1);
    mysqlScript(prod.name, "UPDATE b SET s = 'ok'");
    const resumed = redb(ws, ['deploy', '--resume', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(redb(ws, ['diff', 'main', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);
});
