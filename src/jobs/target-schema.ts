/**
 * The schema a job creates on its target (migration and replication): the source's live
 * model, limited to the relationship's tables and what they need, tables renamed by its
 * map, translated when the engines differ and then built on a scratch database of the
 * target engine, so the model is in the target's normal form (what a deploy verifies).
 *
 * `loadingModel` is the same model without what slows a bulk load or refuses rows in any
 * order (foreign keys, secondary indexes, unique constraints, triggers, views): the copy
 * loads into it, then the full model is deployed over it. Primary keys stay: the copy
 * reads, resumes and verifies in key order.
 */
import { readSchema } from '../../adapters/read-schema.js';
import type { Adapter, Connection, TranslationSupport } from '../../adapters/types.js';
import { objectId, sortById, splitId, type Column, type DbObject, type LogicalType, type Model, type Table } from '../../unified-model/index.js';
import { usageError } from '../errors.js';
import { normalizeOnScratch, translateModel, type ReportEntry } from '../translate/index.js';

/** One table the job moves: where it comes from, where it goes, and which columns. */
export interface TableMapping {
  readonly source: Table;
  readonly target: Table;
  /** Source column → target column, in the target's column order; generated target columns are left out (never written). */
  readonly columns: readonly { readonly source: string; readonly target: string }[];
}

export interface TargetSchema {
  /** The full target model (after the load: indexes, unique constraints, foreign keys). */
  readonly model: Model;
  /** What the translation (or the table filter) left out or changed. */
  readonly report: readonly ReportEntry[];
  /** Per source table id, in the source model's order. */
  readonly tables: readonly TableMapping[];
  /** Whether the engines differ (the model was translated). */
  readonly translated: boolean;
}

export interface TargetSchemaRequest {
  readonly source: { readonly adapter: Adapter; readonly conn: Connection };
  readonly target: { readonly adapter: Adapter; readonly url: string };
  /** Source table names, with or without schema (`users`, `public.users`); absent: every table. */
  readonly tables?: readonly string[];
  /** Source table (with or without schema) → target table name. */
  readonly map?: Readonly<Record<string, string>>;
  /** Source ids the job itself keeps on the source and must not copy (none for a migration). */
  readonly exclude?: readonly string[];
}

/** Objects that are SQL of the source dialect and run or refuse on their own: same engine only, and only for a whole database. */
const SQL_KINDS = new Set<DbObject['kind']>(['view', 'materialized-view', 'function', 'procedure', 'aggregate', 'event']);

const matchesTable = (name: string, t: { schema: string; name: string }) => name === t.name || name === `${t.schema}.${t.name}`;

/** The enum type ids a logical type names (an array of enums too). */
function enumRefs(l: LogicalType): string[] {
  if (l.kind === 'enum' && l.ref) return [l.ref];
  if (l.kind === 'array') return enumRefs(l.of);
  return [];
}

/** A table's dependencies once the foreign keys in `dropped` are gone: the tables they referenced are no longer needed first. */
function withoutReferences(t: Table, dropped: readonly { references: string }[]): Pick<Table, 'dependsOn'> {
  const gone = new Set(dropped.map((fk) => fk.references).filter((id) => !(t.foreignKeys ?? []).some((fk) => fk.references === id && !dropped.includes(fk))));
  const dependsOn = (t.dependsOn ?? []).filter((id) => !gone.has(id));
  return dependsOn.length ? { dependsOn } : {};
}

/** `rel.tables` applied: the tables named, and of the rest only what they need. */
function limitToTables(model: Model, names: readonly string[], report: ReportEntry[]): Model {
  const tables = model.objects.filter((o): o is Table => o.kind === 'table');
  for (const n of names) {
    if (!tables.some((t) => matchesTable(n, t))) {
      throw usageError('E_USAGE', `the relationship names table ${n}, which the source does not have`, `its tables: ${tables.map((t) => t.id).slice(0, 20).join(', ') || '(none)'}; fix it in redb.yaml (relationships → tables)`);
    }
  }
  const kept = new Set(tables.filter((t) => names.some((n) => matchesTable(n, t))).map((t) => t.id));
  const columnsOf = tables.filter((t) => kept.has(t.id)).flatMap((t) => t.columns.map((c) => ({ t, c })));
  const enums = new Set(columnsOf.flatMap(({ c }) => enumRefs(c.type.logical)));
  const owned = (id: string) => kept.has(objectId(...splitId(id).slice(0, 2)));
  const objects: DbObject[] = [];
  for (const o of model.objects) {
    if (o.kind === 'table') {
      if (!kept.has(o.id)) continue;
      const fks = (o.foreignKeys ?? []).filter((fk) => {
        if (kept.has(fk.references)) return true;
        report.push({ object: `${o.id}.${fk.name}`, kind: 'constraint', reason: `references ${fk.references}, which is not among the relationship's tables: left out` });
        return false;
      });
      if (o.triggers?.length) for (const tr of o.triggers) report.push({ object: `${o.id}.${tr.name}`, kind: 'object', reason: 'a trigger runs functions of its own: left out when the relationship lists its tables' });
      const { triggers: _t, foreignKeys: _f, dependsOn: _d, ...rest } = o;
      objects.push({ ...rest, ...withoutReferences(o, (o.foreignKeys ?? []).filter((fk) => !fks.includes(fk))), ...(fks.length ? { foreignKeys: fks } : {}) });
    } else if (o.kind === 'enum') {
      if (enums.has(o.id)) objects.push(o);
    } else if (o.kind === 'sequence') {
      const usedByDefault = columnsOf.some(({ c }) => c.default?.includes(o.name));
      if ((o.ownedBy && owned(o.ownedBy)) || usedByDefault) objects.push(o);
    } else if (SQL_KINDS.has(o.kind)) {
      report.push({ object: o.id, kind: 'object', reason: `a ${o.kind} is left out when the relationship lists its tables` });
    } else objects.push(o);
  }
  return { ...model, objects };
}

/**
 * `rel.map` applied on the source model (before any translation): a renamed table keeps its
 * columns and keys; foreign keys, dependencies and owned sequences follow the new id, and
 * index definitions (which name their table) are written again by the engine's translation.
 */
function renameTables(model: Model, map: Readonly<Record<string, string>>, translation: TranslationSupport | undefined, report: ReportEntry[]): { model: Model; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  const tables = model.objects.filter((o): o is Table => o.kind === 'table');
  for (const [from, to] of Object.entries(map)) {
    const t = tables.find((x) => matchesTable(from, x));
    if (!t) throw usageError('E_USAGE', `the relationship maps table ${from}, which the source does not have`, 'fix it in redb.yaml (relationships → map)');
    const [schema, name] = to.includes('.') ? (to.split('.', 2) as [string, string]) : [t.schema, to];
    renamed.set(t.id, objectId(schema, name));
  }
  if (!renamed.size) return { model, renamed };
  const newId = (id: string) => renamed.get(id) ?? id;
  const objects = model.objects.map((o): DbObject => {
    if (o.kind === 'sequence' && o.ownedBy) {
      const [s, t, c] = splitId(o.ownedBy);
      return { ...o, ownedBy: objectId(...splitId(newId(objectId(s, t))), c) };
    }
    if (o.kind !== 'table') return o;
    const id = newId(o.id);
    const [schema, name] = splitId(id);
    const table: Table = {
      ...o, id, schema, name,
      ...(o.foreignKeys ? { foreignKeys: o.foreignKeys.map((fk) => ({ ...fk, references: newId(fk.references) })) } : {}),
      ...(o.dependsOn ? { dependsOn: o.dependsOn.map(newId) } : {}),
    };
    if (id === o.id || !table.indexes?.length) return table;
    // an index's definition names its table: written again for the new name, where the engine can
    const indexes = table.indexes.filter((ix) => {
      if (translation && ix.keys.every((k) => k.column && !k.expression) && !ix.predicate) return true;
      report.push({ object: `${o.id}.${ix.name}`, kind: 'index', from: ix.definition, reason: `table renamed to ${id}: an index on expressions or with a predicate is left out` });
      return false;
    }).map((ix) => ({ ...ix, definition: translation!.indexDefinition(table, ix) }));
    return { ...table, indexes };
  });
  return { model: { ...model, objects: sortById(objects) }, renamed };
}

/** Generated columns are computed by the target: never written. */
const writable = (c: Column) => !c.generated;

function mappings(source: Model, target: Model, renamed: ReadonlyMap<string, string>, translated: boolean): TableMapping[] {
  const targets = target.objects.filter((o): o is Table => o.kind === 'table');
  return source.objects.filter((o): o is Table => o.kind === 'table').map((s) => {
    const id = renamed.get(s.id) ?? s.id;
    const [, name] = splitId(id);
    // between engines the schema is mapped (public → main …): one source schema goes into one target schema, names stay
    const t = translated ? targets.find((x) => x.name === name) : targets.find((x) => x.id === id);
    if (!t) throw usageError('E_TRANSLATE', `table ${s.id} has no table on the target after translation`, 'report it as a bug of redb, with the table\'s definition');
    const columns = t.columns.filter(writable).flatMap((c) => (s.columns.some((x) => x.name === c.name) ? [{ source: c.name, target: c.name }] : []));
    return { source: s, target: t, columns };
  });
}

/**
 * The target model of a job, and how each source table maps onto it.
 *
 * @example const schema = await targetSchema({ source: src, target: { adapter, url }, tables: rel.tables, map: rel.map });
 */
export async function targetSchema(req: TargetSchemaRequest): Promise<TargetSchema> {
  const { adapter: from } = req.source;
  const to = req.target.adapter;
  const report: ReportEntry[] = [];
  let model = await readSchema(from, req.source.conn);
  if (req.exclude?.length) model = { ...model, objects: model.objects.filter((o) => !req.exclude!.includes(o.id)) };
  if (req.tables?.length) model = limitToTables(model, req.tables, report);
  const sourceModel = model;
  const translated = from.dialect !== to.dialect;
  const { model: renamedModel, renamed } = renameTables(model, req.map ?? {}, (translated ? from : to).translation, report);
  model = renamedModel;
  if (translated) {
    if (!from.translation || !to.translation) throw usageError('E_UNSUPPORTED', `redb cannot translate ${from.dialect} schemas to ${to.dialect}`, 'migrate between engines whose adapters translate (docs/jobs.md, "Translation")');
    const t = translateModel(model, from.translation, { dialect: to.dialect, namespaces: to.namespaces, translation: to.translation });
    report.push(...t.report);
    model = t.model;
  }
  // built on a scratch database beside the target: the model is exactly what a deploy of it finds
  if (translated || renamed.size) model = (await normalizeOnScratch(to, model, req.target.url)).model;
  return { model, report, tables: mappings(sourceModel, model, renamed, translated), translated };
}

/** The model the copy loads into: tables with their primary keys only, nothing that checks or slows rows as they arrive. */
export function loadingModel(model: Model): Model {
  const objects = model.objects.flatMap((o): DbObject[] => {
    if (o.kind === 'view' || o.kind === 'materialized-view' || o.kind === 'event') return [];
    if (o.kind !== 'table') return [o];
    const { foreignKeys: _f, uniques: _u, indexes: _i, triggers: _t, dependsOn: _d, ...rest } = o;
    return [{ ...rest, ...withoutReferences(o, o.foreignKeys ?? []) }];
  });
  return { ...model, objects };
}
