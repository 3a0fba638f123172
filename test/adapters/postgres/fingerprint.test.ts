/**
 * The schema fingerprint (adapters/postgres/introspect/fingerprint.ts) must change with
 * every change the model can see — else `status` would call a changed database clean —
 * and should stay put for what the model does not hold (data, VACUUM, ANALYZE), or the
 * reuse would rarely help. Each change is checked against the model too: the model
 * changes, and so does the digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { readSchema } from '../../../adapters/read-schema.js';
import { modelToFiles } from '../../../unified-model/index.js';
import { freshPgDatabase, PG_URL, skipNote } from '../../support/live.js';
import { pgliteWith } from './helpers.js';

const SETUP = `
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE SEQUENCE app.seq;
CREATE TABLE app.users (id int PRIMARY KEY, name text NOT NULL, mood app.mood, score numeric(8,2) DEFAULT 0);
CREATE TABLE app.orders (id serial PRIMARY KEY, user_id int REFERENCES app.users (id), note text);
CREATE INDEX orders_user ON app.orders (user_id);
CREATE VIEW app.names AS SELECT name FROM app.users;
CREATE FUNCTION app.double(x int) RETURNS int LANGUAGE sql AS 'SELECT x * 2';
`;

/** Changes the model sees; each must change the digest. */
const CHANGES = [
  'ALTER TABLE app.users ADD COLUMN email text',
  'ALTER TABLE app.orders ALTER COLUMN note TYPE varchar(200)',
  "ALTER TABLE app.users ALTER COLUMN score SET DEFAULT 1",
  "COMMENT ON TABLE app.users IS 'people'",
  "COMMENT ON TABLE app.users IS 'people!'",
  'CREATE OR REPLACE VIEW app.names AS SELECT name, id FROM app.users',
  "CREATE OR REPLACE FUNCTION app.double(x int) RETURNS int LANGUAGE sql AS 'SELECT x * 3'",
  'CREATE INDEX users_name ON app.users (name)',
  'ALTER TABLE app.orders ADD CONSTRAINT note_len CHECK (length(note) < 100)',
  "ALTER TYPE app.mood ADD VALUE 'glad'",
  'ALTER SEQUENCE app.seq INCREMENT BY 5',
  'ALTER TABLE app.orders RENAME COLUMN note TO remark',
  'DROP INDEX app.orders_user',
  'GRANT SELECT ON app.users TO PUBLIC',
];

async function digestAndFiles(conn: Connection): Promise<{ digest: string; files: string }> {
  const digest = await postgresAdapter.schemaFingerprint!(conn);
  expect(digest).toMatch(/^[0-9a-f]{32}$/);
  const files = JSON.stringify(modelToFiles(await readSchema(postgresAdapter, conn)));
  return { digest: digest!, files };
}

function suite(open: () => Promise<{ conn: Connection; done: () => Promise<void> }>) {
  let conn: Connection;
  let done: () => Promise<void>;
  beforeAll(async () => ({ conn, done } = await open()), 120_000);
  afterAll(async () => done?.());

  it('stays the same for data, sequence values, VACUUM (FREEZE) and ANALYZE', async () => {
    const before = await digestAndFiles(conn);
    await conn.exec("INSERT INTO app.users VALUES (1, 'a', 'ok', 2); INSERT INTO app.orders (user_id, note) VALUES (1, 'x')");
    await conn.query("SELECT nextval('app.seq')");
    await conn.exec('ANALYZE');
    await conn.exec('VACUUM app.users');
    await conn.exec('VACUUM FREEZE');
    const after = await digestAndFiles(conn);
    expect(after.files).toBe(before.files);
    expect(after.digest).toBe(before.digest);
  });

  it('changes with every change of the model', async () => {
    const seen = new Set<string>([(await digestAndFiles(conn)).digest]);
    let files = (await digestAndFiles(conn)).files;
    for (const ddl of CHANGES) {
      await conn.exec(ddl);
      const now = await digestAndFiles(conn);
      expect(now.files, ddl).not.toBe(files);
      expect(seen.has(now.digest), `${ddl}: the digest must be new`).toBe(false);
      seen.add(now.digest);
      files = now.files;
    }
  }, 120_000);
}

describe('schema fingerprint (PGlite)', () => {
  // Databases made from the stored cluster start as the same bytes: the same statements
  // write the same row versions (ctid, xmin) in each, so only contents tell them apart.
  it('tells apart two databases made alike whose definitions differ in place', async () => {
    for (const [a, b] of [
      ['CREATE TABLE t (a int)', 'CREATE TABLE t (a real)'],
      ["CREATE TABLE t (a text DEFAULT 'x')", "CREATE TABLE t (a text DEFAULT 'y')"],
      ['CREATE TABLE t (a int)', 'CREATE TABLE t (b int)'],
    ]) {
      const [one, two] = [await pgliteWith(a), await pgliteWith(b)];
      try {
        expect(await postgresAdapter.schemaFingerprint!(one), `${a} / ${b}`).not.toBe(await postgresAdapter.schemaFingerprint!(two));
      } finally {
        await Promise.all([one.close(), two.close()]);
      }
    }
  }, 120_000);


  suite(async () => {
    const conn = await pgliteWith(SETUP);
    return { conn, done: () => conn.close() };
  });
});

describe.skipIf(!PG_URL)(skipNote('schema fingerprint (PostgreSQL server)', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  it('changes when a role named by a grant is renamed (role names live outside the database)', async () => {
    const db = await freshPgDatabase('redb_fp');
    const conn = await postgresAdapter.connect(db.url);
    const role = `redb_fp_role_${db.name.slice(-10)}`;
    try {
      await conn.exec(`CREATE TABLE t (id int); CREATE ROLE ${role}; GRANT SELECT ON t TO ${role}`);
      const before = await digestAndFiles(conn);
      await conn.exec(`ALTER ROLE ${role} RENAME TO ${role}_b`);
      const after = await digestAndFiles(conn);
      expect(after.files).not.toBe(before.files);
      expect(after.digest).not.toBe(before.digest);
      await conn.exec(`DROP TABLE t; DROP ROLE ${role}_b`);
    } finally {
      await conn.close();
      await db.drop();
    }
  });

  suite(async () => {
    const db = await freshPgDatabase('redb_fp');
    const conn = await postgresAdapter.connect(db.url);
    await conn.exec(SETUP);
    return { conn, done: async () => { await conn.close(); await db.drop(); } };
  });
});
