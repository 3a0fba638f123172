/**
 * Extensions. Their member objects (functions, types, tables…) belong to the
 * extension and are not in the model. plpgsql is left out: initdb installs it in
 * every database, like the engine's built-in types.
 *
 * An extension is not inside a schema (its `schema` is where its objects live), so its
 * id is `extension:<name>`: it can never collide with the id of a schema of the same
 * name (`CREATE SCHEMA postgis; CREATE EXTENSION postgis SCHEMA postgis` is common).
 */
import { quoteIdPart, type Extension } from '../../../unified-model/index.js';
import { commentOf, schemaFilter } from './sql.js';

export interface ExtensionRow {
  oid: string;
  name: string;
  schema: string;
  version: string;
  comment: string | null;
}

// extensions whose objects live in an included schema, or in pg_catalog (shared by all schemas)
export const EXTENSIONS_SQL = `
SELECT e.oid::text AS oid, e.extname AS name, n.nspname AS schema, e.extversion AS version,
  ${commentOf('pg_extension', 'e.oid')} AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND (n.nspname = 'pg_catalog' OR (${schemaFilter('n')}))
ORDER BY e.extname`;

/** `extension:pg_trgm` */
export function extensionId(name: string): string {
  return `extension:${quoteIdPart(name)}`;
}

export function buildExtension(row: ExtensionRow): Extension {
  return {
    kind: 'extension',
    id: extensionId(row.name),
    name: row.name,
    schema: row.schema,
    version: row.version,
    ...(row.comment !== null ? { comment: row.comment } : {}),
  };
}
