/**
 * Which files differ between two trees. Subtrees with the same id are skipped without
 * being read, so comparing two 5,000-object commits that differ in one table reads
 * only the trees on that table's path.
 */
import { EMPTY_TREE_OID } from './objects.js';
import { peelToTree, readTreeEntries, walkTree } from './read-tree.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import type { TreeEntry } from './tree-format.js';

export interface ChangedPath {
  readonly path: string;
  readonly status: 'added' | 'deleted' | 'modified';
  /** Blob id in the old tree (deleted, modified). */
  readonly oldOid?: string;
  /** Blob id in the new tree (added, modified). */
  readonly newOid?: string;
}

function byName(entries: TreeEntry[]): Map<string, TreeEntry> {
  return new Map(entries.filter((e) => e.type !== 'commit').map((e) => [e.name, e]));
}

function compare(store: ObjectStore, a: string, b: string, prefix: string, out: ChangedPath[]): void {
  if (a === b) return;
  const ma = byName(readTreeEntries(store, a));
  const mb = byName(readTreeEntries(store, b));
  for (const name of new Set([...ma.keys(), ...mb.keys()])) {
    const x = ma.get(name);
    const y = mb.get(name);
    if (x && y && x.oid === y.oid && x.type === y.type) continue;
    const path = prefix + name;
    if (x?.type === 'tree' && y?.type === 'tree') {
      compare(store, x.oid, y.oid, `${path}/`, out);
    } else if (x?.type === 'blob' && y?.type === 'blob') {
      out.push({ path, status: 'modified', oldOid: x.oid, newOid: y.oid });
    } else {
      // added, deleted, or a file replaced by a directory (or the reverse)
      if (x) for (const f of x.type === 'tree' ? walkTree(store, x.oid, `${path}/`) : [{ path, oid: x.oid }]) out.push({ path: f.path, status: 'deleted', oldOid: f.oid });
      if (y) for (const f of y.type === 'tree' ? walkTree(store, y.oid, `${path}/`) : [{ path, oid: y.oid }]) out.push({ path: f.path, status: 'added', newOid: f.oid });
    }
  }
}

/**
 * The files that differ from tree (or commit) `from` to `to`, sorted by path;
 * `undefined` stands for the empty tree (everything added, or everything deleted).
 *
 * @example
 * await changedPaths(gitDir, parentTree, tree)
 * // [{ path: 'schemas/public/tables/users.json', status: 'modified', oldOid: '…', newOid: '…' }]
 */
export async function changedPaths(gitDir: string, from: string | undefined, to: string | undefined): Promise<ChangedPath[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const out: ChangedPath[] = [];
  compare(store, from ? peelToTree(store, from) : EMPTY_TREE_OID, to ? peelToTree(store, to) : EMPTY_TREE_OID, '', out);
  return out.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
}
