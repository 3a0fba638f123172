/**
 * Every deploy and rollback waits a bounded time for locks (default 10s, --lock-timeout),
 * and a step that runs out of it says what it waited for and how to wait longer. By CLI
 * on PostgreSQL 15, with a second session holding a lock on the table being changed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, PG_URL, psql } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

describe.skipIf(!PG_URL)('lock timeout of deploy and rollback, by CLI on PostgreSQL', () => {
  const ws = tempDir();
  let prod: Awaited<ReturnType<typeof freshPgDatabase>>;
  let dev: Awaited<ReturnType<typeof freshPgDatabase>>;

  beforeAll(async () => {
    prod = await freshPgDatabase('redb_locktimeout_prod');
    dev = await freshPgDatabase('redb_locktimeout_dev');
    for (const db of [prod, dev]) psql(db.url, 'CREATE TABLE items (id int PRIMARY KEY, price numeric(5,2)); INSERT INTO items VALUES (1, 9.99);');
    for (const args of [['init', ws], ['database', 'connect', 'prod', prod.url], ['database', 'connect', 'dev', dev.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'prod']]) {
      expect(redb(ws, args).code).toBe(0);
    }
    expect(redb(ws, ['commit', '-m', 'v1']).code).toBe(0);
    expect(redb(ws, ['branch', 'create', 'feature']).code).toBe(0);
    expect(redb(ws, ['branch', 'attach', 'feature', 'dev']).code).toBe(0);
    psql(dev.url, 'ALTER TABLE items ADD COLUMN note text; ALTER TABLE items ALTER COLUMN price TYPE numeric(7,2);');
    expect(redb(ws, ['commit', '-m', 'v2', '--branch', 'feature']).code).toBe(0);
  });
  afterAll(async () => {
    await prod?.drop();
    await dev?.drop();
  });

  /** Runs `fn` while another session reads `items` in an open transaction (an ACCESS SHARE lock). */
  async function whileLocked<T>(fn: () => T): Promise<T> {
    const holder = new pg.Client({ connectionString: prod.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM items');
      return fn();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  }

  it('sets a lock timeout without --online: 10s by default, or what --lock-timeout says', () => {
    const byDefault = redb(ws, ['deploy', 'feature', '--dry-run', '--json']);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.json.plan.preamble).toContain("SET lock_timeout = '10s'");
    const set = redb(ws, ['deploy', 'feature', '--dry-run', '--lock-timeout', '2s', '--json']);
    expect(set.json.plan.preamble).toContain("SET lock_timeout = '2s'");
    expect(set.json.plan.preamble).not.toContain("SET lock_timeout = '10s'");
    expect(redb(ws, ['deploy', 'feature', '--dry-run', '--lock-timeout', 'soon']).code).toBe(64);
  });

  it('a step that waits too long for a lock stops the deploy, naming the object, the timeout and the flag', async () => {
    const r = await whileLocked(() => redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--no-prove', '--lock-timeout', '300ms', '--json']));
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('E_LOCK_TIMEOUT');
    expect(r.json.error.message).toMatch(/waited longer than the lock timeout \(300ms\) for a lock on table public\.items/);
    expect(r.json.error.hint).toMatch(/nothing was changed.*redb deploy --lock-timeout/);
    // nothing of it was applied; without the other session it goes through
    const ok = redb(ws, ['deploy', 'feature', '--yes', '--allow-destructive', '--no-prove', '--json']);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
  });

  it('the rollback shows its own hazards and obeys --lock-timeout too', async () => {
    const dry = redb(ws, ['rollback', '--dry-run', '--json']);
    expect(dry.code, dry.stderr + dry.stdout).toBe(0);
    // dropping the added column and narrowing price again: both only in the rollback
    expect(dry.json.plan.hazards).toEqual(expect.arrayContaining(['data-loss', 'table-rewrite']));
    const text = redb(ws, ['rollback', '--dry-run']);
    expect(text.stdout).toMatch(/hazards: .*data-loss/);
    expect(text.stdout).toMatch(/hazards: .*table-rewrite/);

    const r = await whileLocked(() => redb(ws, ['rollback', '--yes', '--allow-destructive', '--no-prove', '--lock-timeout', '200ms', '--json']));
    expect(r.json.error?.code, r.stdout + r.stderr).toBe('E_LOCK_TIMEOUT');
    expect(r.json.error.message).toContain('lock timeout (200ms)');
    expect(r.json.error.hint).toContain('redb rollback --lock-timeout');
  });
});
