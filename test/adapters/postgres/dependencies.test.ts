/**
 * Column-level dependencies (`dependsOnColumns`), read from pg_depend on PostgreSQL 15
 * and on PGlite: a view, a materialized view and a SQL-standard function body record
 * the columns they read; a view that uses a table only as a whole records none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { canonicalJson, filesToModel, modelToFiles, type DbObject, type Model } from '../../../unified-model/index.js';
import { freshPgDatabase, PG_URL } from '../../support/live.js';
import { pgliteWith } from './helpers.js';

const SCHEMA = `
CREATE TABLE t (a int, b int, c numeric(5,2));
CREATE TABLE u (id int, t_a int);
CREATE VIEW v_a AS SELECT a FROM t;
CREATE VIEW v_join AS SELECT t.b, u.id FROM t JOIN u ON u.t_a = t.a;
CREATE VIEW v_count AS SELECT count(*) AS n FROM t;
CREATE VIEW v_row AS SELECT t FROM t;
CREATE VIEW v_on_view AS SELECT a FROM v_a;
CREATE MATERIALIZED VIEW mv AS SELECT a, b FROM t;
CREATE FUNCTION sum_b() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(b) FROM t; END;
CREATE FUNCTION rows_of_t() RETURNS SETOF t LANGUAGE sql AS 'SELECT * FROM t';
`;

const byId = (m: Model, id: string): DbObject => m.objects.find((o) => o.id === id)!;
const columnsOf = (m: Model, id: string) => ('dependsOnColumns' in byId(m, id) ? (byId(m, id) as { dependsOnColumns?: unknown }).dependsOnColumns : undefined);

function expectColumnDependencies(m: Model): void {
  expect(columnsOf(m, 'public.v_a')).toEqual([{ id: 'public.t', columns: ['a'] }]);
  expect(columnsOf(m, 'public.v_join')).toEqual([{ id: 'public.t', columns: ['a', 'b'] }, { id: 'public.u', columns: ['id', 't_a'] }]);
  // used as a whole: the relation is listed, with no column
  expect(columnsOf(m, 'public.v_count')).toEqual([{ id: 'public.t', columns: [] }]);
  expect(columnsOf(m, 'public.v_row')).toEqual([{ id: 'public.t', columns: [] }]);
  expect(columnsOf(m, 'public.v_on_view')).toEqual([{ id: 'public.v_a', columns: ['a'] }]);
  expect(columnsOf(m, 'public.mv')).toEqual([{ id: 'public.t', columns: ['a', 'b'] }]);
  expect(columnsOf(m, 'public.sum_b()')).toEqual([{ id: 'public.t', columns: ['b'] }]);
  // a string body is not parsed by the server: only its row type is known
  expect(columnsOf(m, 'public.rows_of_t()')).toEqual([{ id: 'public.t', columns: [] }]);
  expect(columnsOf(m, 'public.t')).toBeUndefined();
}

describe('column dependencies on PGlite', () => {
  it('are read into dependsOnColumns, valid and in canonical order', async () => {
    const conn = await pgliteWith(SCHEMA);
    try {
      const m = await postgresAdapter.introspect(conn);
      expectColumnDependencies(m);
      // the files validate and read back the same
      expect(filesToModel(modelToFiles(m))).toEqual(m);
      const v = byId(m, 'public.v_join');
      const shuffled = { ...v, dependsOnColumns: [{ id: 'public.u', columns: ['t_a', 'id'] }, { id: 'public.t', columns: ['b', 'a'] }] };
      expect(canonicalJson(shuffled)).toBe(canonicalJson(v));
    } finally {
      await conn.close();
    }
  });
});

describe.skipIf(!PG_URL)('column dependencies on PostgreSQL 15', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let conn: Connection;
  beforeAll(async () => {
    db = await freshPgDatabase('redb_deps');
    conn = await postgresAdapter.connect(db.url);
    await conn.exec(SCHEMA);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  it('are read into dependsOnColumns', async () => {
    expectColumnDependencies(await postgresAdapter.introspect(conn));
  });

  it('name exactly the columns the server refuses to retype under a view', async () => {
    const m = await postgresAdapter.introspect(conn);
    const read = new Set(m.objects.flatMap((o) => ('dependsOnColumns' in o ? (o.dependsOnColumns ?? []) : []).filter((d) => d.id === 'public.t').flatMap((d) => d.columns)));
    for (const col of ['a', 'b', 'c']) {
      const refused = await conn.exec(`BEGIN; ALTER TABLE t ALTER COLUMN ${col} TYPE bigint`).then(() => false, () => true);
      await conn.exec('ROLLBACK');
      expect(refused, col).toBe(read.has(col));
    }
  });
});
