/** User-defined collations (provider, locale or LC_COLLATE/LC_CTYPE, deterministic). */
import { objectId, type Collation } from '../../../unified-model/index.js';
import { commentOf, notInExtension, schemaFilter } from './sql.js';

export interface CollationRow {
  schema: string;
  name: string;
  provider: 'c' | 'i' | 'b' | 'd';
  deterministic: boolean;
  lc_collate: string | null;
  lc_ctype: string | null;
  locale: string | null;
  comment: string | null;
}

// the locale column moved (colliculocale in 15–16, colllocale from 17): read both through jsonb
export const COLLATIONS_SQL = `
SELECT n.nspname AS schema, co.collname AS name, co.collprovider::text AS provider, co.collisdeterministic AS deterministic,
  co.collcollate AS lc_collate, co.collctype AS lc_ctype,
  coalesce(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale') AS locale,
  ${commentOf('pg_collation', 'co.oid')} AS comment
FROM pg_collation co
JOIN pg_namespace n ON n.oid = co.collnamespace
WHERE ${schemaFilter('n')} AND ${notInExtension('pg_collation', 'co.oid')}
ORDER BY n.nspname, co.collname`;

const PROVIDER = { c: 'libc', i: 'icu', b: 'builtin', d: 'default' } as const;

export function buildCollation(row: CollationRow): Collation {
  const libc = row.provider === 'c';
  // before 15 an ICU locale was stored in collcollate
  const locale = libc ? undefined : (row.locale ?? row.lc_collate ?? undefined);
  return {
    kind: 'collation',
    id: objectId(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    provider: PROVIDER[row.provider] ?? row.provider,
    ...(locale ? { locale } : {}),
    ...(libc && row.lc_collate !== null ? { lcCollate: row.lc_collate } : {}),
    ...(libc && row.lc_ctype !== null ? { lcCtype: row.lc_ctype } : {}),
    deterministic: row.deterministic,
  };
}
