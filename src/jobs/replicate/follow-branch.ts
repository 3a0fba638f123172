/**
 * Replicas follow their branch (docs/jobs.md, "Replication"): after a commit is deployed on
 * a branch, every replication relationship attached to that branch gets the schema of its
 * tables deployed onto its target, so a new column exists on the replica before the
 * stream delivers values for it. A failure here is reported, never turned into a failed
 * deploy: the stream deploys the same change itself when it meets the new column.
 */
import { readSchema } from '../../../adapters/read-schema.js';
import { redactText } from '../../config/url-secrets.js';
import { openDatabase } from '../../core/databases.js';
import type { Workspace } from '../../core/workspace.js';
import { listRelationships } from '../relationships.js';
import { pickTables } from './tables.js';
import { deployTargetSchema } from './target.js';

export interface ReplicaUpdate {
  relationship: string;
  target: string;
  /** `updated`: the target has the tables' schema now; `failed`: see `error` (the deploy itself succeeded). */
  status: 'updated' | 'failed';
  error?: string;
}

export async function applyToReplicas(ws: Workspace, ref: { repo: string; branch: string }, _commit: string): Promise<ReplicaUpdate[]> {
  const out: ReplicaUpdate[] = [];
  for (const rel of listRelationships(ws)) {
    if (rel.type !== 'replication' || rel.repo !== ref.repo || rel.branch !== ref.branch) continue;
    try {
      const source = await openDatabase(ws, rel.source);
      try {
        const model = await readSchema(source.adapter, source.conn);
        const target = await openDatabase(ws, rel.target);
        try {
          await deployTargetSchema(ws, rel, source, target, pickTables(model, rel));
        } finally {
          await target.conn.close().catch(() => undefined);
        }
      } finally {
        await source.conn.close().catch(() => undefined);
      }
      out.push({ relationship: rel.name, target: rel.target, status: 'updated' });
    } catch (err) {
      out.push({ relationship: rel.name, target: rel.target, status: 'failed', error: redactText((err as Error).message) });
    }
  }
  return out;
}
