/**
 * What the differ tells a person, by the real binary on a PostgreSQL server: a middle
 * column renamed without --rename gives a drop, an add, a rename hint and a column order
 * notice (diff text/sql/markdown/json, plan, deploy --dry-run); deploy refuses it
 * (exit 3, E_COLUMN_ORDER) until --rename or --column-order accept; a table setting
 * alone (unlogged) is a change with a statement; a malformed Redb-Renames trailer is an
 * error naming the commit, in diff and in deploy.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, redb, tempDir } from '../support/cli.js';
import { deployScenario, query, type DeployScenario } from '../support/deploy-scenario.js';
import { PG_URL, psql } from '../support/live.js';

const V1 = `CREATE TABLE users (id int PRIMARY KEY, name text, email text);
            INSERT INTO users VALUES (1, 'ann', 'ann@x.io'), (2, 'bob', 'bob@x.io');
            CREATE TABLE tags (a int, b int);`;

describe.skipIf(!PG_URL)('rename hints, column order and trailers by CLI on PostgreSQL', () => {
  const ws = tempDir();
  const gitDir = join(ws, '.redb', 'repos', 'app.git');
  let prod: DeployScenario['prod'];
  let dev: DeployScenario['dev'];
  let scenario: DeployScenario;
  const run = (args: string[]) => redb(ws, args);
  const columns = async (table: string) =>
    (await query<{ attname: string }>(prod.url, `SELECT attname FROM pg_attribute WHERE attrelid = 'public.${table}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`)).map((r) => r.attname);

  beforeAll(async () => {
    scenario = await deployScenario({ ws, prefix: 'redb_notice', v1: V1 });
    ({ prod, dev } = scenario);
    // a middle column renamed, without recording the rename
    psql(dev.url, 'ALTER TABLE users RENAME COLUMN name TO full_name');
    expect(run(['commit', '-m', 'v2', '--branch', 'feature']).code).toBe(0);
  });
  afterAll(async () => {
    await scenario?.drop();
  });

  it('diff: a drop and an add of one type suggest --rename; the column order the plan reaches is stated', () => {
    const text = run(['diff', 'main', 'feature']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('    - column name text\n');
    expect(text.stdout).toContain('    + column full_name text\n');
    expect(text.stdout).toContain('    ~ column order: id, email, full_name → id, full_name, email\n');
    expect(text.stdout).toContain("column order: the engine cannot reorder columns; 1 table will not reach the target's column order:");
    expect(text.stdout).toContain('  public.users: reached id, email, full_name; target id, full_name, email');
    expect(text.stdout).toContain('hint: public.users.name dropped and public.users.full_name added alike: if it is a rename, plan it with --rename public.users.name=full_name');

    const json = run(['diff', 'main', 'feature', '--json']).json;
    expect(json.plan.suggestedRenames).toEqual([{ from: 'public.users.name', to: 'public.users.full_name', flag: '--rename public.users.name=full_name' }]);
    expect(json.plan.columnOrder).toEqual({
      policy: 'refuse',
      tables: [{ table: 'public.users', reached: ['id', 'email', 'full_name'], target: ['id', 'full_name', 'email'] }],
      // and the way back would add name at the end
      rollbackTables: [{ table: 'public.users', reached: ['id', 'email', 'name'], target: ['id', 'name', 'email'] }],
    });

    const sql = run(['diff', 'main', 'feature', '--format', 'sql']).stdout;
    expect(sql).toContain('-- column order: the engine cannot reorder columns');
    expect(sql).toContain('-- hint: public.users.name dropped');
    const md = run(['diff', 'main', 'feature', '--format', 'markdown']).stdout;
    expect(md).toContain('## Notices');
    expect(md).toContain('--rename public.users.name=full_name');

    // with the rename: no drop, no notice, no hint
    const renamed = run(['diff', 'main', 'feature', '--rename', 'public.users.name=full_name', '--json']).json;
    expect(renamed.plan.columnOrder).toBeUndefined();
    expect(renamed.plan.suggestedRenames).toBeUndefined();
  });

  it('plan and deploy --dry-run state the notice; a deploy refuses it with exit 3 and changes nothing', async () => {
    const plan = run(['plan', 'feature', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.json.columnOrder.tables[0].table).toBe('public.users');
    // the summary for people goes to stderr when stdout carries the plan
    expect(run(['plan', 'feature']).stderr).toContain('hint: public.users.name dropped');

    const dry = run(['deploy', 'feature', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('public.users: reached id, email, full_name; target id, full_name, email');

    const refused = run(['deploy', 'feature', '--yes', '--allow-destructive', '--json']);
    expect(refused.code).toBe(3);
    expect(refused.json.error.code).toBe('E_COLUMN_ORDER');
    expect(refused.json.error.message).toContain('public.users: id, email, full_name (reachable) instead of id, full_name, email');
    expect(refused.json.error.hint).toContain('--column-order accept');
    expect(await columns('users')).toEqual(['id', 'name', 'email']);
  });

  it('deploy --rename plans the rename: the column keeps its place and its data', async () => {
    const r = run(['deploy', 'feature', '--yes', '--rename', 'public.users.name=full_name', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.status).toBe('succeeded');
    expect(r.json.plan.steps.map((s: { sql: string }) => s.sql)).toEqual(['ALTER TABLE public.users RENAME COLUMN name TO full_name']);
    expect(await columns('users')).toEqual(['id', 'full_name', 'email']);
    expect(await query(prod.url, 'SELECT full_name FROM users ORDER BY id')).toEqual([{ full_name: 'ann' }, { full_name: 'bob' }]);
  });

  it('a table setting alone is a change; a column order the engine cannot reach is deployed only when accepted', async () => {
    psql(dev.url, 'ALTER TABLE users SET UNLOGGED; DROP TABLE tags; CREATE TABLE tags (a int, x int, b int);');
    expect(run(['commit', '-m', 'v3', '--branch', 'feature']).code).toBe(0);
    const diff = run(['diff', 'feature~1', 'feature']);
    expect(diff.stdout).toContain('    ~ unlogged: no → yes\n');
    expect(diff.stdout).toContain('  public.tags: reached a, b, x; target a, x, b');

    expect(run(['deploy', 'feature', '--yes', '--json']).json.error.code).toBe('E_COLUMN_ORDER');
    const accepted = run(['deploy', 'feature', '--yes', '--column-order', 'accept', '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.json.status).toBe('succeeded');
    expect(accepted.json.plan.columnOrder.policy).toBe('accept');
    expect(accepted.json.plan.columnOrder.requestedTree).toBe(git(gitDir, ['rev-parse', 'feature^{tree}']).trim());
    expect(accepted.json.plan.target.tree).not.toBe(accepted.json.plan.columnOrder.requestedTree);
    expect(accepted.json.plan.steps.map((s: { sql: string }) => s.sql)).toContain('ALTER TABLE public.users SET UNLOGGED');
    expect(await columns('tags')).toEqual(['a', 'b', 'x']);
    const [rel] = await query<{ relpersistence: string }>(prod.url, "SELECT relpersistence FROM pg_class WHERE oid = 'public.users'::regclass");
    expect(rel.relpersistence).toBe('u');

    // the accepted order is what is live now: accepted again, nothing to do; else refused again
    const again = run(['deploy', 'feature', '--yes', '--column-order', 'accept']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to deploy');
    expect(again.stdout).toContain('accepted (--column-order accept)');
    expect(run(['deploy', 'feature', '--yes']).code).toBe(3);
  });

  it('a malformed Redb-Renames trailer is an error naming the commit, in diff and in deploy', () => {
    const head = git(gitDir, ['rev-parse', 'feature']).trim();
    const message = git(gitDir, ['log', '-1', '--format=%B', head]).trimEnd();
    const bad = git(gitDir, ['commit-tree', `${head}^{tree}`, '-p', head, '-m', `${message}\nRedb-Renames: public.users.email`]).trim();
    git(gitDir, ['update-ref', 'refs/heads/bad', bad]);

    const diff = run(['diff', 'feature', 'bad', '--json']);
    expect(diff.code).toBe(1);
    expect(diff.json.error.code).toBe('E_RENAME_TRAILER');
    expect(diff.json.error.message).toContain(`commit ${bad.slice(0, 10)} has a malformed Redb-Renames trailer ("Redb-Renames: public.users.email")`);

    const deploy = run(['deploy', 'bad', '--yes', '--column-order', 'accept', '--json']);
    expect(deploy.code).toBe(1);
    expect(deploy.json.error.code).toBe('E_RENAME_TRAILER');
  });
});
