/**
 * The PostgreSQL adapter: servers over node-postgres (`postgres://`, `postgresql://`)
 * and the embedded PGlite (`pglite://memory`, `pglite://<dir>`), which is PostgreSQL
 * too and produces the same model for the same DDL.
 *
 * @example
 * import { postgresAdapter } from './adapters/postgres/index.js';
 * const conn = await postgresAdapter.connect('pglite://memory');
 * const model = await postgresAdapter.introspect(conn);
 */
import { postgresTranslation } from './translate.js';
import type { Adapter } from '../types.js';
import { connectPostgres } from './connect.js';
import { postgresData } from './data.js';
import { postgresDdl } from './ddl/index.js';
import { postgresChanges } from './changes.js';
import { postgresDeploy } from './deploy.js';
import { postgresDescriptor } from './descriptor.js';
import { fingerprintPostgres } from './introspect/fingerprint.js';
import { introspectPostgres } from './introspect/index.js';

export const postgresAdapter: Adapter = {
  // the registry lists these without loading this module
  dialect: postgresDescriptor.dialect,
  schemes: postgresDescriptor.schemes,
  capabilities: {
    transactionalDdl: true,
    embedded: true,
    // columns are added at the end, and no statement moves one
    reorderColumns: false,
  },
  namespaces: { kind: 'schemas' },
  connect: connectPostgres,
  introspect: introspectPostgres,
  schemaFingerprint: fingerprintPostgres,
  ddl: postgresDdl,
  deploy: postgresDeploy,
  translation: postgresTranslation,
  changes: postgresChanges,
  data: postgresData,
};

export { connectPostgres, connectErrorFor, CONNECT_TIMEOUT_MS } from './connect.js';
export { introspectPostgres, readCatalog, assembleModel, type Catalog } from './introspect/index.js';
export { logicalType, columnType, type TypeResolver } from './types.js';
export { parsePgUrl, urlScheme, type PgTarget } from './url.js';
export { postgresDescriptor } from './descriptor.js';
