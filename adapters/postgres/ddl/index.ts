/**
 * The PostgreSQL DDL generator: plan units in, statements out, no I/O. Whole objects
 * go to the convertors of their kind, table members to `tableUnit`.
 *
 * @example
 * import { postgresDdl } from './adapters/postgres/ddl/index.js';
 * postgresDdl.statements({ type: 'create', object: schema }, { from, to, options: {} });
 * // [{ sql: 'CREATE SCHEMA app', comment: 'create schema app' }]
 */
import type { DbObject, ObjectKind, TableChange } from '../../../unified-model/index.js';
import type { DdlGenerator, PlanUnit, ScriptFraming, Statement } from '../../types.js';
import { alterCollation, collationAlterMode, createCollation, dropCollation, renameCollation } from './collations.js';
import { dataChecks } from './data-checks.js';
import { alterEnum, createEnum, dropEnum, renameEnum } from './enums.js';
import { alterExtension, createExtension, dropExtension, extensionAlterMode, renameExtension } from './extensions.js';
import { alterRoutine, createRoutine, dropRoutine, renameRoutine, routineAlterMode } from './routines.js';
import { alterSchema, createSchema, dropSchema, renameSchema } from './schemas.js';
import { alterSequence, createSequence, dropSequence, renameSequence } from './sequences.js';
import type { DdlContext } from './statement.js';
import { invalidatesDependents, tableUnit } from './table-units.js';
import { createTable, dropTable } from './tables.js';
import { renameInSchema } from './rename.js';
import { quoteLiteral } from './quote.js';
import { alterComposite, alterDomain, compositeAlterMode, createComposite, createDomain, domainAlterMode, dropComposite, dropDomain, renameComposite, renameDomain } from './types.js';
import { alterView, createView, dropView, renameView, viewAlterMode } from './views.js';
import { assertExpressible } from './unsupported.js';
import { RedbError } from '../../../src/errors.js';

type Mode = 'in-place' | 'replace';

/** What each object kind provides. */
interface KindConvertor<T extends DbObject> {
  create(o: T, ctx: DdlContext): Statement[];
  drop(o: T, ctx: DdlContext): Statement[];
  rename(from: T, to: T, ctx: DdlContext): Statement[];
  alter(from: T, to: T, ctx: DdlContext): Statement[];
  alterMode(from: T, to: T): Mode;
}

type Registry = { readonly [K in ObjectKind]: KindConvertor<Extract<DbObject, { kind: K }>> };

const inPlace = (): Mode => 'in-place';
const routines: KindConvertor<Extract<DbObject, { kind: 'function' | 'procedure' | 'aggregate' }>> = {
  create: createRoutine, drop: dropRoutine, rename: renameRoutine, alter: alterRoutine, alterMode: routineAlterMode,
};
const views: KindConvertor<Extract<DbObject, { kind: 'view' | 'materialized-view' }>> = {
  create: createView, drop: dropView, rename: renameView, alter: alterView, alterMode: viewAlterMode,
};

/** Scheduled events (MySQL CREATE EVENT) have no PostgreSQL counterpart: a plan for one is refused. */
const noEvents = (o: DbObject): never => {
  throw new RedbError('E_UNSUPPORTED', `PostgreSQL has no scheduled events (${o.id})`, 'leave the event out of the model, or schedule the statement with a job runner such as pg_cron');
};
const events: KindConvertor<Extract<DbObject, { kind: 'event' }>> = { create: noEvents, drop: noEvents, rename: noEvents, alter: noEvents, alterMode: () => 'replace' };

const KINDS: Registry = {
  schema: { create: createSchema, drop: dropSchema, rename: renameSchema, alter: alterSchema, alterMode: inPlace },
  table: {
    create: createTable,
    drop: dropTable,
    rename: (from, to) => renameInSchema('TABLE', from, to),
    alter: (_from, to) => { throw new Error(`table ${to.id} changes through table units, one per member change`); },
    alterMode: inPlace,
  },
  view: views,
  'materialized-view': views,
  sequence: { create: createSequence, drop: dropSequence, rename: renameSequence, alter: alterSequence, alterMode: inPlace },
  enum: { create: createEnum, drop: dropEnum, rename: renameEnum, alter: alterEnum, alterMode: inPlace },
  domain: { create: createDomain, drop: dropDomain, rename: renameDomain, alter: alterDomain, alterMode: domainAlterMode },
  'composite-type': { create: createComposite, drop: dropComposite, rename: renameComposite, alter: alterComposite, alterMode: compositeAlterMode },
  function: routines,
  procedure: routines,
  aggregate: routines,
  extension: { create: createExtension, drop: dropExtension, rename: renameExtension, alter: alterExtension, alterMode: extensionAlterMode },
  collation: { create: createCollation, drop: dropCollation, rename: renameCollation, alter: alterCollation, alterMode: collationAlterMode },
  event: events,
};

const kindOf = <T extends DbObject>(o: T) => KINDS[o.kind] as unknown as KindConvertor<T>;

function alterMode(from: DbObject, to: DbObject): Mode {
  return from.kind !== to.kind ? 'replace' : kindOf(from).alterMode(from, to);
}

/**
 * Session settings for a plan: function bodies unchecked (like pg_dump), and names resolved
 * the way introspection printed them (search_path = pg_catalog: everything else is qualified).
 * The planner adds the lock timeout (`lockTimeout` below) to every plan.
 */
export const PREAMBLE: readonly string[] = ['SET check_function_bodies = off', 'SET standard_conforming_strings = on', 'SET search_path = pg_catalog'];

/** A statement ending in exactly one `;` (on its own line when the statement ends in a line comment). */
function terminate(sql: string): string {
  const body = sql.trimEnd().replace(/;+$/, '').trimEnd();
  const lastLine = body.slice(body.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${body}\n;` : `${body};`;
}

/** Scripts for psql: `;` after each statement, transactions as BEGIN/COMMIT, stop at the first error. */
const PSQL_SCRIPT: ScriptFraming = {
  statement: terminate,
  transaction: { begin: 'BEGIN;', commit: 'COMMIT;' },
  comment: (text) => `-- ${text}`,
  runWith: 'psql -v ON_ERROR_STOP=1 -f FILE',
};

export const postgresDdl: DdlGenerator = {
  statements(unit: PlanUnit, ctx: DdlContext): Statement[] {
    assertExpressible(unit);
    switch (unit.type) {
      case 'create':
        return kindOf(unit.object).create(unit.object, ctx);
      case 'drop':
        return kindOf(unit.object).drop(unit.object, ctx);
      case 'rename':
        return kindOf(unit.from).rename(unit.from, unit.to, ctx);
      case 'alter':
        // the planner sends drop + create (and re-creates dependents) for these; this is only a fallback
        if (alterMode(unit.from, unit.to) === 'replace') return [...kindOf(unit.from).drop(unit.from, ctx), ...kindOf(unit.to).create(unit.to, ctx)];
        return kindOf(unit.from).alter(unit.from, unit.to, ctx);
      case 'table':
        return tableUnit(unit.from, unit.to, unit.change, ctx);
      case 'table-group':
        // PostgreSQL groups nothing (no groupTableChanges): each change is its own statement
        return unit.changes.flatMap((change) => tableUnit(unit.from, unit.to, change, ctx));
    }
  },
  alterMode,
  invalidatesDependents: (change: TableChange) => invalidatesDependents(change),
  preamble: PREAMBLE,
  script: PSQL_SCRIPT,
  dataChecks,
  // whole seconds read better in a script: '10s' rather than 10000
  lockTimeout: (ms: number) => [`SET lock_timeout = ${quoteLiteral(ms % 1000 === 0 && ms > 0 ? `${ms / 1000}s` : `${ms}ms`)}`],
  // SQLSTATE 55P03 (lock_not_available) with this text is lock_timeout running out
  isLockTimeout: (err: unknown) => (err as { code?: string } | undefined)?.code === '55P03' && /lock timeout/i.test((err as Error).message),
};

export { quoteIdent, qualified, quoteLiteral, sqlName } from './quote.js';
export type { DdlContext } from './statement.js';
