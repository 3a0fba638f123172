/**
 * SQLite DDL: the model's one schema is the connected database (`main`), so statements
 * name tables, views, indexes and triggers without a schema. What ALTER TABLE cannot do
 * is a rebuild of the table (rebuild.ts), planned as one `table-group` unit.
 */
import type { DbObject, Model, Table, TableChange } from '../../../unified-model/index.js';
import type { DdlGenerator, PlanUnit, ScriptFraming, Statement, TableChangeGroup } from '../../types.js';
import { alterStatements, needsRebuild } from './alter.js';
import { dataChecks } from './data-checks.js';
import { createIndexSql, createTriggerSql, createViewSql, dropViewSql } from './members.js';
import { q } from './quote.js';
import { rebuildStatements } from './rebuild.js';
import { createTableSql } from './tables.js';

interface Ctx { readonly from: Model; readonly to: Model }

/** A created table: CREATE TABLE with its keys inline, then its indexes and triggers. */
function createTable(t: Table): Statement[] {
  return [
    { sql: createTableSql(t), comment: `create table ${t.id}` },
    ...(t.indexes ?? []).map((i) => ({ sql: createIndexSql(i, t), comment: `create index ${i.name} on ${t.id}` })),
    ...(t.triggers ?? []).map((trg) => ({ sql: createTriggerSql(trg), comment: `create trigger ${trg.name} on ${t.id}` })),
  ];
}

function create(o: DbObject): Statement[] {
  if (o.kind === 'table') return createTable(o);
  if (o.kind === 'view') {
    // INSTEAD OF triggers go with their view: dropped with it, created after it
    return [{ sql: createViewSql(o), comment: `create view ${o.id}` }, ...(o.triggers ?? []).map((trg) => ({ sql: createTriggerSql(trg), comment: `create trigger ${trg.name} on ${o.id}` }))];
  }
  return [];
}

function drop(o: DbObject): Statement[] {
  if (o.kind === 'table') return [{ sql: `DROP TABLE ${q(o.name)}`, comment: `drop table ${o.id}`, hazards: ['data-loss'] }];
  if (o.kind === 'view') return [{ sql: dropViewSql(o), comment: `drop view ${o.id}` }];
  return [];
}

/**
 * A statement followed by `;`, on a line of its own when the statement's last line holds
 * a `--` comment. The text is kept as it is, trailing blanks included: SQLite stores a
 * CREATE statement's text as written, and the model compares it.
 */
function terminate(sql: string): string {
  return sql.slice(sql.lastIndexOf('\n') + 1).includes('--') ? `${sql}\n;` : `${sql};`;
}

/** Scripts for the sqlite3 shell: `;` after each statement, the plan in BEGIN … COMMIT. */
export const SQLITE_SCRIPT: ScriptFraming = {
  statement: terminate,
  transaction: { begin: 'BEGIN;', commit: 'COMMIT;' },
  comment: (text) => `-- ${text}`,
  runWith: 'sqlite3 DB < FILE',
};

/**
 * Foreign keys are off while a plan runs: `PRAGMA foreign_keys` cannot change inside a
 * transaction, and a rebuild drops a table that other tables reference. Each rebuild
 * checks the keys of the table it rebuilt (rebuild.ts).
 */
export const PREAMBLE: readonly string[] = ['PRAGMA foreign_keys = OFF'];

export const sqliteDdl: DdlGenerator = {
  statements(unit: PlanUnit, ctx: Ctx): Statement[] {
    switch (unit.type) {
      case 'create': return create(unit.object);
      case 'drop': return drop(unit.object);
      case 'rename':
        if (unit.from.kind === 'table') return [{ sql: `ALTER TABLE ${q(unit.from.name)} RENAME TO ${q(unit.to.name)}`, comment: `rename table ${unit.from.id} to ${unit.to.id}` }];
        return [...drop(unit.from), ...create(unit.to)]; // a view cannot be renamed
      case 'alter':
        return [...drop(unit.from), ...create(unit.to)]; // alterMode says replace: the planner never asks
      case 'table':
        return alterStatements(unit.change, unit.from, unit.to);
      case 'table-group':
        return rebuildStatements(unit.from, unit.to, unit.changes, ctx);
    }
  },
  alterMode: () => 'replace',
  /** DROP COLUMN fails while a view names the column; RENAME COLUMN rewrites the views itself. */
  invalidatesDependents: (change: TableChange) => change.type === 'drop-column',
  preamble: PREAMBLE,
  dataChecks,
  script: SQLITE_SCRIPT,
  /**
   * One rebuild of every member change when any of them needs it (the rebuild creates
   * the whole target table, indexes and triggers included); none otherwise. For a table
   * created or dropped whole, its foreign keys are grouped: they stay in its CREATE TABLE.
   */
  groupTableChanges(from: Table, _to: Table, changes: readonly TableChange[]): readonly TableChangeGroup[] {
    return changes.some((c) => needsRebuild(c, from)) ? [{ mode: 'rebuild', changes }] : [];
  },
};
