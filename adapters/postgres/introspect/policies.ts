/** Row-level security policies (whether RLS is enabled is a table property). */
import type { Policy } from '../../../unified-model/index.js';
import { commentOf, schemaFilter } from './sql.js';

export interface PolicyRow {
  rel: string;
  name: string;
  command: '*' | 'r' | 'a' | 'w' | 'd';
  permissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
  comment: string | null;
}

export const POLICIES_SQL = `
SELECT pol.polrelid::text AS rel, pol.polname AS name, pol.polcmd::text AS command, pol.polpermissive AS permissive,
  (SELECT json_agg(CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r.oid) END ORDER BY 1)
     FROM unnest(pol.polroles) AS r(oid)) AS roles,
  pg_get_expr(pol.polqual, pol.polrelid) AS using, pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check,
  ${commentOf('pg_policy', 'pol.oid')} AS comment
FROM pg_policy pol
JOIN pg_class c ON c.oid = pol.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${schemaFilter('n')}
ORDER BY pol.polrelid, pol.polname`;

const COMMAND = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const;

export function buildPolicy(row: PolicyRow): Policy {
  return {
    name: row.name,
    command: COMMAND[row.command],
    permissive: row.permissive,
    roles: row.roles ?? [],
    ...(row.using !== null ? { using: row.using } : {}),
    ...(row.with_check !== null ? { withCheck: row.with_check } : {}),
    ...(row.comment !== null ? { comment: row.comment } : {}),
  };
}
