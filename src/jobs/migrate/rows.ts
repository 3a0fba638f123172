/**
 * What happens to one source row on its way into the target table: each value converted
 * from the source column's logical type to the target column's (values/convert.ts), then
 * the column's transform, if any. A value that fails either stops the job before its
 * batch is written: nothing untransformed or silently changed reaches the target.
 */
import type { DataSupport, DataTable, PortableValue, RawData } from '../../../adapters/types.js';
import type { Column } from '../../../unified-model/index.js';
import type { TableMapping } from '../target-schema.js';
import type { TransformFn } from '../transforms/index.js';
import { compileRowTransforms, type TransformSetup } from '../row-transform.js';
import { canonical, type Canonical } from '../values/digest.js';
import { converter, type Converter } from '../values/convert.js';

export interface TablePipeline {
  readonly mapping: TableMapping;
  readonly read: DataTable;
  readonly write: DataTable;
  /** Canonical encoders of the written columns, for chunk digests. */
  readonly canon: readonly Canonical[];
  /** The source row as the target row. */
  apply(row: readonly PortableValue[]): PortableValue[];
  /** Set when rows move in the engine's bulk format, unchanged (rawPath). */
  readonly raw?: RawData;
}

export type { TransformSetup } from '../row-transform.js';

const column = (cols: readonly Column[], name: string) => cols.find((c) => c.name === name) as Column;

/** The compiled transforms of every table, checked before any row is read: each must name a column the job copies (row-transform.ts). */
export function compileTransforms(tables: readonly TableMapping[], setup: TransformSetup): Map<string, Map<string, TransformFn>> {
  const compiled = compileRowTransforms(tables.map((m) => ({ id: m.source.id, name: m.source.name, columns: m.columns.map((c) => c.source) })), setup);
  return new Map([...compiled].map(([id, cols]) => [id, new Map([...cols].map(([c, { fn }]) => [c, fn]))]));
}

/**
 * The bulk-format copy (DataSupport.raw) where nothing changes on the way: both ends on
 * the same adapter, every column typed alike on both, no transform, and the key among
 * the columns moved (a batch's last key is read from its last row).
 */
function rawPath(mapping: TableMapping, data: { source: DataSupport; target: DataSupport }, transformed: boolean): RawData | undefined {
  const raw = data.source.raw;
  if (!raw || raw !== data.target.raw || transformed) return undefined;
  const { source, target, columns } = mapping;
  const key = source.primaryKey?.columns ?? [];
  if (!key.length || key.some((k) => !columns.some((c) => c.source === k))) return undefined;
  const alike = columns.every((c) => column(source.columns, c.source).type.native === column(target.columns, c.target).type.native);
  return alike ? raw : undefined;
}

export function tablePipeline(mapping: TableMapping, transforms: ReadonlyMap<string, TransformFn> | undefined, data: { source: DataSupport; target: DataSupport }): TablePipeline {
  const { source, target, columns } = mapping;
  const raw = rawPath(mapping, data, !!transforms?.size);
  const types = columns.map((c) => ({ from: column(source.columns, c.source).type.logical, to: column(target.columns, c.target).type.logical }));
  const convert: Converter[] = columns.map((c, i) => converter(types[i].from, types[i].to, `${source.name}.${c.source}`));
  // a transform's result is a JS value of its own making: brought back to the target type's portable form
  const transform = columns.map((c, i) => {
    const fn = transforms?.get(c.source);
    if (!fn) return undefined;
    const back = converter(types[i].to, types[i].to, `${source.name}.${c.source}`);
    return (v: PortableValue, row: Record<string, unknown>) => back(fn(v, row) as PortableValue);
  });
  const anyTransform = transform.some(Boolean);
  return {
    mapping,
    read: { table: source, columns: columns.map((c) => c.source) },
    write: { table: target, columns: columns.map((c) => c.target) },
    canon: types.map((t) => canonical(t.to)),
    ...(raw ? { raw } : {}),
    apply(row) {
      const out = row.map((v, i) => convert[i](v));
      if (!anyTransform) return out;
      const named: Record<string, unknown> = {};
      columns.forEach((c, i) => (named[c.source] = out[i]));
      for (let i = 0; i < out.length; i++) if (transform[i]) out[i] = transform[i]!(out[i], named);
      return out;
    },
  };
}
