/**
 * Table rebuilds end to end on real database files: the source schema with rows, the
 * target schema loaded elsewhere, both read by the adapter, the plan applied → the
 * database reads as the target and keeps its rows; the rollback → reads as the source.
 */
import { describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import type { Connection } from '../../../adapters/types.js';
import { applySteps } from '../../../src/deploy/apply.js';
import { createPlan, type Plan } from '../../../src/plan/index.js';
import { modelTreeOid } from '../../../src/vcs/index.js';
import { canonicalJson, canonicalModel, type Model, type RenameIntent } from '../../../unified-model/index.js';
import { sqliteWith } from './helpers.js';

const read = (conn: Connection) => sqliteAdapter.introspect(conn);
const text = (m: Model) => canonicalJson(canonicalModel(m));
const apply = (conn: Connection, p: Plan, steps = p.steps) => applySteps(conn, steps, { preamble: p.preamble, transactionalDdl: true });

/** Plans `current` (+ `rows`) → `desired`, applies forward and back; returns the plan and the forward database. */
async function roundTrip(current: string, rows: string, desired: string, check?: (conn: Connection) => Promise<void>, renames: RenameIntent[] = []): Promise<Plan> {
  const work = await sqliteWith(current + rows);
  const want = await sqliteWith(desired);
  try {
    const from = await read(work.conn);
    const to = await read(want.conn);
    const plan = createPlan({ from, to, source: { tree: modelTreeOid(from) }, target: { tree: modelTreeOid(to) }, ddl: sqliteAdapter.ddl!, reorderColumns: true, renames });
    await apply(work.conn, plan);
    expect(text(await read(work.conn))).toBe(text(to));
    await check?.(work.conn);
    await apply(work.conn, plan, plan.rollback);
    expect(text(await read(work.conn))).toBe(text(from));
    return plan;
  } finally {
    await work.done();
    await want.done();
  }
}

const rebuilt = (p: Plan) => p.steps.some((s) => s.sql.startsWith('CREATE TABLE "_redb_new_'));
const count = async (conn: Connection, sql: string) => Number((await conn.query<{ n: number }>(sql))[0].n);

describe('SQLite table rebuilds', () => {
  it('changes a column type, keeping the rows', async () => {
    const p = await roundTrip('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER);', 'INSERT INTO t VALUES (1, 10), (2, 20);', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);', async (c) => {
      expect(await c.query('SELECT id, v FROM t ORDER BY id')).toEqual([{ id: 1, v: '10' }, { id: 2, v: '20' }]);
    });
    expect(rebuilt(p)).toBe(true);
    expect(p.hazards).toEqual(expect.arrayContaining(['data-dependent', 'table-rewrite']));
  });

  it('makes a column NOT NULL with a default, adds a CHECK and goes STRICT', async () => {
    const p = await roundTrip(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);', "INSERT INTO t VALUES (1, 'a');",
      "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL DEFAULT 'x' CHECK (length(v) < 5)) STRICT;",
    );
    expect(rebuilt(p)).toBe(true);
  });

  it('reorders columns', async () => {
    const p = await roundTrip('CREATE TABLE t (a INTEGER, b TEXT, c REAL);', "INSERT INTO t VALUES (1, 'b', 2.5);", 'CREATE TABLE t (c REAL, a INTEGER, b TEXT);', async (c) => {
      expect(await c.query('SELECT * FROM t')).toEqual([{ c: 2.5, a: 1, b: 'b' }]);
    });
    expect(rebuilt(p)).toBe(true);
  });

  it('adds a foreign key to a table a view reads and a trigger watches: both come back', async () => {
    const base = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE VIEW pv AS SELECT id FROM p;';
    const tail = 'CREATE VIEW cv AS SELECT id, pid FROM c; CREATE TRIGGER ct AFTER INSERT ON c BEGIN UPDATE c SET pid = pid WHERE id = NEW.id; END; CREATE INDEX c_pid ON c (pid);';
    const p = await roundTrip(
      `${base} CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER); ${tail}`, 'INSERT INTO p VALUES (1); INSERT INTO c VALUES (5, 1);',
      `${base} CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE); ${tail}`,
      async (c) => expect(await count(c, 'SELECT count(*) AS n FROM cv')).toBe(1),
    );
    expect(rebuilt(p)).toBe(true);
    expect(p.steps[0].sql).toBe('DROP VIEW "cv"');
  });

  it('rebuilds a parent table that another table references, rows and keys intact', async () => {
    await roundTrip(
      'CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE);',
      "INSERT INTO p VALUES (1, 'x'); INSERT INTO c VALUES (1, 1);",
      'CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE);',
      async (c) => expect(await count(c, 'SELECT count(*) AS n FROM c')).toBe(1), // the drop of the old p cascaded nothing
    );
  });

  it('rebuilds two tables that gain keys to each other, without a cycle', async () => {
    const p = await roundTrip(
      'CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER);', '',
      'CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id)); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));',
    );
    expect(p.steps.filter((s) => s.sql.startsWith('CREATE TABLE "_redb_new_'))).toHaveLength(2);
  });

  it('drops an indexed column (rebuild) and a plain one (ALTER TABLE DROP COLUMN)', async () => {
    const p = await roundTrip(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX t_a ON t (a); CREATE TABLE u (id INTEGER PRIMARY KEY, x TEXT);', "INSERT INTO t VALUES (1, 'a', 'b');",
      'CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT); CREATE TABLE u (id INTEGER PRIMARY KEY);',
    );
    expect(p.steps.map((s) => s.sql)).toContain('ALTER TABLE "u" DROP COLUMN "x"');
    expect(p.hazards).toContain('data-loss');
  });

  it('adds a column ALTER TABLE cannot (a CURRENT_TIMESTAMP default) by rebuilding', async () => {
    const p = await roundTrip('CREATE TABLE t (id INTEGER PRIMARY KEY);', 'INSERT INTO t VALUES (1);', 'CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP);');
    expect(rebuilt(p)).toBe(true);
  });

  it('rebuilds a table that a trigger of another table and an INSTEAD OF trigger of a view name', async () => {
    const others = `CREATE TABLE log (id INTEGER);
      CREATE TRIGGER log_to_a AFTER INSERT ON log BEGIN INSERT INTO a (id) VALUES (NEW.id); END;
      CREATE VIEW av AS SELECT id FROM a;
      CREATE TRIGGER av_insert INSTEAD OF INSERT ON av BEGIN INSERT INTO a (id) VALUES (NEW.id); END;`;
    const p = await roundTrip(`CREATE TABLE a (id INTEGER, v TEXT); ${others}`, "INSERT INTO a VALUES (1, 'x');", `CREATE TABLE a (id INTEGER NOT NULL, v TEXT); ${others}`, async (c) => {
      await c.run('INSERT INTO log (id) VALUES (2)');
      await c.run('INSERT INTO av (id) VALUES (3)');
      expect(await count(c, 'SELECT count(*) AS n FROM a')).toBe(3);
    });
    expect(p.steps.map((s) => s.sql)).toContain('DROP TRIGGER IF EXISTS "log_to_a"');
  });

  it('keeps the AUTOINCREMENT counter through a rebuild: a deleted id is not handed out again', async () => {
    await roundTrip(
      'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);', "INSERT INTO t (v) VALUES ('a'), ('b'), ('c'); DELETE FROM t WHERE id = 3;",
      'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT NULL);',
      async (c) => {
        await c.run("INSERT INTO t (v) VALUES ('d')");
        expect(await c.query("SELECT id FROM t WHERE v = 'd'")).toEqual([{ id: 4 }]);
      },
    );
  });

  it('renames a table and rebuilds it in one plan, with a trigger of another table that names it', async () => {
    const p = await roundTrip(
      'CREATE TABLE a (id INTEGER, v TEXT); CREATE TABLE log (id INTEGER); CREATE TRIGGER log_to AFTER INSERT ON log BEGIN INSERT INTO a (id, v) VALUES (NEW.id, 1); END;', "INSERT INTO a VALUES (1, 'x');",
      'CREATE TABLE b (id INTEGER, v TEXT NOT NULL); CREATE TABLE log (id INTEGER); CREATE TRIGGER log_to AFTER INSERT ON log BEGIN INSERT INTO b (id, v) VALUES (NEW.id, 1); END;',
      async (c) => {
        await c.run('INSERT INTO log (id) VALUES (2)');
        expect(await count(c, 'SELECT count(*) AS n FROM b')).toBe(2);
      },
      [{ from: 'main.a', to: 'main.b' }],
    );
    expect(p.steps.map((s) => s.sql)).toContain('ALTER TABLE "a" RENAME TO "b"');
    expect(p.steps.some((s) => s.sql.startsWith('CREATE TABLE "_redb_new_b"'))).toBe(true);
  });
});
