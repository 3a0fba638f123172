/** Runs a script on a SQLite file (created when missing), the way a user's own tool would change it. */
import Database from 'better-sqlite3';

export function sqliteExec(path: string, text: string): void {
  const db = new Database(path);
  try {
    db.exec(text);
  } finally {
    db.close();
  }
}
