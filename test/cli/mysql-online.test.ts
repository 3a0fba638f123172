/**
 * Issue 8 by CLI on MariaDB: an event and a definer deploy from one database onto
 * another and the two are equal; `redb deploy --online` applies a change the server
 * makes in place and refuses, before anything changes, one only a copy of the table
 * can make, naming the step.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployWorkspace, redb, redbOk, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { admin, freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

describe.skipIf(noServer)(skipNote('redb deploy --online, events and definers on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-online-');
  const definer = `'redb_def_${randomBytes(3).toString('hex')}'@'%'`;
  let src: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  let prod: Awaited<ReturnType<typeof freshMysqlDatabase>>;
  const ok = (args: string[]) => redbOk(ws, args);

  beforeAll(async () => {
    await admin(`CREATE USER ${definer} IDENTIFIED BY 'Redb-def-9x!Qa'; GRANT ALL ON *.* TO ${definer}`);
    src = await freshMysqlDatabase('redb_myonl');
    prod = await freshMysqlDatabase('redb_myonl');
    mysqlScript(src.name, `CREATE TABLE t (id INT PRIMARY KEY, a INT) ${T};
CREATE DEFINER=${definer} VIEW v AS SELECT a FROM t;
CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE a < 0;`);
    deployWorkspace(ws, src.url, prod.url, 'one');
  });
  afterAll(async () => {
    await src?.drop();
    await prod?.drop();
    await admin(`DROP USER IF EXISTS ${definer}`);
  });

  it('deploys an event and a view of another definer; the two databases are equal', () => {
    ok(['deploy', 'main', '--branch', 'prod', '--yes']);
    expect(redb(ws, ['diff', '@src', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);

  it('deploys an in-place change --online', () => {
    mysqlScript(src.name, 'ALTER TABLE t ADD COLUMN b INT, ADD INDEX ia (a)');
    ok(['commit', '-m', 'in place']);
    const p = ok(['plan', 'main', '--branch', 'prod', '--online', '--json']);
    expect(p.json.steps.map((s: { sql: string }) => s.sql).join('\n')).toMatch(/ALGORITHM=INPLACE, LOCK=NONE/u);
    ok(['deploy', 'main', '--branch', 'prod', '--online', '--yes']);
    expect(redb(ws, ['diff', '@src', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);

  it('refuses --online for a change only a copy can make, naming the step; nothing changes', () => {
    mysqlScript(src.name, 'ALTER TABLE t MODIFY COLUMN a BIGINT');
    ok(['commit', '-m', 'copy']);
    const d = redb(ws, ['deploy', 'main', '--branch', 'prod', '--online', '--yes', '--json']);
    expect(d.code).toBe(1);
    expect(d.json.error).toMatchObject({ code: 'E_NOT_ONLINE' });
    expect(d.json.error.message).toContain('the step "alter table main.t: alter-column" cannot run online');
    expect(d.json.error.message).toContain('MODIFY COLUMN `a` bigint(20)');
    expect(redb(ws, ['diff', 'main~1', '@prod', '--exit-code']).code).toBe(0);
  }, 120_000);
});
