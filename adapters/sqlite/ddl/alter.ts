/**
 * The table changes SQLite makes with ALTER TABLE (or a statement of their own), and
 * the test of which ones it cannot: those go into a rebuild of the table (rebuild.ts).
 * https://www.sqlite.org/lang_altertable.html
 */
import type { Column, Table, TableChange } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { columnSql } from './tables.js';
import { createIndexSql, createTriggerSql, dropIndexSql, dropTriggerSql } from './members.js';
import { isConstantDefault, q } from './quote.js';

/** Whether `text` names `column` as a word (a conservative test: a false hit only costs a rebuild). */
export const mentions = (text: string | undefined, column: string): boolean =>
  text !== undefined && new RegExp(`(^|[^A-Za-z0-9_$])${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_$])`, 'i').test(text);

/** ADD COLUMN accepts a column without key, with a constant default (required when NOT NULL), not STORED. */
function canAdd(c: Column): boolean {
  if (c.generated?.stored || c.autoIncrement) return false;
  if (c.default !== undefined && !isConstantDefault(c.default)) return false;
  if (!c.nullable && (c.default === undefined || /^null$/i.test(c.default.trim()))) return c.generated !== undefined;
  return true;
}

/** DROP COLUMN works only on a column nothing else in the table names: no key, index, check, generated column or trigger. */
function canDrop(c: Column, t: Table): boolean {
  const n = c.name;
  if (t.primaryKey?.columns.includes(n)) return false;
  if ((t.uniques ?? []).some((u) => u.columns.includes(n))) return false;
  if ((t.foreignKeys ?? []).some((f) => f.columns.includes(n))) return false;
  if ((t.indexes ?? []).some((i) => i.keys.some((k) => k.column === n || mentions(k.expression, n)) || mentions(i.predicate, n))) return false;
  if ((t.checks ?? []).some((k) => mentions(k.expression, n))) return false;
  if (t.columns.some((o) => o.name !== n && mentions(o.generated?.expression, n))) return false;
  return !(t.triggers ?? []).some((trg) => mentions(trg.definition, n));
}

/** Changes SQLite has no notion of: nothing to do (a model from another engine may carry them). */
const IGNORED = new Set<TableChange['type']>(['set-comment', 'set-grants', 'add-policy', 'drop-policy', 'alter-policy', 'set-row-level-security']);

/** Whether a member change needs the table rebuilt. */
export function needsRebuild(c: TableChange, from: Table): boolean {
  switch (c.type) {
    case 'add-column': return !canAdd(c.column);
    case 'drop-column': return !canDrop(c.column, from);
    case 'rename-column': return false;
    case 'add-index': case 'drop-index': case 'add-trigger': case 'drop-trigger': return false;
    default: return !IGNORED.has(c.type);
  }
}

/** The statements of a member change SQLite makes in place (needsRebuild false). */
export function alterStatements(c: TableChange, from: Table, to: Table): Statement[] {
  const t = q(to.name);
  switch (c.type) {
    case 'add-column':
      return [{ sql: `ALTER TABLE ${t} ADD COLUMN ${columnSql(c.column)}`, comment: `add column ${to.id}.${c.column.name}` }];
    case 'drop-column':
      return [{ sql: `ALTER TABLE ${t} DROP COLUMN ${q(c.column.name)}`, comment: `drop column ${from.id}.${c.column.name}`, hazards: ['data-loss'] }];
    case 'rename-column':
      return [{ sql: `ALTER TABLE ${t} RENAME COLUMN ${q(c.from.name)} TO ${q(c.to.name)}`, comment: `rename column ${to.id}.${c.from.name} to ${c.to.name}` }];
    case 'add-index':
      return [{ sql: createIndexSql(c.index, to), comment: `create index ${c.index.name} on ${to.id}`, ...(c.index.unique ? { hazards: ['data-dependent' as const] } : {}) }];
    case 'drop-index':
      return [{ sql: dropIndexSql(c.index), comment: `drop index ${c.index.name} on ${from.id}` }];
    case 'add-trigger':
      return [{ sql: createTriggerSql(c.trigger), comment: `create trigger ${c.trigger.name} on ${to.id}` }];
    case 'drop-trigger':
      return [{ sql: dropTriggerSql(c.trigger), comment: `drop trigger ${c.trigger.name} on ${from.id}` }];
    default:
      return [];
  }
}
