/** A pool of typed columns the shapes draw filler columns from. */

/** Column types with a default that fits them now and then. */
export const COLUMN_TYPES: readonly { type: string; default?: string }[] = [
  { type: 'integer', default: '0' },
  { type: 'bigint' },
  { type: 'smallint', default: '1' },
  { type: 'text' },
  { type: 'varchar(40)' },
  { type: 'varchar(255)', default: "''" },
  { type: 'numeric(12,2)', default: '0' },
  { type: 'numeric(18,6)' },
  { type: 'boolean', default: 'false' },
  { type: 'timestamptz', default: 'now()' },
  { type: 'timestamp' },
  { type: 'date', default: 'CURRENT_DATE' },
  { type: 'time' },
  { type: 'interval' },
  { type: 'uuid' },
  { type: 'jsonb', default: "'{}'::jsonb" },
  { type: 'real' },
  { type: 'double precision' },
  { type: 'bytea' },
  { type: 'inet' },
  { type: 'text[]', default: "'{}'" },
  { type: 'char(3)' },
];

/**
 * Filler column `k` of table `i`: its type, whether NOT NULL and whether it has
 * a default come from `choose`, so the same table always gets the same columns.
 */
export function fillerColumn(choose: (i: number, salt: number, mod: number) => number, i: number, k: number): string {
  const t = COLUMN_TYPES[choose(i, 100 + k, COLUMN_TYPES.length)];
  const withDefault = t.default !== undefined && choose(i, 200 + k, 3) === 0;
  const notNull = withDefault || choose(i, 300 + k, 4) === 0;
  return `c${String(k).padStart(2, '0')} ${t.type}${notNull ? ' NOT NULL' : ''}${withDefault ? ` DEFAULT ${t.default}` : ''}`;
}
