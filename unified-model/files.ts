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
 */
import { canonicalJson, canonicalize } from './canonical.js';
import { formatOnePath, objectPath, objectPathCandidates, objectPaths } from './paths.js';
import { parseObject, parseHeader, ModelFileError } from './validate.js';
import { FORMAT_VERSION, type DbObject, type Model } from './types.js';

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

/** The paths a format may put an object's file at (the first is the one to name in an error). */
function allowedPaths(formatVersion: number, obj: DbObject): string[] {
  return formatVersion === 1 ? [formatOnePath(obj)] : objectPathCandidates(obj);
}

/** True when a format puts the object's file at `path`; the usual case costs no hashing. */
function fits(formatVersion: number, obj: DbObject, path: string): boolean {
  if (formatVersion === 1) return path === formatOnePath(obj);
  return path === objectPath(obj) || objectPathCandidates(obj).includes(path);
}

/**
 * Parses files back into a model, validating each one; a bad file throws a
 * `ModelFileError` naming the file and the field at fault.
 */
export function filesToModel(input: Iterable<ModelFile>): Model {
  const files = [...input];
  const headerFile = files.find((f) => f.path === HEADER_FILE);
  if (!headerFile) throw new ModelFileError(HEADER_FILE, '', 'the model header is missing');
  const header = parseHeader(headerFile.path, headerFile.content, LATEST_TREE_FORMAT);
  const objects: DbObject[] = [];
  const fileOfId = new Map<string, string>();
  for (const file of files) {
    if (file === headerFile) continue;
    const obj = fileToObject(header.formatVersion, file);
    const other = fileOfId.get(obj.id);
    if (other !== undefined) throw new ModelFileError(file.path, 'id', `the object ${obj.id} is also stored in ${other}; remove one of the two files`);
    fileOfId.set(obj.id, file.path);
    objects.push(obj);
  }
  return { formatVersion: FORMAT_VERSION, dialect: header.dialect, objects: sortById(objects) };
}

/** One object file of a tree of format `formatVersion`, validated, in canonical form. */
export function fileToObject(formatVersion: number, file: ModelFile): DbObject {
  const obj = parseObject(file.path, file.content);
  if (!fits(formatVersion, obj, file.path)) throw new ModelFileError(file.path, 'id', `the object ${obj.id} belongs in ${allowedPaths(formatVersion, obj)[0]}`);
  return canonicalize(obj);
}

/** Objects in model order (by id). */
export const sortById = (objects: DbObject[]): DbObject[] => objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Some of a tree's files as a model: the objects a diff of two trees needs (the changed
 * ones and their surroundings), not a whole schema. Each file is checked as `filesToModel`
 * checks it; an object missing here is one the caller knows to be unchanged.
 */
export function filesToPartialModel(headerText: string, files: Iterable<ModelFile>): Model {
  const header = parseHeader(HEADER_FILE, headerText, LATEST_TREE_FORMAT);
  return { formatVersion: FORMAT_VERSION, dialect: header.dialect, objects: sortById([...files].map((f) => fileToObject(header.formatVersion, f))) };
}
