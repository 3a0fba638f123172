/**
 * The framing of a bulk-format copy (data-raw-framing.ts) counts the rows of real COPY
 * output (PGlite's) and reads the last one's key however the stream is cut: at every
 * byte, in pieces of one byte, and with one large value spread over many chunks.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BinaryFraming, TextFraming, type RowFraming } from '../../../adapters/postgres/data-raw-framing.js';

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(`
    CREATE TABLE t (id bigint, name text, note text, bin bytea, PRIMARY KEY (name, id));
    INSERT INTO t SELECT i, E'n\\t' || i, CASE WHEN i % 2 = 0 THEN NULL ELSE E'line\\nbreak' END, decode(md5(i::text), 'hex') FROM generate_series(1, 6) i;
    INSERT INTO t VALUES (7, '', '', '');`);
});
afterAll(() => db.close());

async function copyOut(sql: string, options = ''): Promise<Buffer> {
  const { blob } = await db.query(`COPY (${sql}) TO '/dev/blob'${options}`);
  return blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0);
}

const decoders = [(b: Buffer) => b.toString('utf8'), (b: Buffer) => b.readBigInt64BE(0).toString()];
const framings = { binary: () => new BinaryFraming([1, 0], decoders), text: () => new TextFraming([1, 0]) };

function frame(make: () => RowFraming, pieces: Buffer[]): { rows: number; last: unknown } {
  const f = make();
  for (const p of pieces) f.push(p);
  return { rows: f.rows, last: f.lastKey() };
}

describe('the framing of COPY output', () => {
  for (const [format, make] of Object.entries(framings)) {
    it(`counts rows and reads the last key of ${format} output cut anywhere`, async () => {
      const options = format === 'binary' ? ' (FORMAT binary)' : '';
      const data = await copyOut(`SELECT * FROM t ORDER BY id`, options);
      const whole = frame(make, [data]);
      expect(whole).toEqual({ rows: 7, last: ['', '7'] });
      for (let cut = 0; cut <= data.length; cut++) expect(frame(make, [data.subarray(0, cut), data.subarray(cut)]), `cut at ${cut}`).toEqual(whole);
      expect(frame(make, [...data].map((b) => Buffer.from([b])))).toEqual(whole);
      expect(frame(make, [await copyOut(`SELECT * FROM t WHERE id <= 6 ORDER BY id`, options)]).last).toEqual(['n\t6', '6']);
      expect(frame(make, [await copyOut(`SELECT * FROM t WHERE false`, options)])).toEqual({ rows: 0, last: undefined });
    });
  }

  it('gathers a row whose value spans many chunks once, not chunk by chunk', async () => {
    await db.exec(`CREATE TABLE big (id bigint PRIMARY KEY, v text); INSERT INTO big VALUES (1, 'a'), (2, repeat('x', 3000000)), (3, 'c')`);
    const data = await copyOut(`SELECT id, v FROM big ORDER BY id`, ' (FORMAT binary)');
    const pieces: Buffer[] = [];
    for (let at = 0; at < data.length; at += 1000) pieces.push(data.subarray(at, at + 1000));
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const f = new BinaryFraming([0], [decoders[1]]);
      for (const p of pieces) f.push(p);
      expect({ rows: f.rows, last: f.lastKey() }).toEqual({ rows: 3, last: ['3'] });
      // 3,000 pieces of a 3 MB value: joined when its length is known to be there, not once a piece (gigabytes copied)
      expect(concat.mock.calls.length).toBeLessThan(10);
    } finally {
      concat.mockRestore();
    }
  });
});
