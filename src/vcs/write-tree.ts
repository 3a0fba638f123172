/**
 * Files → git tree. Ids are computed in-process; only objects the store lacks are
 * written — as one pack when there are many (appearing all at once), else as loose
 * files children-before-parents — so a crash never leaves a tree whose entries are
 * missing. A tree that exists is therefore complete, and an unchanged subtree (or an
 * unchanged model) costs one lookup.
 */
import { modelToFiles, type ModelFile } from '../../unified-model/files.js';
import type { Model } from '../../unified-model/types.js';
import { InvalidPathError } from './errors.js';
import { makeObject, type HashedObject } from './objects.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import { MODE_DIR, MODE_FILE, serializeTree } from './tree-format.js';

/** A tree computed in memory, with the objects it is made of. */
export interface BuiltTree {
  readonly oid: string;
  readonly object: HashedObject;
  readonly depth: number;
  readonly subtrees: readonly BuiltTree[];
  readonly blobs: readonly HashedObject[];
}

interface Dir {
  readonly dirs: Map<string, Dir>;
  readonly files: Map<string, HashedObject>;
}

function checkSegment(path: string, segment: string): void {
  if (segment === '') throw new InvalidPathError(path, 'empty path segment (leading, trailing or double "/")');
  if (segment === '.' || segment === '..') throw new InvalidPathError(path, `"${segment}" segment`);
  if (segment.toLowerCase() === '.git') throw new InvalidPathError(path, '".git" segment');
  if (segment.includes('\0')) throw new InvalidPathError(path, 'NUL character');
}

function insert(root: Dir, file: ModelFile): void {
  const parts = file.path.split('/');
  parts.forEach((p) => checkSegment(file.path, p));
  const name = parts.pop() as string;
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    if (dir.files.has(parts[i])) throw new InvalidPathError(file.path, `${parts.slice(0, i + 1).join('/')} is a file`);
    let sub = dir.dirs.get(parts[i]);
    if (!sub) dir.dirs.set(parts[i], (sub = { dirs: new Map(), files: new Map() }));
    dir = sub;
  }
  if (dir.dirs.has(name)) throw new InvalidPathError(file.path, 'it is also a directory');
  if (dir.files.has(name)) throw new InvalidPathError(file.path, 'the path is given twice');
  dir.files.set(name, makeObject('blob', Buffer.from(file.content, 'utf8')));
}

function build(dir: Dir, depth: number): BuiltTree {
  const subtrees = [...dir.dirs].map(([name, d]) => ({ name, tree: build(d, depth + 1) }));
  const entries = [
    ...subtrees.map((s) => ({ mode: MODE_DIR, name: s.name, oid: s.tree.oid })),
    ...[...dir.files].map(([name, blob]) => ({ mode: MODE_FILE, name, oid: blob.oid })),
  ];
  const object = makeObject('tree', serializeTree(entries));
  return { oid: object.oid, object, depth, subtrees: subtrees.map((s) => s.tree), blobs: [...dir.files.values()] };
}

/**
 * Builds the tree of these files in memory, without touching a repository.
 * Paths are `/`-separated; every file gets mode 100644.
 *
 * @example
 * buildTree(modelToFiles(model)).oid // the same id `writeTree` returns
 */
export function buildTree(files: Iterable<ModelFile>): BuiltTree {
  const root: Dir = { dirs: new Map(), files: new Map() };
  for (const f of files) insert(root, f);
  return build(root, 0);
}

/**
 * The tree id of these files — what `writeTree` would return — computed without a
 * repository. Schema equality is tree-id equality, so this is a drift check.
 */
export function treeOidOf(files: Iterable<ModelFile>): string {
  return buildTree(files).oid;
}

/** The tree id of a model: what committing it would record. */
export function modelTreeOid(model: Model): string {
  return treeOidOf(modelToFiles(model));
}

/** Result of `writeTreeWithStats`. */
export interface WriteTreeResult {
  readonly oid: string;
  /** Objects written (0 when the store had the whole tree already). */
  readonly written: number;
}

/** Like `writeTree`, and says how many objects it wrote. */
export async function writeTreeWithStats(gitDir: string, files: Iterable<ModelFile>): Promise<WriteTreeResult> {
  return writeBuiltTree(gitDir, buildTree(files));
}

/** Writes a tree `buildTree` made (so a caller that needed its id first hashes the files once). */
export async function writeBuiltTree(gitDir: string, root: BuiltTree): Promise<WriteTreeResult> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const trees: BuiltTree[] = [];
  const blobs: HashedObject[] = [];
  const visit = (t: BuiltTree): void => {
    if (store.has(t.oid)) return;
    trees.push(t);
    blobs.push(...t.blobs);
    t.subtrees.forEach(visit);
  };
  visit(root);
  // children before parents: blobs, then trees from the deepest up
  const ordered = [...blobs, ...trees.sort((a, b) => b.depth - a.depth).map((t) => t.object)];
  return { oid: root.oid, written: await store.writeMissing(ordered) };
}

/**
 * Writes the files as a tree (nested by path) and returns its id; writes only the
 * objects the store lacks. The same files always give the same id, the one stock
 * git computes (`git mktree`, `git write-tree`).
 *
 * @example
 * const tree = await writeTree(gitDir, modelToFiles(model));
 */
export async function writeTree(gitDir: string, files: Iterable<ModelFile>): Promise<string> {
  return (await writeTreeWithStats(gitDir, files)).oid;
}
