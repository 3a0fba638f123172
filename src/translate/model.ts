/**
 * A model of one engine as a model of another, through the logical types: the walk over
 * every object. Tables are translated (tables.ts); enum types follow the target's
 * spelling (named or inline); a serial's sequence becomes its column's counter; views,
 * routines, triggers and whatever else is SQL of the source dialect are reported as not
 * translated, by id.
 */
import { FORMAT_VERSION, objectId, sortById, type DbObject, type Model, type Sequence, type Table } from '../../unified-model/index.js';
import { usageError } from '../errors.js';
import type { TranslationSupport } from '../../adapters/types.js';
import { TranslationContext, type TargetEngine } from './context.js';
import { claimTableName, translateTable } from './tables.js';
import type { TranslateOptions, Translation, TypeOverride } from './types.js';

const SQL_KINDS = new Set(['view', 'materialized-view', 'function', 'procedure', 'aggregate', 'event']);

/**
 * Translates `source` (read with the source engine's support `from`) for `target`.
 *
 * @example translateModel(model, sourceAdapter.translation, targetAdapter) // { model, report }
 */
export function translateModel(source: Model, from: TranslationSupport, target: TargetEngine, options: TranslateOptions = {}): Translation {
  const ctx = new TranslationContext(source, from, target, options);
  for (const o of options.overrides ?? []) checkOverride(source, ctx, o);
  const objects: DbObject[] = [];
  const inScope = source.objects.filter((o) => o.kind === 'extension' || ctx.inScope(o.kind === 'schema' ? o.name : o.schema));
  for (const o of source.objects) if (!inScope.includes(o)) ctx.note({ object: o.id, kind: 'object', reason: `in schema ${o.kind === 'schema' ? o.name : 'schema' in o ? o.schema : ''}, which is not translated (--schema)` });
  // names the source already has come first: what the translation adds yields to them
  for (const o of inScope) if (o.kind === 'table' || o.kind === 'enum' || o.kind === 'sequence') claimTableName(ctx, o);
  for (const o of inScope) {
    if (o.kind === 'table') objects.push(translateTable(ctx, o));
    else if (o.kind === 'enum' && target.translation.namedEnums) objects.push({ kind: 'enum', id: ctx.mapId(o.id), schema: ctx.schemas.get(o.schema) as string, name: o.name, values: o.values, ...(o.comment ? { comment: o.comment } : {}) });
    else if (o.kind === 'enum') ctx.note({ object: o.id, kind: 'object', reason: 'the target has no enum types of its own: each column using it is translated on its own (see its entry)' });
    else if (SQL_KINDS.has(o.kind)) ctx.note({ object: o.id, kind: 'object', reason: `a ${o.kind} is SQL of the source dialect: not translated` });
    else if (o.kind !== 'schema' && o.kind !== 'sequence') ctx.note({ object: o.id, kind: 'object', reason: `${o.kind} objects are not translated` });
  }
  matchForeignKeyTypes(ctx, objects);
  // sequences last: a serial column's own sequence became its counter
  for (const o of inScope) if (o.kind === 'sequence' && !ctx.consumedSequences.has(o.id)) objects.push(...sequence(ctx, o));
  objects.push(...ctx.newEnums.values());
  if (target.namespaces.kind === 'schemas') {
    for (const schema of new Set(ctx.schemas.values())) objects.push({ kind: 'schema', id: objectId(schema), name: schema });
  }
  return { model: { formatVersion: FORMAT_VERSION, dialect: target.dialect, objects: sortById(objects) }, report: ctx.report };
}

/**
 * A foreign key's integer columns take the type of the columns they reference: some
 * engines refuse a key between a 32-bit and a 64-bit integer, and a source whose engine
 * does not compare widths may have had one.
 */
function matchForeignKeyTypes(ctx: TranslationContext, objects: DbObject[]): void {
  const tables = new Map(objects.filter((o): o is Table => o.kind === 'table').map((t) => [t.id, t]));
  for (const [i, o] of objects.entries()) {
    if (o.kind !== 'table' || !o.foreignKeys?.length) continue;
    const columns = o.columns.map((c) => {
      for (const fk of o.foreignKeys ?? []) {
        const at = fk.columns.indexOf(c.name);
        const ref = at === -1 ? undefined : tables.get(fk.references)?.columns.find((r) => r.name === fk.referencedColumns[at]);
        if (!ref || ref.type.native === c.type.native || ref.type.logical.kind !== 'integer' || c.type.logical.kind !== 'integer') continue;
        const source = ctx.source.objects.find((s) => s.kind === 'table' && ctx.mapId(s.id) === o.id);
        ctx.note({ object: `${source?.id ?? o.id}.${c.name}`, target: `${o.id}.${c.name}`, kind: 'type', from: c.type.native, to: ref.type.native, reason: `a foreign key column takes the type of the column it references (${fk.references}.${ref.name})` });
        return { ...c, type: ref.type };
      }
      return c;
    });
    objects[i] = { ...o, columns };
  }
}

/** A `--type` must name a column of a translated table: a typo is an error, never a silent no-op. */
function checkOverride(source: Model, ctx: TranslationContext, o: TypeOverride): void {
  const tables = source.objects.filter((t): t is Table => t.kind === 'table' && ctx.inScope(t.schema));
  const table = tables.find((t) => t.name === o.table);
  if (!table) throw usageError('E_USAGE', `--type ${o.table}.${o.column}=${o.native}: the source has no table ${o.table}`, `name a table as the source names it: ${tables.slice(0, 5).map((t) => t.name).join(', ')}${tables.length > 5 ? ', …' : ''}`);
  if (!table.columns.some((c) => c.name === o.column)) throw usageError('E_USAGE', `--type ${o.table}.${o.column}=${o.native}: table ${table.id} has no column ${o.column}`, `its columns: ${table.columns.map((c) => c.name).join(', ')}`);
}

function sequence(ctx: TranslationContext, s: Sequence): DbObject[] {
  if (!ctx.to.sequences) {
    ctx.note({ object: s.id, kind: 'object', reason: 'the target has no sequences: not translated (a column numbered by it keeps its values but no counter)' });
    return [];
  }
  const type = ctx.to.columnType(s.type.logical, { keyed: false }).type;
  const { ownedBy: _owner, ...rest } = s;
  return [{ ...rest, id: ctx.mapId(s.id), schema: ctx.schemas.get(s.schema) as string, type }];
}
