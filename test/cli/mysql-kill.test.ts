/**
 * A MariaDB deploy killed (SIGKILL) between two steps: the step before is committed and
 * recorded in the ledger, the next deploy is refused as part-way, and `deploy --resume`
 * finishes it from the recorded step. The second step is held back by a table lock of
 * another session, so the kill lands between the steps every time (and its session is
 * ended on the server too: the server would otherwise run the waiting ALTER after the
 * client died, one step past what the ledger recorded).
 */
import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(noServer)(skipNote('a killed deploy on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-kill-');
  let src: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let prod: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  const ok = (args: string[]) => redbOk(ws, args);

  beforeAll(async () => {
    src = await freshMysqlDatabase('redb_mykill');
    prod = await freshMysqlDatabase('redb_mykill');
    mysqlScript(src.name, `CREATE TABLE a (x INT) ${T}; CREATE TABLE b (s INT) ${T}`);
    deployWorkspace(ws, src.url, prod.url, 'one');
    ok(['deploy', 'main', '--branch', 'prod', '--yes']);
    mysqlScript(src.name, 'ALTER TABLE a ADD COLUMN y INT; ALTER TABLE b ADD COLUMN t INT');
    ok(['commit', '-m', 'two']);
  });
  afterAll(async () => {
    await src?.drop();
    await prod?.drop();
  });

  it('is killed after step 1, refused as part-way, and resumed to the target', async () => {
    const holder = await mysql.createConnection({ uri: prod.url });
    const watch = await mysql.createConnection({ uri: prod.url });
    try {
      // whichever table the second step alters waits for this session's lock
      const plan = ok(['plan', 'main', '--branch', 'prod', '--json']).json;
      const second = /ALTER TABLE `(\w+)`/u.exec(plan.steps[1].sql)![1];
      await holder.query(`LOCK TABLES \`${second}\` WRITE`);
      const child = spawn(process.execPath, [`${PROJECT_DIR}bin/redb.js`, 'deploy', 'main', '--branch', 'prod', '--yes', '--lock-timeout', '1min'], {
        env: { ...process.env, REDB_WORKSPACE: ws, NO_COLOR: '1' }, stdio: 'ignore',
      });
      const exited = new Promise((r) => child.on('exit', r));
      let done = 0;
      for (let i = 0; i < 200 && done < 1; i++) {
        await sleep(100);
        const [rows] = await watch.query("SELECT steps_done FROM redb_deployments WHERE status = 'running'").catch(() => [[]]);
        done = Number((rows as { steps_done?: number }[])[0]?.steps_done ?? 0);
      }
      expect(done).toBe(1);
      child.kill('SIGKILL');
      await exited;
      // the server does not stop a statement when its client dies: the waiting ALTER would run once
      // the lock is released, one step past the ledger; end that session as a dead process's would be
      const [waiting] = await watch.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'ALTER TABLE%'", [prod.name]);
      for (const { id } of waiting as { id: number }[]) await watch.query(`KILL ${Number(id)}`);
      await holder.query('UNLOCK TABLES');
      // the ledger row still says running: status shows it, with the step it reached
      expect(redb(ws, ['status', '--branch', 'prod', '--json']).json.incomplete).toMatchObject({ status: 'running', stepsDone: 1, stepsTotal: 2 });
      const again = redb(ws, ['deploy', 'main', '--branch', 'prod', '--yes']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/1 of 2 steps are committed|interrupted/u);
      const resumed = redb(ws, ['deploy', '--resume', '--branch', 'prod', '--yes']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(redb(ws, ['diff', 'main', '@prod', '--exit-code']).code).toBe(0);
    } finally {
      await holder.end();
      await watch.end();
    }
  }, 120_000);
});
