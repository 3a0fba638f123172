/**
 * The skeema feature files that load on MariaDB 10.11 (as skeema.test.ts loads them),
 * planned from nothing: the plan creates each whole, the result reads as the file
 * loaded by the mysql client, and the rollback leaves the database empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusMissing, skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { noServer } from './helpers.js';

const skip = noServer ?? corpusMissing();
const DIR = 'skeema/internal/tengo/testdata';

const FILES: readonly (readonly string[])[] = [
  ['integration.sql', 'views.sql'], ['coltypes-maria.sql'], ['colcompression-maria.sql'], ['default-expr-maria.sql'], ['generatedcols-maria.sql'],
  ['index-maria106.sql'], ['integration-ext.sql'], ['inviscols.sql'], ['maria108.sql'], ['pagecompression-maria.sql'], ['partition.sql'], ['rows.sql'],
  ['spatial.sql'], ['uca1400.sql'],
];

/** The files without the lines that pick or create skeema's own database, foreign key checks off while loading. */
const script = (files: readonly string[]): string =>
  ['SET FOREIGN_KEY_CHECKS=0;', ...files.flatMap((f) => readFileSync(join(CORPUS, DIR, f), 'utf8').split('\n').filter((l) => !/^\s*(CREATE DATABASE|DROP DATABASE|use )/i.test(l)))].join('\n');

describe.skipIf(skip)(skipNote('skeema feature files planned from nothing on MariaDB', skip), () => {
  for (const files of FILES) {
    it(`${files.join(' + ')}: created by the plan, equal, rolled back to nothing`, async () => {
      const r = await runPair('', script(files));
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back.objects).toEqual([]);
    }, 60_000);
  }
});
