/**
 * Reading objects out of pack files (what `git gc`, `git repack` and fetches leave):
 * whole objects and deltas (`OFS_DELTA`, `REF_DELTA`). In-process, because
 * isomorphic-git's `readObject` takes ~1 s per 5,000 packed blobs, this ~0.1 s.
 * A pack is read into memory once per store (schema repositories have small packs).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { CorruptObjectError } from './errors.js';
import type { GitObject, ObjectType } from './objects.js';
import type { PackIndex } from './pack-index.js';

const TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const MAX_CHAIN = 10_000;
/** Resolved objects kept per pack (delta bases are read again and again). */
const CACHE_BYTES = 32 * 1024 * 1024;

/** Applies a git delta to its base. */
export function applyDelta(oid: string, base: Uint8Array, delta: Uint8Array): Buffer {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    let c: number;
    do {
      c = delta[at++];
      value += (c & 0x7f) * scale;
      scale *= 128;
    } while (c & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new CorruptObjectError(oid, 'delta base size mismatch');
  const out = Buffer.allocUnsafe(varint());
  let o = 0;
  while (at < delta.length) {
    const op = delta[at++];
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) off += delta[at++] * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (0x10 << bit)) len += delta[at++] * 2 ** (8 * bit);
      if (len === 0) len = 0x10000;
      if (off + len > base.length || o + len > out.length) throw new CorruptObjectError(oid, 'delta copy out of range');
      out.set(base.subarray(off, off + len), o);
      o += len;
    } else if (op !== 0) {
      if (o + op > out.length || at + op > delta.length) throw new CorruptObjectError(oid, 'delta insert out of range');
      out.set(delta.subarray(at, at + op), o);
      at += op;
      o += op;
    } else {
      throw new CorruptObjectError(oid, 'delta opcode 0');
    }
  }
  if (o !== out.length) throw new CorruptObjectError(oid, 'delta result size mismatch');
  return out;
}

export class PackFile {
  private data: Buffer | undefined;
  private readonly cache = new Map<number, GitObject>();
  private cachedBytes = 0;

  /** `readExternal` resolves `REF_DELTA` bases that live outside this pack. */
  constructor(
    readonly index: PackIndex,
    readonly packPath: string,
    private readonly readExternal: (oid: string) => GitObject,
  ) {}

  /** The object, or undefined when this pack does not hold it. */
  read(oid: string): GitObject | undefined {
    const i = this.index.find(oid);
    return i < 0 ? undefined : this.readAt(oid, this.index.offsetAt(i), 0);
  }

  private readAt(oid: string, offset: number, depth: number): GitObject {
    const hit = this.cache.get(offset);
    if (hit) return hit;
    if (depth > MAX_CHAIN) throw new CorruptObjectError(oid, 'delta chain too long');
    const data = (this.data ??= readFileSync(this.packPath));
    let at = offset;
    let c = data[at++];
    const kind = (c >> 4) & 7;
    let size = c & 0x0f;
    let scale = 16;
    while (c & 0x80) {
      c = data[at++];
      size += (c & 0x7f) * scale;
      scale *= 128;
    }
    let base: GitObject | undefined;
    if (kind === OFS_DELTA) {
      c = data[at++];
      let back = c & 0x7f;
      while (c & 0x80) {
        c = data[at++];
        back = (back + 1) * 128 + (c & 0x7f);
      }
      base = this.readAt(oid, offset - back, depth + 1);
    } else if (kind === REF_DELTA) {
      const baseOid = data.toString('hex', at, at + 20);
      at += 20;
      const i = this.index.find(baseOid);
      base = i >= 0 ? this.readAt(oid, this.index.offsetAt(i), depth + 1) : this.readExternal(baseOid);
    } else if (!TYPES[kind]) {
      throw new CorruptObjectError(oid, `unknown pack entry type ${kind} at ${offset}`);
    }
    let raw: Buffer;
    try {
      raw = inflateSync(data.subarray(at, this.index.endOf(offset, data.length - 20)));
    } catch (e) {
      throw new CorruptObjectError(oid, `cannot inflate pack entry at ${offset}: ${(e as Error).message}`);
    }
    if (raw.length !== size) throw new CorruptObjectError(oid, `pack entry at ${offset} has ${raw.length} bytes, header says ${size}`);
    const obj: GitObject = base ? { type: base.type, body: applyDelta(oid, base.body, raw) } : { type: TYPES[kind], body: raw };
    if (this.cachedBytes + obj.body.length <= CACHE_BYTES) {
      this.cache.set(offset, obj);
      this.cachedBytes += obj.body.length;
    }
    return obj;
  }
}
