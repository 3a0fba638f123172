/**
 * Whole SQLite schemas by CLI: sakila and chinook loaded into a database file (by
 * better-sqlite3 itself), committed, deployed onto an EMPTY database file → the two
 * read the same (`redb diff --exit-code` 0); `redb rollback` → the target reads empty.
 * The plan as a SQL script (`redb diff --format sql`) builds the same schema too.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readSchema } from '../../adapters/read-schema.js';
import { sqliteAdapter } from '../../adapters/sqlite/index.js';
import { canonicalJson, canonicalModel } from '../../unified-model/index.js';
import { CORPUS, corpusMissing, skipNote } from '../support/live.js';
import { redb, tempDir } from '../support/cli.js';

const NO_CORPUS = corpusMissing();

const SCHEMAS = {
  sakila: 'jooq-sakila/sqlite-sakila-db/sqlite-sakila-schema.sql',
  chinook: 'chinook/_derived/Chinook_Sqlite.schema.sql',
} as const;

/** A database file holding `sql`, written by the driver (not by redb). */
function databaseFile(path: string, sql = ''): string {
  const db = new Database(path);
  try {
    if (sql) db.exec(sql);
  } finally {
    db.close();
  }
  return `sqlite://${path}`;
}

/** The schema of a database file as redb reads it, in canonical text. */
async function schemaText(url: string): Promise<string> {
  const conn = await sqliteAdapter.connect(url);
  try {
    return canonicalJson(canonicalModel(await readSchema(sqliteAdapter, conn)));
  } finally {
    await conn.close();
  }
}

describe.skipIf(!!NO_CORPUS)(skipNote('SQLite schemas ⇄ empty by deploy and rollback', NO_CORPUS), () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, file] of Object.entries(SCHEMAS)) {
    it(`${name}: deploy onto an empty file reads the same; rollback leaves it empty`, async () => {
      const dir = tempDir(`redb-sqlite-${name}-`);
      dirs.push(dir);
      const ws = join(dir, 'ws');
      const source = databaseFile(join(dir, 'source.db'), readFileSync(join(CORPUS, file), 'utf8'));
      const target = databaseFile(join(dir, 'target.db'));
      const ok = (args: string[]) => {
        const r = redb(ws, args);
        expect(r.code, `redb ${args.join(' ')}\n${r.stderr}${r.stdout}`).toBe(0);
        return r;
      };
      ok(['init', ws]);
      ok(['database', 'connect', 'source', source]);
      ok(['database', 'connect', 'empty', target]);
      ok(['repo', 'add', 'app']);
      ok(['branch', 'attach', 'main', 'source']);
      ok(['commit', '-m', name]);
      ok(['branch', 'create', 'target']);
      ok(['branch', 'attach', 'target', 'empty']);
      ok(['commit', '-m', 'empty', '--branch', 'target']);

      // the plan as a script for sqlite3 (`sqlite3 DB < FILE`), run by the driver's own multi-statement exec
      const script = ok(['diff', '@empty', 'main', '--format', 'sql']).stdout;
      expect(script).toContain('-- run with: sqlite3 DB < FILE');
      const scripted = databaseFile(join(dir, 'scripted.db'), script);
      expect(await schemaText(scripted)).toBe(await schemaText(source));

      const deployed = ok(['deploy', 'main', '--branch', 'target', '--yes', '--json']).json;
      expect(deployed.proof).toMatchObject({ forward: true, rollback: true });
      const tables = deployed.plan.steps.filter((s: { sql: string }) => /^CREATE TABLE/.test(s.sql)).length;
      expect(tables).toBeGreaterThan(5);
      // foreign keys stay inside CREATE TABLE: no rebuild, no ALTER TABLE on a new table
      expect(deployed.plan.steps.every((s: { sql: string }) => !/^ALTER TABLE|_redb_new_/.test(s.sql))).toBe(true);
      expect(redb(ws, ['diff', '@empty', 'main', '--exit-code']).code).toBe(0);

      ok(['rollback', '--branch', 'target', '--yes', '--allow-destructive']);
      const conn = await sqliteAdapter.connect(target);
      try {
        // as redb reads it: the ledger table is redb's, never part of a schema
        expect((await readSchema(sqliteAdapter, conn)).objects).toEqual([]);
      } finally {
        await conn.close();
      }
      expect(redb(ws, ['diff', '@empty', 'target', '--exit-code']).code).toBe(0);
    }, 120_000);
  }
});
