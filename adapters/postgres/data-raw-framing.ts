/**
 * The rows of a COPY output as its bytes stream past (data-raw.ts): how many, and the key
 * of the last, without holding the output or reading any other value. Chunks arrive cut
 * anywhere; the last whole row is kept as a view into its chunk (text: its line), and
 * only its key is decoded, once, at the end.
 */
import type { PortableValue } from '../types.js';
import { field } from './data-copy-out.js';

const NEWLINE = 0x0a;

export interface RowFraming {
  /** Looks at the next piece of the output. */
  push(chunk: Buffer): void;
  readonly rows: number;
  /** The key of the last row (once the output has ended). */
  lastKey(): PortableValue[] | undefined;
}

export type KeyDecoder = (b: Buffer) => string;

/** COPY text: a row per line (an embedded newline is spelled `\n`), fields split by tabs. */
export class TextFraming implements RowFraming {
  rows = 0;
  private lastLine: Buffer[] = [];
  private partial: Buffer[] = [];

  constructor(private readonly keyAt: readonly number[]) {}

  push(chunk: Buffer): void {
    const end = chunk.lastIndexOf(NEWLINE);
    if (end === -1) {
      this.partial.push(chunk);
      return;
    }
    for (let i = chunk.indexOf(NEWLINE); i !== -1 && i <= end; i = chunk.indexOf(NEWLINE, i + 1)) this.rows++;
    const before = end === 0 ? -1 : chunk.lastIndexOf(NEWLINE, end - 1);
    this.lastLine = before === -1 ? [...this.partial, chunk.subarray(0, end)] : [chunk.subarray(before + 1, end)];
    this.partial = end + 1 < chunk.length ? [chunk.subarray(end + 1)] : [];
  }

  lastKey(): PortableValue[] | undefined {
    if (this.rows === 0) return undefined;
    const fields = Buffer.concat(this.lastLine).toString('utf8').split('\t');
    return this.keyAt.map((i) => field(fields[i]));
  }
}

/** The signature, flags and header-extension length that open a binary COPY (PostgreSQL's copy docs). */
const HEADER_BYTES = 11 + 4 + 4;

/**
 * COPY binary: a header, then per row a 16-bit field count and per field a 32-bit length
 * (-1 for NULL) and its bytes, then a count of -1. Whole rows are walked in the chunk
 * itself; a row (or the header) cut by a chunk's end is gathered with the chunks after
 * it until it is whole (their lengths say how much it needs), then walked on from there.
 */
export class BinaryFraming implements RowFraming {
  rows = 0;
  private started = false;
  private ended = false;
  /** The bytes of the last whole row, a view into its chunk. */
  private last: Buffer | undefined;
  private carry: Buffer[] = [];
  private carried = 0;
  /** Bytes the carried piece needs before it can be walked further. */
  private needs = 0;

  constructor(private readonly keyAt: readonly number[], private readonly decoders: readonly KeyDecoder[]) {}

  push(chunk: Buffer): void {
    if (this.carry.length) {
      this.carry.push(chunk);
      this.carried += chunk.length;
      if (this.carried < this.needs) return;
      chunk = Buffer.concat(this.carry, this.carried);
      [this.carry, this.carried] = [[], 0];
    }
    let at = 0;
    if (!this.started) {
      const size = chunk.length < HEADER_BYTES ? HEADER_BYTES : HEADER_BYTES + chunk.readUInt32BE(HEADER_BYTES - 4);
      if (chunk.length < size) return this.keep(chunk, size);
      [at, this.started] = [size, true];
    }
    let lastStart = -1;
    let lastEnd = -1;
    while (at < chunk.length) {
      if (this.ended) throw new Error('internal: bytes after the end of a binary COPY');
      const end = rowEnd(chunk, at);
      if (end > chunk.length) {
        this.keep(chunk.subarray(at), end - at);
        break;
      }
      if (end === -1) {
        [this.ended, at] = [true, at + 2];
        continue;
      }
      [this.rows, lastStart, lastEnd, at] = [this.rows + 1, at, end, end];
    }
    if (lastStart !== -1) this.last = chunk.subarray(lastStart, lastEnd);
  }

  private keep(piece: Buffer, needs: number): void {
    [this.carry, this.carried, this.needs] = [[piece], piece.length, needs];
  }

  lastKey(): PortableValue[] | undefined {
    const row = this.last;
    if (!row) return undefined;
    const values: (Buffer | null)[] = [];
    for (let at = 2, f = row.readInt16BE(0); f > 0; f--) {
      const len = row.readInt32BE(at);
      values.push(len < 0 ? null : row.subarray(at + 4, at + 4 + len));
      at += 4 + Math.max(len, 0);
    }
    return this.keyAt.map((i, n) => (values[i] === null ? null : this.decoders[n](values[i]!)));
  }
}

/**
 * Where the row starting at `at` ends: -1 for the end-of-data mark; past the chunk's
 * end when the row is cut, by at least as many bytes as it is known to need.
 */
function rowEnd(chunk: Buffer, at: number): number {
  if (at + 2 > chunk.length) return at + 2;
  const fields = chunk.readInt16BE(at);
  if (fields === -1) return -1;
  let p = at + 2;
  for (let f = 0; f < fields; f++) {
    if (p + 4 > chunk.length) return p + 4;
    const len = chunk.readInt32BE(p);
    p += 4 + (len > 0 ? len : 0);
  }
  return p;
}
