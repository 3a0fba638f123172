/**
 * `status` and `commit` reuse the tree recorded for an unchanged schema fingerprint
 * (src/core/live-tree.ts), and never when the schema changed: the real binary against
 * a PostgreSQL server, each step checked by --json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redb, tempDir } from '../support/cli.js';
import { freshPgDatabase, PG_URL, skipNote } from '../support/live.js';

describe.skipIf(!PG_URL)(skipNote('status and commit reuse an unchanged schema', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  const ws = tempDir();
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await freshPgDatabase('redb_reuse');
    await sql('CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)');
    for (const args of [['init', ws], ['database', 'connect', 'app', db.url], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app']]) expect(redb(ws, args).code).toBe(0);
    expect(redb(ws, ['commit', '-m', 'one', '--json']).json.committed).toBe(true);
  }, 60_000);
  afterAll(async () => db?.drop());

  it('reads an unchanged schema once, then answers from the record', async () => {
    // the branch's first commit recorded its tree: the status after a baseline commit reads nothing
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: true });
    await sql("INSERT INTO users VALUES (1, 'a@example.com'); ANALYZE users");
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: true });
    expect(redb(ws, ['status', '--no-cache', '--json']).json).toMatchObject({ clean: true, reused: false });
    const noop = redb(ws, ['commit', '-m', 'again', '--json']);
    expect(noop.json).toMatchObject({ committed: false });
  });

  it('reads a changed schema, lists the change, and commits it', async () => {
    await sql('ALTER TABLE users ADD COLUMN name text');
    const st = redb(ws, ['status', '--exit-code', '--json']);
    expect(st.code).toBe(2);
    expect(st.json).toMatchObject({ clean: false, reused: false, changes: [{ status: 'modified', id: 'public.users' }] });
    // the changed schema's tree is recorded, but it is not the head's: still not clean
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: false, reused: false });
    expect(redb(ws, ['commit', '-m', 'name', '--json']).json.committed).toBe(true);
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: true });
  });

  it('trusts no record made by another build of redb', () => {
    const file = join(ws, '.redb', 'live-trees.json');
    const records = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { key: string; tree: string }>;
    // a record under another key (what another build or another schema gives) is not used
    writeFileSync(file, JSON.stringify({ app: { ...records.app, key: 'f'.repeat(64) } }));
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: false });
    expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: true });
  });
});

describe.skipIf(!PG_URL)(skipNote('status and commit as a role that is not a superuser', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  // An application's own role cannot read every catalog (pg_user_mapping is revoked
  // from PUBLIC): the fingerprint must not need it, and commit and status must work.
  it('commits, reuses and sees a change', async () => {
    const db = await freshPgDatabase('redb_plain');
    const role = `redb_plain_${db.name.slice(-10)}`;
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const ws = tempDir();
    let asRole: pg.Client | undefined;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN; GRANT CREATE ON SCHEMA public TO ${role}`);
      const url = new URL(db.url);
      url.username = role;
      asRole = new pg.Client({ connectionString: url.toString() });
      await asRole.connect();
      await asRole.query('CREATE TABLE notes (id int PRIMARY KEY, body text)');
      for (const args of [['init', ws], ['database', 'connect', 'app', url.toString()], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app']]) expect(redb(ws, args).code).toBe(0);
      const commit = redb(ws, ['commit', '-m', 'one', '--json']);
      expect(commit.code, commit.stderr).toBe(0);
      expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: true, reused: true });
      await asRole.query('ALTER TABLE notes ADD COLUMN title text');
      expect(redb(ws, ['status', '--json']).json).toMatchObject({ clean: false, reused: false });
    } finally {
      await asRole?.end();
      await admin.end();
      await db.drop();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP ROLE IF EXISTS ${role}`).finally(() => c.end());
    }
  }, 60_000);
});
