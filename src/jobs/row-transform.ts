/**
 * The relationship's column transforms compiled for a job (migration and replication
 * alike): each `TABLE.COLUMN` must name a table the job copies and a column of it, or the
 * job refuses before it reads or changes anything. A transform that silently matched
 * nothing would copy the raw values it was meant to hide.
 */
import { usageError } from '../errors.js';
import { compileTransform, parseTransformSpec, type TransformFn, type TransformSpec } from './transforms/index.js';

export interface TransformSetup {
  /** `TABLE.COLUMN` (table with or without schema, as the source names it) → spec. */
  readonly transforms?: Readonly<Record<string, string>>;
  readonly deterministic: boolean;
  readonly salt?: Buffer;
}

/** A table the job copies, as the source names it, and the source columns it copies. */
export interface TransformableTable {
  readonly id: string;
  readonly name: string;
  readonly columns: readonly string[];
}

/** One compiled transform, with the spec it came from (its table as the transform named it). */
export interface CompiledColumn {
  readonly spec: TransformSpec;
  readonly fn: TransformFn;
}

const MAX_LISTED = 20;
const listed = (names: readonly string[]) => (names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')} …` : names.join(', ')) || '(none)';

/** Source table id → source column → its compiled transform. Throws E_USAGE for a transform that names nothing the job copies. */
export function compileRowTransforms(tables: readonly TransformableTable[], setup: TransformSetup): Map<string, Map<string, CompiledColumn>> {
  const out = new Map<string, Map<string, CompiledColumn>>();
  for (const [key, text] of Object.entries(setup.transforms ?? {})) {
    const spec = parseTransformSpec(`${key}=${text}`);
    const t = tables.find((x) => spec.table === x.id) ?? tables.find((x) => spec.table === x.name);
    if (!t) {
      throw usageError('E_USAGE', `the transform of ${spec.table}.${spec.column} names table ${spec.table}, which the job does not copy (its tables: ${listed(tables.map((x) => x.id))})`, 'fix the relationship\'s transforms in redb.yaml (TABLE.COLUMN as the source names them)');
    }
    if (!t.columns.includes(spec.column)) {
      throw usageError('E_USAGE', `the transform of ${spec.table}.${spec.column} names column ${spec.column}, which table ${t.id} does not have or the job does not copy (its columns: ${listed(t.columns)})`, 'fix the relationship\'s transforms in redb.yaml');
    }
    const fns = out.get(t.id) ?? new Map<string, CompiledColumn>();
    fns.set(spec.column, { spec, fn: compileTransform(spec, { deterministic: setup.deterministic, ...(setup.salt ? { salt: setup.salt } : {}) }) });
    out.set(t.id, fns);
  }
  return out;
}
