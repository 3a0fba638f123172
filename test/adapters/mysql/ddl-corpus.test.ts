/**
 * Real schemas from the corpus (sakila, chinook, employees without its data) planned
 * from nothing on MariaDB: the plan creates each whole (tables, keys, views, routines,
 * triggers in dependency order), the result reads as the schema loaded by the mysql
 * client, and the rollback leaves the database empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusMissing, skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { noServer } from './helpers.js';

const skip = noServer ?? corpusMissing();

/** A corpus script without what picks or drops its own database, and without data loads (as corpus.test.ts). */
const schemaOnly = (file: string, own: string) => (database: string): string =>
  readFileSync(join(CORPUS, file), 'utf8')
    .replace(new RegExp(`\\b${own}\\.`, 'g'), `\`${database}\`.`)
    .split('\n')
    .filter((l) => !/^\s*(DROP (SCHEMA|DATABASE)|CREATE (SCHEMA|DATABASE)|USE |source )/i.test(l))
    .join('\n');

const CASES = [
  { name: 'sakila', file: 'jooq-sakila/mysql-sakila-db/mysql-sakila-schema.sql' },
  { name: 'chinook', file: 'chinook/_derived/Chinook_MySql.schema.sql' },
  { name: 'employees', file: 'test_db/employees.sql' },
];

describe.skipIf(skip)(skipNote('MySQL corpus schemas planned from nothing', skip), () => {
  for (const c of CASES) {
    it(`${c.name}: created by the plan, equal to the loaded schema, and rolled back to nothing`, async () => {
      const r = await runPair('', schemaOnly(c.file, c.name));
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back.objects).toEqual([]);
    }, 60_000);
  }
});
