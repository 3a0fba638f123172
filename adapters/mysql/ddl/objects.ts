/**
 * Views, routines, triggers and sequences. Routines and triggers are dropped and
 * created again (MySQL alters neither body in place); their CREATE statements are the
 * model's `definition`, as introspection made it from the catalog, checked when the
 * model was loaded to be one statement. Each is created under the sql_mode it was made
 * in and with the DEFINER the model records; with none, the deploying account is the
 * definer (session.ts).
 */
import type { Routine, Sequence, Table, Trigger, View } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import type { Statement } from '../../types.js';
import { q, whole } from './quote.js';
import { definerClause, sqlModeOf, underSession } from './session.js';

/** CREATE OR REPLACE VIEW with its algorithm, security and check option. */
export function createViewSql(v: View): string {
  if (v.kind !== 'view') throw new RedbError('E_UNSUPPORTED', `MySQL has no materialized views (${v.id})`, 'make it a table, or a plain view');
  const algorithm = v.options?.algorithm ? `ALGORITHM=${v.options.algorithm.toUpperCase() === 'MERGE' ? 'MERGE' : v.options.algorithm.toUpperCase() === 'TEMPTABLE' ? 'TEMPTABLE' : 'UNDEFINED'} ` : '';
  const security = v.options?.security === 'invoker' ? 'SQL SECURITY INVOKER ' : '';
  const query = v.definition.trimEnd().replace(/;$/u, '');
  const check = v.checkOption ? ` WITH ${v.checkOption === 'local' ? 'LOCAL' : 'CASCADED'} CHECK OPTION` : '';
  return `CREATE OR REPLACE ${algorithm}${definerClause(v.definer, v.id)}${security}VIEW ${q(v.name)} AS ${query}${check}`;
}

export const createView = (v: View): Statement[] => [{ sql: createViewSql(v), comment: `create view ${v.id}` }];
export const dropView = (v: View): Statement[] => [{ sql: `DROP VIEW ${q(v.name)}`, comment: `drop view ${v.id}` }];

const routineWord = (r: Routine): string => (r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION');

/** A stored CREATE statement with the DEFINER= of `definer` after its CREATE (nothing when the deploying account is to be it). */
const withDefiner = (definition: string, definer: string | undefined, id: string): string =>
  definer === undefined ? definition : definition.replace(/^\s*CREATE\s+/iu, `CREATE ${definerClause(definer, id)}`);

/**
 * The routine's CREATE statement, under the sql_mode it was made in: the body is parsed
 * and later runs in that mode, so the session's is set around it and put back.
 */
export function createRoutine(r: Routine): Statement[] {
  if (r.kind === 'aggregate') throw new RedbError('E_UNSUPPORTED', `MySQL has no aggregate functions in SQL (${r.id})`, 'leave it out of the model');
  const mode = sqlModeOf(r.config, r.id);
  return underSession({ sql: withDefiner(r.definition.trimEnd(), r.definer, r.id), comment: `create ${r.kind} ${r.id}` }, mode !== undefined ? { sql_mode: mode } : {}, r.id);
}

export const dropRoutine = (r: Routine): Statement[] => [{ sql: `DROP ${routineWord(r)} ${q(r.name)}`, comment: `drop ${r.kind} ${r.id}` }];

/** CREATE TRIGGER: the model's statement (with FOLLOWS for its order), under the sql_mode it was made in, as a routine. */
export function createTrigger(t: Table, trg: Trigger): Statement[] {
  const what = `trigger ${trg.name} on ${t.id}`;
  const mode = sqlModeOf(trg.config, what);
  return underSession({ sql: withDefiner(trg.definition.trimEnd(), trg.definer, what), comment: `create ${what}` }, mode !== undefined ? { sql_mode: mode } : {}, what);
}
/**
 * Triggers in an order the server accepts: one that FOLLOWS or PRECEDES another of the
 * list after that one (the orderer knows nothing of trigger order), else as listed.
 */
export function inTriggerOrder(triggers: readonly Trigger[]): Trigger[] {
  const names = new Set(triggers.map((t) => t.name));
  const out: Trigger[] = [];
  const placed = new Set<string>();
  const visit = (t: Trigger, seen: Set<string>): void => {
    if (placed.has(t.name) || seen.has(t.name)) return;
    seen.add(t.name);
    const other = t.order?.follows ?? t.order?.precedes;
    const before = other !== undefined && names.has(other) ? triggers.find((x) => x.name === other) : undefined;
    if (before) visit(before, seen);
    placed.add(t.name);
    out.push(t);
  };
  for (const t of triggers) visit(t, new Set());
  return out;
}

export const dropTrigger = (t: Table, trg: Trigger): Statement[] => [{ sql: `DROP TRIGGER ${q(trg.name)}`, comment: `drop trigger ${trg.name} on ${t.id}` }];

/** The parameters of a MariaDB sequence, as CREATE and ALTER SEQUENCE take them. */
function sequenceClauses(s: Sequence, start: string): string {
  return [
    `${start} ${whole(s.start, 'start')}`,
    `INCREMENT BY ${whole(s.increment, 'increment')}`,
    `MINVALUE ${whole(s.min, 'min')}`,
    `MAXVALUE ${whole(s.max, 'max')}`,
    `CACHE ${whole(s.cache, 'cache')}`,
    s.cycle ? 'CYCLE' : 'NOCYCLE',
  ].join(' ');
}

export const createSequence = (s: Sequence): Statement[] => [{ sql: `CREATE SEQUENCE ${q(s.name)} ${sequenceClauses(s, 'START WITH')}`, comment: `create sequence ${s.id}` }];
export const dropSequence = (s: Sequence): Statement[] => [{ sql: `DROP SEQUENCE ${q(s.name)}`, comment: `drop sequence ${s.id}`, hazards: ['data-loss'] }];
/** ALTER SEQUENCE keeps the current value: only the parameters change. */
export const alterSequence = (s: Sequence): Statement[] => [{ sql: `ALTER SEQUENCE ${q(s.name)} ${sequenceClauses(s, 'START WITH')}`, comment: `alter sequence ${s.id}` }];
