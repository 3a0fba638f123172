/**
 * Git tree → files. Trees are walked directly and blobs read from the store (loose
 * files inflated in-process, packed ones through the pack reader).
 */
import type { ModelFile } from '../../unified-model/files.js';
import { parseCommit } from './commit-format.js';
import { ObjectTypeError } from './errors.js';
import { EMPTY_TREE_OID } from './objects.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import { mapInBatches } from './yield.js';
import { parseTree, type TreeEntry } from './tree-format.js';

/** A file of a tree, without its content. */
export interface TreeFile {
  readonly path: string;
  readonly oid: string;
}

/** The tree id of a tree or commit id. */
export function peelToTree(store: ObjectStore, oid: string): string {
  if (oid === EMPTY_TREE_OID) return oid;
  const obj = store.read(oid);
  if (obj.type === 'tree') return oid;
  if (obj.type === 'commit') return parseCommit(oid, obj.body).tree;
  throw new ObjectTypeError(oid, 'tree or commit', obj.type);
}

/** The entries of one tree object (the empty tree needs no object). */
export function readTreeEntries(store: ObjectStore, treeOid: string): TreeEntry[] {
  if (treeOid === EMPTY_TREE_OID) return [];
  return parseTree(treeOid, store.readAs(treeOid, 'tree'));
}

/** Every file under a tree, recursively, in git's order, with `prefix` before its path. Submodule links are skipped. */
export function walkTree(store: ObjectStore, treeOid: string, prefix = '', out: TreeFile[] = []): TreeFile[] {
  for (const e of readTreeEntries(store, treeOid)) {
    if (e.type === 'tree') walkTree(store, e.oid, `${prefix}${e.name}/`, out);
    else if (e.type === 'blob') out.push({ path: prefix + e.name, oid: e.oid });
  }
  return out;
}

/**
 * Every file of a tree (or of a commit's tree) with its blob id, in git's order
 * (byte order of the full path), without reading any blob.
 */
export async function listTree(gitDir: string, treeOrCommitOid: string): Promise<TreeFile[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  return walkTree(store, peelToTree(store, treeOrCommitOid));
}

/** Reads blobs as UTF-8 text on an open store. */
export async function readBlobsIn(store: ObjectStore, oids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(oids)];
  const texts = await mapInBatches(unique, (oid) => Buffer.from(store.readAs(oid, 'blob')).toString('utf8'));
  return new Map(unique.map((oid, i) => [oid, texts[i]]));
}

/**
 * The text (UTF-8) of each blob, by id.
 *
 * @example
 * const changed = await changedPaths(gitDir, oldTree, newTree);
 * const texts = await readBlobs(gitDir, changed.flatMap((c) => (c.newOid ? [c.newOid] : [])));
 */
export async function readBlobs(gitDir: string, oids: Iterable<string>): Promise<Map<string, string>> {
  await assertRepository(gitDir);
  return readBlobsIn(new ObjectStore(gitDir), oids);
}

/**
 * Every file of a tree (or of a commit's tree), with its content — the input of
 * `filesToModel`.
 *
 * @example
 * const model = filesToModel(await readTreeFiles(gitDir, commitOid));
 */
export async function readTreeFiles(gitDir: string, treeOrCommitOid: string): Promise<ModelFile[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const files = walkTree(store, peelToTree(store, treeOrCommitOid));
  const texts = await readBlobsIn(store, files.map((f) => f.oid));
  return files.map((f) => ({ path: f.path, content: texts.get(f.oid) as string }));
}

/**
 * The blob id of each of `paths` in a tree (or a commit's tree), reading only the trees
 * on those paths; a path the tree lacks is absent from the result.
 */
export async function blobIdsAt(gitDir: string, treeOrCommitOid: string, paths: Iterable<string>): Promise<Map<string, string>> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const dirs = new Map<string, Map<string, { oid: string; type: string }> | undefined>();
  const root = peelToTree(store, treeOrCommitOid);
  const entriesOf = (dir: string): Map<string, { oid: string; type: string }> | undefined => {
    if (dirs.has(dir)) return dirs.get(dir);
    let found: Map<string, { oid: string; type: string }> | undefined;
    if (dir === '') found = new Map(readTreeEntries(store, root).map((e) => [e.name, e]));
    else {
      const cut = dir.lastIndexOf('/');
      const entry = entriesOf(cut < 0 ? '' : dir.slice(0, cut))?.get(dir.slice(cut + 1));
      found = entry?.type === 'tree' ? new Map(readTreeEntries(store, entry.oid).map((e) => [e.name, e])) : undefined;
    }
    dirs.set(dir, found);
    return found;
  };
  const out = new Map<string, string>();
  for (const path of paths) {
    const cut = path.lastIndexOf('/');
    const entry = entriesOf(cut < 0 ? '' : path.slice(0, cut))?.get(path.slice(cut + 1));
    if (entry?.type === 'blob') out.set(path, entry.oid);
  }
  return out;
}
