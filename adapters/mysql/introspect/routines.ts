/**
 * Stored functions and procedures from information_schema.ROUTINES and PARAMETERS. The
 * body is the server's ROUTINE_DEFINITION (the text after the characteristics, as
 * written); `definition` is the CREATE statement made from the catalog, without a
 * DEFINER: the DDL writes one from `definer` (definers.ts). The routine's
 * `sql_mode` (how its body was parsed, and runs) is kept in `config`.
 */
import { routineId, type Routine, type RoutineArgument } from '../../../unified-model/index.js';
import type { ParameterRow, RoutineRow } from './catalog.js';
import { definerOf } from './definers.js';
import { quoteIdent, quoteString, SCHEMA } from './names.js';

function argumentOf(p: ParameterRow): RoutineArgument {
  const mode = (p.mode ?? 'IN').toLowerCase();
  return { ...(p.name ? { name: p.name } : {}), mode: mode === 'out' ? 'out' : mode === 'inout' ? 'inout' : 'in', type: p.dtd };
}

/** A parameter as CREATE writes it: a procedure's with its mode, a function's only when not IN (MariaDB 10.8 functions take OUT and INOUT). */
function argumentSql(a: RoutineArgument, procedure: boolean): string {
  return `${procedure || a.mode !== 'in' ? `${a.mode.toUpperCase()} ` : ''}${quoteIdent(a.name ?? '')} ${a.type}`;
}

export function buildRoutine(row: RoutineRow, params: readonly ParameterRow[], reader?: string): Routine {
  const definer = definerOf(row.definer, reader);
  const procedure = row.type.toUpperCase() === 'PROCEDURE';
  const args = params.map(argumentOf);
  const signature = args.map((a) => a.type).join(', ');
  const deterministic = row.is_deterministic.toUpperCase() === 'YES';
  const invoker = row.security.toUpperCase() === 'INVOKER';
  const body = row.body ?? '';
  const characteristics = [
    ...(deterministic ? ['DETERMINISTIC'] : []),
    ...(row.data_access.toUpperCase() !== 'CONTAINS SQL' ? [row.data_access.toUpperCase()] : []),
    ...(invoker ? ['SQL SECURITY INVOKER'] : []),
    ...(row.comment ? [`COMMENT ${quoteString(row.comment)}`] : []),
  ];
  const head = `CREATE ${procedure ? 'PROCEDURE' : 'FUNCTION'} ${quoteIdent(row.name)}(${args.map((a) => argumentSql(a, procedure)).join(', ')})`;
  const definition = [`${head}${procedure || !row.returns ? '' : ` RETURNS ${row.returns}`}`, ...characteristics.map((c) => `    ${c}`), body].join('\n');
  return {
    kind: procedure ? 'procedure' : 'function',
    id: routineId(SCHEMA, row.name, signature),
    schema: SCHEMA,
    name: row.name,
    ...(row.comment ? { comment: row.comment } : {}),
    signature,
    arguments: args,
    ...(!procedure && row.returns ? { returns: row.returns } : {}),
    language: 'sql',
    body,
    ...(deterministic ? { volatility: 'immutable' as const } : {}),
    security: invoker ? 'invoker' : 'definer',
    ...(row.sql_mode ? { config: [`sql_mode=${row.sql_mode}`] } : {}),
    ...(definer ? { definer } : {}),
    definition,
  };
}
