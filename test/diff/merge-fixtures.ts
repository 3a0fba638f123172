/** Small models for the merge tests: tables, columns, enums, views and foreign keys as an engine would read them. */
import { canonicalModel, FORMAT_VERSION, objectId, type Column, type DbObject, type EnumType, type ForeignKey, type Model, type Table, type View } from '../../unified-model/index.js';

export const int = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { native: 'integer', logical: { kind: 'integer', bits: 32 } }, nullable: true, ...extra });
export const text = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { native: 'text', logical: { kind: 'text' } }, nullable: true, ...extra });
export const bigint = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, nullable: true, ...extra });

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { kind: 'table', id: objectId('public', name), schema: 'public', name, columns, primaryKey: { name: `${name}_pkey`, columns: [columns[0].name] }, ...extra };
}

export function fk(name: string, columns: string[], references: string, referencedColumns: string[]): ForeignKey {
  return { name, columns, references: objectId('public', references), referencedColumns, onDelete: 'no-action', onUpdate: 'no-action', match: 'simple' };
}

export function enumType(name: string, values: string[]): EnumType {
  return { kind: 'enum', id: objectId('public', name), schema: 'public', name, values };
}

export function view(name: string, definition: string, reads: Record<string, string[]>): View {
  const deps = Object.keys(reads).map((t) => objectId('public', t));
  return {
    kind: 'view', id: objectId('public', name), schema: 'public', name, definition, columns: [],
    dependsOn: deps, dependsOnColumns: Object.entries(reads).map(([t, columns]) => ({ id: objectId('public', t), columns })),
  };
}

export function model(...objects: DbObject[]): Model {
  return canonicalModel({ formatVersion: FORMAT_VERSION, dialect: 'postgres', objects });
}

/** A table of a model by name. */
export function tableOf(m: Model, name: string): Table {
  const t = m.objects.find((o) => o.id === objectId('public', name));
  if (!t || t.kind !== 'table') throw new Error(`no table ${name}`);
  return t;
}
