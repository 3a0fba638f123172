/** Shared helpers for the MySQL/MariaDB adapter tests: scratch databases on the test server, scripts loaded by the mysql client. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { CORPUS, MYSQL_URL } from '../../support/live.js';

export const FEATURES_SQL = new URL('./features.sql', import.meta.url).pathname;

/** Why the suite skips: no MariaDB/MySQL to test against. */
export const noServer = MYSQL_URL ? undefined : 'REDB_TEST_MYSQL_URL is not set (e.g. mysql://root@127.0.0.1:3306/test)';

/** The test server's URL with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs SQL on the test server as its admin user, outside any database. */
export async function admin(sql: string): Promise<void> {
  const c = await mysql.createConnection({ uri: withDatabase(MYSQL_URL as string, ''), multipleStatements: true });
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database with a unique name; `drop()` removes it. */
export async function freshMysqlDatabase(prefix = 'redb_my'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  if (!MYSQL_URL) throw new Error('REDB_TEST_MYSQL_URL is not set');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE \`${name}\``);
  return { name, url: withDatabase(MYSQL_URL, name), drop: () => admin(`DROP DATABASE IF EXISTS \`${name}\``) };
}

/** Loads a script with the mysql client (it knows DELIMITER), into `database`. */
export function mysqlScript(database: string, sql: string): void {
  const u = new URL(MYSQL_URL as string);
  const args = ['-h', u.hostname, '-P', u.port || '3306', '-u', decodeURIComponent(u.username) || 'root', database];
  execFileSync('mysql', args, { input: sql, stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, ...(u.password ? { MYSQL_PWD: decodeURIComponent(u.password) } : {}) } });
}

/**
 * A corpus script without what picks or drops its own database, and without data
 * loads; names it qualifies with its own database (`sakila.film`) point at `database`.
 */
export function schemaOnly(file: string, own: string, database: string): string {
  return readFileSync(join(CORPUS, file), 'utf8')
    .replace(new RegExp(`\\b${own}\\.`, 'g'), `\`${database}\`.`)
    .split('\n')
    .filter((l) => !/^\s*(DROP (SCHEMA|DATABASE)|CREATE (SCHEMA|DATABASE)|USE |source )/i.test(l))
    .join('\n');
}

/** Real MySQL schemas of the corpus, with what each holds. */
export const CORPUS_SCHEMAS = [
  { name: 'sakila', file: 'jooq-sakila/mysql-sakila-db/mysql-sakila-schema.sql', tables: 16, views: 7, routines: 6, triggers: 3 },
  { name: 'chinook', file: 'chinook/_derived/Chinook_MySql.schema.sql', tables: 11, views: 0, routines: 0, triggers: 0 },
  { name: 'employees', file: 'test_db/employees.sql', tables: 6, views: 2, routines: 0, triggers: 0 },
];
