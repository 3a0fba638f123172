/**
 * A query's rows through `COPY (query) TO STDOUT` (text format) on a server: half the
 * client CPU of the row protocol for a batch of thousands of rows, since the lines are
 * split natively and a field needs work only when it holds an escape. Every value
 * arrives as PostgreSQL's text (or null); readConverter turns the few kinds that are not
 * portable as text (floats, booleans, bytea, arrays) into theirs.
 */
import type pg from 'pg';
import type { PortableValue } from '../types.js';

/** COPY's escapes of its text output (CopyAttributeOutText): backslash, and the control characters it spells. */
const UNESCAPE: Readonly<Record<string, string>> = { '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };

/** Output gathered before it is decoded and split. */
const PARSE_BYTES = 256 * 1024;

/** One field of a COPY text line: NULL, or its text unescaped. */
export function field(text: string): string | null {
  if (text === '\\N') return null;
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/gs, (_m, c: string) => UNESCAPE[c] ?? c);
}

/** Lines of COPY text output, each ended by a newline, into rows of text values. */
export function parseLines(text: string, into: PortableValue[][]): void {
  const lines = text.split('\n');
  // the text ends with a line's end: the last piece is empty
  lines.pop();
  for (const line of lines) into.push(line.split('\t').map(field));
}

/** pg-copy-streams' `to` and `from`. */
export async function copyStreams(): Promise<Pick<typeof import('pg-copy-streams'), 'to' | 'from'>> {
  // In the CLI's esbuild bundle the CommonJS module's exports arrive under `default`
  // (a named `to` is undefined there: `redb job run` failed with "to is not a function").
  const m = (await import('pg-copy-streams')) as typeof import('pg-copy-streams') & { default?: typeof import('pg-copy-streams') };
  return (m as { to?: unknown }).to ? m : m.default!;
}

/**
 * The rows of `query` (one SELECT of redb's own, no parameters), each an array of text
 * values in the SELECT's order. Lines are decoded as they arrive, so a batch is never
 * held twice as one string.
 */
export async function copyOut(client: pg.Client, query: string): Promise<PortableValue[][]> {
  const { to } = await copyStreams();
  const stream = client.query(to(`COPY (${query}) TO STDOUT`));
  const rows: PortableValue[][] = [];
  // chunks (often one row each) gathered up to PARSE_BYTES and decoded together; the
  // piece of a line not ended yet waits for the next ones (a large value: joined once)
  let pending: Buffer[] = [];
  let size = 0;
  const parsePending = (final: boolean) => {
    const data = pending.length === 1 ? pending[0] : Buffer.concat(pending, size);
    const end = data.lastIndexOf(0x0a);
    if (end === -1 && !final) return;
    // a line ends at a newline byte, never inside a UTF-8 sequence: the decode cuts no character
    parseLines(data.toString('utf8', 0, end + 1), rows);
    pending = end + 1 < data.length ? [data.subarray(end + 1)] : [];
    size = pending[0]?.length ?? 0;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= PARSE_BYTES) parsePending(false);
  }
  if (size) parsePending(true);
  if (pending.length) throw new Error('internal: COPY output ended inside a line');
  return rows;
}
