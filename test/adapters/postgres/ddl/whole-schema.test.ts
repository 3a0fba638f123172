/**
 * Whole schemas (features.sql: every object kind the adapter reads; pagila and chinook
 * from the corpus) created from an empty database, and dropped back to empty, by the
 * generator's statements alone; on PGlite, and on a PostgreSQL server when one is configured.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusMissing, PG_URL, skipNote } from '../../../support/live.js';
import { CORPUS_SCHEMAS, corpusFile, FEATURES_SQL } from '../helpers.js';
import { explain, pglitePair, roundTrip, serverPair, type Pair } from './harness.js';

const NO_CORPUS = corpusMissing();
const SCHEMAS = {
  features: FEATURES_SQL,
  pagila: corpusFile(CORPUS_SCHEMAS.pagila),
  chinook: corpusFile(CORPUS_SCHEMAS.chinookIdentity),
};

for (const engine of ['pglite', 'server'] as const) {
  describe.skipIf(engine === 'server' && !PG_URL)(`whole schema on ${engine}`, () => {
    let pair: Pair;
    beforeAll(async () => {
      pair = engine === 'pglite' ? await pglitePair() : await serverPair();
    });
    afterAll(async () => pair?.close());

    for (const [name, file] of Object.entries(SCHEMAS)) {
      // features.sql is in the project; the others are read from the corpus
      const skip = file === FEATURES_SQL ? undefined : NO_CORPUS;
      it.skipIf(!!skip)(skipNote(`creates every object of ${name} from nothing`, skip), async () => {
        const r = await roundTrip(pair, '', readFileSync(file, 'utf8'));
        expect(r.differences, explain(r)).toEqual([]);
        // the whole script, readable, as a golden file (PGlite: one engine version, so one text)
        if (engine === 'pglite' && name === 'features') {
          const script = r.statements.map((st) => `-- ${st.comment}${st.hazards?.length ? ` [${st.hazards.join(', ')}]` : ''}\n${st.sql};\n`).join('\n');
          await expect(script).toMatchFileSnapshot('../../../../fixtures/ddl/postgres/features-create.sql');
        }
      });

      it.skipIf(!!skip)(skipNote(`drops every object of ${name}`, skip), async () => {
        const r = await roundTrip(pair, readFileSync(file, 'utf8'), '');
        expect(r.differences, explain(r)).toEqual([]);
        expect(r.statements.every((s) => !/CASCADE/.test(s.sql))).toBe(true);
      });
    }
  });
}
