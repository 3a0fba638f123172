/**
 * The MySQL/MariaDB adapter, step 1: URLs, connections and introspection over mysql2.
 * The connected database is one model schema, `main`, whatever it is called, so a
 * commit taken from one database can later deploy onto another unchanged.
 *
 * Step 2 adds `ddl` (plans, `redb diff --format sql`) and `deploy` (the ledger table,
 * GET_LOCK, scratch databases on the same server). Every DDL statement commits on its
 * own, so a deploy is a sequence of steps the ledger records one by one.
 *
 * @example
 * import { mysqlAdapter } from './adapters/mysql/index.js';
 * const conn = await mysqlAdapter.connect('mysql://root@127.0.0.1:3306/app');
 * const model = await mysqlAdapter.introspect(conn);
 */
import { mysqlTranslation } from './translate.js';
import type { Adapter } from '../types.js';
import { connectMysql } from './connect.js';
import { mysqlDdl } from './ddl/index.js';
import { mysqlDeploy } from './deploy.js';
import { mysqlData } from './data.js';
import { introspectMysql, SCHEMA } from './introspect/index.js';

/** The model schema of every object of the connected database. */
export const MYSQL_SCHEMA = SCHEMA;

export const mysqlAdapter: Adapter = {
  dialect: 'mysql',
  schemes: ['mysql', 'mariadb'],
  capabilities: {
    // every DDL statement commits implicitly
    transactionalDdl: false,
    embedded: false,
    // ALTER TABLE … MODIFY … FIRST / AFTER moves a column
    reorderColumns: true,
  },
  namespaces: { kind: 'database', name: MYSQL_SCHEMA },
  connect: connectMysql,
  introspect: introspectMysql,
  ddl: mysqlDdl,
  deploy: mysqlDeploy,
  translation: mysqlTranslation,
  data: mysqlData,
};

export { mysqlDdl } from './ddl/index.js';
export { mysqlDeploy } from './deploy.js';
export { mysqlData } from './data.js';

export { connectMysql, connectErrorFor, CONNECT_TIMEOUT_MS } from './connect.js';
export { introspectMysql, assembleModel, catalogQueries } from './introspect/index.js';
export { parseMysqlUrl, redactMysqlUrl, describeTarget, type MysqlTarget } from './url.js';
export { featuresOf, featuresOfConnection, parseServerVersion, type MysqlFeatures, type MysqlFlavour } from './features.js';
export { logicalType, columnType } from './types.js';
