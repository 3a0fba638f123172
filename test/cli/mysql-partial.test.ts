/**
 * A MariaDB deploy that fails part-way (DDL is not transactional: the steps before the
 * failure stay done). The failure is a lock the second step waits for longer than the
 * lock timeout (another session holds the table): the error says so and where the
 * database stopped, `status` shows the deploy incomplete, another deploy is refused, `rollback` brings back the schema before
 * it, and `deploy --resume` finishes it once the lock is gone. A narrower column over
 * values it cannot hold is refused before anything changes.
 */
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

describe.skipIf(noServer)(skipNote('a partial deploy on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-partial-');
  let src: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let prod: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let holder: mysql.Connection;
  let second = '';
  const ok = (args: string[]) => redbOk(ws, args);

  beforeAll(async () => {
    src = await freshMysqlDatabase('redb_mypart');
    prod = await freshMysqlDatabase('redb_mypart');
    mysqlScript(src.name, `CREATE TABLE a (x INT) ${T}; CREATE TABLE b (s VARCHAR(10)) ${T}; CREATE TABLE c (z INT) ${T}`);
    deployWorkspace(ws, src.url, prod.url, 'one');
    ok(['deploy', 'main', '--branch', 'prod', '--yes']);
    mysqlScript(prod.name, "INSERT INTO b VALUES ('kept')");
    mysqlScript(src.name, 'ALTER TABLE a ADD COLUMN y INT; ALTER TABLE b ADD COLUMN t INT; ALTER TABLE c ADD COLUMN w INT');
    ok(['commit', '-m', 'two']);
    const plan = ok(['plan', 'main', '--branch', 'prod', '--json']).json;
    second = /ALTER TABLE `(\w+)`/u.exec(plan.steps[1].sql)![1];
    holder = await mysql.createConnection({ uri: prod.url });
  });
  afterAll(async () => {
    await holder?.end();
    await src?.drop();
    await prod?.drop();
  });

  it('stops at the step that waits too long for a lock, says where, and refuses another deploy', async () => {
    await holder.query(`LOCK TABLES \`${second}\` WRITE`);
    const d = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--lock-timeout', '1s']);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/E_LOCK_TIMEOUT|lock/iu);
    expect(d.stderr).toContain('1 of 3 steps are committed');
    const again = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/part-way through the deploy/u);
    await holder.query('UNLOCK TABLES');
    // status says the deploy is incomplete and where it stopped
    const s = redb(ws, ['status', '--branch', 'prod']);
    expect(s.stdout).toMatch(/A deploy is incomplete: \S+ failed with 1 of 3 steps committed/u);
    expect(s.stdout).toContain('redb deploy --resume');
    expect(redb(ws, ['status', '--branch', 'prod', '--json']).json.incomplete).toMatchObject({ kind: 'deploy', status: 'failed', stepsDone: 1, stepsTotal: 3 });
  }, 120_000);

  it('rollback undoes the committed step, keeping the rows', async () => {
    const back = redb(ws, ['rollback', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(back.code, back.stderr).toBe(0);
    expect(redb(ws, ['diff', 'main~1', '@prod', '--exit-code']).code).toBe(0);
    expect((await holder.query('SELECT s FROM b'))[0]).toEqual([{ s: 'kept' }]);
  }, 120_000);

  it('fails again, and --resume finishes it once the lock is gone', async () => {
    await holder.query(`LOCK TABLES \`${second}\` WRITE`);
    expect(redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--lock-timeout', '1s']).code).toBe(1);
    await holder.query('UNLOCK TABLES');
    const resumed = redb(ws, ['deploy', '--resume', '--branch', 'prod', '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(redb(ws, ['diff', 'main', '@prod', '--exit-code']).code).toBe(0);
    expect(redb(ws, ['status', '--branch', 'prod', '--json']).json.incomplete).toBeUndefined();
  }, 120_000);

  it('refuses a narrower column over values it cannot hold before anything changes', () => {
    mysqlScript(src.name, 'ALTER TABLE a ADD COLUMN q INT; ALTER TABLE b MODIFY s VARCHAR(2)');
    ok(['commit', '-m', 'three']);
    const d = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes', '--allow-destructive']);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('nothing was changed');
    expect(d.stderr).toMatch(/main\.b\.s has 1 values varchar\(2\) cannot hold/u);
    expect(redb(ws, ['diff', 'main~1', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);
});
