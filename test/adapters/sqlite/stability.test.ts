/** Introspection is stable (byte-identical twice, one change → one file) and its query count does not grow with the schema. */
import { describe, expect, it } from 'vitest';
import { sqliteAdapter, type SqliteConnection } from '../../../adapters/sqlite/index.js';
import type { Connection } from '../../../adapters/types.js';
import { modelToFiles, type Model } from '../../../unified-model/index.js';
import { sqliteWith } from './helpers.js';

function counting(conn: Connection): Connection & { readonly count: number } {
  let count = 0;
  return {
    get count() { return count; },
    serverVersion: conn.serverVersion,
    query: (sql, params) => { count++; return conn.query(sql, params); },
    run: (sql) => { count++; return conn.run(sql); },
    exec: (sql) => { count++; return conn.exec(sql); },
    close: () => conn.close(),
  };
}

const filesOf = (m: Model) => new Map(modelToFiles(m).map((f) => [f.path, f.content]));

/** `n` tables, each with a key, a foreign key, a unique, an index and a trigger. */
function schemaOf(n: number): string {
  const parts = ['CREATE TABLE root (id INTEGER PRIMARY KEY);'];
  for (let i = 0; i < n; i++) {
    parts.push(`CREATE TABLE t${i} (id INTEGER PRIMARY KEY, root_id INTEGER REFERENCES root (id), code TEXT UNIQUE, v REAL CHECK (v > 0));`);
    parts.push(`CREATE INDEX t${i}_v ON t${i} (v DESC);`);
    parts.push(`CREATE TRIGGER t${i}_touch AFTER UPDATE ON t${i} BEGIN SELECT 1; END;`);
  }
  parts.push('CREATE VIEW roots AS SELECT id FROM root;');
  // one transaction: a file database syncs once, not once per statement
  return ['BEGIN;', ...parts, 'COMMIT;'].join('\n');
}

describe('introspection', () => {
  it('runs the same number of queries for 1 table and for 300', async () => {
    const counts: number[] = [];
    for (const n of [1, 300]) {
      const db = await sqliteWith(schemaOf(n));
      try {
        const conn = counting(db.conn);
        const model = await sqliteAdapter.introspect(conn);
        expect(model.objects.filter((o) => o.kind === 'table')).toHaveLength(n + 1);
        counts.push(conn.count);
      } finally {
        await db.done();
      }
    }
    expect(counts).toEqual([4, 4]);
  });

  it('reads inside a transaction, seeing its own uncommitted changes (a deploy verifying its steps)', async () => {
    const db = await sqliteWith(schemaOf(1));
    try {
      const conn = db.conn as SqliteConnection;
      await conn.transaction(async () => {
        await conn.run('CREATE TABLE pending (a INTEGER)');
        const model = await sqliteAdapter.introspect(conn, { sameSession: true });
        expect(model.objects.map((o) => o.id)).toContain('main.pending');
        // still in the same transaction: it rolls back with it
        throw new Error('roll back');
      }).catch(() => undefined);
      expect((await sqliteAdapter.introspect(conn)).objects.map((o) => o.id)).not.toContain('main.pending');
    } finally {
      await db.done();
    }
  });

  it('names a view SQLite kept after what it reads was dropped, instead of failing on the whole read', async () => {
    const db = await sqliteWith('CREATE TABLE a (x INTEGER); CREATE VIEW ok AS SELECT 1 AS one; CREATE VIEW v AS SELECT x FROM a; DROP TABLE a;');
    try {
      await expect(sqliteAdapter.introspect(db.conn)).rejects.toThrow(/^cannot read the SQLite view v \(no such table: main\.a\): .*drop the view, or create again what it reads/);
    } finally {
      await db.done();
    }
  });

  it('reads the schema main unless a schema filter leaves it out', async () => {
    const db = await sqliteWith(schemaOf(1));
    try {
      const ids = async (options: Parameters<typeof sqliteAdapter.introspect>[1]) => (await sqliteAdapter.introspect(db.conn, options)).objects.length;
      expect(await ids({ schemas: ['main'] })).toBe(3);
      expect(await ids({ schemas: ['public'] })).toBe(0);
      expect(await ids({ excludeSchemas: ['main'] })).toBe(0);
      expect(await ids({ excludeSchemas: ['redb'] })).toBe(3);
    } finally {
      await db.done();
    }
  });

  it('is byte-identical twice, and one changed table changes one file', async () => {
    const db = await sqliteWith(schemaOf(3));
    try {
      const before = filesOf(await sqliteAdapter.introspect(db.conn));
      expect(filesOf(await sqliteAdapter.introspect(db.conn))).toEqual(before);
      await db.conn.exec('ALTER TABLE t1 ADD COLUMN note TEXT');
      const after = filesOf(await sqliteAdapter.introspect(db.conn));
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p));
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatch(/t1\.json$/);
    } finally {
      await db.done();
    }
  });
});
