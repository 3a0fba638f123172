/**
 * Which objects differ between two trees, by path (from tree ids alone, so unchanged
 * subtrees are never read) and then by id and kind (reading only the changed blobs).
 */
import { HEADER_FILE } from '../../unified-model/index.js';
import * as vcs from '../vcs/index.js';

export interface ObjectChange {
  status: 'added' | 'deleted' | 'modified';
  path: string;
  /** Object id and kind, read from the file (absent for the model header). */
  id?: string;
  kind?: string;
}

function identify(text: string | undefined): { id?: string; kind?: string } {
  if (text === undefined) return {};
  try {
    const o = JSON.parse(text) as { id?: unknown; kind?: unknown };
    return { ...(typeof o.id === 'string' ? { id: o.id } : {}), ...(typeof o.kind === 'string' ? { kind: o.kind } : {}) };
  } catch {
    return {};
  }
}

/** Object-level changes from tree `from` (undefined = empty) to tree `to`. */
export async function objectChanges(gitDir: string, from: string | undefined, to: string | undefined): Promise<ObjectChange[]> {
  const changed = await vcs.changedPaths(gitDir, from, to);
  const oids = changed.filter((c) => c.path !== HEADER_FILE).map((c) => c.newOid ?? c.oldOid).filter((o): o is string => !!o);
  const blobs = await vcs.readBlobs(gitDir, oids);
  return changed.map((c) => {
    const oid = c.newOid ?? c.oldOid;
    return { status: c.status, path: c.path, ...(c.path === HEADER_FILE || !oid ? {} : identify(blobs.get(oid))) };
  });
}
