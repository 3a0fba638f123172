/**
 * The skeema feature files (corpus/skeema/internal/tengo/testdata) that load on the
 * test server, each in a scratch database (integration.sql with views.sql on top, as
 * skeema loads them; foreign key checks off while loading, as the corpus README says):
 * the introspection reads each, the same twice, without the database's name, and its
 * files load back as the same model (every expression and definition passes the model
 * file checks: MariaDB's `\'` in printed expressions is written `''`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import { filesToModel, modelToFiles } from '../../../unified-model/index.js';
import { CORPUS, corpusMissing, skipNote } from '../../support/live.js';
import { freshMysqlDatabase, mysqlScript, noServer } from './helpers.js';

const skip = noServer ?? corpusMissing();
const DIR = 'skeema/internal/tengo/testdata';

/** Files that load on MariaDB 10.11 (the others are MySQL- or Percona-only, or newer MariaDB), by objects they hold. */
const FILES: readonly { files: readonly string[]; objects: number }[] = [
  { files: ['integration.sql', 'views.sql'], objects: 10 },
  { files: ['coltypes-maria.sql'], objects: 1 },
  { files: ['colcompression-maria.sql'], objects: 1 },
  { files: ['default-expr-maria.sql'], objects: 1 },
  { files: ['generatedcols-maria.sql'], objects: 1 },
  { files: ['index-maria106.sql'], objects: 1 },
  { files: ['integration-ext.sql'], objects: 11 },
  { files: ['inviscols.sql'], objects: 1 },
  { files: ['maria108.sql'], objects: 2 },
  { files: ['pagecompression-maria.sql'], objects: 1 },
  { files: ['partition.sql'], objects: 13 },
  { files: ['rows.sql'], objects: 2 },
  { files: ['spatial.sql'], objects: 1 },
  { files: ['uca1400.sql'], objects: 2 },
];

/** A feature file without the lines that pick or create skeema's own database. */
function script(file: string): string {
  const body = readFileSync(join(CORPUS, DIR, file), 'utf8').split('\n').filter((l) => !/^\s*(CREATE DATABASE|DROP DATABASE|use )/i.test(l));
  return ['SET FOREIGN_KEY_CHECKS=0;', ...body].join('\n');
}

describe.skipIf(skip)(skipNote('skeema feature files on MariaDB', skip), () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  for (const c of FILES) {
    it(`${c.files.join(' + ')}: read, stable, files load back`, async () => {
      const db = await freshMysqlDatabase('redb_myskeema');
      drops.push(db.drop);
      for (const f of c.files) mysqlScript(db.name, script(f));
      const conn = await mysqlAdapter.connect(db.url);
      try {
        const model = await mysqlAdapter.introspect(conn);
        expect(model.objects.length).toBe(c.objects);
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
