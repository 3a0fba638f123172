/** Views and materialized views: normalized query text, columns, check option, options. */
import { objectId, type View } from '../../../unified-model/index.js';
import { grantsFrom, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, schemaFilter } from './sql.js';
import { parseOptions } from './tables.js';

export interface ViewRow {
  oid: string;
  rowtype: string;
  schema: string;
  name: string;
  kind: 'v' | 'm';
  definition: string;
  options: string[] | null;
  comment: string | null;
  acl: AclRow[] | null;
}

export const VIEWS_SQL = `
SELECT c.oid::text AS oid, c.reltype::text AS rowtype, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
  pg_get_viewdef(c.oid) AS definition, to_json(c.reloptions) AS options,
  ${commentOf('pg_class', 'c.oid')} AS comment, ${aclOf('c.relacl', 'c.relowner')} AS acl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${schemaFilter('n')} AND ${notInExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

export type ViewParts = Pick<View, 'columns' | 'indexes' | 'triggers' | 'grants' | 'dependsOn' | 'dependsOnColumns'>;

export function buildView(row: ViewRow, parts: ViewParts): View {
  const options = parseOptions(row.options);
  // WITH CHECK OPTION is stored as a reloption; the model has a field for it
  const check = options.check_option;
  delete options.check_option;
  return {
    kind: row.kind === 'm' ? 'materialized-view' : 'view',
    id: objectId(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    definition: row.definition,
    ...parts,
    grants: [...grantsFrom(row.acl), ...(parts.grants ?? [])],
    ...(check === 'local' || check === 'cascaded' ? { checkOption: check } : {}),
    options,
  };
}
