/**
 * Introspection is deterministic, a one-column change touches one file, and the
 * number of catalog queries does not grow with the number of tables.
 */
import { describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import type { Connection } from '../../../adapters/types.js';
import { PG_URL } from '../../support/live.js';
import { changedPaths, countingConnection, FEATURES_SQL, filesOf, pgliteWith, readSql, serverWithFile } from './helpers.js';

async function oneColumnChange(conn: Connection): Promise<void> {
  const before = filesOf(await postgresAdapter.introspect(conn));
  expect(filesOf(await postgresAdapter.introspect(conn))).toEqual(before);
  await conn.exec('ALTER TABLE app.cache ALTER COLUMN v TYPE varchar(50)');
  const after = filesOf(await postgresAdapter.introspect(conn));
  expect(changedPaths(before, after)).toEqual(['schemas/app/tables/cache.json']);
  const cache = JSON.parse(after.get('schemas/app/tables/cache.json')!);
  expect(cache.columns[1].type).toEqual({ native: 'character varying(50)', logical: { kind: 'string', length: 50 } });
}

describe('stable output (PGlite)', () => {
  it('gives identical files twice and changes exactly one file for one column', async () => {
    const conn = await pgliteWith(readSql(FEATURES_SQL));
    try {
      await oneColumnChange(conn);
    } finally {
      await conn.close();
    }
  });

  it('uses a fixed number of catalog queries, whatever the number of tables', async () => {
    const ddl = (n: number) =>
      Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id serial PRIMARY KEY, name text UNIQUE, ref int REFERENCES t0 (id)); CREATE INDEX ON t${i} (name);`).join('\n');
    const counts: number[] = [];
    for (const n of [2, 50]) {
      const conn = await pgliteWith(ddl(n));
      try {
        const counting = countingConnection(conn);
        const model = await postgresAdapter.introspect(counting);
        expect(model.objects.filter((o) => o.kind === 'table')).toHaveLength(n);
        counts.push(counting.count);
      } finally {
        await conn.close();
      }
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(20);
  });

  it('leaves the session search_path as it was', async () => {
    const conn = await pgliteWith('CREATE SCHEMA s; SET search_path = s, public;');
    try {
      await postgresAdapter.introspect(conn);
      const [row] = await conn.query<{ p: string }>("SELECT current_setting('search_path') AS p");
      expect(row.p).toBe('s, public');
    } finally {
      await conn.close();
    }
  });
});

describe.skipIf(!PG_URL)('stable output (server)', () => {
  it('gives identical files twice and changes exactly one file for one column', async () => {
    const db = await serverWithFile(FEATURES_SQL);
    try {
      await oneColumnChange(db.conn);
    } finally {
      await db.done();
    }
  });
});
