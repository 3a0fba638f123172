/**
 * A plan that must be split (a new enum value used by a later step commits first) and
 * then fails on data no check covers (a CHECK constraint): the ledger records the
 * committed segment, the failure says exactly where the database is, a plain deploy is
 * refused, `redb rollback` returns to the source schema and `redb deploy --resume`
 * finishes from the last committed step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb } from '../support/cli.js';
import { deployScenario, enumLabels, query, type DeployScenario } from '../support/deploy-scenario.js';
import { PG_URL, psql } from '../support/live.js';

const V1 = `CREATE TYPE mood AS ENUM ('ok', 'sad');
            CREATE TABLE orders (id int PRIMARY KEY, feeling mood, price int);
            CREATE VIEW old_orders AS SELECT id FROM orders;`;
const V2 = `ALTER TYPE mood ADD VALUE 'happy';
            ALTER TABLE orders ALTER COLUMN feeling SET DEFAULT 'happy';
            DROP VIEW old_orders;
            ALTER TABLE orders ADD CONSTRAINT price_positive CHECK (price > 0);`;

describe.skipIf(!PG_URL)('a deploy that stops part-way on PostgreSQL', () => {
  let ws: string;
  let prod: DeployScenario['prod'];
  let scenario: DeployScenario;
  const moods = () => enumLabels(prod.url, 'mood');
  const views = async () => (await query<{ n: number }>(prod.url, "SELECT count(*)::int AS n FROM pg_views WHERE viewname = 'old_orders'"))[0].n;
  const newest = async () => (await query<{ kind: string; status: string; steps_done: number; steps_total: number }>(prod.url, 'SELECT kind, status, steps_done, steps_total FROM redb.redb_deployments ORDER BY started_at DESC, id DESC LIMIT 1'))[0];
  const deployFeature = (...more: string[]) => redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', ...more]);

  beforeAll(async () => {
    scenario = await deployScenario({ prefix: 'redb_part', v1: V1, v2: V2, prodRows: "INSERT INTO orders VALUES (1, 'ok', 5), (2, 'sad', -1)" });
    ({ ws, prod } = scenario);
  });
  afterAll(async () => {
    await scenario?.drop();
  });

  it('commits the enum value first, alone, and nothing destructive before the step that fails', async () => {
    const r = deployFeature('--json');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.json.error.code).toBe('E_DEPLOY_FAILED');
    expect(r.json.error.message).toMatch(/price_positive/);
    expect(r.json.error.message).toMatch(/database prod is part-way: 1 of \d+ steps are committed; it differs from the schema before the deploy in: ~ enum public\.mood/);
    expect(r.json.error.hint).toMatch(/redb deploy --resume/);
    expect(r.json.error.hint).toMatch(/redb rollback/);
    expect(await moods()).toEqual(['ok', 'sad', 'happy']);
    expect(await views()).toBe(1);
    expect(await newest()).toMatchObject({ kind: 'deploy', status: 'failed', steps_done: 1 });
  });

  it('refuses a plain deploy over the part-way state, naming the ways out', () => {
    const r = deployFeature('--json');
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('E_PARTIAL');
    expect(r.json.error.hint).toMatch(/redb deploy --resume.*redb rollback/);
  });

  it('redb rollback returns from the part-way state to the source schema', async () => {
    const r = redb(ws, ['rollback', '--yes', '--allow-destructive']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await moods()).toEqual(['ok', 'sad']);
    expect(redb(ws, ['diff', '@prod', 'main', '--exit-code']).code).toBe(0);
    expect(await newest()).toMatchObject({ kind: 'rollback', status: 'succeeded' });
  });

  it('redb deploy --resume finishes from the last committed step once the data is fixed', async () => {
    expect(deployFeature().code).toBe(1);
    expect(await newest()).toMatchObject({ status: 'failed', steps_done: 1 });
    psql(prod.url, 'UPDATE orders SET price = 1 WHERE price <= 0');
    const r = redb(ws, ['deploy', '--resume', '--yes', '--allow-destructive']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/remaining step\(s\) of/);
    expect(await views()).toBe(0);
    expect(redb(ws, ['diff', '@prod', 'feature', '--exit-code']).code).toBe(0);
    expect(await newest()).toMatchObject({ kind: 'deploy', status: 'succeeded' });
    expect(redb(ws, ['deploy', '--resume', '--yes']).code).toBe(64);
  });
});
