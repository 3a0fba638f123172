/**
 * Real schemas from the corpus (sakila, chinook, employees without its data) loaded
 * into a scratch database on MariaDB/MySQL: the introspection reads them, reads them the
 * same twice, and its files load back as the same model (every definition passes the
 * model file checks).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import { filesToModel, modelToFiles, type Table } from '../../../unified-model/index.js';
import { corpusMissing, skipNote } from '../../support/live.js';
import { CORPUS_SCHEMAS as CASES, freshMysqlDatabase, mysqlScript, noServer, schemaOnly } from './helpers.js';

const skip = noServer ?? corpusMissing();


describe.skipIf(skip)(skipNote('MySQL corpus schemas', skip), () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  for (const c of CASES) {
    it(`${c.name}: reads every table, view, routine and trigger, the same twice, and its files load back`, async () => {
      const db = await freshMysqlDatabase(`redb_my${c.name}`);
      drops.push(db.drop);
      mysqlScript(db.name, schemaOnly(c.file, c.name, db.name));
      const conn = await mysqlAdapter.connect(db.url);
      try {
        const model = await mysqlAdapter.introspect(conn);
        const count = (kinds: string[]) => model.objects.filter((o) => kinds.includes(o.kind)).length;
        expect(count(['table'])).toBe(c.tables);
        expect(count(['view'])).toBe(c.views);
        expect(count(['function', 'procedure'])).toBe(c.routines);
        expect(model.objects.filter((o): o is Table => o.kind === 'table').reduce((n, t) => n + (t.triggers?.length ?? 0), 0)).toBe(c.triggers);
        // views qualify names with their database: the model never holds its name
        expect(JSON.stringify(model)).not.toContain(db.name);
        const files = modelToFiles(model);
        expect(modelToFiles(filesToModel(files))).toEqual(files);
        expect(modelToFiles(await mysqlAdapter.introspect(conn))).toEqual(files);
      } finally {
        await conn.close();
      }
    });
  }
});
