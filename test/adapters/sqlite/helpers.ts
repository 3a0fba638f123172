/** Shared helpers for the SQLite adapter tests: real database files in a temp directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import type { Connection } from '../../../adapters/types.js';

/** A temp directory removed by `done()`. */
export function tempDir(prefix = 'redb-sqlite-'): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a database file with `sql` loaded by better-sqlite3 itself (not by the adapter under test). */
export function sqliteFile(path: string, sql = ''): string {
  const db = new Database(path);
  try {
    if (sql) db.exec(sql);
  } finally {
    db.close();
  }
  return path;
}

/** A database file with `sql` loaded, opened through the adapter; `done()` closes it and removes the directory. */
export async function sqliteWith(sql: string): Promise<{ conn: Connection; path: string; url: string; done: () => Promise<void> }> {
  const tmp = tempDir();
  const path = sqliteFile(join(tmp.dir, 'app.db'), sql);
  const url = `sqlite://${path}`;
  const conn = await sqliteAdapter.connect(url);
  return { conn, path, url, done: async () => { await conn.close(); tmp.done(); } };
}
