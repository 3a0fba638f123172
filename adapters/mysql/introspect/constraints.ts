/** Foreign keys (KEY_COLUMN_USAGE joined with REFERENTIAL_CONSTRAINTS) and CHECK constraints. */
import { objectId, type CheckConstraint, type ForeignKey, type ReferentialAction } from '../../../unified-model/index.js';
import type { CheckRow, ForeignKeyRow } from './catalog.js';
import { SCHEMA } from './names.js';
import { standardQuotes } from './quotes.js';

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  CASCADE: 'cascade',
  'SET NULL': 'set-null',
  'SET DEFAULT': 'set-default',
  RESTRICT: 'restrict',
  'NO ACTION': 'no-action',
};

const action = (rule: string): ReferentialAction => ACTIONS[rule.toUpperCase()] ?? 'no-action';

/**
 * The foreign keys of one table from its rows (sorted by name and position). A key to a
 * table of the same database references `main.t`; one to another database keeps that
 * database's name (`other.t`): it is not part of this model.
 */
export function buildForeignKeys(rows: readonly ForeignKeyRow[]): ForeignKey[] {
  const byName = new Map<string, ForeignKeyRow[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  return [...byName].map(([name, parts]) => {
    const first = parts[0];
    const sorted = [...parts].sort((a, b) => Number(a.pos) - Number(b.pos));
    const match = first.match_option.toUpperCase();
    return {
      name,
      columns: sorted.map((p) => p.col),
      references: objectId(Number(first.same_schema) === 1 ? SCHEMA : first.ref_schema, first.ref_table),
      referencedColumns: sorted.map((p) => p.ref_col),
      onDelete: action(first.delete_rule),
      onUpdate: action(first.update_rule),
      match: match === 'FULL' ? 'full' : match === 'PARTIAL' ? 'partial' : 'simple',
    };
  });
}

/** The expression of MariaDB's JSON check on a column: JSON is LONGTEXT plus this check, named after the column. */
export function isJsonCheck(row: CheckRow): boolean {
  return row.level === 'Column' && row.clause.replace(/\s+/g, '') === `json_valid(\`${row.name.replace(/`/g, '``')}\`)`;
}

/**
 * A CHECK constraint. MariaDB's column-level checks (`a INT CHECK (a > 0)`) are named
 * after their column and read as a check of the table with that name.
 */
export function buildCheck(row: CheckRow): CheckConstraint {
  return { name: row.name, expression: standardQuotes(row.clause) };
}
