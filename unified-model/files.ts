/**
 * The file layout of a model: one canonical JSON file per object, plus `redb.json`
 * (format version and dialect). Paths are derived from kind and names (`paths.ts`),
 * so a path never needs to be stored and two objects can never share one; reading
 * takes each object's identity from its file, never from its name.
 *
 * Format versions of the tree: 1 is the readable layout alone; 2 adds hashed
 * segments for names that are too long, unsafe on Windows, or differ only in case
 * from a sibling. A model that needs no hashed segment is written as format 1 — its
 * tree is byte-identical either way, so existing repositories keep their tree ids and
 * older redb versions keep reading them.
 *
 * Reading files back (validating them) is read-files.ts: a command that only writes or
 * lists trees never loads the validators.
 */
import { canonicalJson } from './canonical.js';
import { formatOnePath, objectPaths } from './paths.js';
import { ModelFileError } from './model-file-error.js';
import type { DbObject, Model } from './types.js';

export { encodeSegment, objectPath, objectPaths } from './paths.js';

export const HEADER_FILE = 'redb.json';

/** The newest tree format this version writes (and every one up to it reads). */
export const LATEST_TREE_FORMAT = 2;

export interface ModelFile {
  readonly path: string;
  readonly content: string;
}

/** Serializes a model into its files, sorted by path. */
export function modelToFiles(model: Model): ModelFile[] {
  const paths = objectPaths(model.objects);
  const formatOne = model.objects.every((obj) => paths.get(obj) === formatOnePath(obj));
  const files: ModelFile[] = [{ path: HEADER_FILE, content: canonicalJson({ formatVersion: formatOne ? 1 : LATEST_TREE_FORMAT, dialect: model.dialect }) }];
  const seen = new Map<string, string>();
  for (const obj of model.objects) {
    const path = paths.get(obj) as string;
    const other = seen.get(path);
    if (other !== undefined) throw new ModelFileError(path, 'id', `objects ${other} and ${obj.id} map to the same file`);
    seen.set(path, obj.id);
    files.push({ path, content: canonicalJson(obj) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Objects in model order (by id). */
export const sortById = (objects: DbObject[]): DbObject[] => objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
