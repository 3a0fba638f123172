/**
 * How the catalog is read, beyond what each object kind looks like: index keys and
 * constraint columns named from column numbers (with dropped columns leaving gaps),
 * the per-key details only unusual indexes need, the SQL for servers before 15, and
 * on a server the second session that takes half of the queries (and its absence).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSibling } from '../../../adapters/postgres/connect.js';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import { assembleModel, catalogQueries, type Catalog } from '../../../adapters/postgres/introspect/index.js';
import { filterParams } from '../../../adapters/postgres/introspect/sql.js';
import type { Connection } from '../../../adapters/types.js';
import type { Table } from '../../../unified-model/index.js';
import { freshPgDatabase, PG_URL, psql } from '../../support/live.js';
import { byId, changedPaths, FEATURES_SQL, filesOf, pgliteWith, readSql, serverWithFile } from './helpers.js';

/** Keys and constraints of every shape, on tables whose columns have gaps (dropped columns). */
const KEYS_SQL = `
CREATE SCHEMA s;
CREATE COLLATION s.c_order (provider = libc, locale = 'C');
CREATE TABLE s.t (gone int, id int, name text COLLATE "C", v varchar(10), w text COLLATE s.c_order, n int);
ALTER TABLE s.t DROP COLUMN gone;
ALTER TABLE s.t ADD CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (name), ADD CONSTRAINT t_uq UNIQUE (v, n) INCLUDE (w, name);
CREATE INDEX t_plain ON s.t (n DESC, v NULLS FIRST) INCLUDE (w);
CREATE INDEX t_e1 ON s.t ((lower(name)) COLLATE "POSIX");
CREATE INDEX t_e2 ON s.t ((lower(v)) COLLATE s.c_order text_pattern_ops DESC NULLS LAST, n, (n + 1)) INCLUDE (v, w);
CREATE INDEX t_e3 ON s.t (w COLLATE "C", name COLLATE s.c_order varchar_pattern_ops);
CREATE INDEX t_e4 ON s.t (lower(w));
CREATE TABLE s.u (a int, b int, gone int, c int, PRIMARY KEY (a, b));
ALTER TABLE s.u DROP COLUMN gone;
ALTER TABLE s.u ADD CONSTRAINT u_self FOREIGN KEY (c, a) REFERENCES s.u (a, b) ON DELETE SET NULL (c);
`;

function keysModelChecks(table: Table) {
  expect(table.primaryKey).toEqual({ name: 't_pkey', columns: ['id'], include: ['name'] });
  expect(table.uniques).toEqual([{ name: 't_uq', columns: ['v', 'n'], include: ['w', 'name'] }]);
  const index = (name: string) => table.indexes?.find((i) => i.name === name);
  expect(index('t_plain')).toMatchObject({ keys: [{ column: 'n', order: 'desc' }, { column: 'v', nulls: 'first' }], include: ['w'] });
  expect(index('t_e1')?.keys).toEqual([{ expression: 'lower(name)', collation: '"POSIX"' }]);
  expect(index('t_e2')).toMatchObject({
    keys: [
      { expression: 'lower((v)::text)', collation: 's.c_order', opclass: 'text_pattern_ops', order: 'desc', nulls: 'last' },
      { column: 'n' },
      { expression: '((n + 1))' },
    ],
    include: ['v', 'w'],
  });
  expect(index('t_e3')?.keys).toEqual([
    { column: 'w', collation: '"C"' },
    { column: 'name', collation: 's.c_order', opclass: 'varchar_pattern_ops' },
  ]);
  // an expression's collation is compared with its type's (text: the default), not its input column's
  expect(index('t_e4')?.keys).toEqual([{ expression: 'lower(w)', collation: 's.c_order' }]);
}

describe('index keys and constraint columns (PGlite)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await pgliteWith(KEYS_SQL);
  });
  afterAll(async () => conn?.close());

  it('names columns by number across dropped columns, and spells out unusual keys', async () => {
    expect(openSibling(conn)).toBeUndefined();
    const model = await postgresAdapter.introspect(conn);
    keysModelChecks(byId(model, 's.t') as Table);
    const u = byId(model, 's.u') as Table;
    expect(u.primaryKey).toEqual({ name: 'u_pkey', columns: ['a', 'b'] });
    expect(u.foreignKeys).toMatchObject([{ name: 'u_self', columns: ['c', 'a'], references: 's.u', referencedColumns: ['a', 'b'], onDelete: 'set-null', onDeleteColumns: ['c'] }]);
  });
});

/** The catalog read with the query text for another server version (one session, as readCatalog sets it up). */
async function readWithVersion(conn: Connection, version: number): Promise<Catalog> {
  await conn.query("SELECT set_config('search_path', 'pg_catalog', false)");
  const out: Record<string, unknown[]> = {};
  for (const [k, q] of Object.entries(catalogQueries(version))) out[k] = await conn.query(q.sql, q.filtered ? filterParams() : undefined);
  await conn.query("SELECT set_config('search_path', 'public', false)");
  return out as unknown as Catalog;
}

/** A connection object the adapter did not open: it has no second session. */
function single(conn: Connection): Connection {
  return { serverVersion: conn.serverVersion, query: (sql, params) => conn.query(sql, params), run: (sql) => conn.run(sql), exec: (sql) => conn.exec(sql), close: () => conn.close() };
}

async function redbSessions(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'redb'");
    return rows[0].n;
  } finally {
    await c.end();
  }
}

describe('query text for servers before PostgreSQL 15 (PGlite)', () => {
  it('reads the same model where no 15-only feature is used', async () => {
    const conn = await pgliteWith(readSql(FEATURES_SQL).replaceAll('NULLS NOT DISTINCT', '').replaceAll('ON DELETE SET NULL (other_user)', 'ON DELETE SET NULL'));
    try {
      const [{ version }] = await conn.query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
      const now = filesOf(assembleModel(await readWithVersion(conn, version)));
      const before15 = filesOf(assembleModel(await readWithVersion(conn, 140000)));
      expect(now.size).toBeGreaterThan(10);
      expect(changedPaths(now, before15)).toEqual([]);
      expect(filesOf(await postgresAdapter.introspect(conn))).toEqual(now);
    } finally {
      await conn.close();
    }
  });
});

describe.skipIf(!PG_URL)('a second session on a server', () => {
  it('gives the model one session gives, and is closed afterwards', async () => {
    const db = await serverWithFile(FEATURES_SQL);
    try {
      const sibling = await openSibling(db.conn);
      expect(sibling?.serverVersion).toBe(db.conn.serverVersion);
      expect(await redbSessions(db.url)).toBe(2);
      await sibling?.close();
      const two = filesOf(await postgresAdapter.introspect(db.conn));
      expect(await redbSessions(db.url)).toBe(1);
      const one = filesOf(await postgresAdapter.introspect(single(db.conn)));
      expect(changedPaths(two, one)).toEqual([]);
      expect(two.size).toBeGreaterThan(10);
    } finally {
      await db.done();
    }
  });

  it('is not used inside a transaction, whose changes only its own session sees', async () => {
    const db = await serverWithFile(FEATURES_SQL);
    try {
      await db.conn.exec('BEGIN');
      await db.conn.exec('CREATE TABLE app.uncommitted (id int PRIMARY KEY, note text)');
      await db.conn.exec('CREATE INDEX uncommitted_note ON app.uncommitted (note)');
      const inside = await postgresAdapter.introspect(db.conn);
      expect(byId(inside, 'app.uncommitted')).toMatchObject({ columns: [{ name: 'id' }, { name: 'note' }], indexes: [{ name: 'uncommitted_note' }] });
      await db.conn.exec('ROLLBACK');
      expect(byId(await postgresAdapter.introspect(db.conn), 'app.uncommitted')).toBeUndefined();
      expect(byId(await postgresAdapter.introspect(db.conn, { sameSession: true }), 'app.orders')).toBeDefined();
    } finally {
      await db.done();
    }
  });

  it('is done without when the server takes no more connections', async () => {
    const db = await freshPgDatabase('redb_pgad');
    psql(db.url, KEYS_SQL);
    const conn = await postgresAdapter.connect(db.url);
    try {
      const expected = filesOf(await postgresAdapter.introspect(single(conn)));
      psql(PG_URL!, `ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
      await expect(postgresAdapter.connect(db.url)).rejects.toThrow(/not currently accepting connections/);
      const model = await postgresAdapter.introspect(conn);
      expect(changedPaths(filesOf(model), expected)).toEqual([]);
      keysModelChecks(byId(model, 's.t') as Table);
    } finally {
      await conn.close();
      await db.drop();
    }
  });
});
