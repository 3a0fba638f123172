/**
 * Real SQLite schemas from the corpus (sakila, chinook) loaded into database files by
 * better-sqlite3: every object in sqlite_schema is in the model (counted on both sides
 * independently, and against the counts the corpus recorded), the canonical files
 * parse back to the same model, and a second introspection is byte-identical.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import { filesToModel, modelToFiles, type Model, type Table, type View } from '../../../unified-model/index.js';
import { CORPUS, corpusMissing, skipNote } from '../../support/live.js';
import { sqliteWith } from './helpers.js';

const SCHEMAS = {
  sakila: 'jooq-sakila/sqlite-sakila-db/sqlite-sakila-schema.sql',
  chinook: 'chinook/_derived/Chinook_Sqlite.schema.sql',
  chinookAutoIncrement: 'chinook/_derived/Chinook_Sqlite_AutoIncrementPKs.schema.sql',
} as const;

interface LoadStatus { engine: string; file: string; ok: boolean; objects_after_load: Record<string, string> }
const NO_CORPUS = corpusMissing();
const STATUS: LoadStatus[] = NO_CORPUS ? [] : JSON.parse(readFileSync(`${CORPUS}/_pairs/schemas.status.json`, 'utf8'));

function modelCounts(m: Model) {
  const tables = m.objects.filter((o): o is Table => o.kind === 'table');
  const views = m.objects.filter((o): o is View => o.kind === 'view');
  const members = (o: Table | View, k: 'indexes' | 'triggers' | 'foreignKeys' | 'uniques') => ((o as Table)[k] ?? []).length;
  const sum = (k: 'indexes' | 'triggers' | 'foreignKeys' | 'uniques') => [...tables, ...views].reduce((n, o) => n + members(o, k), 0);
  return { table: tables.length, view: views.length, index: sum('indexes'), trigger: sum('triggers'), foreignKey: sum('foreignKeys'), unique: sum('uniques') };
}

describe.skipIf(!!NO_CORPUS)(skipNote('SQLite corpus schemas', NO_CORPUS), () => {
  for (const [name, rel] of Object.entries(SCHEMAS)) {
    describe(name, () => {
      let db: Awaited<ReturnType<typeof sqliteWith>>;
      let model: Model;
      beforeAll(async () => {
        db = await sqliteWith(readFileSync(`${CORPUS}/${rel}`, 'utf8'));
        model = await sqliteAdapter.introspect(db.conn);
      });
      afterAll(() => db?.done());

      it('has every object of sqlite_schema in the model', async () => {
        const rows = await db.conn.query<{ type: string; n: number }>(
          `SELECT type, count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' GROUP BY type`,
        );
        const [fk] = await db.conn.query<{ n: number }>(
          "SELECT count(*) AS n FROM (SELECT DISTINCT s.name, f.id FROM sqlite_schema s JOIN pragma_foreign_key_list(s.name) f WHERE s.type = 'table')",
        );
        const catalog = Object.fromEntries(rows.map((r) => [r.type, r.n]));
        const counts = modelCounts(model);
        expect({ table: counts.table, view: counts.view, index: counts.index, trigger: counts.trigger, foreignKey: counts.foreignKey }).toEqual({
          table: catalog.table ?? 0, view: catalog.view ?? 0, index: catalog.index ?? 0, trigger: catalog.trigger ?? 0, foreignKey: fk.n,
        });
        expect(counts.table).toBeGreaterThan(0);
      });

      it('matches the object counts recorded for the corpus', async () => {
        const status = STATUS.find((s) => s.engine === 'sqlite3' && s.file === rel && s.ok);
        expect(status, `no recorded load of ${rel}`).toBeDefined();
        const counts = modelCounts(model);
        // the corpus counted SQLite's own sqlite_sequence table and every autoindex of a UNIQUE or PRIMARY KEY constraint
        const [internal] = await db.conn.query<{ tables: number; autoindexes: number }>(
          "SELECT count(*) FILTER (WHERE type = 'table') AS tables, count(*) FILTER (WHERE type = 'index') AS autoindexes FROM sqlite_schema WHERE name LIKE 'sqlite\\_%' ESCAPE '\\'",
        );
        const recorded = Object.fromEntries(Object.entries(status!.objects_after_load).map(([k, v]) => [k, Number(v)]));
        expect({ table: counts.table + internal.tables, view: counts.view, index: counts.index + internal.autoindexes, trigger: counts.trigger })
          .toEqual({ table: recorded.table ?? 0, view: recorded.view ?? 0, index: recorded.index ?? 0, trigger: recorded.trigger ?? 0 });
      });

      it('round-trips through the canonical files, and reads byte-identical twice', async () => {
        const files = modelToFiles(model);
        expect(filesToModel(files)).toEqual(model);
        expect(modelToFiles(await sqliteAdapter.introspect(db.conn))).toEqual(files);
      });
    });
  }

  it('reads sakila as it is written', async () => {
    const db = await sqliteWith(readFileSync(`${CORPUS}/${SCHEMAS.sakila}`, 'utf8'));
    try {
      const m = await sqliteAdapter.introspect(db.conn);
      const film = m.objects.find((o) => o.id === 'main.film') as Table;
      expect(film.checks?.map((c) => c.name)).toEqual(['CHECK_special_features', 'CHECK_special_rating']);
      expect(film.foreignKeys?.map((f) => [f.name, f.references, f.referencedColumns])).toEqual([
        ['fk_film_language', 'main.language', ['language_id']],
        ['fk_film_language_original', 'main.language', ['language_id']],
      ]);
      expect(film.columns.find((c) => c.name === 'rental_rate')?.type).toEqual({ native: 'DECIMAL(4,2)', logical: { kind: 'decimal', precision: 4, scale: 2 } });
      const list = m.objects.find((o) => o.id === 'main.customer_list') as View;
      expect(list.dependsOn).toEqual(['main.address', 'main.city', 'main.country', 'main.customer']);
    } finally {
      await db.done();
    }
  });
});
