/**
 * The walk every engine's data checks share: each table on both sides of a plan, and
 * each column it keeps. What is checked, and the SQL that counts the rows, is the
 * engine's (`DdlGenerator.dataChecks` of each adapter).
 */
import type { Column, Model, Table } from '../unified-model/index.js';
import type { DataCheck } from './types.js';

/** What an engine checks on one table that exists before and after the plan. */
export interface TableDataChecks {
  /** Checks of a column kept by the plan (`before` and `after` share its name). */
  column(table: Table, before: Column, after: Column): DataCheck[];
  /** Checks of the table as a whole (keys, foreign keys); `tables` are the tables before. */
  table(before: Table, after: Table, tables: ReadonlyMap<string, Table>): DataCheck[];
}

/** The tables of a model by id. */
const tablesOf = (m: Model): Map<string, Table> => new Map(m.objects.filter((o): o is Table => o.kind === 'table').map((t) => [t.id, t]));

/** Every check of `checks` over the tables `from` and `to` share: column checks first, then the table's. */
export function sharedTableChecks(from: Model, to: Model, checks: TableDataChecks): DataCheck[] {
  const before = tablesOf(from);
  const out: DataCheck[] = [];
  for (const after of tablesOf(to).values()) {
    const t = before.get(after.id);
    if (!t) continue;
    for (const c of after.columns) {
      const old = t.columns.find((x) => x.name === c.name);
      if (old) out.push(...checks.column(t, old, c));
    }
    out.push(...checks.table(t, after, before));
  }
  return out;
}
