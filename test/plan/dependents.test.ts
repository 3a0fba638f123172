/**
 * Dependents re-created only when they read what changes, and never dropped across a
 * step that runs outside a transaction. On PostgreSQL 15 with pagila: each plan is
 * applied to the database, which must then match the target.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { applySteps } from '../../src/deploy/apply.js';
import { createPlan, type Plan } from '../../src/plan/index.js';
import { treeOidOf } from '../../src/vcs/index.js';
import { modelToFiles, type Model, type Table } from '../../unified-model/index.js';
import { CORPUS, freshPgDatabase, PG_URL, psql, psqlFile } from '../support/live.js';

const ddl = postgresAdapter.ddl!;
const tree = (m: Model) => treeOidOf(modelToFiles(m));
const plan = (from: Model, to: Model, online = false): Plan =>
  createPlan({ from, to, source: { tree: tree(from) }, target: { tree: tree(to) }, ddl, options: online ? { online: true, lockTimeout: '5s' } : {} });

/** `from` with a change made to one table. */
function withTable(m: Model, id: string, change: (t: Table) => Table): Model {
  return { ...m, objects: m.objects.map((o) => (o.id === id && o.kind === 'table' ? change(o) : o)) };
}

/** pagila with film.rental_rate widened to numeric(6,2): the views showing it as `price` follow. */
function widenRentalRate(m: Model, change: (t: Table) => Table = (t) => t): Model {
  const price = { native: 'numeric(6,2)', logical: { kind: 'decimal', precision: 6, scale: 2 } } as const;
  const widened = withTable(m, 'public.film', (t) => change(widen(t, 'rental_rate', 6)));
  return {
    ...widened,
    objects: widened.objects.map((o) =>
      o.kind === 'view' && ['public.film_list', 'public.nicer_but_slower_film_list'].includes(o.id) ? { ...o, columns: o.columns.map((c) => (c.name === 'price' ? { ...c, type: price } : c)) } : o,
    ),
  };
}
/** A numeric column with a new precision. */
const widen = (t: Table, column: string, precision: number): Table => ({
  ...t,
  columns: t.columns.map((c) => (c.name === column ? { ...c, type: { native: `numeric(${precision},2)`, logical: { kind: 'decimal', precision, scale: 2 } } } : c)),
});

/** Index (in the steps) of each drop and re-create of a view: no step outside a transaction may run between them. */
function assertNoGapWithoutTransaction(p: Plan): void {
  for (const [i, s] of p.steps.entries()) {
    if (s.change.type !== 'drop' || !/view/.test(s.change.kind)) continue;
    const again = p.steps.findIndex((x, j) => j > i && x.change.type === 'create' && x.change.id === s.change.id);
    if (again < 0) continue;
    const between = p.steps.slice(i, again).filter((x) => !x.transactional).map((x) => x.sql);
    expect(between, `while ${s.change.id} is dropped`).toEqual([]);
  }
}

describe.skipIf(!PG_URL)('re-creating dependents, on PostgreSQL 15 with pagila', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let conn: Connection;
  let pagila: Model;

  beforeAll(async () => {
    db = await freshPgDatabase('redb_deps_plan');
    psqlFile(db.url, join(CORPUS, 'pagila/_derived/pagila-schema.pg15.sql'));
    conn = await postgresAdapter.connect(db.url);
    pagila = await postgresAdapter.introspect(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  /** Applies the plan and checks the database is `to`; then the rollback, back to where it was. */
  async function applyBothWays(p: Plan, from: Model, to: Model): Promise<void> {
    await applySteps(conn, p.steps, { preamble: p.preamble });
    expect(modelToFiles(await postgresAdapter.introspect(conn))).toEqual(modelToFiles(to));
    await applySteps(conn, p.rollback, { preamble: p.preamble });
    expect(modelToFiles(await postgresAdapter.introspect(conn))).toEqual(modelToFiles(from));
  }

  it('a type change of film.replacement_cost, which no view reads, re-creates no view', async () => {
    const to = withTable(pagila, 'public.film', (t) => widen(t, 'replacement_cost', 7));
    const p = plan(pagila, to, true);
    expect(p.steps.map((s) => s.sql)).toEqual(['ALTER TABLE public.film ALTER COLUMN replacement_cost TYPE numeric(7,2) USING replacement_cost::numeric(7,2)']);
    expect(p.rollback.some((s) => /VIEW/.test(s.sql))).toBe(false);
    await applyBothWays(p, pagila, to);
  });

  it('a type change of film.rental_rate re-creates only the views that read it', async () => {
    const to = widenRentalRate(pagila);
    const p = plan(pagila, to);
    const dropped = p.steps.filter((s) => /^DROP/.test(s.sql)).map((s) => s.change.id).sort();
    expect(dropped).toEqual(['public.film_list', 'public.nicer_but_slower_film_list']);
    expect(p.steps.filter((s) => /^CREATE VIEW/.test(s.sql)).map((s) => s.change.id).sort()).toEqual(dropped);
    await applyBothWays(p, pagila, to);
  });

  it('with --online, CREATE INDEX CONCURRENTLY runs after the views are back, not while they are dropped', async () => {
    const to = widenRentalRate(pagila, (t) => {
      const title = t.indexes!.find((i) => i.name === 'idx_title')!;
      const rate = { ...title, name: 'film_rate_idx', keys: [{ column: 'replacement_cost' }], definition: 'CREATE INDEX film_rate_idx ON public.film USING btree (replacement_cost)' };
      return { ...t, indexes: [...t.indexes!, rate] };
    });
    const p = plan(pagila, to, true);
    expect(p.steps.some((s) => /CREATE INDEX CONCURRENTLY film_rate_idx/.test(s.sql))).toBe(true);
    assertNoGapWithoutTransaction(p);
    assertNoGapWithoutTransaction({ ...p, steps: p.rollback });
    await applyBothWays(p, pagila, to);
  });

  it('on an engine without transactional DDL every step says it commits alone, and nothing is moved for windows', () => {
    const to = widenRentalRate(pagila, (t) => {
      const title = t.indexes!.find((i) => i.name === 'idx_title')!;
      return { ...t, indexes: [...t.indexes!, { ...title, name: 'film_rate_idx', keys: [{ column: 'replacement_cost' }], definition: 'CREATE INDEX film_rate_idx ON public.film USING btree (replacement_cost)' }] };
    });
    const request = { from: pagila, to, source: { tree: tree(pagila) }, target: { tree: tree(to) }, ddl, options: { online: true, lockTimeout: '5s' } };
    const autocommit = createPlan({ ...request, transactionalDdl: false });
    expect(autocommit.steps.length).toBeGreaterThan(3);
    expect(autocommit.steps.every((s) => !s.transactional && s.hazards.includes('not-transactional'))).toBe(true);
    expect(autocommit.rollback.every((s) => !s.transactional)).toBe(true);
    // the same statements as where DDL is transactional; only the window rule moved any
    expect([...autocommit.steps.map((s) => s.sql)].sort()).toEqual([...createPlan(request).steps.map((s) => s.sql)].sort());
  });

  it('moves ALTER TYPE … ADD VALUE out of the window of a view re-created with a replaced function', async () => {
    const setup = `CREATE TYPE public.grade AS ENUM ('low', 'high');
      CREATE FUNCTION public.minutes(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1';
      CREATE VIEW public.film_minutes AS SELECT film_id, public.minutes(rental_duration::int) AS m FROM public.film;`;
    psql(db.url, setup);
    try {
      const from = await postgresAdapter.introspect(conn);
      // the target, made by the server in a transaction that is rolled back
      await conn.exec(`BEGIN; DROP VIEW public.film_minutes; DROP FUNCTION public.minutes(integer);
        CREATE FUNCTION public.minutes(integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT $1';
        CREATE VIEW public.film_minutes AS SELECT film_id, public.minutes(rental_duration::int) AS m FROM public.film;
        ALTER TYPE public.grade ADD VALUE 'mid' BEFORE 'high'`);
      const to = await postgresAdapter.introspect(conn);
      await conn.exec('ROLLBACK');
      const p = plan(from, to, true);
      const sql = p.steps.map((s) => s.sql);
      expect(p.steps.some((s) => /ADD VALUE/.test(s.sql) && !s.transactional)).toBe(true);
      expect(sql.findIndex((s) => /^DROP VIEW public.film_minutes/.test(s))).toBeLessThan(sql.findIndex((s) => /^DROP FUNCTION public.minutes/.test(s)));
      assertNoGapWithoutTransaction(p);
      await applyBothWays(p, from, to);
    } finally {
      psql(db.url, 'DROP VIEW IF EXISTS public.film_minutes; DROP FUNCTION IF EXISTS public.minutes(integer); DROP TYPE IF EXISTS public.grade;');
    }
  });
});
