/**
 * The same DDL gives the same model on a PostgreSQL server (15 here) and on PGlite
 * (PostgreSQL 18 inside). Ignored, and only this:
 * - `definition` of views and materialized views: pg_get_viewdef prints column
 *   references qualified with their table (`users.id`) up to 15 and bare (`id`) from
 *   16 on when the query reads a single relation. Both are the engine's own
 *   normalized text for the same query; a plan for one version must not be
 *   compared as text with the other.
 */
import { describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Model } from '../../../unified-model/index.js';
import { corpusMissing, PG_URL, skipNote } from '../../support/live.js';
import { changedPaths, CORPUS_SCHEMAS, corpusFile, FEATURES_SQL, filesOf, pgliteWith, readSql, serverWithFile } from './helpers.js';

/** Fields that legitimately differ between major versions (see the file comment). */
function withoutVersionText(model: Model): Model {
  return {
    ...model,
    objects: model.objects.map((o) => (o.kind === 'view' || o.kind === 'materialized-view' ? { ...o, definition: '(version-dependent)' } : o)),
  };
}

async function bothModels(file: string): Promise<{ server: Model; pglite: Model }> {
  const srv = await serverWithFile(file);
  const lite = await pgliteWith(readSql(file));
  try {
    return { server: await postgresAdapter.introspect(srv.conn), pglite: await postgresAdapter.introspect(lite) };
  } finally {
    await srv.done();
    await lite.close();
  }
}

describe.skipIf(!PG_URL)('server and PGlite give the same model', () => {
  const cases = { features: FEATURES_SQL, pagila: corpusFile(CORPUS_SCHEMAS.pagila), sakila: corpusFile(CORPUS_SCHEMAS.sakila), chinook: corpusFile(CORPUS_SCHEMAS.chinookIdentity) };
  const noCorpus = corpusMissing();
  for (const [name, file] of Object.entries(cases)) {
    const fromCorpus = file !== FEATURES_SQL;
    it.skipIf(fromCorpus && !!noCorpus)(skipNote(name, fromCorpus ? noCorpus : undefined), async () => {
      const { server, pglite } = await bothModels(file);
      expect(pglite.objects.length).toBe(server.objects.length);
      expect(changedPaths(filesOf(withoutVersionText(server)), filesOf(withoutVersionText(pglite)))).toEqual([]);
    });
  }

  it('differs only in the view text the comment names', async () => {
    const { server, pglite } = await bothModels(FEATURES_SQL);
    const differing = changedPaths(filesOf(server), filesOf(pglite));
    expect(differing.every((p) => p.includes('/views/') || p.includes('/materialized-views/'))).toBe(true);
  });
});
