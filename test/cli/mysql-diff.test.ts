/**
 * MySQL plans through the real binary on MariaDB: `redb diff --format sql` between two
 * commits of a MariaDB-attached branch prints the DDL (one ALTER TABLE, no transaction),
 * `redb plan` from the live database carries the rollback, and a lossy deploy waits for consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, tempDir } from '../support/cli.js';
import { skipNote } from '../support/live.js';
import { freshMysqlDatabase, mysqlScript, noServer } from '../adapters/mysql/helpers.js';

describe.skipIf(noServer)(skipNote('redb diff and plan on MariaDB', noServer), () => {
  const ws = tempDir('redb-mysql-diff-');
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_mydiff');
    mysqlScript(db.name, "CREATE TABLE t (a INT, b INT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci; CREATE VIEW v AS SELECT a FROM t");
    expect(redb(ws, ['init', ws]).code).toBe(0);
    expect(redb(ws, ['database', 'connect', 'dev', db.url]).code).toBe(0);
    expect(redb(ws, ['repo', 'add', 'app']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'dev']).code).toBe(0);
    expect(redb(ws, ['commit', '-m', 'one']).code).toBe(0);
    mysqlScript(db.name, "ALTER TABLE t ADD COLUMN c VARCHAR(10) NOT NULL DEFAULT 'x' FIRST, DROP COLUMN b, COMMENT='two'");
    expect(redb(ws, ['commit', '-m', 'two']).code).toBe(0);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('diff --format sql prints the DDL between two commits', () => {
    const d = redb(ws, ['diff', 'main~1', 'main', '--format', 'sql']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain("ALTER TABLE `t`\n  DROP COLUMN `b`,\n  ADD COLUMN `c` varchar(10) NOT NULL DEFAULT 'x' FIRST;");
    expect(d.stdout).toContain("ALTER TABLE `t` COMMENT='two';");
    expect(d.stdout).not.toMatch(/^BEGIN|^COMMIT/mu);
    expect(d.stdout).toMatch(/mysql DB < FILE/u);
    const back = redb(ws, ['diff', 'main', 'main~1', '--format', 'sql']);
    expect(back.stdout).toContain('ADD COLUMN `b` int(11) NULL');
  });

  it('diff --json names the hazards, not-transactional among them', () => {
    const d = redb(ws, ['diff', 'main~1', 'main', '--json']);
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.stringify(d.json)).toMatch(/data-loss/u);
    expect(JSON.stringify(d.json)).toMatch(/not-transactional/u);
  });

  it('plan from the live database to the first commit, with its rollback', () => {
    const p = redb(ws, ['plan', 'main~1', '--json']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.json.dialect).toBe('mysql');
    expect(p.json.preamble).toContain('SET SESSION lock_wait_timeout = 10');
    expect(p.json.steps.map((s: { sql: string }) => s.sql).join('\n')).toContain('DROP COLUMN `c`,\n  ADD COLUMN `b` int(11) NULL\n');
    expect(p.json.rollback.length).toBeGreaterThan(0);
  });

  it('a deploy back to the first commit drops a column: refused without consent, nothing changed', () => {
    const dep = redb(ws, ['deploy', 'main~1', '--yes', '--json']);
    expect(dep.code).toBe(3);
    expect(dep.json.error).toMatchObject({ code: 'E_DESTRUCTIVE' });
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });
});
