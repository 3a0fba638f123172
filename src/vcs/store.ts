/**
 * The object store of one repository for the length of one operation: loose objects
 * are read and written directly (zlib), packed ones through the pack indexes and the
 * in-process pack reader. Directory listings and packs are cached for the store's
 * life, so make a new store per operation.
 *
 * File I/O is synchronous (thousands of tiny files go several times faster than
 * through libuv's thread pool); bulk loops yield to the event loop every few hundred
 * objects so a UI stays responsive. Bulk writes become one pack.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectNotFoundError, ObjectTypeError } from './errors.js';
import { isOid, readLoose, writeLoose, type GitObject, type HashedObject, type ObjectType } from './objects.js';
import { listPacks } from './pack-index.js';
import { PackFile } from './pack-read.js';
import { writePack } from './pack-write.js';
import { mapInBatches } from './yield.js';

/**
 * From this many missing objects on, `writeMissing` writes one pack instead of loose
 * files (git keeps fetched packs from the same size on: `transfer.unpackLimit`).
 */
export const PACK_THRESHOLD = 100;

export class ObjectStore {
  private packs: PackFile[] | undefined;
  /** Fan-out directory (`ab`) → names of the loose files in it (undefined: no directory). */
  private readonly fanouts = new Map<string, Set<string> | undefined>();

  constructor(readonly gitDir: string) {}

  private packFiles(): PackFile[] {
    return (this.packs ??= listPacks(this.gitDir).map((p) => new PackFile(p.index, p.packPath, (oid) => this.read(oid))));
  }

  private fanout(dir: string): Set<string> | undefined {
    if (!this.fanouts.has(dir)) {
      try {
        this.fanouts.set(dir, new Set(readdirSync(join(this.gitDir, 'objects', dir))));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        this.fanouts.set(dir, undefined);
      }
    }
    return this.fanouts.get(dir);
  }

  /** True when the object is in the store, loose or packed. */
  has(oid: string): boolean {
    if (this.fanout(oid.slice(0, 2))?.has(oid.slice(2))) return true;
    return this.packFiles().some((p) => p.index.has(oid));
  }

  /** Reads an object; throws `ObjectNotFoundError` when the store lacks it. */
  read(oid: string): GitObject {
    if (!isOid(oid)) throw new ObjectNotFoundError(oid);
    // the cached listing spares a failing open() per packed object
    const obj = (this.fanout(oid.slice(0, 2))?.has(oid.slice(2)) ? readLoose(this.gitDir, oid) : undefined) ?? this.readPacked(oid);
    if (obj) return obj;
    // written or repacked by someone else since the listings were cached: look again
    this.fanouts.delete(oid.slice(0, 2));
    this.packs = undefined;
    const fresh = readLoose(this.gitDir, oid) ?? this.readPacked(oid);
    if (fresh) return fresh;
    throw new ObjectNotFoundError(oid);
  }

  private readPacked(oid: string): GitObject | undefined {
    for (const p of this.packFiles()) {
      const obj = p.read(oid);
      if (obj) return obj;
    }
    return undefined;
  }

  /** Reads an object that must have the given type. */
  readAs(oid: string, type: ObjectType): Uint8Array {
    const obj = this.read(oid);
    if (obj.type !== type) throw new ObjectTypeError(oid, type, obj.type);
    return obj.body;
  }

  /** The type of an object (reads it). */
  typeOf(oid: string): ObjectType {
    return this.read(oid).type;
  }

  /**
   * Writes the objects the store lacks and returns how many it wrote. Many objects go
   * into one pack (visible all at once); a few are written as loose files in the
   * order given — so give children before parents, and a crash never leaves a tree
   * whose entries are missing.
   */
  async writeMissing(objects: Iterable<HashedObject>): Promise<number> {
    const missing = new Map<string, HashedObject>();
    for (const obj of objects) if (!missing.has(obj.oid) && !this.has(obj.oid)) missing.set(obj.oid, obj);
    if (missing.size >= PACK_THRESHOLD) {
      await writePack(this.gitDir, [...missing.values()]);
      this.packs = undefined;
      return missing.size;
    }
    await mapInBatches([...missing.values()], (obj) => {
      const dir = obj.oid.slice(0, 2);
      let names = this.fanout(dir);
      if (!names) {
        mkdirSync(join(this.gitDir, 'objects', dir), { recursive: true });
        this.fanouts.set(dir, (names = new Set()));
      }
      writeLoose(this.gitDir, obj);
      names.add(obj.oid.slice(2));
    });
    return missing.size;
  }

  /** Every object id (loose or packed) that starts with this lower-case hex prefix (≥ 2 digits). */
  findByPrefix(prefix: string): string[] {
    const found = new Set<string>();
    const dir = prefix.slice(0, 2);
    for (const n of this.fanout(dir) ?? []) if (/^[0-9a-f]{38}$/u.test(n) && (dir + n).startsWith(prefix)) found.add(dir + n);
    for (const p of this.packFiles()) for (const oid of p.index.withPrefix(prefix)) found.add(oid);
    return [...found].sort();
  }
}
