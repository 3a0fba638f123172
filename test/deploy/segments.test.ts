/**
 * Segments on an embedded PostgreSQL: `ALTER TYPE … ADD VALUE` runs inside the plan's one
 * transaction on PostgreSQL 12+ unless a later step uses the new value; then (and on an
 * older server) it runs first, on its own, before anything destructive commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../adapters/postgres/connect.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import type { Model } from '../../unified-model/index.js';
import { applySteps } from '../../src/deploy/apply.js';
import { executionOrder, segmentsOf } from '../../src/plan/segments.js';
import { createPlan } from '../../src/plan/index.js';

const SOURCE = `CREATE TYPE public.mood AS ENUM ('ok', 'sad');
  CREATE TABLE public.t (id int PRIMARY KEY, m public.mood);
  CREATE VIEW public.v AS SELECT id FROM public.t`;

describe('enum values and segments', () => {
  let conn: Connection;
  let source: Model;
  /** The model after `sql`, read inside a transaction that is rolled back. */
  const modelAfter = async (sql: string): Promise<Model> => {
    await conn.exec('BEGIN');
    try {
      await conn.exec(sql);
      return await postgresAdapter.introspect(conn, { sameSession: true });
    } finally {
      await conn.exec('ROLLBACK');
    }
  };
  const plan = (to: Model, serverVersion: string) =>
    createPlan({ from: source, to, source: { tree: 'a' }, target: { tree: 'b' }, ddl: postgresAdapter.ddl!, options: { serverVersion } });

  beforeAll(async () => {
    conn = await connectPostgres('pglite://memory');
    await conn.exec(SOURCE);
    source = await postgresAdapter.introspect(conn);
  });
  afterAll(async () => {
    await conn?.close();
  });

  it('keeps the whole plan in one transaction on PostgreSQL 15 when nothing uses the new value, and it runs', async () => {
    const to = await modelAfter(`DROP VIEW public.v; ALTER TYPE public.mood ADD VALUE 'happy'`);
    const p = plan(to, 'PostgreSQL 15.20');
    expect(p.steps.find((s) => /ADD VALUE/.test(s.sql))?.transactional).toBe(true);
    expect(segmentsOf(executionOrder(p.steps))).toHaveLength(1);
    await conn.exec('BEGIN');
    try {
      await applySteps(conn, p.steps, { transactionalDdl: false });
      const after = await postgresAdapter.introspect(conn, { sameSession: true });
      expect(after.objects.find((o) => o.id === 'public.mood')).toMatchObject({ values: ['ok', 'sad', 'happy'] });
    } finally {
      await conn.exec('ROLLBACK');
    }
  });

  it('runs a value a later step uses first, alone, before the view is dropped', async () => {
    // the value cannot be used in the transaction that adds it: the default is set on the model
    const added = await modelAfter(`DROP VIEW public.v; ALTER TYPE public.mood ADD VALUE 'happy'`);
    const to: Model = {
      ...added,
      objects: added.objects.map((o) => (o.kind === 'table' && o.id === 'public.t' ? { ...o, columns: o.columns.map((c) => (c.name === 'm' ? { ...c, default: "'happy'::public.mood" } : c)) } : o)),
    };
    const order = executionOrder(plan(to, 'PostgreSQL 15.20').steps);
    expect(order[0].sql).toMatch(/ADD VALUE 'happy'/);
    const segments = segmentsOf(order);
    expect(segments.map((s) => s.steps.length)).toEqual([1, order.length - 1]);
    expect(segments[1].steps.some((s) => /DROP VIEW/.test(s.sql))).toBe(true);
  });

  it('runs the value outside the transaction, first, on a server older than PostgreSQL 12', async () => {
    const to = await modelAfter(`DROP VIEW public.v; ALTER TYPE public.mood ADD VALUE 'happy'`);
    const steps = plan(to, 'PostgreSQL 11.22').steps;
    expect(steps.find((s) => /ADD VALUE/.test(s.sql))?.transactional).toBe(false);
    const order = executionOrder(steps);
    expect(order[0].sql).toMatch(/ADD VALUE/);
    expect(segmentsOf(order).map((s) => s.transactional)).toEqual([false, true]);
  });
});
