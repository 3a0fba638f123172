/**
 * Where each object's file lives, so that stock git can check the tree out on any
 * file system: every path segment is ASCII, at most `READABLE_BYTES` readable bytes
 * plus a short hash (well under NAME_MAX, 255 bytes), never a name Windows refuses,
 * and no two siblings differ only in letter case (macOS and Windows fold case).
 *
 * A name that is safe as it is keeps its readable segment (the format-1 layout). One
 * that is too long, unsafe on Windows, or differs only in case from a sibling gets
 * `~` and a hash of the full name appended (after truncation when too long). `~` is
 * always percent-encoded in names, so a hashed segment can never equal a plain one.
 * The full id lives in the file, so nothing ever parses a name back out of a path.
 */
import { createHash } from 'node:crypto';
import type { DbObject } from './types.js';
import { ModelFileError } from './model-file-error.js';

/** Bytes of a name kept readable in its segment before the hash; keeps full paths short too. */
export const READABLE_BYTES = 128;
const HASH_CHARS = 8;
const EXT = '.json';

/** Device names Windows reserves whatever the extension (`con.json` cannot be created). */
const WINDOWS_RESERVED = new Set(['con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`])]);

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
  event: 'events',
};

/**
 * Encodes a name as one path segment: letters, digits and `_ . , ( ) -` and spaces
 * stay readable; anything else (`/`, `%`, `~`, quotes, non-ASCII…) is percent-encoded.
 */
export function encodeSegment(name: string): string {
  const encoded = name.replace(/[^A-Za-z0-9_.,() -]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  // a leading dot would make a hidden file (or `..`): encode it
  return encoded.startsWith('.') ? `%2E${encoded.slice(1)}` : encoded;
}

/** The short, stable hash that tells apart names sharing a readable segment. */
export function nameHash(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_CHARS);
}

/** Windows reserves a device name before the first dot, whatever follows (`con.json`, `lpt1.x.json`). */
const reserved = (encoded: string): boolean => WINDOWS_RESERVED.has(encoded.split('.')[0].replace(/ +$/u, '').toLowerCase());

/** True when `encoded` + `ext` cannot stand as a segment on every file system git runs on. */
function unsafe(encoded: string, ext: string): boolean {
  if (encoded === '' || encoded.length > READABLE_BYTES) return true;
  // Windows drops a trailing dot or space from a name (a file's extension follows its stem)
  if (ext === '' && /[. ]$/u.test(encoded)) return true;
  return reserved(encoded);
}

/** The readable start of an encoded name, never cutting a `%XX` escape in two; a device name stops at its first dot so the hash follows it. */
function readablePrefix(encoded: string): string {
  if (reserved(encoded)) return encoded.split('.')[0];
  if (encoded.length <= READABLE_BYTES) return encoded;
  const cut = encoded.slice(0, READABLE_BYTES);
  const escape = cut.lastIndexOf('%');
  return escape >= READABLE_BYTES - 2 ? cut.slice(0, escape) : cut;
}

/** The segment of `name` (encoded names are ASCII, so characters are bytes); `hashed` forces the hash. */
export function nameSegment(name: string, ext = '', hashed = false): string {
  const encoded = encodeSegment(name);
  if (!hashed && !unsafe(encoded, ext)) return encoded + ext;
  return `${readablePrefix(encoded)}~${nameHash(name)}${ext}`;
}

/** Segments for sibling names: names that would differ only in case get their hash. */
function siblingSegments(names: Iterable<string>, ext: string, where: string): Map<string, string> {
  const segments = new Map<string, string>();
  for (const name of names) segments.set(name, nameSegment(name, ext));
  const byFolded = new Map<string, string[]>();
  for (const [name, segment] of segments) byFolded.set(segment.toLowerCase(), [...(byFolded.get(segment.toLowerCase()) ?? []), name]);
  // of names equal but for case, the ones with capitals are hashed; names without capitals cannot fold together
  for (const group of byFolded.values()) if (group.length > 1) for (const name of group) if (/[A-Z]/u.test(name)) segments.set(name, nameSegment(name, ext, true));
  const seen = new Map<string, string>();
  for (const [name, segment] of segments) {
    const other = seen.get(segment.toLowerCase());
    if (other !== undefined) throw new ModelFileError(`${where}/${segment}`, 'name', `the names ${JSON.stringify(other)} and ${JSON.stringify(name)} would share this file name; rename one of them`);
    seen.set(segment.toLowerCase(), name);
  }
  return segments;
}

/** The file name stem of an object: its name, with the signature for routines. */
const stem = (obj: DbObject): string => ('signature' in obj ? `${obj.name}(${obj.signature})` : obj.name);

function folderOf(obj: Exclude<DbObject, { kind: 'schema' | 'extension' }>, schemaSegment: string): string {
  return `schemas/${schemaSegment}/${KIND_FOLDER[obj.kind]}`;
}

/** Path of an object's file with the segments chosen for it (by sibling rules, or alone). */
function pathWith(obj: DbObject, schemaSegment: (name: string) => string, fileSegment: (name: string) => string): string {
  if (obj.kind === 'schema') return `schemas/${schemaSegment(obj.name)}/schema.json`;
  if (obj.kind === 'extension') return `extensions/${fileSegment(obj.name)}`;
  return `${folderOf(obj, schemaSegment(obj.schema))}/${fileSegment(stem(obj))}`;
}

/** Path of an object's file when no sibling differs from it only in case, e.g. `schemas/public/tables/users.json`. */
export function objectPath(obj: DbObject): string {
  return pathWith(obj, (n) => nameSegment(n), (n) => nameSegment(n, EXT));
}

/** The paths an object's file may have in the current layout: with or without the case hash on each name. */
export function objectPathCandidates(obj: DbObject): string[] {
  const out = new Set<string>();
  for (const schemaHashed of [false, true]) {
    for (const fileHashed of [false, true]) out.add(pathWith(obj, (n) => nameSegment(n, '', schemaHashed), (n) => nameSegment(n, EXT, fileHashed)));
  }
  return [...out];
}

/** Path of an object's file in format 1: the readable segments only, whatever their length or case. */
export function formatOnePath(obj: DbObject): string {
  return pathWith(obj, encodeSegment, (n) => `${encodeSegment(n)}${EXT}`);
}

/** Every object's path, siblings considered (a name that differs from a sibling only in case is hashed). */
export function objectPaths(objects: readonly DbObject[]): Map<DbObject, string> {
  const schemaNames = new Set<string>();
  const stems = new Map<string, Set<string>>();
  const addStem = (folder: string, name: string) => stems.set(folder, (stems.get(folder) ?? new Set()).add(name));
  for (const obj of objects) {
    if (obj.kind === 'schema') schemaNames.add(obj.name);
    else if (obj.kind === 'extension') addStem('extensions', obj.name);
    else schemaNames.add(obj.schema);
  }
  const schemas = siblingSegments(schemaNames, '', 'schemas');
  const schemaSegment = (name: string) => schemas.get(name) as string;
  for (const obj of objects) if (obj.kind !== 'schema' && obj.kind !== 'extension') addStem(folderOf(obj, schemaSegment(obj.schema)), stem(obj));
  const files = new Map([...stems].map(([folder, names]) => [folder, siblingSegments(names, EXT, folder)]));
  return new Map(objects.map((obj) => {
    const folder = obj.kind === 'extension' ? 'extensions' : obj.kind === 'schema' ? '' : folderOf(obj, schemaSegment(obj.schema));
    return [obj, pathWith(obj, schemaSegment, (n) => files.get(folder)?.get(n) as string)];
  }));
}
