/**
 * What introspection reads from the stored CREATE text, on the spellings SQLite accepts:
 * quoted names of every kind, comments, nested brackets and strings in CHECKs, keyword
 * orders, names in another case. Each schema is loaded into a real database.
 */
import { describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import { filesToModel, modelToFiles, type Model, type Table, type View } from '../../../unified-model/index.js';
import { sqliteWith } from './helpers.js';

async function modelOf(sql: string): Promise<Model> {
  const db = await sqliteWith(sql);
  try {
    const model = await sqliteAdapter.introspect(db.conn);
    expect(filesToModel(modelToFiles(model))).toEqual(model);
    return model;
  } finally {
    await db.done();
  }
}
const get = <T>(m: Model, id: string) => m.objects.find((o) => o.id === id) as T;

describe('reading the stored CREATE TABLE', () => {
  it('reads quoted names of every kind, with comments and commas inside them', async () => {
    const m = await modelOf(`CREATE TABLE [odd table] (
      "the id" INTEGER PRIMARY KEY, -- a comment, with a comma
      \`back tick\` TEXT COLLATE "NOCASE" /* a, b ( */ NOT NULL,
      'single' TEXT,
      "check" TEXT CHECK ("check" <> 'a,b)'),
      [x"y] INTEGER
    )`);
    const t = get<Table>(m, 'main."odd table"');
    expect(t.columns.map((c) => [c.name, c.nullable, c.collation])).toEqual([
      ['the id', true, undefined], ['back tick', false, 'NOCASE'], ['single', true, undefined], ['check', true, undefined], ['x"y', true, undefined],
    ]);
    expect(t.primaryKey).toEqual({ name: 'odd table_pkey', columns: ['the id'] });
    expect(t.checks).toEqual([{ name: 'odd table_check_check', expression: `"check" <> 'a,b)'` }]);
  });

  it('reads named column constraints in any order, REFERENCES followed by NOT NULL, types of several words', async () => {
    const m = await modelOf(`CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
      CREATE TABLE IF NOT EXISTS main.child (
        a INTEGER CONSTRAINT a_pos CHECK (a > (0)) CONSTRAINT a_u UNIQUE,
        p INTEGER REFERENCES PARENT NOT NULL DEFAULT -1,
        q UNSIGNED BIG INT REFERENCES parent (ID) ON UPDATE CASCADE NOT DEFERRABLE,
        r DOUBLE PRECISION,
        s VARCHAR ( 20 ),
        t NATIVE CHARACTER(70),
        u TEXT CONSTRAINT u_code REFERENCES parent (code) DEFERRABLE INITIALLY IMMEDIATE,
        CHECK (a IN (1, 2) AND r <> 0.5)
      );`);
    const t = get<Table>(m, 'main.child');
    expect(t.columns.map((c) => [c.name, c.type.native, c.type.logical, c.nullable, c.default])).toEqual([
      ['a', 'INTEGER', { kind: 'integer', bits: 64 }, true, undefined],
      ['p', 'INTEGER', { kind: 'integer', bits: 64 }, false, '-1'],
      ['q', 'UNSIGNED BIG INT', { kind: 'integer', bits: 64 }, true, undefined],
      ['r', 'DOUBLE PRECISION', { kind: 'float', bits: 64 }, true, undefined],
      ['s', 'VARCHAR ( 20 )', { kind: 'string', length: 20 }, true, undefined],
      ['t', 'NATIVE CHARACTER(70)', { kind: 'string', length: 70, fixed: true }, true, undefined],
      ['u', 'TEXT', { kind: 'text' }, true, undefined],
    ]);
    expect(t.checks).toEqual([{ name: 'a_pos', expression: 'a > (0)' }, { name: 'child_check', expression: 'a IN (1, 2) AND r <> 0.5' }]);
    expect(t.uniques).toEqual([{ name: 'a_u', columns: ['a'] }]);
    expect(t.foreignKeys).toEqual([
      { name: 'child_p_fkey', columns: ['p'], references: 'main.parent', referencedColumns: ['id'], onDelete: 'no-action', onUpdate: 'no-action', match: 'simple' },
      { name: 'child_q_fkey', columns: ['q'], references: 'main.parent', referencedColumns: ['id'], onDelete: 'no-action', onUpdate: 'cascade', match: 'simple' },
      // DEFERRABLE INITIALLY IMMEDIATE checks at once, but can be deferred
      { name: 'u_code', columns: ['u'], references: 'main.parent', referencedColumns: ['code'], onDelete: 'no-action', onUpdate: 'no-action', match: 'simple', deferrable: true, initiallyDeferred: false },
    ]);
  });

  it('numbers generated names that clash with a written one', async () => {
    const m = await modelOf('CREATE TABLE t (a INTEGER CHECK (a > 0), b INTEGER, CONSTRAINT t_a_check CHECK (b > 0), CHECK (a < 9), CHECK (b < 9))');
    expect(get<Table>(m, 'main.t').checks?.map((c) => [c.name, c.expression])).toEqual([
      ['t_a_check', 'b > 0'], ['t_a_check1', 'a > 0'], ['t_check', 'a < 9'], ['t_check1', 'b < 9'],
    ]);
  });

  it('reads a named table-level primary key on a rowid table, and a key with COLLATE and DESC', async () => {
    const m = await modelOf(`CREATE TABLE k (a TEXT, b INTEGER, CONSTRAINT k_key PRIMARY KEY (a COLLATE NOCASE DESC, b)) WITHOUT ROWID;
      CREATE TABLE r (id INTEGER, CONSTRAINT r_pk PRIMARY KEY (id));`);
    expect(get<Table>(m, 'main.k').primaryKey).toEqual({ name: 'k_key', columns: ['a', 'b'] });
    expect(get<Table>(m, 'main.r').primaryKey).toEqual({ name: 'r_pk', columns: ['id'] });
  });
});

describe('reading stored views, indexes and triggers', () => {
  it('finds what a view reads through CTEs, subqueries, comma joins and schema-qualified names', async () => {
    const m = await modelOf(`CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER); CREATE TABLE c (x INTEGER); CREATE TABLE d (x INTEGER);
      CREATE VIEW v AS WITH w AS (SELECT x FROM a) SELECT w.x FROM w, main.b JOIN (SELECT x FROM c) s ON s.x = b.x WHERE b.x IN (SELECT x FROM "D");`);
    expect(get<View>(m, 'main.v').dependsOn).toEqual(['main.a', 'main.b', 'main.c', 'main.d']);
    expect(get<View>(m, 'main.v').definition).toMatch(/^WITH w AS/);
  });

  it('reads index keys with COLLATE and expressions holding commas, and a WHERE with brackets', async () => {
    const m = await modelOf(`CREATE TABLE t (a TEXT, b TEXT);
      CREATE INDEX IF NOT EXISTS main.t_x ON t (substr(a, 1, 2) COLLATE NOCASE DESC, b COLLATE BINARY, a COLLATE RTRIM) WHERE (a IS NOT NULL) AND b > 'x';`);
    const t = get<Table>(m, 'main.t');
    expect(t.indexes?.[0]).toMatchObject({
      name: 't_x',
      keys: [{ expression: 'substr(a, 1, 2)', order: 'desc', collation: 'NOCASE' }, { column: 'b' }, { column: 'a', collation: 'RTRIM' }],
      predicate: "(a IS NOT NULL) AND b > 'x'",
    });
  });

  it('reads a stored statement without the whitespace a script left before its ;', async () => {
    const m = await modelOf('CREATE TABLE t (a INTEGER);\nCREATE INDEX t_a ON t (a)\n  ;\nCREATE TRIGGER t_ins AFTER INSERT ON t BEGIN SELECT 1; END\n;');
    const t = get<Table>(m, 'main.t');
    expect(t.indexes?.[0].definition).toBe('CREATE INDEX t_a ON t (a)');
    expect(t.triggers?.[0].definition).toBe('CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN SELECT 1; END');
  });

  it('reads triggers: default timing, UPDATE OF, a WHEN with CASE, a CASE … END inside the body', async () => {
    const m = await modelOf(`CREATE TABLE t (a INTEGER, b INTEGER); CREATE TABLE log (m TEXT);
      CREATE TRIGGER IF NOT EXISTS "T one" UPDATE OF a, "b" ON t WHEN CASE WHEN new.a > 0 THEN 1 ELSE 0 END
      BEGIN
        INSERT INTO log VALUES (CASE new.a WHEN 1 THEN 'one' ELSE 'end' END);
      END;`);
    expect(get<Table>(m, 'main.t').triggers).toEqual([{
      name: 'T one', timing: 'before', events: ['update'], level: 'row', updateColumns: ['a', 'b'],
      when: 'CASE WHEN new.a > 0 THEN 1 ELSE 0 END',
      body: "INSERT INTO log VALUES (CASE new.a WHEN 1 THEN 'one' ELSE 'end' END);",
      // SQLite stores the statement without its IF NOT EXISTS
      definition: expect.stringMatching(/^CREATE TRIGGER "T one" UPDATE OF a, "b" ON t WHEN/),
    }]);
  });
});
