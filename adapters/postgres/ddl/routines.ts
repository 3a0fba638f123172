/**
 * Functions, procedures and aggregates, created from the engine's own definition
 * (pg_get_functiondef; for aggregates the one introspection rebuilds). A function or
 * procedure changes in place with CREATE OR REPLACE unless its kind, result or
 * argument names, modes or defaults change (PostgreSQL refuses those); an aggregate
 * is always dropped and created again.
 */
import type { Routine } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { qualified } from './quote.js';
import { renameInSchema } from './rename.js';
import { same, stmt } from './statement.js';

const KEYWORD = { function: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE' } as const;

/** `(integer, text)`, or `(*)` for an aggregate over no arguments. */
const args = (r: Routine) => `(${r.signature === '' && r.kind === 'aggregate' ? '*' : r.signature})`;

/** `FUNCTION app.f(integer)`: how COMMENT ON, DROP and ALTER name it. */
export function routineTarget(r: Routine): string {
  return `${KEYWORD[r.kind]} ${qualified(r.schema, r.name)}${args(r)}`;
}

/** GRANT names aggregates as functions. */
const grantTarget = (r: Routine) => `${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${qualified(r.schema, r.name)}${args(r)}`;
const what = (r: Routine) => `${r.kind} ${r.id}`;
const definition = (r: Routine) => r.definition.trim().replace(/;$/, '');

export function createRoutine(r: Routine): Statement[] {
  return [
    stmt(definition(r), `create ${what(r)}`),
    ...commentChange(routineTarget(r), undefined, r.comment, what(r)),
    ...grantChanges(grantTarget(r), what(r), [], r.grants),
  ];
}

export function dropRoutine(r: Routine): Statement[] {
  return [stmt(`DROP ${routineTarget(r)}`, `drop ${what(r)}`)];
}

export function renameRoutine(from: Routine, to: Routine): Statement[] {
  return renameInSchema(KEYWORD[from.kind], from, to, args(from));
}

export function routineAlterMode(from: Routine, to: Routine): 'in-place' | 'replace' {
  if (from.kind !== to.kind || to.kind === 'aggregate' || from.returns !== to.returns) return 'replace';
  return same(from.arguments, to.arguments) ? 'in-place' : 'replace';
}

export function alterRoutine(from: Routine, to: Routine): Statement[] {
  return [
    ...(definition(from) !== definition(to) ? [stmt(definition(to), `replace ${what(to)}`)] : []),
    ...commentChange(routineTarget(to), from.comment, to.comment, what(to)),
    ...grantChanges(grantTarget(to), what(to), from.grants, to.grants),
  ];
}
