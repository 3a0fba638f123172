/**
 * Functions, procedures and aggregates. The id carries the argument types
 * (`public.f(integer, text)`), so overloads never collide. Aggregates have no
 * pg_get_functiondef; their definition is rebuilt from pg_aggregate.
 */
import { routineId, type Routine, type RoutineArgument } from '../../../unified-model/index.js';
import { grantsFrom, PUBLIC_DEFAULTS, type AclRow } from './grants.js';
import { aclOf, commentOf, notInExtension, schemaFilter } from './sql.js';

interface AggregateRow {
  sfunc: string;
  stype: string;
  finalfunc: string | null;
  combinefunc: string | null;
  initcond: string | null;
  sortop: string | null;
}

export interface RoutineRow {
  oid: string;
  schema: string;
  name: string;
  /** `quote_ident(schema).quote_ident(name)`, for rebuilt definitions. */
  qualified: string;
  kind: 'f' | 'p' | 'a' | 'w';
  signature: string;
  identity_args: string;
  language: string;
  source: string;
  sql_body: string | null;
  volatility: 'i' | 's' | 'v';
  strict: boolean;
  definer: boolean;
  parallel: 's' | 'r' | 'u';
  leakproof: boolean;
  cost: number;
  rows: number;
  retset: boolean;
  config: string[] | null;
  definition: string | null;
  returns: string | null;
  arg_names: string[] | null;
  arg_modes: string[] | null;
  arg_types: string[] | null;
  arg_defaults: string | null;
  n_defaults: number;
  aggregate: AggregateRow | null;
  comment: string | null;
  acl: AclRow[] | null;
}

export const ROUTINES_SQL = `
SELECT p.oid::text AS oid, n.nspname AS schema, p.proname AS name, quote_ident(n.nspname) || '.' || quote_ident(p.proname) AS qualified,
  p.prokind::text AS kind,
  coalesce((SELECT string_agg(format_type(u.t, NULL), ', ' ORDER BY u.o) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, o)), '') AS signature,
  pg_get_function_identity_arguments(p.oid) AS identity_args,
  l.lanname AS language, p.prosrc AS source,
  CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) END AS sql_body,
  p.provolatile::text AS volatility, p.proisstrict AS strict, p.prosecdef AS definer, p.proparallel::text AS parallel,
  p.proleakproof AS leakproof, p.procost::float8 AS cost, p.prorows::float8 AS rows, p.proretset AS retset,
  to_json(p.proconfig) AS config,
  CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
  CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS returns,
  to_json(p.proargnames) AS arg_names, to_json(p.proargmodes) AS arg_modes,
  (SELECT json_agg(format_type(u.t, NULL) ORDER BY u.o)
     FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS u(t, o)) AS arg_types,
  pg_get_expr(p.proargdefaults, 0) AS arg_defaults, p.pronargdefaults::int AS n_defaults,
  CASE WHEN p.prokind = 'a' THEN (
    SELECT json_build_object('sfunc', a.aggtransfn::text, 'stype', format_type(a.aggtranstype, NULL),
      'finalfunc', CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::text END,
      'combinefunc', CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::text END,
      'initcond', a.agginitval,
      'sortop', CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END)
    FROM pg_aggregate a WHERE a.aggfnoid = p.oid) END AS aggregate,
  ${commentOf('pg_proc', 'p.oid')} AS comment, ${aclOf('p.proacl', 'p.proowner')} AS acl
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE ${schemaFilter('n')} AND ${notInExtension('pg_proc', 'p.oid')}
ORDER BY n.nspname, p.proname, signature`;

/**
 * Splits a deparsed expression list (`1, 'a, b'::text, f(x, y)`) at its top-level commas,
 * respecting quotes and parentheses.
 */
export function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && /[eE]/.test(list[i - 1] ?? '');
      for (i++; i < list.length; i++) {
        if (escapes && list[i] === '\\') i++;
        else if (list[i] === ch) {
          if (list[i + 1] === ch) i++;
          else break;
        }
      }
    } else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (list.trim() !== '') parts.push(list.slice(start).trim());
  return parts;
}

const MODE = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' } as const;

function buildArguments(row: RoutineRow): RoutineArgument[] {
  const types = row.arg_types ?? [];
  const modes = types.map((_, i) => MODE[(row.arg_modes?.[i] ?? 'i') as keyof typeof MODE] ?? 'in');
  // defaults belong to the last n input arguments
  const inputs = modes.flatMap((m, i) => (m === 'in' || m === 'inout' || m === 'variadic' ? [i] : []));
  const defaults = row.arg_defaults ? splitTopLevel(row.arg_defaults) : [];
  const firstDefault = inputs.length - defaults.length;
  return types.map((type, i) => {
    const name = row.arg_names?.[i];
    const d = inputs.indexOf(i) - firstDefault;
    return {
      ...(name ? { name } : {}),
      mode: modes[i],
      type,
      ...(d >= 0 && defaults[d] !== undefined ? { default: defaults[d] } : {}),
    };
  });
}

/** CREATE AGGREGATE rebuilt from pg_aggregate (PostgreSQL has no pg_get_aggregatedef). */
function aggregateDefinition(row: RoutineRow): string {
  const a = row.aggregate;
  if (!a) return '';
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const opts = [
    `SFUNC = ${a.sfunc}`,
    `STYPE = ${a.stype}`,
    ...(a.finalfunc ? [`FINALFUNC = ${a.finalfunc}`] : []),
    ...(a.combinefunc ? [`COMBINEFUNC = ${a.combinefunc}`] : []),
    ...(a.initcond !== null ? [`INITCOND = ${quote(a.initcond)}`] : []),
    ...(a.sortop ? [`SORTOP = ${a.sortop.replace(/\(.*$/s, '')}`] : []),
  ];
  return `CREATE AGGREGATE ${row.qualified}(${row.identity_args || '*'}) (\n    ${opts.join(',\n    ')}\n);`;
}

const KIND = { f: 'function', w: 'function', p: 'procedure', a: 'aggregate' } as const;
const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;
const PARALLEL = { s: 'safe', r: 'restricted', u: 'unsafe' } as const;

export function buildRoutine(row: RoutineRow, dependsOn: readonly string[]): Routine {
  const isFunction = row.kind === 'f' || row.kind === 'w';
  return {
    kind: KIND[row.kind],
    id: routineId(row.schema, row.name, row.signature),
    schema: row.schema,
    name: row.name,
    signature: row.signature,
    ...(row.comment !== null ? { comment: row.comment } : {}),
    grants: grantsFrom(row.acl, PUBLIC_DEFAULTS.routine),
    dependsOn,
    arguments: buildArguments(row),
    ...(row.returns !== null ? { returns: row.returns } : {}),
    language: row.language,
    body: row.sql_body ?? row.source,
    ...(isFunction
      ? {
          volatility: VOLATILITY[row.volatility],
          strict: row.strict,
          parallel: PARALLEL[row.parallel],
          leakproof: row.leakproof,
          cost: row.cost,
          ...(row.retset ? { rows: row.rows } : {}),
        }
      : {}),
    security: row.definer ? 'definer' : 'invoker',
    config: row.config ?? [],
    definition: row.definition ?? aggregateDefinition(row),
  };
}
