/**
 * Which objects differ between two trees, by path (from tree ids alone, so unchanged
 * subtrees are never read) and then by id and kind (reading only the changed blobs).
 */
import { HEADER_FILE, objectPaths, type Model } from '../../unified-model/index.js';
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

/** Id and kind of every object of a model, by file path: what `objectChanges` need not read back. */
export function identities(model: Model): Map<string, { id: string; kind: string }> {
  return new Map([...objectPaths(model.objects)].map(([o, path]) => [path, { id: o.id, kind: o.kind }]));
}

/**
 * Object-level changes from tree `from` (undefined = empty) to tree `to`. `known` gives
 * the ids of the `to` side's files when they are in memory already.
 */
export async function objectChanges(gitDir: string, from: string | undefined, to: string | undefined, known?: ReadonlyMap<string, { id: string; kind: string }>): Promise<ObjectChange[]> {
  const changed = await vcs.changedPaths(gitDir, from, to);
  const unknown = changed.filter((c) => c.path !== HEADER_FILE && !(c.newOid && known?.has(c.path)));
  const blobs = await vcs.readBlobs(gitDir, unknown.map((c) => c.newOid ?? c.oldOid).filter((o): o is string => !!o));
  return changed.map((c) => {
    const oid = c.newOid ?? c.oldOid;
    const id = c.newOid ? known?.get(c.path) : undefined;
    return { status: c.status, path: c.path, ...(c.path === HEADER_FILE || !oid ? {} : (id ?? identify(blobs.get(oid)))) };
  });
}
