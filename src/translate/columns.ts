/**
 * One column into the target engine: its type through the logical type (or `--type`),
 * its counter (an identity, an auto-increment, a serial's own sequence), its default through
 * the portable form, and the fields the target has. What changes is reported.
 */
import { objectId, type Column, type ColumnType, type LogicalType, type Table } from '../../unified-model/index.js';
import type { TypeTranslation } from '../../adapters/types.js';
import type { TranslationContext } from './context.js';

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** The id of the sequence a column's default takes its next value from, when the default is one. */
function defaultSequence(ctx: TranslationContext, schema: string, col: Column): string | undefined {
  if (col.default === undefined) return undefined;
  const d = ctx.from.readDefault(col.default, col.type);
  if (d?.kind !== 'sequence') return undefined;
  return d.sequence.includes('.') ? d.sequence : objectId(schema, d.sequence);
}

/**
 * The sequence that is a column's counter: the one its default takes the next value
 * from, when that sequence is owned by this column, or owned by none and no other
 * column's default uses it (a serial written by hand). A shared sequence is not.
 */
export function counterSequence(ctx: TranslationContext, table: Table, col: Column): string | undefined {
  const id = defaultSequence(ctx, table.schema, col);
  const seq = id ? ctx.source.objects.find((o) => o.kind === 'sequence' && o.id === id) : undefined;
  if (seq?.kind !== 'sequence') return undefined;
  const self = objectId(table.schema, table.name, col.name);
  if (seq.ownedBy !== undefined) return seq.ownedBy === self ? seq.id : undefined;
  const users = ctx.source.objects.flatMap((o) => (o.kind === 'table' ? o.columns.filter((c) => defaultSequence(ctx, o.schema, c) === seq.id) : []));
  return users.length === 1 ? seq.id : undefined;
}

/** An enum's labels from the source's named type, and the target's named type when it has them. */
function resolvedLogical(ctx: TranslationContext, table: Table, col: Column, l: LogicalType): LogicalType {
  if (l.kind === 'array') return { kind: 'array', of: resolvedLogical(ctx, table, col, l.of) };
  // no precision means the engine's default: spelled out where the target's keeps fewer digits
  if ((l.kind === 'time' || l.kind === 'timestamp') && l.precision === undefined && ctx.from.defaultTimePrecision > ctx.to.defaultTimePrecision) {
    return { ...l, precision: ctx.from.defaultTimePrecision };
  }
  if (l.kind !== 'enum') return l;
  const named = l.ref ? ctx.source.objects.find((o) => o.id === l.ref) : undefined;
  const values = l.values ?? (named?.kind === 'enum' ? named.values : []);
  if (!ctx.to.namedEnums) return { kind: 'enum', values, ...(l.ref ? { ref: l.ref } : {}) };
  if (l.ref) return { kind: 'enum', ref: ctx.mapId(l.ref), values };
  // an inline enum becomes a type of its own, named after its column
  const schema = ctx.schemas.get(table.schema) as string;
  const name = ctx.claim(schema, `${table.name}_${col.name}`, `${table.name}_${col.name}_enum`);
  const id = objectId(schema, name);
  ctx.newEnums.set(id, { kind: 'enum', id, schema, name, values });
  return { kind: 'enum', ref: id, values };
}

function targetType(ctx: TranslationContext, table: Table, col: Column, keyed: boolean): TypeTranslation {
  const override = ctx.override(table.name, col.name);
  if (override) return { type: ctx.to.typeOf(override.native), exact: true };
  return ctx.to.columnType(resolvedLogical(ctx, table, col, col.type.logical), { keyed });
}

/** The target column, or the reasons it is not exact in `ctx.report`. */
export function translateColumn(ctx: TranslationContext, table: Table, col: Column, keyed: boolean): Column {
  const id = objectId(table.schema, table.name, col.name);
  const sequence = counterSequence(ctx, table, col);
  const counter = col.identity !== undefined || col.autoIncrement === true || sequence !== undefined;
  let t = targetType(ctx, table, col, keyed);
  if (counter && ctx.to.counterType && !override(ctx, table, col)) {
    const want = ctx.to.columnType(ctx.to.counterType, { keyed });
    if (want.type.native !== t.type.native) t = { ...want, exact: false, note: `${t.note ? `${t.note}; ` : ''}a counter column is ${want.type.native} on the target` };
  } else if (counter && t.type.logical.kind !== 'integer') {
    // a counter must stay a whole number on the target: the widest signed integer holds it
    t = { ...ctx.to.columnType({ kind: 'integer', bits: 64 }, { keyed }), exact: false, note: `${t.note ?? col.type.native}; a counter column must be an integer: the widest signed one` };
  }
  if (!t.exact || override(ctx, table, col)) {
    ctx.note({ object: id, target: objectId(ctx.schemas.get(table.schema) as string, table.name, col.name), kind: 'type', from: col.type.native, to: t.type.native, reason: override(ctx, table, col) ? 'set by --type' : (t.note ?? 'not exact') });
  }
  const out: Draft<Column> = { name: col.name, type: t.type, nullable: col.nullable };
  if (counter) addCounter(ctx, id, col, out, sequence);
  else if (col.default !== undefined) addDefault(ctx, id, col, out.type, out);
  if (col.generated) ctx.note({ object: id, kind: 'column', from: `generated as (${col.generated.expression})`, reason: 'a generated column\'s expression is SQL of the source dialect: the column is a plain column on the target' });
  if (col.onUpdate) {
    const now = ctx.from.readDefault(col.onUpdate, col.type);
    const written = ctx.to.fields.onUpdate && now ? ctx.to.writeDefault(now, out.type) : undefined;
    if (written) out.onUpdate = written;
    else ctx.note({ object: id, kind: 'column', from: `on update ${col.onUpdate}`, reason: 'the target sets no value on update by itself (a trigger would): left out' });
  }
  if (col.invisible) {
    if (ctx.to.fields.invisible) out.invisible = true;
    else ctx.note({ object: id, kind: 'column', from: 'invisible', reason: 'the target has no invisible columns: the column is visible' });
  }
  if (col.collation) ctx.note({ object: id, kind: 'column', from: `collation ${col.collation}`, reason: 'collations are named differently on each engine: the target default is used' });
  if (col.comment) out.comment = col.comment;
  return out;
}

const override = (ctx: TranslationContext, table: Table, col: Column) => ctx.override(table.name, col.name) !== undefined;

function addCounter(ctx: TranslationContext, id: string, col: Column, out: Draft<Column>, sequence: string | undefined): void {
  if (sequence) ctx.consumedSequences.add(sequence);
  const from = col.identity ? `identity (${col.identity.generation})` : col.autoIncrement ? ctx.from.counterWords : `default ${col.default}`;
  const to = ctx.to.counterWords;
  const becomes = sequence ? `the serial column's sequence ${sequence} became the column's counter` : '';
  if (ctx.to.counter === 'identity') {
    out.identity = col.identity ?? { generation: 'by-default' };
    if (!col.identity) ctx.note({ object: id, kind: 'default', from, to, reason: becomes || 'the counter became an identity' });
    return;
  }
  out.autoIncrement = true;
  const reasons = [
    ...(col.identity?.generation === 'always' ? ['explicit values are accepted (GENERATED ALWAYS refused them)'] : []),
    ...(col.identity && Object.keys(col.identity).some((k) => k !== 'generation') ? ['identity options (start, increment, bounds) are not kept'] : []),
    ...(becomes ? [becomes] : []),
  ];
  if (reasons.length) ctx.note({ object: id, kind: 'default', from, to, reason: reasons.join('; ') });
}

function addDefault(ctx: TranslationContext, id: string, col: Column, type: ColumnType, out: Draft<Column>): void {
  const portable = ctx.from.readDefault(col.default as string, col.type);
  if (portable?.kind === 'null') return;
  const written = portable ? ctx.to.writeDefault(portable, type) : undefined;
  if (written !== undefined) {
    out.default = written;
    return;
  }
  const reason =
    portable?.kind === 'sequence' ? `the next value of sequence ${portable.sequence}, which is not this column's own counter: the target has no such default, left out`
    : portable ? `the target cannot have this default on a ${type.native} column: left out`
    : 'the default is an expression of the source dialect: left out';
  ctx.note({ object: id, kind: 'default', from: col.default, reason });
}
