/**
 * Definers and sql_mode on the real MariaDB, with an account the test makes (a quote in
 * its name, so the DEFINER clause must quote it) and drops after. Objects of the
 * reading account carry no definer; objects of another account record it, a change of
 * it is a change of the model (what `redb diff` shows), and plans create them with
 * DEFINER=. A trigger made under another sql_mode keeps it. Each pair: the forward plan
 * reaches the desired schema exactly, nothing more to plan, and the rollback brings
 * back the current one.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbObject, Model } from '../../../unified-model/index.js';
import { skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { admin, noServer } from './helpers.js';

const T = 'CREATE TABLE t (a INT) ENGINE=InnoDB';
const user = `redb_def_${randomBytes(3).toString('hex')}'x`;
/** The account as a DEFINER clause of the scripts, and as the catalog names it. */
const definer = `'${user.replace(/'/g, "''")}'@'%'`;
const account = `${user}@%`;

const find = (m: Model, id: string): DbObject | undefined => m.objects.find((o) => o.id === id);
const definerOf = (o: DbObject | undefined): string | undefined => (o && 'definer' in o ? o.definer : undefined);

describe.skipIf(noServer)(skipNote('MySQL definers and sql_mode on MariaDB', noServer), () => {
  beforeAll(async () => {
    await admin(`CREATE USER ${definer} IDENTIFIED BY 'Redb-def-9x!Qa'; GRANT ALL ON *.* TO ${definer}`);
  });
  afterAll(async () => {
    await admin(`DROP USER IF EXISTS ${definer}`);
  });

  it('records another account as the definer of a view, routines, a trigger and an event, and creates them with it', async () => {
    const r = await runPair(T, `${T};
CREATE DEFINER=${definer} SQL SECURITY DEFINER VIEW v AS SELECT a FROM t;
CREATE DEFINER=${definer} FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;
CREATE DEFINER=${definer} PROCEDURE p() DELETE FROM t;
CREATE DEFINER=${definer} TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;
CREATE DEFINER=${definer} EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM t;`);
    for (const id of ['main.v', 'main.f()', 'main.p()', 'main.e']) expect(definerOf(find(r.to, id))).toBe(account);
    const table = find(r.to, 'main.t');
    expect(table?.kind === 'table' ? table.triggers?.[0]?.definer : undefined).toBe(account);
    const sql = r.plan.steps.map((s) => s.sql);
    const clause = `DEFINER=${definer} `;
    for (const head of ['CREATE OR REPLACE ', 'CREATE ']) expect(sql.some((s) => s.startsWith(`${head}${clause}`))).toBe(true);
    expect(sql.filter((s) => s.includes(clause))).toHaveLength(5);
    expect(r.forward).toEqual(r.to);
    expect(r.leftover).toBe(0);
    expect(r.back).toEqual(r.from);
  });

  it('leaves out the definer that is the reading account: the deploying account becomes it', async () => {
    const r = await runPair(T, `${T}; CREATE VIEW v AS SELECT a FROM t; CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1`);
    expect(definerOf(find(r.to, 'main.v'))).toBeUndefined();
    expect(definerOf(find(r.to, 'main.f()'))).toBeUndefined();
    expect(r.plan.steps.some((s) => s.sql.includes('DEFINER='))).toBe(false);
    expect(r.forward).toEqual(r.to);
  });

  it('sees a changed definer as a change, and plans it', async () => {
    const r = await runPair(`${T}; CREATE VIEW v AS SELECT a FROM t; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1`,
      `${T}; CREATE DEFINER=${definer} VIEW v AS SELECT a FROM t; CREATE DEFINER=${definer} TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1`);
    expect(definerOf(find(r.from, 'main.v'))).toBeUndefined();
    expect(definerOf(find(r.to, 'main.v'))).toBe(account);
    expect(r.plan.steps.map((s) => s.sql)).toEqual(expect.arrayContaining([
      `CREATE OR REPLACE DEFINER=${definer} VIEW \`v\` AS select \`t\`.\`a\` AS \`a\` from \`t\``,
      'DROP TRIGGER `tr`',
    ]));
    expect(r.forward).toEqual(r.to);
    expect(r.leftover).toBe(0);
    expect(r.back).toEqual(r.from);
  });

  it("creates a trigger under the sql_mode it was made in", async () => {
    const r = await runPair(T, `${T}; SET sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT'; CREATE TRIGGER tr BEFORE INSERT ON "t" FOR EACH ROW SET NEW.a = 1 || 2`);
    const table = find(r.to, 'main.t');
    expect(table?.kind === 'table' ? table.triggers?.[0]?.config : undefined).toEqual(['sql_mode=PIPES_AS_CONCAT,ANSI_QUOTES']);
    expect(r.plan.steps.map((s) => s.sql)).toContain("SET SESSION sql_mode = 'PIPES_AS_CONCAT,ANSI_QUOTES'");
    expect(r.forward).toEqual(r.to);
    expect(r.leftover).toBe(0);
    expect(r.back).toEqual(r.from);
  });
});
