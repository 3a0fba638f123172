/**
 * The MySQL/MariaDB DDL generator: plan units in, statements out, no I/O. Statements
 * never name the database (the model's schema is `main`, whatever the database is
 * called). A table's member changes are one ALTER TABLE (alter.ts); foreign keys,
 * triggers, the comment and partitioning are statements of their own.
 *
 * @example
 * import { mysqlDdl } from './adapters/mysql/ddl/index.js';
 * mysqlDdl.statements({ type: 'drop', object: table }, { from, to, options: {} });
 * // [{ sql: 'DROP TABLE `users`', comment: 'drop table main.users', hazards: ['data-loss'] }]
 */
import type { DbObject, Model, Table, TableChange } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import type { DdlGenerator, DdlOptions, PlanUnit, ScriptFraming, Statement, TableChangeGroup, TableGroupContext } from '../../types.js';
import { aloneInAlter, combinedAlter, IGNORED, OWN_STATEMENT } from './alter.js';
import { dataChecks } from './data-checks.js';
import { createEvent, dropEvent } from './events.js';
import { alterSequence, createRoutine, createSequence, createTrigger, createView, dropRoutine, dropSequence, dropTrigger, dropView, inTriggerOrder } from './objects.js';
import { onlineAlter, refuseBlocking } from './online.js';
import { q } from './quote.js';
import { createTableSql, partitionSql } from './tables.js';
import { lit } from './quote.js';

interface Ctx { readonly from: Model; readonly to: Model; readonly options: DdlOptions }

function create(o: DbObject, options: DdlOptions): Statement[] {
  switch (o.kind) {
    // its triggers go with it, in an order the server accepts (FOLLOWS names one of them)
    case 'table': return [{ sql: createTableSql(o, onlineAlter(options)), comment: `create table ${o.id}` }, ...inTriggerOrder(o.triggers ?? []).flatMap((trg) => createTrigger(o, trg))];
    case 'view': case 'materialized-view': return createView(o);
    case 'function': case 'procedure': case 'aggregate': return createRoutine(o);
    case 'sequence': return createSequence(o);
    case 'event': return createEvent(o);
    // the database is the model's one schema: it exists already
    case 'schema': return [];
    default: throw new RedbError('E_UNSUPPORTED', `MySQL has no ${o.kind} objects (${o.id})`, 'leave it out of the model, or plan for an engine that has them');
  }
}

function drop(o: DbObject): Statement[] {
  switch (o.kind) {
    case 'table': return [{ sql: `DROP TABLE ${q(o.name)}`, comment: `drop table ${o.id}`, hazards: ['data-loss'] }];
    case 'view': case 'materialized-view': return dropView(o);
    case 'function': case 'procedure': case 'aggregate': return dropRoutine(o);
    case 'sequence': return dropSequence(o);
    case 'event': return dropEvent(o);
    case 'schema': return [];
    default: throw new RedbError('E_UNSUPPORTED', `MySQL has no ${o.kind} objects (${o.id})`, 'leave it out of the model');
  }
}

function rename(from: DbObject, to: DbObject, options: DdlOptions): Statement[] {
  // RENAME TABLE renames views and MariaDB sequences too; a routine is made anew
  if (from.kind === 'table' || from.kind === 'view' || from.kind === 'sequence') return [{ sql: `RENAME TABLE ${q(from.name)} TO ${q(to.name)}`, comment: `rename ${from.kind} ${from.id} to ${to.id}` }];
  return [...drop(from), ...create(to, options)];
}

function alter(from: DbObject, to: DbObject, options: DdlOptions): Statement[] {
  if (from.kind === to.kind && to.kind === 'view') return createView(to);
  if (from.kind === to.kind && to.kind === 'sequence') return alterSequence(to);
  return [...drop(from), ...create(to, options)];
}

/** One member change planned on its own (not in a combined group). */
function tableChange(from: Table, to: Table, change: TableChange, options: DdlOptions): Statement[] {
  if (IGNORED.has(change.type)) return [];
  switch (change.type) {
    case 'add-trigger': return createTrigger(to, change.trigger);
    case 'drop-trigger': return dropTrigger(from, change.trigger);
    case 'set-partitioning':
      if (options.online) refuseBlocking(`${change.to ? 'partition' : 'remove the partitioning of'} table ${to.id}`, [change.to ? partitionSql(change.to) : 'REMOVE PARTITIONING']);
      return [{
        sql: `ALTER TABLE ${q(to.name)} ${change.to ? partitionSql(change.to) : 'REMOVE PARTITIONING'}`,
        comment: `${change.to ? 'partition' : 'remove the partitioning of'} table ${to.id}`,
        hazards: ['blocking-lock', 'table-rewrite', ...(change.from && change.to ? (['data-dependent'] as const) : [])],
      }];
    case 'set-comment':
      return [{ sql: `ALTER TABLE ${q(to.name)} COMMENT=${lit(change.to ?? '')}`, comment: `comment on table ${to.id}` }];
    default:
      return combinedAlter(from, to, [change], options);
  }
}

/** A statement ending in `;`, or in a delimiter of its own when its text holds `;` (a body): the mysql client's DELIMITER. */
function terminate(sql: string): string {
  const body = sql.trimEnd();
  if (!body.includes(';')) return `${body};`;
  const delimiter = ['$$', '//', '$$$', ';;;', '@@@@'].find((d) => !body.includes(d)) ?? '$$redb$$';
  return `DELIMITER ${delimiter}\n${body}${delimiter}\nDELIMITER ;`;
}

/** Scripts for the mysql client: no transaction (every DDL statement commits on its own). */
const MYSQL_SCRIPT: ScriptFraming = {
  statement: terminate,
  comment: (text) => `-- ${text}`,
  runWith: 'mysql DB < FILE',
};

/**
 * Grouping: inside CREATE TABLE go the table's indexes (MySQL keeps them in the
 * statement) and its triggers (created right after it); an altered table's member
 * changes are one combined ALTER TABLE, apart from foreign keys, the comment, triggers
 * (a group of their own) and partitioning.
 */
function groupTableChanges(_from: Table, _to: Table, changes: readonly TableChange[], context: TableGroupContext): readonly TableChangeGroup[] {
  if (context === 'create') {
    const inside = changes.filter((c) => c.type === 'add-index' || c.type === 'add-trigger');
    return inside.length ? [{ mode: 'combined', changes: inside }] : [];
  }
  if (context === 'drop') return [];
  const together = changes.filter((c) => !OWN_STATEMENT.has(c.type) && !IGNORED.has(c.type) && !aloneInAlter(c));
  // a table's trigger changes are one unit too, so FOLLOWS never names a trigger made later
  const triggers = changes.filter(isTriggerChange);
  return [...(together.length ? [{ mode: 'combined' as const, changes: together }] : []), ...(triggers.length > 1 ? [{ mode: 'combined' as const, changes: triggers }] : [])];
}

const isTriggerChange = (c: TableChange): boolean => c.type === 'add-trigger' || c.type === 'drop-trigger';

/** A group of trigger changes: the drops, then the creates in an order the server accepts. */
function triggerGroup(from: Table, to: Table, changes: readonly TableChange[]): Statement[] {
  const drops = changes.flatMap((c) => (c.type === 'drop-trigger' ? dropTrigger(from, c.trigger) : []));
  const adds = inTriggerOrder(changes.flatMap((c) => (c.type === 'add-trigger' ? [c.trigger] : []))).flatMap((t) => createTrigger(to, t));
  return [...drops, ...adds];
}

export const mysqlDdl: DdlGenerator = {
  statements(unit: PlanUnit, ctx: Ctx): Statement[] {
    switch (unit.type) {
      case 'create': return create(unit.object, ctx.options);
      case 'drop': return drop(unit.object);
      case 'rename': return rename(unit.from, unit.to, ctx.options);
      case 'alter': return alter(unit.from, unit.to, ctx.options);
      case 'table': return tableChange(unit.from, unit.to, unit.change, ctx.options);
      case 'table-group':
        return unit.changes.every(isTriggerChange) ? triggerGroup(unit.from, unit.to, unit.changes) : combinedAlter(unit.from, unit.to, unit.changes, ctx.options);
    }
  },
  /** Views and sequences change in place (CREATE OR REPLACE, ALTER SEQUENCE); routines and triggers are made anew. */
  alterMode: (from, to) => (from.kind === to.kind && (to.kind === 'view' || to.kind === 'sequence' || to.kind === 'table') ? 'in-place' : 'replace'),
  /**
   * A view names columns: dropping or renaming one leaves the view broken (MySQL keeps
   * it, invalid), and a new type changes the view's own columns. Those views are made anew.
   */
  invalidatesDependents: (c: TableChange) =>
    c.type === 'drop-column' || c.type === 'rename-column' || (c.type === 'alter-column' && c.from.type.native !== c.to.type.native),
  /**
   * Foreign keys are not checked while a plan runs (as mysqldump and skeema load
   * schemas): tables are created and dropped in any order, a key may name a table of
   * another database, and ADD FOREIGN KEY is in place instead of a copy of the table.
   * The rows an added key would reject are counted before the plan (data-checks.ts).
   */
  preamble: ['SET SESSION foreign_key_checks = 0'],
  script: MYSQL_SCRIPT,
  dataChecks,
  groupTableChanges,
  // lock_wait_timeout bounds waiting for metadata locks, the ones DDL waits on (whole seconds; 0: a year, the longest)
  lockTimeout: (ms: number) => [`SET SESSION lock_wait_timeout = ${ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 31_536_000}`],
  // ER_LOCK_WAIT_TIMEOUT
  isLockTimeout: (err: unknown) => (err as { errno?: number } | undefined)?.errno === 1205,
};
