/**
 * What happens to one source row on its way into the target table: each value converted
 * from the source column's logical type to the target column's (values/convert.ts), then
 * the column's transform, if any. A value that fails either stops the job before its
 * batch is written: nothing untransformed or silently changed reaches the target.
 */
import type { DataTable, PortableValue } from '../../../adapters/types.js';
import type { Column } from '../../../unified-model/index.js';
import { usageError } from '../../errors.js';
import type { TableMapping } from '../target-schema.js';
import { compileTransform, parseTransformSpec, type TransformFn } from '../transforms/index.js';
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
}

export interface TransformSetup {
  /** `TABLE.COLUMN` (table with or without schema, as the source names it) → spec. */
  readonly transforms?: Readonly<Record<string, string>>;
  readonly deterministic: boolean;
  readonly salt?: Buffer;
}

const column = (cols: readonly Column[], name: string) => cols.find((c) => c.name === name) as Column;

/** The compiled transforms of every table, checked before any row is read: each must name a column the job copies. */
export function compileTransforms(tables: readonly TableMapping[], setup: TransformSetup): Map<string, Map<string, TransformFn>> {
  const out = new Map<string, Map<string, TransformFn>>();
  for (const [key, text] of Object.entries(setup.transforms ?? {})) {
    const spec = parseTransformSpec(`${key}=${text}`);
    const m = tables.find((t) => spec.table === t.source.name || spec.table === t.source.id);
    if (!m) throw usageError('E_USAGE', `the transform of ${key} names table ${spec.table}, which the job does not copy`, 'fix the relationship\'s transforms in redb.yaml (TABLE.COLUMN as the source names them)');
    if (!m.columns.some((c) => c.source === spec.column)) throw usageError('E_USAGE', `the transform of ${key} names column ${spec.column}, which table ${m.source.id} does not have (or the job does not write)`, 'fix the relationship\'s transforms in redb.yaml');
    const fns = out.get(m.source.id) ?? new Map<string, TransformFn>();
    fns.set(spec.column, compileTransform(spec, { deterministic: setup.deterministic, ...(setup.salt ? { salt: setup.salt } : {}) }));
    out.set(m.source.id, fns);
  }
  return out;
}

export function tablePipeline(mapping: TableMapping, transforms: ReadonlyMap<string, TransformFn> | undefined): TablePipeline {
  const { source, target, columns } = mapping;
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
