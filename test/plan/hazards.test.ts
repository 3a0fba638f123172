/**
 * Honest hazard summaries, on PostgreSQL 15: a rollback plan reports the hazards its
 * own steps carry, and member changes of tables the plan creates are neither
 * `blocking-lock` nor `data-dependent` (an empty new table has no lock or row to wait for).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { postgresDdl } from '../../adapters/postgres/ddl/index.js';
import type { Connection } from '../../adapters/types.js';
import { applySteps } from '../../src/deploy/apply.js';
import { createPlan, reversePlan, type Plan } from '../../src/plan/index.js';
import { renderPlanSql } from '../../src/ui/diff-sql.js';
import { treeOidOf } from '../../src/vcs/index.js';
import { modelToFiles, type Model } from '../../unified-model/index.js';
import { freshPgDatabase, PG_URL } from '../support/live.js';

const tree = (m: Model) => treeOidOf(modelToFiles(m));

describe.skipIf(!PG_URL)('plan hazards on PostgreSQL 15', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let conn: Connection;
  beforeAll(async () => {
    db = await freshPgDatabase('redb_hazards');
    conn = await postgresAdapter.connect(db.url);
  });
  afterAll(async () => {
    await conn?.close();
    await db?.drop();
  });

  /** The models before and after `change` (run in a transaction that is rolled back), from `setup`. */
  async function planOf(setup: string, change: string): Promise<Plan> {
    await conn.exec(`RESET search_path; DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${setup}`);
    const from = await postgresAdapter.introspect(conn);
    await conn.exec(`BEGIN; ${change}`);
    const to = await postgresAdapter.introspect(conn);
    await conn.exec('ROLLBACK');
    return createPlan({ from, to, source: { tree: tree(from) }, target: { tree: tree(to) }, ddl: postgresAdapter.ddl! });
  }

  it('the rollback of a widening and an added column reports table-rewrite and data-loss', async () => {
    const p = await planOf(
      'CREATE TABLE item (id int PRIMARY KEY, price numeric(5,2) NOT NULL); INSERT INTO item VALUES (1, 9.99);',
      'ALTER TABLE item ALTER COLUMN price TYPE numeric(7,2); ALTER TABLE item ADD COLUMN note text;',
    );
    expect(p.hazards).not.toContain('data-loss');
    expect(p.hazards).not.toContain('table-rewrite');
    const carried = [...new Set(p.rollback.flatMap((s) => s.hazards))].sort();
    expect(carried).toEqual(expect.arrayContaining(['data-loss', 'table-rewrite']));
    expect(p.rollbackHazards).toEqual(carried);

    // what `redb rollback` shows and consents to: the reversed plan, with the rollback's hazards
    const back = reversePlan(p);
    expect(back.steps).toEqual(p.rollback);
    expect(back.hazards).toEqual(carried);
    expect(back.rollbackHazards).toEqual(p.hazards);
    expect(renderPlanSql(back, postgresDdl.script)).toContain(`hazards: ${carried.join(', ')}`);
    expect(renderPlanSql(p, postgresDdl.script)).toContain(`-- rollback: ${p.rollback.length} steps; hazards: ${carried.join(', ')}`);

    // and the steps do what they say, both ways
    await applySteps(conn, p.steps, { preamble: p.preamble });
    await applySteps(conn, back.steps, { preamble: back.preamble });
  });

  it('tables created by the plan: their indexes, foreign keys and NOT NULL columns lock and check nothing', async () => {
    const p = await planOf(
      'CREATE TABLE old (id int PRIMARY KEY, n int);',
      `CREATE TABLE a (id int PRIMARY KEY);
       CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id), n int NOT NULL CHECK (n > 0), UNIQUE (a_id, n));
       CREATE INDEX b_n ON b (n);`,
    );
    const onNew = p.steps.filter((s) => s.change.id === 'public.a' || s.change.id === 'public.b');
    expect(onNew.some((s) => /FOREIGN KEY/.test(s.sql))).toBe(true);
    expect(onNew.some((s) => /CREATE INDEX b_n/.test(s.sql))).toBe(true);
    for (const s of onNew) expect(s.hazards, s.sql).not.toContain('blocking-lock');
    for (const s of onNew) expect(s.hazards, s.sql).not.toContain('data-dependent');
    expect(p.hazards).toEqual([]);
    // dropping them again (the rollback) has its own, honest hazards
    expect(p.rollbackHazards).toContain('data-loss');
  });

  it('a new index or foreign key on an existing table still blocks and depends on its rows', async () => {
    const p = await planOf(
      'CREATE TABLE old (id int PRIMARY KEY, n int);',
      'CREATE TABLE a (id int PRIMARY KEY); CREATE INDEX old_n ON old (n); ALTER TABLE old ADD FOREIGN KEY (n) REFERENCES a (id);',
    );
    const index = p.steps.find((s) => /CREATE INDEX old_n/.test(s.sql))!;
    expect(index.hazards).toContain('blocking-lock');
    const fk = p.steps.find((s) => /FOREIGN KEY/.test(s.sql))!;
    expect(fk.hazards).toContain('data-dependent');
  });
});
