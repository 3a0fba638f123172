/**
 * The MySQL/MariaDB adapter through the real binary: connect a database, commit one
 * file per object under the schema `main`, status after an ALTER; and what a user meets
 * diff and deploy (step 2: plans, consent before data loss).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, redb, tempDir } from '../../support/cli.js';
import { skipNote } from '../../support/live.js';
import { FEATURES_SQL, freshMysqlDatabase, mysqlScript, noServer } from './helpers.js';

describe.skipIf(noServer)(skipNote('redb on MariaDB/MySQL', noServer), () => {
  const ws = tempDir('redb-mysql-cli-');
  let db: Awaited<ReturnType<typeof freshMysqlDatabase>>;

  beforeAll(async () => {
    db = await freshMysqlDatabase('redb_mycli');
    mysqlScript(db.name, readFileSync(FEATURES_SQL, 'utf8'));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('connects a database and says it is mysql', () => {
    expect(redb(ws, ['init', ws]).code).toBe(0);
    const connect = redb(ws, ['database', 'connect', 'dev', db.url, '--json']);
    expect(connect.code, connect.stderr).toBe(0);
    expect(connect.json).toMatchObject({ name: 'dev', dialect: 'mysql' });
    expect(redb(ws, ['repo', 'add', 'app']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'main', 'dev']).code).toBe(0);
  });

  it('commits one file per object, under the schema main', () => {
    const c = redb(ws, ['commit', '-m', 'initial', '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json.committed).toBe(true);
    const gitDir = redb(ws, ['repo', 'show', 'app', '--json']).json.gitDir;
    const files = git(gitDir, ['ls-tree', '-r', '--name-only', 'main']).trim().split('\n');
    expect(files).toEqual([
      'redb.json',
      'schemas/main/functions/order_total(int(10) unsigned, double).json',
      'schemas/main/procedures/touch_customer(int(10) unsigned, int(11)).json',
      'schemas/main/sequences/seq_ids.json',
      'schemas/main/sequences/seq_plain.json',
      'schemas/main/tables/customers.json',
      'schemas/main/tables/odd name.json',
      'schemas/main/tables/orders.json',
      'schemas/main/tables/part_key.json',
      'schemas/main/tables/part_list.json',
      'schemas/main/tables/part_range.json',
      'schemas/main/tables/we%60ird.%C3%BCn%C3%AF.json',
      'schemas/main/views/big_orders.json',
      'schemas/main/views/order_count.json',
      'schemas/main/views/v%60q.json',
    ]);
    expect(git(gitDir, ['log', '--format=%(trailers:key=Redb-Dialect,valueonly)', 'main']).trim()).toBe('mysql');
    const orders = JSON.parse(git(gitDir, ['show', 'main:schemas/main/tables/orders.json']));
    expect(orders.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    expect(orders.triggers.map((t: { name: string }) => t.name).sort()).toEqual(['orders_au', 'orders_bi', 'orders_bi2']);
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('status --exit-code exits 2 after an ALTER and names the table', () => {
    mysqlScript(db.name, 'ALTER TABLE orders ADD COLUMN extra INT');
    const s = redb(ws, ['status', '--exit-code', '--json']);
    expect(s.code).toBe(2);
    expect(s.json.changes).toEqual([{ status: 'modified', path: 'schemas/main/tables/orders.json', id: 'main.orders', kind: 'table' }]);
    const c = redb(ws, ['commit', '-m', 'orders.extra', '--json']);
    expect(c.json.changes.map((x: { id: string }) => x.id)).toEqual(['main.orders']);
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });

  it('diff plans; a deploy that would drop a column waits for consent, nothing changed', () => {
    const d = redb(ws, ['diff', 'main~1', 'main', '--format', 'sql']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('ADD COLUMN `extra` int(11) NULL');
    const dep = redb(ws, ['deploy', 'main~1', '--yes', '--json']);
    expect(dep.code).toBe(3);
    expect(dep.json.error).toMatchObject({ code: 'E_DESTRUCTIVE' });
    expect(redb(ws, ['status', '--exit-code']).code).toBe(0);
  });
});
