/**
 * The bench shapes (bench/shapes/): each generator, at 40 tables, loads into a real
 * PostgreSQL database through the bench's own loader, and what the catalogs hold is
 * what the generator says it made. The DDL is deterministic, and frozen per
 * generator version: a DDL change without a version bump would let `--reuse` keep a
 * database of the old DDL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countObjects, dropDatabaseNamed, prepareDatabase } from '../../bench/pg.js';
import { SHAPES, shapesNamed } from '../../bench/shapes/index.js';
import { PG_URL, skipNote } from '../support/live.js';

const N = 40;
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** sha256 (first 16 hex digits) of `batches(40)` for each shape at its current version. */
const FROZEN: Record<string, string> = {
  'bench v1': 'c4128ba623985d05',
  'varied v1': 'f473e827d1bb3d5e',
  'wide v1': 'bbc8ff015e71d70e',
  'constrained v1': '8292507d5f1306c6',
};

describe('bench shapes: deterministic DDL', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s gives the same DDL every time, frozen for its version', (_, shape) => {
    const ddl = shape.batches(N).join('');
    expect(shape.batches(N).join('')).toBe(ddl);
    expect(sha(ddl)).toBe(FROZEN[`${shape.name} v${shape.version}`]);
  });

  it('cuts the DDL into transactions of whole tables', () => {
    for (const shape of SHAPES) {
      const batches = shape.batches(450);
      expect(batches.length, shape.name).toBeGreaterThanOrEqual(3);
      for (const b of batches) expect(b.startsWith('BEGIN;') && b.trimEnd().endsWith('COMMIT;'), shape.name).toBe(true);
    }
  });

  it('names shapes by --shapes and refuses an unknown one', () => {
    expect(shapesNamed('wide, bench').map((s) => s.name)).toEqual(['wide', 'bench']);
    expect(() => shapesNamed('bench,tall')).toThrow(/unknown shape tall/);
  });
});

describe.skipIf(!PG_URL)(skipNote('bench shapes: loaded into PostgreSQL', PG_URL ? undefined : 'REDB_TEST_PG_URL is not set'), () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s: the catalogs hold what the generator says', async (_, shape) => {
    const name = `redb_test_shape_${shape.name}_${randomBytes(4).toString('hex')}`;
    try {
      const db = await prepareDatabase(PG_URL!, shape, N, { name });
      expect(db.reused).toBe(false);
      const { columns, total, ...counts } = await countObjects(db.url, shape.schemas);
      expect(counts).toEqual(shape.expected(N));
      expect(counts.tables).toBe(N);
      expect(columns).toBeGreaterThan(N);
      expect(total).toBeGreaterThan(N);
      // a second prepare with reuse keeps the database the same generator made
      expect((await prepareDatabase(PG_URL!, shape, N, { name, reuse: true })).reused).toBe(true);
    } finally {
      dropDatabaseNamed(PG_URL!, name);
    }
  });
});
