/** Schemas (namespaces), including `public`. */
import { objectId, type SchemaObj } from '../../../unified-model/index.js';
import { grantsFrom, PUBLIC_DEFAULTS, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, schemaFilter } from './sql.js';

export interface SchemaRow {
  name: string;
  comment: string | null;
  acl: AclRow[] | null;
}

export const SCHEMAS_SQL = `
SELECT n.nspname AS name, ${commentOf('pg_namespace', 'n.oid')} AS comment, ${aclOf('n.nspacl', 'n.nspowner')} AS acl
FROM pg_namespace n
WHERE ${schemaFilter('n')} AND ${notInExtension('pg_namespace', 'n.oid')}
ORDER BY n.nspname`;

export function buildSchema(row: SchemaRow): SchemaObj {
  const defaults = row.name === 'public' ? PUBLIC_DEFAULTS.publicSchema : PUBLIC_DEFAULTS.none;
  return {
    kind: 'schema',
    id: objectId(row.name),
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    grants: grantsFrom(row.acl, defaults),
  };
}
