/**
 * The column order policy at the plan level, on PGlite: the plan names the tables whose
 * column order the engine cannot reach (forward and back); accepted, the plan's target
 * is the schema the plan reaches, which applying it gives exactly (tree-hash equal),
 * and its proof passes; a rollback that cannot reach the source's order is stated, and
 * the proof indeed fails on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { provePlan } from '../../src/deploy/prove.js';
import { createPlan, requireReachableColumnOrder, type ColumnOrderPolicy } from '../../src/plan/index.js';
import { treeOidOf } from '../../src/vcs/index.js';
import { modelToFiles, type Model } from '../../unified-model/index.js';

const tree = (m: Model) => treeOidOf(modelToFiles(m));

describe('column order in plans, on PGlite', () => {
  let a: Connection;
  let b: Connection;
  beforeAll(async () => {
    [a, b] = await Promise.all([postgresAdapter.connect('pglite://memory'), postgresAdapter.connect('pglite://memory')]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function models(fromSql: string, toSql: string): Promise<{ from: Model; to: Model }> {
    for (const c of [a, b]) await c.exec('DROP SCHEMA IF EXISTS s CASCADE; CREATE SCHEMA s');
    await a.exec(fromSql);
    await b.exec(toSql);
    return { from: await postgresAdapter.introspect(a), to: await postgresAdapter.introspect(b) };
  }
  const plan = (from: Model, to: Model, columnOrder?: ColumnOrderPolicy) =>
    createPlan({ from, to, source: { tree: tree(from) }, target: { tree: tree(to) }, ddl: postgresAdapter.ddl!, reorderColumns: postgresAdapter.capabilities.reorderColumns, ...(columnOrder ? { columnOrder } : {}) });

  it('a column added in the middle: refused by default, accepted it is reached and verified', async () => {
    const { from, to } = await models('CREATE TABLE s.t (a int, b int); INSERT INTO s.t VALUES (1, 2)', 'CREATE TABLE s.t (a int, x int, b int)');
    const refused = plan(from, to);
    expect(refused.columnOrder).toEqual({ policy: 'refuse', tables: [{ table: 's.t', reached: ['a', 'b', 'x'], target: ['a', 'x', 'b'] }] });
    expect(refused.target.tree).toBe(tree(to));
    expect(() => requireReachableColumnOrder(refused)).toThrow(/s\.t: a, b, x \(reachable\) instead of a, x, b/);

    const accepted = plan(from, to, 'accept');
    expect(accepted.columnOrder?.requestedTree).toBe(tree(to));
    expect(accepted.target.tree).not.toBe(tree(to));
    expect(() => requireReachableColumnOrder(accepted)).not.toThrow();
    expect(accepted.hash).not.toBe(refused.hash);
    const proof = await provePlan(postgresAdapter as Parameters<typeof provePlan>[0], 'pglite://memory', accepted, from, undefined);
    expect(proof, proof.problem).toMatchObject({ forward: true, rollback: true });
    for (const s of [...accepted.preamble, ...accepted.steps.map((x) => x.sql)]) await a.run(s);
    expect(tree(await postgresAdapter.introspect(a))).toBe(accepted.target.tree);
  });

  it('a middle column dropped: the forward order is reached, the rollback\'s is not, and the plan says so', async () => {
    const { from, to } = await models('CREATE TABLE s.t (a int, b int, c int)', 'CREATE TABLE s.t (a int, c int)');
    const p = plan(from, to);
    expect(p.columnOrder).toEqual({ policy: 'refuse', tables: [], rollbackTables: [{ table: 's.t', reached: ['a', 'c', 'b'], target: ['a', 'b', 'c'] }] });
    expect(() => requireReachableColumnOrder(p)).not.toThrow();
    const proof = await provePlan(postgresAdapter as Parameters<typeof provePlan>[0], 'pglite://memory', p, from, undefined);
    expect(proof.forward).toBe(true);
    expect(proof.rollback).toBe(false);
  });

  it('columns added at the end: no notice', async () => {
    const { from, to } = await models('CREATE TABLE s.t (a int)', 'CREATE TABLE s.t (a int, b int)');
    expect(plan(from, to).columnOrder).toBeUndefined();
  });
});
