/**
 * A SQLite deploy that rebuilds a table, by CLI: refused before anything changes while
 * rows would fail the new rules (a NOT NULL, a foreign key), deployed once they fit,
 * with the rows kept.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { redb, tempDir } from '../support/cli.js';

const WANT = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER NOT NULL REFERENCES p (id));';
const LIVE = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER); INSERT INTO c VALUES (1, 7), (2, NULL);';

/** Runs SQL on a database file with the driver itself (not through redb). */
function sql<T = unknown>(path: string, text: string, read = false): T[] {
  const db = new Database(path);
  try {
    if (read) return db.prepare(text).all() as T[];
    db.exec(text);
    return [];
  } finally {
    db.close();
  }
}

describe('SQLite deploy of a table rebuild', () => {
  const dir = tempDir('redb-sqlite-deploy-');
  const ws = join(dir, 'ws');
  const want = join(dir, 'want.db');
  const live = join(dir, 'live.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused while rows would fail, and deploys once they fit, keeping them', () => {
    sql(want, WANT);
    sql(live, LIVE);
    const ok = (args: string[]) => expect(redb(ws, args).code, args.join(' ')).toBe(0);
    ok(['init', ws]);
    ok(['database', 'connect', 'want', `sqlite://${want}`]);
    ok(['database', 'connect', 'live', `sqlite://${live}`]);
    ok(['repo', 'add', 'app']);
    ok(['branch', 'attach', 'main', 'want']);
    ok(['commit', '-m', 'want']);
    ok(['branch', 'create', 'live']);
    ok(['branch', 'attach', 'live', 'live']);
    ok(['commit', '-m', 'live', '--branch', 'live']);

    const refused = redb(ws, ['deploy', 'main', '--branch', 'live', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was changed');
    expect(refused.stderr).toContain('main.c.pid has 1 NULL rows; NOT NULL would fail');
    expect(refused.stderr).toContain('main.c.pid has 1 rows without a match in main.p; the foreign key c_pid_fkey would fail');
    expect(sql<{ sql: string }>(live, "SELECT sql FROM sqlite_schema WHERE name = 'c'", true)[0].sql).not.toMatch(/REFERENCES/);

    sql(live, 'INSERT INTO p VALUES (7), (8); UPDATE c SET pid = 8 WHERE pid IS NULL;');
    const done = redb(ws, ['deploy', 'main', '--branch', 'live', '--yes', '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json.plan.steps.some((s: { sql: string }) => s.sql.startsWith('CREATE TABLE "_redb_new_c"'))).toBe(true);
    expect(redb(ws, ['diff', '@live', 'main', '--exit-code']).code).toBe(0);
    expect(sql(live, 'SELECT id, pid FROM c ORDER BY id', true)).toEqual([{ id: 1, pid: 7 }, { id: 2, pid: 8 }]);
  }, 120_000);
});
