/** Reading a tree's files back into a model: every file validated, an error naming the file and field at fault. */
import { canonicalize } from './canonical.js';
import { HEADER_FILE, LATEST_TREE_FORMAT, sortById, type ModelFile } from './files.js';
import { formatOnePath, objectPath, objectPathCandidates } from './paths.js';
import { parseObject, parseHeader, ModelFileError } from './validate.js';
import { FORMAT_VERSION, type DbObject, type Model } from './types.js';

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

/**
 * Some of a tree's files as a model: the objects a diff of two trees needs (the changed
 * ones and their surroundings), not a whole schema. Each file is checked as `filesToModel`
 * checks it; an object missing here is one the caller knows to be unchanged.
 */
export function filesToPartialModel(headerText: string, files: Iterable<ModelFile>): Model {
  const header = parseHeader(HEADER_FILE, headerText, LATEST_TREE_FORMAT);
  return { formatVersion: FORMAT_VERSION, dialect: header.dialect, objects: sortById([...files].map((f) => fileToObject(header.formatVersion, f))) };
}
