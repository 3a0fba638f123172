/**
 * One table into the target engine: columns (columns.ts), keys, foreign keys, simple
 * checks and plain indexes, with names made unique where the target's share one
 * namespace per schema (indexes, on some engines). Triggers, policies, partitioning and
 * expression or partial indexes are SQL or structure of the source: reported, left out.
 */
import { objectId, type CheckConstraint, type ForeignKey, type Index, type Table, type UniqueConstraint } from '../../unified-model/index.js';
import { translateColumn } from './columns.js';
import type { TranslationContext } from './context.js';

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** Columns that are key parts of the primary key, a unique constraint or an index. */
function keyedColumns(t: Table): Set<string> {
  const out = new Set<string>([...(t.primaryKey?.columns ?? []), ...(t.uniques ?? []).flatMap((u) => u.columns)]);
  for (const ix of t.indexes ?? []) for (const k of ix.keys) if (k.column !== undefined && k.length === undefined) out.add(k.column);
  return out;
}

/** A relation's or type's own name, reserved first, so that indexes and constraints yield to it. */
export function claimTableName(ctx: TranslationContext, t: { readonly schema: string; readonly name: string }): void {
  ctx.claim(ctx.schemas.get(t.schema) as string, t.name, t.name);
}

export function translateTable(ctx: TranslationContext, t: Table): Table {
  const schema = ctx.schemas.get(t.schema) as string;
  const member = (name: string) => objectId(t.schema, t.name, name);
  const name = (kind: string, n: string, fallback: string) => {
    const got = ctx.claim(schema, n, fallback, kind === 'foreign key' ? 'foreign-key' : 'relation');
    if (got !== n) ctx.note({ object: member(n), kind: 'name', from: n, to: got, reason: `another ${kind} or relation of the schema has the name: renamed` });
    return got;
  };
  const keyed = keyedColumns(t);
  const out: Draft<Table> = { kind: 'table', id: objectId(schema, t.name), schema, name: t.name, columns: t.columns.map((c) => translateColumn(ctx, t, c, keyed.has(c.name))) };
  if (t.comment) out.comment = t.comment;
  const defaults = ctx.to.tableDefaults;
  if (defaults?.charset) out.charset = defaults.charset;
  if (defaults?.collation) out.collation = defaults.collation;
  if (defaults?.options) out.options = { ...defaults.options };
  if (t.primaryKey) {
    const pkName = ctx.to.primaryKeyName(t.name) ?? name('key', ctx.from.primaryKeyName(t.name) !== undefined ? `${t.name}_pkey` : t.primaryKey.name, `${t.name}_pkey`);
    out.primaryKey = { name: pkName, columns: t.primaryKey.columns };
  }
  const uniques = (t.uniques ?? []).map((u): UniqueConstraint => ({ name: name('key', u.name, `${t.name}_${u.name}`), columns: u.columns }));
  if (uniques.length) out.uniques = uniques;
  const fks = (t.foreignKeys ?? []).map((fk) => foreignKey(ctx, t, fk, name('foreign key', fk.name, `${t.name}_${fk.name}`)));
  if (fks.length) out.foreignKeys = fks;
  const checks = (t.checks ?? []).flatMap((c) => check(ctx, t, c));
  if (checks.length) out.checks = checks;
  const indexes = (t.indexes ?? []).flatMap((ix) => index(ctx, t, out, ix, name));
  if (indexes.length) out.indexes = indexes;
  const deps = [...new Set([...fks.map((f) => f.references).filter((r) => r !== out.id), ...enumRefs(out)])].sort();
  if (deps.length) out.dependsOn = deps;
  reportLeftOut(ctx, t);
  return out;
}

function enumRefs(t: Table): string[] {
  return t.columns.flatMap((c) => {
    const l = c.type.logical.kind === 'array' ? c.type.logical.of : c.type.logical;
    return l.kind === 'enum' && l.ref ? [l.ref] : [];
  });
}

function foreignKey(ctx: TranslationContext, t: Table, fk: ForeignKey, name: string): ForeignKey {
  const id = objectId(t.schema, t.name, fk.name);
  const unsupported = (action: ForeignKey['onDelete']) => (action === 'set-default' && !ctx.to.fields.setDefaultAction ? 'no-action' : action);
  const onDelete = unsupported(fk.onDelete);
  const onUpdate = unsupported(fk.onUpdate);
  if (onDelete !== fk.onDelete || onUpdate !== fk.onUpdate) ctx.note({ object: id, kind: 'constraint', from: 'set-default', to: 'no-action', reason: 'the target has no set-default referential action' });
  if (fk.match !== 'simple') ctx.note({ object: id, kind: 'constraint', from: `match ${fk.match}`, to: 'match simple', reason: 'the target matches keys with NULLs as simple' });
  if (fk.deferrable && !ctx.to.fields.deferrable) ctx.note({ object: id, kind: 'constraint', from: 'deferrable', reason: 'the target checks foreign keys at once' });
  return {
    name,
    columns: fk.columns,
    references: ctx.mapId(fk.references),
    referencedColumns: fk.referencedColumns,
    onDelete,
    onUpdate,
    match: 'simple',
    ...(fk.deferrable && ctx.to.fields.deferrable ? { deferrable: true, ...(fk.initiallyDeferred ? { initiallyDeferred: true } : {}) } : {}),
  };
}

function check(ctx: TranslationContext, t: Table, c: CheckConstraint): CheckConstraint[] {
  const simple = ctx.from.readCheck(c.expression);
  const col = simple && t.columns.find((x) => x.name === simple.column);
  if (!simple || !col) {
    ctx.note({ object: objectId(t.schema, t.name, c.name), kind: 'check', from: c.expression, reason: 'not a simple comparison of a column with a literal: SQL of the source dialect, left out' });
    return [];
  }
  return [{ name: c.name, expression: ctx.to.writeCheck(simple, col.type) }];
}

function index(ctx: TranslationContext, t: Table, target: Table, ix: Index, name: (kind: string, n: string, fallback: string) => string): Index[] {
  const id = objectId(t.schema, t.name, ix.name);
  const drop = (reason: string) => {
    ctx.note({ object: id, kind: 'index', from: ix.definition, reason: `${reason}: left out` });
    return [];
  };
  if (ix.keys.some((k) => k.expression !== undefined)) return drop('an expression key is SQL of the source dialect');
  if (ix.predicate) return drop('a partial index\'s predicate is SQL of the source dialect');
  const method = ix.method.toLowerCase();
  if (!ctx.to.indexMethods.includes(method)) return drop(`the target has no ${method} indexes`);
  if (ix.keys.some((k) => k.opclass || k.collation || k.nulls)) ctx.note({ object: id, kind: 'index', reason: 'operator classes, collations and NULLS FIRST/LAST of its keys are not kept' });
  const prefixed = ix.keys.some((k) => k.length !== undefined);
  if (prefixed && !ctx.to.fields.prefixKeys) ctx.note({ object: id, kind: 'index', reason: 'prefix keys (the first n characters) index the whole column on the target' });
  if (ix.include?.length && !ctx.to.fields.include) ctx.note({ object: id, kind: 'index', from: `include (${ix.include.join(', ')})`, reason: 'the target has no included columns: left out of the index' });
  if (ix.invisible && !ctx.to.fields.invisible) ctx.note({ object: id, kind: 'index', reason: 'the target has no invisible indexes: the index is used' });
  const keys = ix.keys.map((k) => ({ column: k.column as string, ...(k.order ? { order: k.order } : {}), ...(k.length !== undefined && ctx.to.fields.prefixKeys ? { length: k.length } : {}) }));
  const draft: Draft<Index> = { name: name('index', ix.name, `${t.name}_${ix.name}`), unique: ix.unique, method, keys, definition: '' };
  if (ix.include?.length && ctx.to.fields.include) draft.include = ix.include;
  if (ix.invisible && ctx.to.fields.invisible) draft.invisible = true;
  if (ix.comment) draft.comment = ix.comment;
  draft.definition = ctx.to.indexDefinition(target, draft);
  return [draft];
}

/** Members and settings of the source table the translation leaves out, each reported. */
function reportLeftOut(ctx: TranslationContext, t: Table): void {
  const not = (what: string, reason: string, object = t.id) => ctx.note({ object, kind: 'object', from: what, reason });
  for (const trg of t.triggers ?? []) not(`trigger ${trg.name}`, 'a trigger is SQL of the source dialect: not translated', objectId(t.schema, t.name, trg.name));
  for (const p of t.policies ?? []) not(`policy ${p.name}`, 'row-level security policies are not translated', objectId(t.schema, t.name, p.name));
  for (const x of t.exclusions ?? []) not(`exclusion ${x.name}`, 'exclusion constraints are not translated', objectId(t.schema, t.name, x.name));
  if (t.partitioning) not(`PARTITION BY ${t.partitioning.key}`, 'partitioning is not translated: the table is not partitioned');
  if (t.partitionOf) not(`partition of ${t.partitionOf.parent}`, 'a partition becomes a table of its own');
  if (t.inherits?.length) not(`INHERITS (${t.inherits.join(', ')})`, 'inheritance is not translated');
  if (t.unlogged) not('UNLOGGED', 'the table is logged on the target');
  if (t.grants?.length) not('grants', 'grants name roles of the source server: not translated');
}
