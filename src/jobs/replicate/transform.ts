/**
 * The relationship's column transforms as a row function of the replication: compiled
 * once, applied to every row written (snapshot and stream) and to the keys of deletes, so
 * a masked key still finds its row when the transform is deterministic.
 */
import type { PortableValue } from '../../../adapters/types.js';
import type { Workspace } from '../../core/workspace.js';
import { compileTransform, parseTransformSpec, resolveSalt, type TransformFn } from '../transforms/index.js';
import type { RelationshipInfo } from '../relationships.js';
import type { RowTransform } from './apply.js';

type Row = Record<string, PortableValue | undefined>;

export async function rowTransform(ws: Workspace, rel: RelationshipInfo): Promise<RowTransform> {
  const entries = Object.entries(rel.transforms ?? {});
  if (!entries.length) return (_p, row) => row;
  const salt = await resolveSalt(ws.credentialsFile);
  const ctx = { deterministic: rel.deterministic ?? false, ...(salt ? { salt } : {}) };
  const byTable = new Map<string, { column: string; fn: TransformFn }[]>();
  for (const [key, spec] of entries) {
    const parsed = parseTransformSpec(`${key}=${spec}`);
    const list = byTable.get(parsed.table) ?? [];
    list.push({ column: parsed.column, fn: compileTransform(parsed, ctx) });
    byTable.set(parsed.table, list);
  }
  return (pair, row) => {
    const fns = byTable.get(pair.source.name) ?? byTable.get(pair.source.id);
    if (!fns) return row;
    const out: Row = { ...row };
    for (const { column, fn } of fns) if (out[column] !== undefined) out[column] = fn(out[column], row) as PortableValue;
    return out;
  };
}
