/**
 * Real schemas from the corpus on a PostgreSQL server: load with psql, introspect,
 * serialize to files and back (deep-equal), and check that every object in the
 * catalogs is in the model, by counting both sides independently.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { filesToModel, modelToFiles, type Model } from '../../../unified-model/index.js';
import { CORPUS, corpusMissing, PG_URL, skipNote } from '../../support/live.js';
import { catalogCounts, CORPUS_SCHEMAS, corpusFile, modelCounts, serverWithFile } from './helpers.js';

interface LoadStatus {
  engine: string;
  file: string;
  ok: boolean;
  objects_after_load: Record<string, number>;
}
const NO_CORPUS = corpusMissing();
const STATUS: LoadStatus[] = NO_CORPUS ? [] : JSON.parse(readFileSync(`${CORPUS}/_pairs/schemas.status.json`, 'utf8'));

describe.skipIf(!PG_URL || !!NO_CORPUS)(skipNote('PostgreSQL corpus schemas (server)', NO_CORPUS), () => {
  for (const [name, rel] of Object.entries(CORPUS_SCHEMAS)) {
    describe(name, () => {
      let db: { conn: Connection; done: () => Promise<void> };
      let model: Model;
      beforeAll(async () => {
        db = await serverWithFile(corpusFile(rel));
        model = await postgresAdapter.introspect(db.conn);
      });
      afterAll(async () => db?.done());

      it('round-trips through the canonical files', () => {
        const files = modelToFiles(model);
        expect(filesToModel(files)).toEqual(model);
        expect(model.dialect).toBe('postgres');
      });

      it('has every catalog object in the model', async () => {
        const counts = modelCounts(model);
        expect(counts).toEqual(await catalogCounts(db.conn));
        expect(counts.tables).toBeGreaterThan(0);
      });

      it('matches the object counts recorded for the corpus', () => {
        const status = STATUS.find((s) => s.engine === 'postgres15' && s.file === rel && s.ok);
        if (!status) return;
        const counts = modelCounts(model);
        // the corpus counted the sequences behind identity columns; the model keeps those on the column
        counts.sequences += counts.identities;
        for (const [kind, n] of Object.entries(status.objects_after_load)) expect({ kind, n: counts[kind] }).toEqual({ kind, n });
      });
    });
  }

  it('reads pagila as the corpus documents it', async () => {
    const db = await serverWithFile(corpusFile(CORPUS_SCHEMAS.pagila));
    try {
      const m = modelCounts(await postgresAdapter.introspect(db.conn));
      expect(m).toMatchObject({ tables: 71, views: 8, indexes: 163, sequences: 13, functions: 10, triggers: 16 });
    } finally {
      await db.done();
    }
  });
});
