/**
 * The checksum of rows in canonical text (adapters/data-types.ts, CanonicalText), made
 * on the lines as they pass from a source's export into a target's import: each line's
 * md5, its first 60 bits summed, as the servers compute it. The verification then
 * compares the target's own checksum of what it holds with what was sent to it, and
 * no server reads the table a second time for the source's side.
 *
 * A newline ends every line and is never inside one (canonical text escapes it), so the
 * bytes are cut at newlines wherever the pieces they arrive in end.
 */
import { hash } from 'node:crypto';

/** The 60 bits: the md5's first 32, then the next 28 (the top of its second word). */
const LOW_BITS = 28;
/** Sums of 32-bit numbers stay exact in a double below 2^53: folded into a BigInt before. */
const FOLD_AT = 2 ** 52;

export class LineSums {
  private carry: Buffer | undefined;
  private high = 0;
  private low = 0;
  private folded = 0n;
  rows = 0;

  /** Adds the lines of a piece of the bytes; a line cut at its end is finished by the next piece. */
  push(piece: Buffer): void {
    let bytes = piece;
    if (this.carry) {
      const end = piece.indexOf(0x0a);
      if (end === -1) {
        this.carry = Buffer.concat([this.carry, piece]);
        return;
      }
      this.add(Buffer.concat([this.carry, piece.subarray(0, end)]));
      this.carry = undefined;
      bytes = piece.subarray(end + 1);
    }
    let at = 0;
    for (let end = bytes.indexOf(0x0a, at); end !== -1; end = bytes.indexOf(0x0a, at)) {
      this.add(bytes.subarray(at, end));
      at = end + 1;
    }
    if (at < bytes.length) this.carry = Buffer.from(bytes.subarray(at));
  }

  private add(line: Buffer): void {
    const h = hash('md5', line, 'buffer');
    this.high += h.readUInt32BE(0);
    this.low += h.readUInt32BE(4) >>> (32 - LOW_BITS);
    this.rows++;
    if (this.high < FOLD_AT) return;
    this.fold();
  }

  private fold(): void {
    this.folded += (BigInt(this.high) << BigInt(LOW_BITS)) + BigInt(this.low);
    this.high = 0;
    this.low = 0;
  }

  /** The sum, in decimal: as a server's checksum prints it after its count. */
  sum(): string {
    if (this.carry) throw new Error('internal: canonical lines that do not end in a newline');
    this.fold();
    return this.folded.toString();
  }

  /** The bytes unchanged, each piece added as it passes. */
  async *tap(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const piece of pieces) {
      this.push(piece);
      yield piece;
    }
  }
}
