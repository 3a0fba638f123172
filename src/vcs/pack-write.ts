/**
 * Writing many objects at once as one pack (format v2, whole objects, no deltas) and
 * its index (v2): two files instead of thousands, and all objects appear at the same
 * moment — the `.pack` is renamed into place first, the `.idx` (which makes it
 * visible) last. Stock git reads it (`git verify-pack`, `git fsck`); `git gc` later
 * folds it into its own packs with deltas.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { HashedObject, ObjectType } from './objects.js';
import { BATCH, yieldToLoop } from './yield.js';

const TYPE_CODE: Record<ObjectType, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

function entryHeader(type: ObjectType, size: number): Buffer {
  const bytes: number[] = [];
  let c = (TYPE_CODE[type] << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(c | 0x80);
    c = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(c);
  return Buffer.from(bytes);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Builds the bytes of a pack and its index. */
export async function buildPack(objects: readonly HashedObject[]): Promise<{ pack: Buffer; idx: Buffer; name: string }> {
  const parts: Buffer[] = [Buffer.from('PACK'), u32(2), u32(objects.length)];
  const entries: { oid: string; offset: number; crc: number }[] = [];
  let offset = 12;
  for (let i = 0; i < objects.length; i++) {
    if (i > 0 && i % BATCH === 0) await yieldToLoop();
    const o = objects[i];
    const entry = Buffer.concat([entryHeader(o.type, o.body.length), deflateSync(o.body, { level: 1 })]);
    entries.push({ oid: o.oid, offset, crc: crc32(entry) });
    parts.push(entry);
    offset += entry.length;
  }
  const body = Buffer.concat(parts);
  const packSum = createHash('sha1').update(body).digest();
  const pack = Buffer.concat([body, packSum]);

  entries.sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  const counts = new Uint32Array(256);
  for (const e of entries) counts[parseInt(e.oid.slice(0, 2), 16)]++;
  const fanout = Buffer.alloc(256 * 4);
  for (let i = 0, total = 0; i < 256; i++) fanout.writeUInt32BE((total += counts[i]), i * 4);
  const ids = Buffer.concat(entries.map((e) => Buffer.from(e.oid, 'hex')));
  const crcs = Buffer.concat(entries.map((e) => u32(e.crc)));
  const large: Buffer[] = [];
  const offsets = Buffer.concat(
    entries.map((e) => {
      if (e.offset < 0x80000000) return u32(e.offset);
      const big = Buffer.alloc(8);
      big.writeBigUInt64BE(BigInt(e.offset));
      large.push(big);
      return u32(0x80000000 | (large.length - 1));
    }),
  );
  const idxBody = Buffer.concat([Buffer.from([0xff, 0x74, 0x4f, 0x63]), u32(2), fanout, ids, crcs, offsets, ...large, packSum]);
  const idx = Buffer.concat([idxBody, createHash('sha1').update(idxBody).digest()]);
  return { pack, idx, name: `pack-${packSum.toString('hex')}` };
}

/** Writes objects as a new pack in `objects/pack/`; returns the pack's base name. */
export async function writePack(gitDir: string, objects: readonly HashedObject[]): Promise<string> {
  const { pack, idx, name } = await buildPack(objects);
  const dir = join(gitDir, 'objects', 'pack');
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `tmp_pack_${process.pid}_${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(`${tmp}.pack`, pack, { mode: 0o444, flag: 'wx' });
    writeFileSync(`${tmp}.idx`, idx, { mode: 0o444, flag: 'wx' });
    renameSync(`${tmp}.pack`, join(dir, `${name}.pack`));
    renameSync(`${tmp}.idx`, join(dir, `${name}.idx`));
  } finally {
    rmSync(`${tmp}.pack`, { force: true });
    rmSync(`${tmp}.idx`, { force: true });
  }
  return name;
}
