/**
 * Runtime schemas for every file of the format (zod). `types.ts` is the documented
 * shape; the `satisfies` checks at the bottom keep the two in step at compile time.
 * Objects are strict: an unknown key in a hand-edited file is an error, not ignored.
 */
import { z } from 'zod';
import {
  clauseProblem, eventBodyProblem, expressionProblem, inlineRoutineDefinitionProblem, inlineTriggerDefinitionProblem, queryProblem, routineDefinitionProblem, statementProblem, triggerBodyProblem,
} from './expressions.js';
import type { DbObject, LogicalType } from './types.js';

const str = z.string();
const strs = z.array(z.string()).readonly();

/** Text the DDL pastes verbatim: refused at load time unless `check` finds it sound (see expressions.ts). */
const sqlText = (check: (text: string) => string | undefined) =>
  z.string().superRefine((text, ctx) => {
    const problem = check(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const expr = sqlText(expressionProblem);
const clause = sqlText(clauseProblem);
const clauses = z.array(clause).readonly();
const createStatement = sqlText(statementProblem);
/** Sequence and identity parameters are pasted as numbers. */
const wholeNumber = z.string().regex(/^-?[0-9]+$/u, 'must be a whole number, e.g. "1" or "-9223372036854775808"');
const opts = z.record(clause, clause).readonly();

export const logicalType: z.ZodType<LogicalType> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('integer'), bits: z.union([z.literal(8), z.literal(16), z.literal(24), z.literal(32), z.literal(64)]), unsigned: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('decimal'), precision: z.number().int().optional(), scale: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('float'), bits: z.union([z.literal(32), z.literal(64)]) }),
    z.strictObject({ kind: z.literal('string'), length: z.number().int().optional(), fixed: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('text'), maxBytes: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('binary'), length: z.number().int().optional(), fixed: z.boolean().optional(), maxBytes: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('boolean') }),
    z.strictObject({ kind: z.literal('date') }),
    z.strictObject({ kind: z.literal('time'), tz: z.boolean(), precision: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('timestamp'), tz: z.boolean(), precision: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('interval') }),
    z.strictObject({ kind: z.literal('json'), binary: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('uuid') }),
    z.strictObject({ kind: z.literal('enum'), ref: str.optional(), values: strs.optional() }).refine((e) => e.ref !== undefined || e.values !== undefined, {
      message: 'an enum names its type (ref) or lists its values',
    }),
    z.strictObject({ kind: z.literal('set'), values: strs }),
    z.strictObject({ kind: z.literal('array'), of: logicalType }),
    z.strictObject({ kind: z.literal('vector'), dim: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('other'), name: str }),
  ]),
);

const columnType = z.strictObject({ native: clause, logical: logicalType });
const grant = z.strictObject({ grantee: str, privileges: clauses, grantable: clauses.optional(), columns: strs.optional() });
const grants = z.array(grant).readonly().optional();
const partitionStrategy = z.enum(['range', 'list', 'hash', 'key']);
const action = z.enum(['no-action', 'restrict', 'cascade', 'set-null', 'set-default']);

const constraintBase = {
  name: str,
  comment: str.optional(),
  deferrable: z.boolean().optional(),
  initiallyDeferred: z.boolean().optional(),
  validated: z.boolean().optional(),
};

const index = z.strictObject({
  name: str,
  unique: z.boolean(),
  method: clause,
  keys: z.array(z.strictObject({
    column: str.optional(),
    expression: expr.optional(),
    order: z.literal('desc').optional(),
    nulls: z.enum(['first', 'last']).optional(),
    opclass: clause.optional(),
    collation: clause.optional(),
    length: z.number().int().positive().optional(),
  })).readonly(),
  include: strs.optional(),
  predicate: expr.optional(),
  nullsNotDistinct: z.boolean().optional(),
  invisible: z.boolean().optional(),
  comment: str.optional(),
  definition: createStatement,
  options: opts.optional(),
});

const trigger = z.strictObject({
  name: str,
  timing: z.enum(['before', 'after', 'instead-of']),
  events: z.array(z.enum(['insert', 'update', 'delete', 'truncate'])).readonly(),
  level: z.enum(['row', 'statement']),
  function: str.optional(),
  body: sqlText(triggerBodyProblem).optional(),
  order: z.strictObject({ follows: str.optional(), precedes: str.optional() }).optional(),
  updateColumns: strs.optional(),
  when: expr.optional(),
  enabled: z.enum(['origin', 'always', 'replica', 'disabled']).optional(),
  comment: str.optional(),
  config: clauses.optional(),
  definer: str.optional(),
  // semicolons inside BEGIN … END blocks belong to an inline body (MySQL, SQLite)…
  definition: sqlText(inlineTriggerDefinitionProblem),
}).superRefine((t, ctx) => {
  // …and a trigger that calls a function has none
  const problem = t.body === undefined ? statementProblem(t.definition) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['definition'] });
});

const check = z.strictObject({ ...constraintBase, expression: expr, noInherit: z.boolean().optional() });

const objectBase = {
  id: str,
  schema: str,
  name: str,
  comment: str.optional(),
  grants,
  dependsOn: strs.optional(),
  dependsOnColumns: z.array(z.strictObject({ id: str, columns: strs })).readonly().optional(),
};

const schemaObj = z.strictObject({ kind: z.literal('schema'), id: str, name: str, comment: str.optional(), grants });

const table = z.strictObject({
  kind: z.literal('table'),
  ...objectBase,
  columns: z.array(z.strictObject({
    name: str,
    type: columnType,
    nullable: z.boolean(),
    default: expr.optional(),
    identity: z.strictObject({
      generation: z.enum(['always', 'by-default']),
      start: wholeNumber.optional(), increment: wholeNumber.optional(), min: wholeNumber.optional(), max: wholeNumber.optional(), cache: wholeNumber.optional(),
      cycle: z.boolean().optional(),
    }).optional(),
    generated: z.strictObject({ expression: expr, stored: z.boolean() }).optional(),
    collation: clause.optional(),
    charset: clause.optional(),
    autoIncrement: z.boolean().optional(),
    onUpdate: expr.optional(),
    invisible: z.boolean().optional(),
    comment: str.optional(),
    options: opts.optional(),
  })).readonly(),
  primaryKey: z.strictObject({ ...constraintBase, columns: strs, include: strs.optional() }).optional(),
  foreignKeys: z.array(z.strictObject({
    ...constraintBase,
    columns: strs,
    references: str,
    referencedColumns: strs,
    onDelete: action,
    onUpdate: action,
    match: z.enum(['simple', 'full', 'partial']),
    onDeleteColumns: strs.optional(),
  })).readonly().optional(),
  uniques: z.array(z.strictObject({ ...constraintBase, columns: strs, include: strs.optional(), nullsNotDistinct: z.boolean().optional() })).readonly().optional(),
  checks: z.array(check).readonly().optional(),
  exclusions: z.array(z.strictObject({
    ...constraintBase,
    definition: clause,
    method: clause,
    elements: z.array(z.strictObject({ expression: expr, operator: clause })).readonly(),
    predicate: expr.optional(),
  })).readonly().optional(),
  indexes: z.array(index).readonly().optional(),
  triggers: z.array(trigger).readonly().optional(),
  policies: z.array(z.strictObject({
    name: str,
    command: z.enum(['all', 'select', 'insert', 'update', 'delete']),
    permissive: z.boolean(),
    roles: strs,
    using: expr.optional(),
    withCheck: expr.optional(),
    comment: str.optional(),
  })).readonly().optional(),
  rowLevelSecurity: z.strictObject({ enabled: z.boolean(), forced: z.boolean() }).optional(),
  partitioning: z.strictObject({
    strategy: partitionStrategy,
    key: clause,
    columns: strs,
    subpartitioning: z.strictObject({ strategy: partitionStrategy, key: clause, columns: strs }).optional(),
    // HASH and KEY partitions have no bound: ''
    partitions: z.array(z.strictObject({ name: str, bound: z.union([clause, z.literal('')]), subpartitions: strs.optional() })).readonly().optional(),
  }).optional(),
  partitionOf: z.strictObject({ parent: str, bound: clause }).optional(),
  inherits: strs.optional(),
  unlogged: z.boolean().optional(),
  charset: clause.optional(),
  collation: clause.optional(),
  options: opts.optional(),
});

const view = z.strictObject({
  kind: z.enum(['view', 'materialized-view']),
  ...objectBase,
  definition: sqlText(queryProblem),
  columns: z.array(z.strictObject({ name: str, type: columnType, comment: str.optional() })).readonly(),
  checkOption: z.enum(['local', 'cascaded']).optional(),
  options: opts.optional(),
  definer: str.optional(),
  indexes: z.array(index).readonly().optional(),
  triggers: z.array(trigger).readonly().optional(),
});

const sequence = z.strictObject({
  kind: z.literal('sequence'),
  ...objectBase,
  type: columnType,
  start: wholeNumber, increment: wholeNumber, min: wholeNumber, max: wholeNumber, cache: wholeNumber,
  cycle: z.boolean(),
  ownedBy: str.optional(),
  unlogged: z.boolean().optional(),
});

const enumType = z.strictObject({ kind: z.literal('enum'), ...objectBase, values: strs });

const domain = z.strictObject({
  kind: z.literal('domain'),
  ...objectBase,
  type: columnType,
  nullable: z.boolean(),
  default: expr.optional(),
  collation: clause.optional(),
  checks: z.array(check).readonly().optional(),
});

const composite = z.strictObject({
  kind: z.literal('composite-type'),
  ...objectBase,
  attributes: z.array(z.strictObject({ name: str, type: columnType, collation: clause.optional() })).readonly(),
});

const routine = z.strictObject({
  kind: z.enum(['function', 'procedure', 'aggregate']),
  ...objectBase,
  signature: z.string(),
  arguments: z.array(z.strictObject({
    name: str.optional(),
    mode: z.enum(['in', 'out', 'inout', 'variadic', 'table']),
    type: clause,
    default: expr.optional(),
  })).readonly(),
  returns: clause.optional(),
  language: str,
  body: z.string(),
  volatility: z.enum(['immutable', 'stable', 'volatile']).optional(),
  strict: z.boolean().optional(),
  security: z.enum(['invoker', 'definer']).optional(),
  parallel: z.enum(['safe', 'restricted', 'unsafe']).optional(),
  leakproof: z.boolean().optional(),
  cost: z.number().optional(),
  rows: z.number().optional(),
  config: clauses.optional(),
  definer: str.optional(),
  // one CREATE statement whose semicolons end it or sit in a body block; which blocks
  // are the body's is checked below, where the body is known
  definition: sqlText((text) => routineDefinitionProblem(text) && inlineTriggerDefinitionProblem(text)),
}).superRefine((r, ctx) => {
  // a body that is inline at the end of the definition may hold its own BEGIN … END blocks
  const problem = inlineRoutineDefinitionProblem(r.definition, r.body);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['definition'] });
});

const extension = z.strictObject({ kind: z.literal('extension'), id: str, name: str, schema: str, version: str, comment: str.optional() });

const collation = z.strictObject({
  kind: z.literal('collation'),
  ...objectBase,
  provider: str,
  locale: str.optional(),
  lcCollate: str.optional(),
  lcCtype: str.optional(),
  deterministic: z.boolean(),
});

const event = z.strictObject({
  kind: z.literal('event'),
  ...objectBase,
  schedule: z.union([
    z.strictObject({ at: clause }),
    z.strictObject({ every: z.strictObject({ value: clause, unit: clause }), starts: clause.optional(), ends: clause.optional() }),
  ]),
  preserve: z.boolean().optional(),
  status: z.enum(['enabled', 'disabled', 'replica-disabled']),
  timeZone: clause.optional(),
  body: sqlText(eventBodyProblem),
  config: clauses.optional(),
  definer: str.optional(),
});

/** Any object file. */
export const dbObject = z.union([schemaObj, table, view, sequence, enumType, domain, composite, routine, extension, collation, event]);

// Compile-time guard: the runtime schema and the documented types agree both ways.
type Parsed = z.infer<typeof dbObject>;
const _toTypes = (p: Parsed): DbObject => p;
const _fromTypes = (d: DbObject): Parsed => d;
void _toTypes;
void _fromTypes;
