/**
 * Checks of the live data before a plan runs, for changes that fail on some rows in a
 * strict sql_mode: a column made NOT NULL that holds NULLs, a new unique key over
 * duplicates, a new foreign key over rows without a match (the plan adds keys with
 * foreign_key_checks off, so the server would not see them). Each is one query counting the rows, written against the source schema.
 */
import type { Model, Table } from '../../../unified-model/index.js';
import type { DataCheck } from '../../types.js';
import { cols, q } from './quote.js';

const tablesOf = (m: Model): Map<string, Table> => new Map(m.objects.flatMap((o) => (o.kind === 'table' ? [[o.id, o] as const] : [])));

export function dataChecks(from: Model, to: Model): DataCheck[] {
  const before = tablesOf(from);
  const out: DataCheck[] = [];
  for (const [id, t] of tablesOf(to)) {
    const old = before.get(id);
    if (!old) continue;
    for (const c of t.columns) {
      const was = old.columns.find((o) => o.name === c.name);
      if (was && was.nullable && !c.nullable && !c.generated) {
        out.push({ object: `${id}.${c.name}`, rows: 'NULL rows', fails: 'NOT NULL', sql: `SELECT count(*) AS n FROM ${q(t.name)} WHERE ${q(c.name)} IS NULL` });
      }
    }
    for (const fk of t.foreignKeys ?? []) {
      const kept = (old.foreignKeys ?? []).some((o) => o.name === fk.name && JSON.stringify(o) === JSON.stringify(fk));
      const parent = before.get(fk.references);
      // only rows that exist before the plan: a new table or column has none
      if (kept || !parent || !fk.columns.every((n) => old.columns.some((c) => c.name === n)) || !fk.referencedColumns.every((n) => parent.columns.some((c) => c.name === n))) continue;
      const join = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i])} = c.${q(c)}`).join(' AND ');
      out.push({
        object: `${id}.${fk.name}`, rows: `rows without a match in ${fk.references}`, fails: `the foreign key ${fk.name}`,
        sql: `SELECT count(*) AS n FROM ${q(t.name)} AS c WHERE ${fk.columns.map((n) => `c.${q(n)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${q(parent.name)} AS p WHERE ${join})`,
      });
    }
    const uniques = [...(t.uniques ?? []).map((u) => ({ name: u.name, columns: u.columns })), ...(t.primaryKey ? [{ name: 'PRIMARY', columns: t.primaryKey.columns }] : [])];
    const oldUniques = new Set([...(old.uniques ?? []).map((u) => u.columns.join('\0')), ...(old.primaryKey ? [old.primaryKey.columns.join('\0')] : [])]);
    for (const u of uniques) {
      if (oldUniques.has(u.columns.join('\0')) || !u.columns.every((n) => old.columns.some((c) => c.name === n))) continue;
      out.push({
        object: `${id}.${u.name}`, rows: 'duplicate rows', fails: 'UNIQUE',
        sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${q(t.name)} WHERE ${u.columns.map((n) => `${q(n)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols(u.columns)} HAVING count(*) > 1) AS d`,
      });
    }
  }
  return out;
}
