/**
 * The relationship's column transforms as a row function of the replication: compiled
 * once, applied to every row written (snapshot and stream) and to the keys of deletes, so
 * a masked key still finds its row when the transform is deterministic.
 */
import type { PortableValue } from '../../../adapters/types.js';
import type { Workspace } from '../../core/workspace.js';
import { resolveSalt } from '../transforms/index.js';
import { compileRowTransforms } from '../row-transform.js';
import type { RelationshipInfo } from '../relationships.js';
import { usageError } from '../../errors.js';
import { keyPositions, type KeyPositions } from '../positions.js';
import type { RowTransform } from './apply.js';
import type { TablePair } from './target.js';
import { keyColumns } from './tables.js';
import type { Table } from '../../../unified-model/index.js';

type Row = Record<string, PortableValue | undefined>;

/**
 * A key column's transform must give the same output for the same input, or an update or
 * delete of the row could never find it on the replica again.
 */
function requireStableKeys(rel: RelationshipInfo, tables: readonly Table[], table: string, column: string, name: string): void {
  const t = tables.find((x) => x.name === table || x.id === table);
  if (!t || !keyColumns(t).includes(column) || rel.deterministic || name === 'hash') return;
  throw usageError(
    'E_TRANSFORM_KEY',
    `the transform ${name} of ${table}.${column} changes a key column of the replication ${rel.name} at random: its rows could not be found again to update or delete them`,
    `make the relationship deterministic (redb relationship add … --deterministic, with a salt), use hash, or leave the key column untransformed`,
  );
}

/** The row function, and how each table's snapshot position is kept: sealed where a key column is transformed. */
export interface ReplicationTransforms {
  readonly transform: RowTransform;
  readonly positions: (pair: TablePair) => KeyPositions;
}

/**
 * Compiled before anything is created or changed on the source: a transform that cannot
 * run, or names no table or column the job copies (row-transform.ts), refuses the job first.
 */
export async function rowTransform(ws: Workspace, rel: RelationshipInfo, tables: readonly Table[]): Promise<ReplicationTransforms> {
  if (!Object.keys(rel.transforms ?? {}).length) return { transform: (_p, row) => row, positions: (pair) => keyPositions({ sealed: false, table: pair.source.id }) };
  const salt = await resolveSalt(ws.credentialsFile);
  const compiled = compileRowTransforms(tables.map((t) => ({ id: t.id, name: t.name, columns: t.columns.map((c) => c.name) })), {
    ...(rel.transforms ? { transforms: rel.transforms } : {}), deterministic: rel.deterministic ?? false, ...(salt ? { salt } : {}),
  });
  for (const [id, cols] of compiled) for (const [column, { spec }] of cols) requireStableKeys(rel, tables, id, column, spec.name);
  const transform: RowTransform = (pair, row) => {
    const fns = compiled.get(pair.source.id);
    if (!fns) return row;
    const out: Row = { ...row };
    for (const [column, { fn }] of fns) if (out[column] !== undefined) out[column] = fn(out[column], row) as PortableValue;
    return out;
  };
  // the source values a transform hides from the target are not kept beside it in plain text (../positions.ts)
  const positions = (pair: TablePair) => {
    const masked = pair.source.primaryKey?.columns.some((c) => compiled.get(pair.source.id)?.has(c)) ?? false;
    return keyPositions({ sealed: masked, salt, table: pair.source.id });
  };
  return { transform, positions };
}
