/**
 * The planner's ordering rules, proven on PGlite: each case plans A → B, applies the
 * plan to A, checks the result is B, then applies the rollback and checks it is A.
 */
import { describe, expect, it } from 'vitest';
import { postgresAdapter as pgAdapter } from '../../adapters/postgres/index.js';
import type { Model, RenameIntent } from '../../unified-model/index.js';
import { modelToFiles } from '../../unified-model/index.js';
import { createPlan } from '../../src/plan/index.js';
import { applySteps } from '../../src/deploy/apply.js';
import { treeOidOf } from '../../src/vcs/index.js';

const adapter = pgAdapter as typeof pgAdapter & { ddl: NonNullable<typeof pgAdapter.ddl> };
const tree = (m: Model) => treeOidOf(modelToFiles(m));

async function roundTrip(a: string, b: string, renames: RenameIntent[] = []): Promise<string[]> {
  const target = await adapter.connect('pglite://memory');
  await target.exec(b);
  const to = await adapter.introspect(target);
  await target.close();
  const conn = await adapter.connect('pglite://memory');
  try {
    await conn.exec(a);
    const from = await adapter.introspect(conn);
    const plan = createPlan({ from, to, source: { tree: tree(from) }, target: { tree: tree(to) }, ddl: adapter.ddl, renames });
    await applySteps(conn, plan.steps, { preamble: plan.preamble });
    expect(modelToFiles(await adapter.introspect(conn))).toEqual(modelToFiles(to));
    await applySteps(conn, plan.rollback, { preamble: plan.preamble });
    expect(modelToFiles(await adapter.introspect(conn))).toEqual(modelToFiles(from));
    return plan.steps.map((s) => s.sql);
  } finally {
    await conn.close();
  }
}

describe('plan ordering, applied on PGlite', () => {
  it('creates tables with foreign keys in a cycle (FKs last) and drops them (FKs first)', async () => {
    const sql = await roundTrip('', 'CREATE TABLE a (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id)); ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b(id);');
    const firstFk = sql.findIndex((s) => /FOREIGN KEY/.test(s));
    expect(sql.slice(0, firstFk).filter((s) => /CREATE TABLE/.test(s))).toHaveLength(2);
  });

  it('drops and re-creates a view around a column type change it reads', async () => {
    const sql = await roundTrip(
      'CREATE TABLE t (id int PRIMARY KEY, n varchar(10)); CREATE VIEW v AS SELECT id, n FROM t; CREATE VIEW w AS SELECT n FROM v;',
      'CREATE TABLE t (id int PRIMARY KEY, n text); CREATE VIEW v AS SELECT id, n FROM t; CREATE VIEW w AS SELECT n FROM v;',
    );
    const alter = sql.findIndex((s) => /ALTER COLUMN n TYPE/.test(s));
    expect(sql.slice(0, alter).filter((s) => /DROP VIEW/.test(s))).toHaveLength(2);
    expect(sql.filter((s) => /CREATE (OR REPLACE )?VIEW public.v/.test(s))).toHaveLength(1);
  });

  it('creates a function returning a table row type after that table', async () => {
    await roundTrip('', `CREATE TABLE film (id int PRIMARY KEY, title text);
      CREATE FUNCTION films() RETURNS SETOF film LANGUAGE sql AS 'SELECT * FROM film';
      CREATE VIEW film_list AS SELECT * FROM films();`);
  });

  it('renames a table read by a view, and a column, both ways', async () => {
    const sql = await roundTrip(
      'CREATE TABLE users (id int PRIMARY KEY, nickname text); CREATE VIEW v AS SELECT id, nickname FROM users;',
      'CREATE TABLE members (id int PRIMARY KEY, nick text); CREATE VIEW v AS SELECT id, nick FROM members;',
      [{ from: 'public.users', to: 'public.members' }, { from: 'public.users.nickname', to: 'public.users.nick' }],
    );
    expect(sql.some((s) => /RENAME TO members/.test(s))).toBe(true);
    expect(sql.some((s) => /RENAME COLUMN nickname TO nick/.test(s))).toBe(true);
    expect(sql.some((s) => /DROP TABLE/.test(s))).toBe(false);
  });

  it('moves a column to a new enum and drops the old one after', async () => {
    await roundTrip(
      "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE p (id int, m mood);",
      "CREATE TYPE feeling AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE p (id int, m feeling);",
    );
  });

  it('serial columns: sequence, default and ownership in the right order', async () => {
    await roundTrip('', 'CREATE TABLE s (id serial PRIMARY KEY, note text); CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, s_id int REFERENCES s(id));');
  });
});
