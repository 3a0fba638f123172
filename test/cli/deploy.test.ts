/**
 * Deploy safety by CLI against a real PostgreSQL: consent (exit 3), dry run, proof,
 * deploy, ledger and git record, drift refusal, rollback, reviewed plan files, the
 * deploy lock, and kill -9 in the middle of a deploy.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, redb, tempDir } from '../support/cli.js';
import { deployScenario, query, type DeployScenario } from '../support/deploy-scenario.js';
import { PG_URL, psql } from '../support/live.js';

const V1 = `CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, legacy_code text);
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2));
            INSERT INTO customers SELECT g, 'c' || g || '@x.io', 'L' || g FROM generate_series(1, 1000) g;`;
const V2 = `ALTER TABLE customers ADD COLUMN phone varchar(20);
            ALTER TABLE customers DROP COLUMN legacy_code;
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;`;

describe.skipIf(!PG_URL)('deploy and rollback by CLI on PostgreSQL', () => {
  const ws = tempDir();
  let prod: DeployScenario['prod'];
  let dev: DeployScenario['dev'];
  let scenario: DeployScenario;
  const gitDir = join(ws, '.redb', 'repos', 'app.git');
  const columns = async () => (await query<{ column_name: string }>(prod.url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1")).map((r) => r.column_name);

  beforeAll(async () => {
    scenario = await deployScenario({ ws, prefix: 'redb_deploy', v1: V1, v2: V2 });
    ({ prod, dev } = scenario);
  });
  afterAll(async () => {
    await scenario?.drop();
  });

  it('refuses without consent (exit 3) and changes nothing', async () => {
    const r = redb(ws, ['deploy', 'feature', '--json']);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('E_DESTRUCTIVE');
    const y = redb(ws, ['deploy', 'feature', '--allow-destructive']);
    expect(y.code).toBe(3);
    expect(y.stderr).toMatch(/--yes/);
    expect(await columns()).toEqual(['email', 'id', 'legacy_code']);
  });

  it('--dry-run prints the plan and touches nothing, not even the ledger', async () => {
    const r = redb(ws, ['deploy', 'feature', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ADD COLUMN/i);
    expect(r.stdout).toMatch(/Nothing was changed/);
    expect(await query(prod.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'redb'")).toHaveLength(0);
  });

  it('deploys after proving the plan, records it in the ledger and in git', async () => {
    const r = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json.status).toBe('succeeded');
    expect(r.json.proof).toMatchObject({ forward: true, rollback: true });
    expect(await columns()).toEqual(['email', 'id', 'phone']);
    expect(redb(ws, ['diff', '@prod', 'feature', '--exit-code']).code).toBe(0);
    const ledger = await query<{ status: string; kind: string }>(prod.url, 'SELECT status, kind FROM redb.redb_deployments');
    expect(ledger).toEqual([{ status: 'succeeded', kind: 'deploy' }]);
    const head = git(gitDir, ['rev-parse', 'feature']).trim();
    expect(git(gitDir, ['rev-parse', 'refs/redb/deploys/prod']).trim()).toBe(head);
    expect(git(gitDir, ['notes', '--ref=redb-deploys', 'show', head])).toMatch(/deploy to prod: succeeded/);
    // the ledger schema never shows up in the model
    expect(redb(ws, ['show', 'feature', 'redb.redb_deployments']).code).toBe(64);
    expect(redb(ws, ['deploy', 'feature', '--yes']).stdout).toMatch(/nothing to deploy/);
  });

  it('refuses to deploy over drift, naming what drifted; --force overrides', async () => {
    psql(prod.url, 'ALTER TABLE orders ADD COLUMN note text');
    const r = redb(ws, ['deploy', 'main', '--yes', '--allow-destructive']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/drifted/);
    expect(r.stderr).toMatch(/public\.orders/);
    psql(prod.url, 'ALTER TABLE orders DROP COLUMN note');
  });

  it('rolls back the last deploy with its stored rollback plan', async () => {
    const dry = redb(ws, ['rollback', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(redb(ws, ['rollback']).code).toBe(3);
    const r = redb(ws, ['rollback', '--yes', '--allow-destructive', '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(await columns()).toEqual(['email', 'id', 'legacy_code']);
    expect(redb(ws, ['diff', '@prod', 'main', '--exit-code']).code).toBe(0);
  });

  it('deploys exactly a reviewed plan file, and refuses it once stale', async () => {
    const file = join(ws, 'plan.json');
    const p = redb(ws, ['plan', 'feature', '--out', file]);
    expect(p.code, p.stderr).toBe(0);
    psql(prod.url, 'CREATE TABLE audit (id int)');
    const stale = redb(ws, ['deploy', '--plan', file, '--yes', '--allow-destructive', '--force']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/no longer at the plan's source/);
    psql(prod.url, 'DROP TABLE audit');
    const ok = redb(ws, ['deploy', '--plan', file, '--yes', '--allow-destructive']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await columns()).toEqual(['email', 'id', 'phone']);
  });

  it('a second deploy while one holds the lock fails clearly', async () => {
    const holder = new pg.Client({ connectionString: prod.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtext('redb-deploy'))");
    try {
      const r = redb(ws, ['rollback', '--yes', '--allow-destructive']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/another deploy to database prod is running/);
    } finally {
      await holder.end();
    }
  });

  it('kill -9 during a deploy leaves the old schema and a correct ledger', async () => {
    // hold a table lock so the deploy blocks inside its transaction, then kill it there
    const blocker = new pg.Client({ connectionString: prod.url });
    await blocker.connect();
    await blocker.query('BEGIN; LOCK TABLE customers IN ACCESS SHARE MODE');
    const child = spawn(process.execPath, [new URL('../../bin/redb.js', import.meta.url).pathname, 'rollback', '--yes', '--allow-destructive'], {
      env: { ...process.env, REDB_WORKSPACE: ws, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 200; i++) {
        const rows = await query(prod.url, "SELECT 1 FROM redb.redb_deployments WHERE status = 'running'");
        const waiting = await query(prod.url, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        if (rows.length && waiting.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // the killed backend finishes its statement, finds its client gone and aborts
    for (let i = 0; i < 100; i++) {
      const others = await query(prod.url, 'SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (others.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await columns()).toEqual(['email', 'id', 'phone']);
    const running = await query<{ status: string; steps_done: number }>(prod.url, "SELECT status, steps_done FROM redb.redb_deployments WHERE kind = 'rollback' AND status = 'running'");
    expect(running).toEqual([{ status: 'running', steps_done: 0 }]);
    // the next run marks it interrupted and proceeds
    const r = redb(ws, ['rollback', '--yes', '--allow-destructive']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/interrupted/);
    expect(await columns()).toEqual(['email', 'id', 'legacy_code']);
    const statuses = (await query<{ status: string }>(prod.url, "SELECT status FROM redb.redb_deployments WHERE kind = 'rollback' ORDER BY started_at")).map((x) => x.status);
    expect(statuses).toEqual(['succeeded', 'interrupted', 'succeeded']);
  });
});
