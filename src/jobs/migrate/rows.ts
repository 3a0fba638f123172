/**
 * What happens to one source row on its way into the target table: each value converted
 * from the source column's logical type to the target column's (values/convert.ts), then
 * the column's transform, if any. A value that fails either stops the job before its
 * batch is written: nothing untransformed or silently changed reaches the target.
 */
import type { Connection, DataSupport, DataTable, PortableValue } from '../../../adapters/types.js';
import type { Column, LogicalType } from '../../../unified-model/index.js';
import type { TableMapping } from '../target-schema.js';
import type { TransformFn } from '../transforms/index.js';
import { compileRowTransforms, type TransformSetup } from '../row-transform.js';
import { canonical, type Canonical } from '../values/digest.js';
import { converter, type Converter } from '../values/convert.js';
import { holds } from '../values/holds.js';
import { LineSums } from '../values/line-sums.js';
import type { Chunk } from './checkpoint.js';

/**
 * A batch moved from source to target without node reading a value: how many rows, the
 * last one's key, and the checksum of what was sent where the verification compares the
 * target's with it (ServerCheck `recorded`).
 */
export type BulkCopy = (from: Connection, to: Connection, after: readonly PortableValue[] | undefined, limit: number) => Promise<{ rows: number; last?: readonly PortableValue[]; chunk?: Chunk }>;

/** The verification's checksums of both sides, computed by their servers: of the whole table, or per chunk of rows in key order. */
export type ServerChecksums = (source: Connection, target: Connection, chunkRows?: number) => Promise<[string[], string[]]>;

/**
 * How the verification checks a table without reading it back into node: the two
 * servers' checksums side by side (`source`), or the target server's against the sums
 * of what each batch sent (`recorded`, in the chunks of the checkpoint).
 */
export type ServerCheck =
  | { readonly against: 'source'; readonly checksums: ServerChecksums }
  | { readonly against: 'recorded'; readonly target: (conn: Connection, chunkRows?: number) => Promise<string[]> };

export interface TablePipeline {
  readonly mapping: TableMapping;
  readonly read: DataTable;
  readonly write: DataTable;
  /** Canonical encoders of the written columns, for chunk digests. */
  readonly canon: readonly Canonical[];
  /** The source row as the target row. */
  apply(row: readonly PortableValue[]): PortableValue[];
  /** Set when batches move in bulk, never parsed in node: the engine's bulk format (rawPath) or canonical text (canonicalPath). */
  readonly bulk?: BulkCopy;
  /** Set when the servers compute the verification's checksums: the copy then makes no digest in node. */
  readonly check?: ServerCheck;
}

export type { TransformSetup } from '../row-transform.js';

const column = (cols: readonly Column[], name: string) => cols.find((c) => c.name === name) as Column;

/** The compiled transforms of every table, checked before any row is read: each must name a column the job copies (row-transform.ts). */
export function compileTransforms(tables: readonly TableMapping[], setup: TransformSetup): Map<string, Map<string, TransformFn>> {
  const compiled = compileRowTransforms(tables.map((m) => ({ id: m.source.id, name: m.source.name, columns: m.columns.map((c) => c.source) })), setup);
  return new Map([...compiled].map(([id, cols]) => [id, new Map([...cols].map(([c, { fn }]) => [c, fn]))]));
}

/** The labels of an enum type the model defines apart, by its id (a column's `ref`). */
export type EnumLabels = (ref: string) => readonly string[] | undefined;

/** An enum's type with its labels, where the column names them by reference. */
const labelled = (l: LogicalType, enums: EnumLabels): LogicalType => {
  if (l.kind !== 'enum' || l.values || !l.ref) return l;
  const values = enums(l.ref);
  return values ? { ...l, values } : l;
};

const keyMoved = (mapping: TableMapping) => {
  const key = mapping.source.primaryKey?.columns ?? [];
  return key.length > 0 && key.every((k) => mapping.columns.some((c) => c.source === k));
};

/**
 * The bulk-format copy (DataSupport.raw) where nothing changes on the way: both ends on
 * the same adapter, every column typed alike on both, no transform, and the key among
 * the columns moved (a batch's last key is read from its last row). The servers'
 * checksums are of the first kind both compute (their versions may differ).
 */
function rawPath(mapping: TableMapping, read: DataTable, write: DataTable, data: { source: DataSupport; target: DataSupport }): Pick<TablePipeline, 'bulk' | 'check'> | undefined {
  const raw = data.source.raw;
  if (!raw || raw !== data.target.raw || !keyMoved(mapping)) return undefined;
  const { source, target, columns } = mapping;
  if (!columns.every((c) => column(source.columns, c.source).type.native === column(target.columns, c.target).type.native)) return undefined;
  let kind: Promise<string> | undefined;
  const common = (from: Connection, to: Connection) =>
    (kind ??= Promise.all([raw.checksumKinds(from), raw.checksumKinds(to)]).then(([ours, theirs]) => {
      const k = ours.find((x) => theirs.includes(x));
      if (k === undefined) throw new Error(`internal: the source computes checksums ${ours.join(', ')}, the target ${theirs.join(', ')}: none alike`);
      return k;
    }));
  const checksums: ServerChecksums = async (from, to, chunkRows) => {
    const k = await common(from, to);
    return Promise.all([raw.checksums(from, read, k, chunkRows), raw.checksums(to, write, k, chunkRows)]);
  };
  return { bulk: (from, to, after, limit) => raw.copy(from, to, read, write, after, limit), check: { against: 'source', checksums } };
}

/**
 * Canonical text (DataSupport.canonical) where nothing changes on the way and both
 * servers print every column's values alike: no transform, each target column holding
 * every value of its source column unchanged (values/holds.ts), the key moved. Where the
 * source exports and the target imports the text, batches move as it, and the target's
 * checksum is compared with the sums of the lines sent (values/line-sums.ts); else rows
 * go value by value and the two servers' checksums are compared.
 */
function canonicalPath(mapping: TableMapping, read: DataTable, write: DataTable, data: { source: DataSupport; target: DataSupport }, enums: EnumLabels): Pick<TablePipeline, 'bulk' | 'check'> | undefined {
  const [from, to] = [data.source.canonical, data.target.canonical];
  if (!from || !to || !keyMoved(mapping)) return undefined;
  const fractions = { from: from.fraction, to: to.fraction };
  const alike = mapping.columns.every((c) => {
    const [s, t] = [column(mapping.source.columns, c.source), column(mapping.target.columns, c.target)];
    return from.covers(s) && to.covers(t) && holds(labelled(t.type.logical, enums), labelled(s.type.logical, enums), fractions);
  });
  if (!alike) return undefined;
  const exportRows = from.export;
  const importRows = to.import;
  if (!exportRows || !importRows) {
    return { check: { against: 'source', checksums: (source, target, chunkRows) => Promise.all([from.checksums(source, read, chunkRows), to.checksums(target, write, chunkRows)]) } };
  }
  const bulk: BulkCopy = async (source, target, after, limit) => {
    const sums = new LineSums();
    const moved = await exportRows(source, read, after, limit, (lines) => importRows(target, write, sums.tap(lines)));
    if (sums.rows !== moved.rows) throw new Error(`internal: ${moved.rows} rows exported from ${read.table.id}, ${sums.rows} lines sent`);
    return moved.rows ? { ...moved, chunk: { rows: moved.rows, digest: sums.sum() } } : moved;
  };
  return { bulk, check: { against: 'recorded', target: (conn, chunkRows) => to.checksums(conn, write, chunkRows) } };
}

export function tablePipeline(mapping: TableMapping, transforms: ReadonlyMap<string, TransformFn> | undefined, data: { source: DataSupport; target: DataSupport }, enums: EnumLabels = () => undefined): TablePipeline {
  const { source, target, columns } = mapping;
  const read: DataTable = { table: source, columns: columns.map((c) => c.source) };
  const write: DataTable = { table: target, columns: columns.map((c) => c.target) };
  // a transformed table goes value by value, and its digests are made in node: no server sees the transformed values
  const fast = transforms?.size ? undefined : rawPath(mapping, read, write, data) ?? canonicalPath(mapping, read, write, data, enums);
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
    read,
    write,
    canon: types.map((t) => canonical(t.to)),
    ...fast,
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
