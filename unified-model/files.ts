/**
 * The file layout of a model: one canonical JSON file per object, plus `redb.json`
 * (format version and dialect). Paths are derived from kind and id, so a path never
 * needs to be stored and two objects can never share one.
 */
import { canonicalJson, canonicalize } from './canonical.js';
import { parseObject, parseHeader, ModelFileError } from './validate.js';
import { FORMAT_VERSION, type DbObject, type Model } from './types.js';

export const HEADER_FILE = 'redb.json';

/** Folder name per kind inside `schemas/<schema>/`. */
const KIND_FOLDER: Record<Exclude<DbObject['kind'], 'schema' | 'extension'>, string> = {
  table: 'tables',
  view: 'views',
  'materialized-view': 'materialized-views',
  sequence: 'sequences',
  enum: 'types',
  domain: 'types',
  'composite-type': 'types',
  function: 'functions',
  procedure: 'procedures',
  aggregate: 'aggregates',
  collation: 'collations',
};

/**
 * Encodes a name as one path segment: letters, digits and `_ . , ( ) -` and spaces
 * stay readable; anything else (`/`, `%`, quotes, brackets…) is percent-encoded.
 */
export function encodeSegment(name: string): string {
  const encoded = name.replace(/[^A-Za-z0-9_.,() -]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  // a leading dot would make a hidden file (or `..`): encode it
  return encoded.startsWith('.') ? `%2E${encoded.slice(1)}` : encoded;
}

/** Path of an object's file inside the tree, e.g. `schemas/public/tables/users.json`. */
export function objectPath(obj: DbObject): string {
  if (obj.kind === 'schema') return `schemas/${encodeSegment(obj.name)}/schema.json`;
  if (obj.kind === 'extension') return `extensions/${encodeSegment(obj.name)}.json`;
  const file = 'signature' in obj ? `${obj.name}(${obj.signature})` : obj.name;
  return `schemas/${encodeSegment(obj.schema)}/${KIND_FOLDER[obj.kind]}/${encodeSegment(file)}.json`;
}

export interface ModelFile {
  readonly path: string;
  readonly content: string;
}

/** Serializes a model into its files, sorted by path. */
export function modelToFiles(model: Model): ModelFile[] {
  const files: ModelFile[] = [{ path: HEADER_FILE, content: canonicalJson({ formatVersion: FORMAT_VERSION, dialect: model.dialect }) }];
  const seen = new Map<string, string>();
  for (const obj of model.objects) {
    const path = objectPath(obj);
    const other = seen.get(path);
    if (other !== undefined) throw new ModelFileError(path, 'id', `objects ${other} and ${obj.id} map to the same file`);
    seen.set(path, obj.id);
    files.push({ path, content: canonicalJson(obj) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Parses files back into a model, validating each one; a bad file throws a
 * `ModelFileError` naming the file and the field at fault.
 */
export function filesToModel(files: Iterable<ModelFile>): Model {
  let header: { formatVersion: typeof FORMAT_VERSION; dialect: string } | undefined;
  const objects: DbObject[] = [];
  for (const file of files) {
    if (file.path === HEADER_FILE) {
      header = parseHeader(file.path, file.content);
      continue;
    }
    const obj = parseObject(file.path, file.content);
    const expected = objectPath(obj);
    if (expected !== file.path) throw new ModelFileError(file.path, 'id', `the object ${obj.id} belongs in ${expected}`);
    objects.push(canonicalize(obj));
  }
  if (!header) throw new ModelFileError(HEADER_FILE, '', 'the model header is missing');
  objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { formatVersion: header.formatVersion, dialect: header.dialect, objects };
}
