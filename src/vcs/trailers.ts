/**
 * Git trailers (`Redb-Dialect: DIALECT`): `Key: value` lines forming the last
 * paragraph of a commit message, readable with `git interpret-trailers --parse` and
 * `git log --format=%(trailers)`.
 */
import { InvalidCommitError } from './errors.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/u;
const LINE = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*)$/u;

/** Appends trailers to a message (a blank line between); no trailers: the message alone. */
export function formatMessage(message: string, trailers: Readonly<Record<string, string>> = {}): string {
  const body = message.replace(/\r\n/gu, '\n').replace(/\s+$/u, '');
  if (body.trim() === '') throw new InvalidCommitError('message', 'it is empty');
  const lines = Object.entries(trailers).map(([key, value]) => {
    if (!KEY.test(key)) throw new InvalidCommitError('trailers', `"${key}" is not a trailer key (letters, digits and "-")`);
    if (/[\r\n]/u.test(value)) throw new InvalidCommitError('trailers', `the value of ${key} spans several lines`);
    return value.trim() === '' ? `${key}:` : `${key}: ${value.trim()}`;
  });
  return lines.length ? `${body}\n\n${lines.join('\n')}\n` : `${body}\n`;
}

/**
 * Splits a commit message into its text and trailers. The last paragraph is the
 * trailer block when every line in it is `Key: value` (or a continuation line); the
 * first paragraph (the subject) never is. A repeated key keeps its last value.
 *
 * @example
 * parseMessage('Add index\n\nRedb-Dialect: DIALECT\n')
 * // { message: 'Add index', trailers: { 'Redb-Dialect': 'DIALECT' } }
 */
export function parseMessage(raw: string): { message: string; trailers: Record<string, string> } {
  const text = raw.replace(/\s+$/u, '');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return { message: text, trailers: {} };
  const block = text.slice(split + 2).split('\n');
  const trailers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of block) {
    const m = LINE.exec(line);
    if (m) {
      last = m[1];
      trailers[last] = m[2].trim();
    } else if (last !== undefined && /^[ \t]+\S/u.test(line)) {
      trailers[last] = `${trailers[last]} ${line.trim()}`;
    } else {
      return { message: text, trailers: {} };
    }
  }
  return { message: text.slice(0, split).replace(/\s+$/u, ''), trailers };
}
