/**
 * The SQLite adapter: database files and in-memory databases over better-sqlite3,
 * in this process. The connected database is one model schema, `main`, whatever the
 * file is called, so a commit taken from one file deploys onto another unchanged.
 *
 * @example
 * import { sqliteAdapter } from './adapters/sqlite/index.js';
 * const conn = await sqliteAdapter.connect('sqlite://./app.db');
 * const model = await sqliteAdapter.introspect(conn);
 */
import { sqliteTranslation } from './translate.js';
import type { Adapter } from '../types.js';
import { connectSqlite } from './connect.js';
import { sqliteDdl } from './ddl/index.js';
import { sqliteDeploy } from './deploy.js';
import { sqliteData } from './data.js';
import { introspectSqlite, SCHEMA } from './introspect/index.js';

/** The schema every SQLite object is in: the connected database, as SQLite itself calls it. */
export const SQLITE_SCHEMA = SCHEMA;

export const sqliteAdapter: Adapter = {
  dialect: 'sqlite',
  schemes: ['sqlite'],
  capabilities: {
    transactionalDdl: true,
    embedded: true,
    // ALTER TABLE only appends columns; a new order is a table rebuild (ddl/rebuild.ts)
    reorderColumns: true,
  },
  namespaces: { kind: 'database', name: SQLITE_SCHEMA },
  connect: connectSqlite,
  introspect: introspectSqlite,
  ddl: sqliteDdl,
  deploy: sqliteDeploy,
  translation: sqliteTranslation,
  data: sqliteData,
};

export { connectSqlite, targetOf, BUSY_TIMEOUT_MS, type SqliteConnection } from './connect.js';
export { introspectSqlite } from './introspect/index.js';
export { parseSqliteUrl, isSqliteMemoryUrl, type SqliteTarget } from './url.js';
export { sqliteDeploy, lockFileOf } from './deploy.js';
export { sqliteData } from './data.js';
