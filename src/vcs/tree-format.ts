/**
 * The git tree object format: entries `<mode> <name>\0<20-byte id>`, sorted the git
 * way (byte order, with a directory compared as if its name ended in `/`).
 */
import { CorruptObjectError } from './errors.js';

export const MODE_FILE = '100644';
export const MODE_DIR = '40000';
const MODE_GITLINK = '160000';

export interface TreeEntry {
  readonly mode: string;
  readonly name: string;
  readonly oid: string;
  /** `tree` for directories, `commit` for submodule links, `blob` for files and symlinks. */
  readonly type: 'blob' | 'tree' | 'commit';
}

export function entryType(mode: string): TreeEntry['type'] {
  return mode === MODE_DIR ? 'tree' : mode === MODE_GITLINK ? 'commit' : 'blob';
}

/** Parses a tree object's body. */
export function parseTree(oid: string, body: Uint8Array): TreeEntry[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < buf.length) {
    const space = buf.indexOf(0x20, at);
    const nul = buf.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > buf.length) throw new CorruptObjectError(oid, `bad tree entry at byte ${at}`);
    const mode = buf.toString('latin1', at, space);
    entries.push({ mode, name: buf.toString('utf8', space + 1, nul), oid: buf.toString('hex', nul + 1, nul + 21), type: entryType(mode) });
    at = nul + 21;
  }
  return entries;
}

interface SortableEntry {
  readonly mode: string;
  readonly name: Buffer;
  readonly oid: string;
}

/** git's order: bytes of the name, a directory's name followed by `/`. */
function compareEntries(a: SortableEntry, b: SortableEntry): number {
  const n = Math.min(a.name.length, b.name.length);
  const c = Buffer.compare(a.name.subarray(0, n), b.name.subarray(0, n));
  if (c !== 0) return c;
  const ca = a.name.length > n ? a.name[n] : a.mode === MODE_DIR ? 0x2f : 0;
  const cb = b.name.length > n ? b.name[n] : b.mode === MODE_DIR ? 0x2f : 0;
  return ca - cb;
}

/** Serializes entries into a tree object's body (sorts them; names must be unique). */
export function serializeTree(entries: readonly { mode: string; name: string; oid: string }[]): Buffer {
  const sorted = entries.map((e) => ({ mode: e.mode, name: Buffer.from(e.name, 'utf8'), oid: e.oid })).sort(compareEntries);
  const parts: Buffer[] = [];
  for (const e of sorted) parts.push(Buffer.from(`${e.mode} `, 'latin1'), e.name, Buffer.from([0]), Buffer.from(e.oid, 'hex'));
  return Buffer.concat(parts);
}
