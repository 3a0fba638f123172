/**
 * A repository with a history worth reading, for the show / log / blame tests: a SQLite
 * database file changed by the driver between commits, each change committed by the
 * real CLI. Main, newest last:
 *   add users · add nickname · rename name (--rename main.users.name=full_name) ·
 *   nickname to varchar(40) · index email · add view · view email
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { redbOk, tempDir } from './cli.js';

export const HISTORY = ['add users', 'add nickname', 'rename name', 'nickname to varchar(40)', 'index email', 'add view', 'view email'] as const;

export interface HistoryRepo {
  ws: string;
  dir: string;
  dbFile: string;
  gitDir: string;
}

/** Builds the workspace and its seven commits (see above). */
export function historyRepo(): HistoryRepo {
  const dir = tempDir('redb-history-');
  const ws = join(dir, 'ws');
  const dbFile = join(dir, 'app.db');
  const exec = (sql: string) => {
    const db = new Database(dbFile);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)');
  for (const args of [['init', ws], ['database', 'connect', 'app', `sqlite://${dbFile}`], ['repo', 'add', 'app'], ['branch', 'attach', 'main', 'app']]) redbOk(ws, args);
  const commit = (message: string, sql: string, extra: string[] = []) => {
    if (sql) exec(sql);
    redbOk(ws, ['commit', '-m', message, ...extra]);
  };
  commit('add users', '');
  commit('add nickname', 'ALTER TABLE users ADD COLUMN nickname TEXT');
  commit('rename name', 'ALTER TABLE users RENAME COLUMN name TO full_name', ['--rename', 'main.users.name=full_name']);
  // SQLite changes a column's type by rebuilding its table
  commit('nickname to varchar(40)', 'CREATE TABLE users2 (id INTEGER PRIMARY KEY, full_name TEXT, email TEXT, nickname VARCHAR(40)); INSERT INTO users2 SELECT id, full_name, email, nickname FROM users; DROP TABLE users; ALTER TABLE users2 RENAME TO users');
  commit('index email', 'CREATE INDEX users_email_idx ON users (email)');
  commit('add view', 'CREATE VIEW user_names AS SELECT id,\n  full_name\nFROM users');
  commit('view email', 'DROP VIEW user_names; CREATE VIEW user_names AS SELECT id,\n  full_name,\n  email\nFROM users');
  const gitDir = redbOk(ws, ['repo', 'show', 'app', '--json']).json.gitDir as string;
  return { ws, dir, dbFile, gitDir };
}
