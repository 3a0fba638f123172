/**
 * Pack index files (`objects/pack/*.idx`, versions 1 and 2): which object ids a pack
 * holds and where each one starts in the `.pack` file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const V2_MAGIC = 0xff744f63; // "\377tOc"

export class PackIndex {
  private sorted: Float64Array | undefined;

  private constructor(
    private readonly data: Buffer,
    private readonly v2: boolean,
    private readonly fanout: Uint32Array,
  ) {}

  /** Parses an `.idx` file. */
  static parse(data: Buffer): PackIndex {
    const v2 = data.length >= 8 && data.readUInt32BE(0) === V2_MAGIC;
    const fanStart = v2 ? 8 : 0;
    const fanout = new Uint32Array(256);
    for (let i = 0; i < 256; i++) fanout[i] = data.readUInt32BE(fanStart + i * 4);
    return new PackIndex(data, v2, fanout);
  }

  /** Number of objects. */
  get size(): number {
    return this.fanout[255];
  }

  private idAt(i: number): Buffer {
    const at = this.v2 ? 8 + 1024 + i * 20 : 1024 + i * 24 + 4;
    return this.data.subarray(at, at + 20);
  }

  /** Position of an object in the pack file. */
  offsetAt(i: number): number {
    if (!this.v2) return this.data.readUInt32BE(1024 + i * 24);
    const n = this.size;
    const small = this.data.readUInt32BE(8 + 1024 + n * 24 + i * 4);
    if ((small & 0x80000000) === 0) return small;
    const large = 8 + 1024 + n * 28 + (small & 0x7fffffff) * 8;
    return this.data.readUInt32BE(large) * 2 ** 32 + this.data.readUInt32BE(large + 4);
  }

  /** Index of a full id, or -1. */
  find(oid: string): number {
    const want = Buffer.from(oid, 'hex');
    let lo = want[0] === 0 ? 0 : this.fanout[want[0] - 1];
    let hi = this.fanout[want[0]];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = Buffer.compare(this.idAt(mid), want);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** True when the pack holds this full id. */
  has(oid: string): boolean {
    return this.find(oid) >= 0;
  }

  /** Where the object starting at `offset` ends: the next object's start, or `packEnd`. */
  endOf(offset: number, packEnd: number): number {
    if (!this.sorted) {
      this.sorted = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) this.sorted[i] = this.offsetAt(i);
      this.sorted.sort();
    }
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length ? this.sorted[lo] : packEnd;
  }

  /** Every id starting with this lower-case hex prefix (at least 2 digits). */
  withPrefix(prefix: string): string[] {
    const first = parseInt(prefix.slice(0, 2), 16);
    const out: string[] = [];
    for (let i = first === 0 ? 0 : this.fanout[first - 1]; i < this.fanout[first]; i++) {
      const hex = this.idAt(i).toString('hex');
      if (hex.startsWith(prefix)) out.push(hex);
    }
    return out;
  }
}

/** The packs of a repository: index and path of the `.pack` file (only packs with both files). */
export function listPacks(gitDir: string): { index: PackIndex; packPath: string }[] {
  const dir = join(gitDir, 'objects', 'pack');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const packs = new Set(names.filter((n) => n.endsWith('.pack')));
  return names
    .filter((n) => n.endsWith('.idx') && packs.has(`${n.slice(0, -4)}.pack`))
    .map((n) => ({ index: PackIndex.parse(readFileSync(join(dir, n))), packPath: join(dir, `${n.slice(0, -4)}.pack`) }));
}
