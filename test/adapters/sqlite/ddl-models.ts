/** Small SQLite models for the DDL tests, written as introspection reads them (names the reader would give). */
import { FORMAT_VERSION, type Column, type DbObject, type Model, type Table, type View } from '../../../unified-model/index.js';

export const col = (name: string, native: string, extra: Partial<Column> = {}): Column => ({
  name, type: { native, logical: native.toUpperCase().startsWith('INT') ? { kind: 'integer', bits: 64 } : { kind: 'text' } }, nullable: true, ...extra,
});

export const table = (name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table => ({ kind: 'table', id: `main.${name}`, schema: 'main', name, columns, ...extra });

export const view = (name: string, sql: string, reads: readonly string[]): View => ({
  kind: 'view', id: `main.${name}`, schema: 'main', name, definition: sql, columns: [], dependsOn: reads.map((r) => `main.${r}`),
});

export const model = (...objects: DbObject[]): Model => ({ formatVersion: FORMAT_VERSION, dialect: 'sqlite', objects: [...objects].sort((a, b) => a.id.localeCompare(b.id)) });
