/**
 * SQLite DDL against real databases (better-sqlite3): plans made by the planner with
 * `sqliteDdl` run on a database holding the source schema and rows, and the result is
 * read back from SQLite's own catalog (pragmas), not from the adapter under test.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteDdl } from '../../../adapters/sqlite/ddl/index.js';
import type { Model } from '../../../unified-model/index.js';
import { createPlan } from '../../../src/plan/index.js';
import type { Plan, PlanStep } from '../../../src/plan/index.js';
import { col, model, table, view } from './ddl-models.js';

const endpoint = { tree: '0'.repeat(40) };
const plan = (from: Model, to: Model): Plan => createPlan({ from, to, source: endpoint, target: { tree: '1'.repeat(40) }, ddl: sqliteDdl, reorderColumns: true });

/** Runs steps the way a deploy does: the preamble, then every step in one transaction. */
function apply(db: Database.Database, p: Plan, steps: readonly PlanStep[] = p.steps): void {
  for (const s of p.preamble) db.exec(s);
  db.exec('BEGIN');
  try {
    for (const s of steps) db.prepare(s.sql).run();
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

const columns = (db: Database.Database, t: string) => db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(t);
const objects = (db: Database.Database) => db.prepare(`SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all();

const users = table('users', [col('id', 'INTEGER', { nullable: false, autoIncrement: true }), col('email', 'TEXT', { nullable: false }), col('age', 'INTEGER')], {
  primaryKey: { name: 'users_pkey', columns: ['id'] },
  uniques: [{ name: 'users_email_key', columns: ['email'] }],
  checks: [{ name: 'users_age_check', expression: 'age >= 0' }],
});
const orders = table('orders', [col('id', 'INTEGER', { nullable: false }), col('user_id', 'INTEGER'), col('note', 'TEXT', { default: "'none'" })], {
  primaryKey: { name: 'orders_pkey', columns: ['id'] },
  foreignKeys: [{ name: 'orders_user_id_fkey', columns: ['user_id'], references: 'main.users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no-action', match: 'simple' }],
  indexes: [{ name: 'orders_by_user', unique: false, method: 'btree', keys: [{ column: 'user_id' }], definition: 'CREATE INDEX orders_by_user ON orders (user_id)' }],
});

describe('SQLite DDL', () => {
  it('creates tables with their foreign keys inline, in any order, and drops them', () => {
    const db = new Database(':memory:');
    const p = plan(model(), model(orders, users));
    expect(p.steps.some((s) => /FOREIGN KEY \("user_id"\) REFERENCES "users" \("id"\) ON DELETE CASCADE/.test(s.sql))).toBe(true);
    expect(p.steps.every((s) => !/ALTER TABLE/.test(s.sql))).toBe(true);
    apply(db, p);
    expect(objects(db)).toEqual([{ type: 'index', name: 'orders_by_user' }, { type: 'table', name: 'orders' }, { type: 'table', name: 'users' }]);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'users'`).pluck().get()).toMatch(/"id" INTEGER CONSTRAINT "users_pkey" PRIMARY KEY AUTOINCREMENT/);
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare('INSERT INTO orders (id, user_id) VALUES (1, 42)').run()).toThrow(/FOREIGN KEY/);
    apply(db, p, p.rollback);
    expect(objects(db)).toEqual([]);
  });

  it('adds, renames and drops a column with ALTER TABLE, keeping the rows', () => {
    const db = new Database(':memory:');
    apply(db, plan(model(), model(users)));
    db.exec(`INSERT INTO users (email, age) VALUES ('a@x', 3)`);
    const to = table('users', [...users.columns, col('nickname', 'TEXT', { default: "'anon'" })], { ...users, columns: [...users.columns, col('nickname', 'TEXT', { default: "'anon'" })] });
    const p = plan(model(users), model(to));
    expect(p.steps.map((s) => s.sql)).toEqual([`ALTER TABLE "users" ADD COLUMN "nickname" TEXT DEFAULT 'anon'`]);
    apply(db, p);
    expect(db.prepare('SELECT nickname FROM users').pluck().get()).toBe('anon');
    expect(p.rollback.map((s) => s.sql)).toEqual([`ALTER TABLE "users" DROP COLUMN "nickname"`]);
    apply(db, p, p.rollback);
    expect(columns(db, 'users').map((c) => (c as { name: string }).name)).toEqual(['id', 'email', 'age']);
  });

  it('rebuilds a table for a nullability change: rows kept, index and view re-created around it', () => {
    const db = new Database(':memory:');
    const v = view('user_orders', 'CREATE VIEW user_orders AS SELECT id, note FROM orders', ['orders']);
    const from = model(users, orders, v);
    apply(db, plan(model(), from));
    db.exec(`INSERT INTO users (email, age) VALUES ('a@x', 3); INSERT INTO orders (id, user_id, note) VALUES (7, 1, 'first')`);
    const strict = { ...orders, columns: orders.columns.map((c) => (c.name === 'note' ? { ...c, nullable: false } : c)) };
    const p = plan(from, model(users, strict, v));
    const sql = p.steps.map((s) => s.sql);
    expect(sql[0]).toBe('DROP VIEW "user_orders"');
    expect(sql.at(-1)).toBe(v.definition);
    expect(sql).toContain('INSERT INTO "_redb_new_orders" ("id", "user_id", "note") SELECT "id", "user_id", "note" FROM "orders"');
    expect(p.hazards).toEqual(expect.arrayContaining(['table-rewrite', 'data-dependent']));
    expect(p.steps.find((s) => s.sql.startsWith('INSERT'))!.change.type).toBe('rebuild-table');
    apply(db, p);
    expect(columns(db, 'orders')).toContainEqual({ name: 'note', type: 'TEXT', notnull: 1, dflt_value: "'none'", pk: 0 });
    expect(db.prepare('SELECT note FROM user_orders').pluck().all()).toEqual(['first']);
    expect(objects(db)).toContainEqual({ type: 'index', name: 'orders_by_user' });
    apply(db, p, p.rollback);
    expect(columns(db, 'orders')).toContainEqual({ name: 'note', type: 'TEXT', notnull: 0, dflt_value: "'none'", pk: 0 });
  });

  it('fails the rebuild, and so the transaction, when a row violates a new foreign key', () => {
    const db = new Database(':memory:');
    const loose = { ...orders, foreignKeys: undefined };
    apply(db, plan(model(), model(users, loose)));
    db.exec(`INSERT INTO orders (id, user_id) VALUES (1, 99)`);
    const p = plan(model(users, loose), model(users, orders));
    expect(p.steps.some((s) => s.sql.includes('pragma_foreign_key_check'))).toBe(true);
    expect(() => apply(db, p)).toThrow(/CHECK constraint failed: foreign keys of or to orders hold on every row/);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'orders'`).pluck().get()).not.toMatch(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(1);
  });

  it('drops a column a key names by rebuilding, with the data-loss hazard', () => {
    const db = new Database(':memory:');
    apply(db, plan(model(), model(users, orders)));
    const bare = { ...orders, columns: orders.columns.filter((c) => c.name !== 'user_id'), foreignKeys: undefined, indexes: undefined };
    const p = plan(model(users, orders), model(users, bare));
    expect(p.steps.some((s) => s.sql.startsWith('CREATE TABLE "_redb_new_orders"'))).toBe(true);
    expect(p.hazards).toContain('data-loss');
    apply(db, p);
    expect(columns(db, 'orders').map((c) => (c as { name: string }).name)).toEqual(['id', 'note']);
  });

  it('writes a plan as a script sqlite3 runs', () => {
    expect(sqliteDdl.script.statement('DROP TABLE "t"')).toBe('DROP TABLE "t";');
    expect(sqliteDdl.script.statement('CREATE VIEW v AS SELECT 1 -- one')).toBe('CREATE VIEW v AS SELECT 1 -- one\n;');
    // the stored text of an index keeps its trailing newline (sakila's do): the script must not trim it
    expect(sqliteDdl.script.statement('CREATE INDEX i ON t(a)\n')).toBe('CREATE INDEX i ON t(a)\n;');
    expect(sqliteDdl.script.runWith).toBe('sqlite3 DB < FILE');
  });
});
