/**
 * The git commit object format: `tree`, `parent`*, `author`, `committer` headers, a
 * blank line, the message. Signatures are `Name <email> <unix seconds> <±HHMM>`.
 */
import { CorruptObjectError, InvalidCommitError } from './errors.js';
import { parseMessage } from './trailers.js';

/**
 * Who and when. `timezoneOffset` follows isomorphic-git and `Date#getTimezoneOffset`:
 * minutes *behind* UTC, so UTC+02:00 is -120.
 */
export interface Signature {
  readonly name: string;
  readonly email: string;
  /** Seconds since the epoch. */
  readonly timestamp: number;
  readonly timezoneOffset: number;
}

/** A signature as given by a caller: time defaults to now in the local zone. */
export interface SignatureInput {
  readonly name: string;
  readonly email: string;
  readonly timestamp?: number;
  readonly timezoneOffset?: number;
}

/** A parsed commit. */
export interface CommitRecord {
  readonly oid: string;
  readonly tree: string;
  readonly parents: string[];
  readonly author: Signature;
  readonly committer: Signature;
  /** Author time, seconds since the epoch. */
  readonly timestamp: number;
  /** The message without its trailer block and trailing newline. */
  readonly message: string;
  readonly trailers: Record<string, string>;
}

/** Fills in the time of a signature and checks it can be written. */
export function completeSignature(field: string, s: SignatureInput, now = Date.now()): Signature {
  if (!s.name.trim() || /[<>\n]/u.test(s.name)) throw new InvalidCommitError(field, `bad name "${s.name}"`);
  if (/[<>\n]/u.test(s.email)) throw new InvalidCommitError(field, `bad email "${s.email}"`);
  const timestamp = s.timestamp ?? Math.floor(now / 1000);
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new InvalidCommitError(field, `bad timestamp ${timestamp}`);
  const timezoneOffset = s.timezoneOffset ?? new Date(timestamp * 1000).getTimezoneOffset();
  if (!Number.isInteger(timezoneOffset) || Math.abs(timezoneOffset) >= 100 * 60) throw new InvalidCommitError(field, `bad timezone offset ${timezoneOffset}`);
  return { name: s.name.trim(), email: s.email.trim(), timestamp, timezoneOffset };
}

export function formatSignature(s: Signature): string {
  const minutes = Math.abs(s.timezoneOffset);
  const tz = `${s.timezoneOffset > 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
  return `${s.name} <${s.email}> ${s.timestamp} ${tz}`;
}

export function parseSignature(oid: string, line: string): Signature {
  const m = /^(.*?) ?<([^>]*)> (\d+) ([+-])(\d\d)(\d\d)$/u.exec(line);
  if (!m) throw new CorruptObjectError(oid, `bad signature "${line}"`);
  const minutes = Number(m[5]) * 60 + Number(m[6]);
  return { name: m[1], email: m[2], timestamp: Number(m[3]), timezoneOffset: m[4] === '-' ? minutes : minutes === 0 ? 0 : -minutes };
}

/** Serializes a commit object's body; `message` already carries its trailers. */
export function serializeCommit(c: { tree: string; parents: readonly string[]; author: Signature; committer: Signature; message: string }): Buffer {
  const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${formatSignature(c.author)}`, `committer ${formatSignature(c.committer)}`];
  return Buffer.from(`${lines.join('\n')}\n\n${c.message}`, 'utf8');
}

/** Parses a commit object's body (headers such as `gpgsig` that span lines are skipped). */
export function parseCommit(oid: string, body: Uint8Array): CommitRecord {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const end = text.indexOf('\n\n');
  const head = (end < 0 ? text : text.slice(0, end)).split('\n');
  let tree: string | undefined;
  const parents: string[] = [];
  let author: Signature | undefined;
  let committer: Signature | undefined;
  for (const line of head) {
    if (line.startsWith(' ')) continue; // continuation of a multi-line header
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parseSignature(oid, value);
    else if (key === 'committer') committer = parseSignature(oid, value);
  }
  if (!tree || !author || !committer) throw new CorruptObjectError(oid, 'missing tree, author or committer');
  const { message, trailers } = parseMessage(end < 0 ? '' : text.slice(end + 2));
  return { oid, tree, parents, author, committer, timestamp: author.timestamp, message, trailers };
}
