/**
 * Sequences with their parameters and owner column. Sequences behind identity
 * columns are part of the column (`identity`), not objects of their own.
 */
import { objectId, type Sequence } from '../../../unified-model/index.js';
import { columnType } from '../types.js';
import type { SequenceParams } from './columns.js';
import { grantsFrom, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, schemaFilter } from './sql.js';

/** A sequence's row: the parameters an identity column's sequence has too, plus what a standalone one adds. */
export interface SequenceRow extends SequenceParams {
  oid: string;
  schema: string;
  name: string;
  unlogged: boolean;
  /** [schema, table, column] of the owning column (ALTER SEQUENCE … OWNED BY, serial). */
  owned_by: [string, string, string] | null;
  comment: string | null;
  acl: AclRow[] | null;
}

export const SEQUENCES_SQL = `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle, c.relpersistence = 'u' AS unlogged,
  (SELECT json_build_array(tn.nspname, t.relname, a.attname) FROM pg_depend d
     JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
     AND d.deptype = 'a' AND d.refobjsubid > 0 LIMIT 1) AS owned_by,
  ${commentOf('pg_class', 'c.oid')} AS comment, ${aclOf('c.relacl', 'c.relowner')} AS acl
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${schemaFilter('n')} AND ${notInExtension('pg_class', 'c.oid')}
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
ORDER BY n.nspname, c.relname`;

export function buildSequence(row: SequenceRow, dependsOn: readonly string[]): Sequence {
  return {
    kind: 'sequence',
    id: objectId(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    grants: grantsFrom(row.acl),
    dependsOn,
    type: columnType(row.type),
    start: row.start,
    increment: row.increment,
    min: row.min,
    max: row.max,
    cache: row.cache,
    cycle: row.cycle,
    ...(row.owned_by ? { ownedBy: objectId(...row.owned_by) } : {}),
    ...(row.unlogged ? { unlogged: true } : {}),
  };
}
