/**
 * Every feature the introspection reads survives a deploy: features.sql read from one
 * file, planned from empty, applied onto an empty file → that file reads the same model;
 * the rollback leaves it empty. (The reader and the DDL agree on every field.)
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import { applySteps } from '../../../src/deploy/apply.js';
import { createPlan } from '../../../src/plan/index.js';
import { modelTreeOid } from '../../../src/vcs/index.js';
import { canonicalJson, canonicalModel, type Model } from '../../../unified-model/index.js';
import { sqliteWith } from './helpers.js';

const FEATURES = readFileSync(new URL('./features.sql', import.meta.url), 'utf8');
const text = (m: Model) => canonicalJson(canonicalModel(m));

it('deploys features.sql onto an empty file, which then reads the same, and rolls back to empty', async () => {
  const source = await sqliteWith(FEATURES);
  const target = await sqliteWith('');
  try {
    const to = await sqliteAdapter.introspect(source.conn);
    const from = await sqliteAdapter.introspect(target.conn);
    const plan = createPlan({ from, to, source: { tree: modelTreeOid(from) }, target: { tree: modelTreeOid(to) }, ddl: sqliteAdapter.ddl!, reorderColumns: true });
    await applySteps(target.conn, plan.steps, { preamble: plan.preamble, transactionalDdl: true });
    expect(text(await sqliteAdapter.introspect(target.conn))).toBe(text(to));
    await applySteps(target.conn, plan.rollback, { preamble: plan.preamble, transactionalDdl: true });
    expect((await sqliteAdapter.introspect(target.conn)).objects).toEqual([]);
  } finally {
    await source.done();
    await target.done();
  }
});
