/**
 * Connection URLs of the SQLite adapter: a database file or an in-memory database.
 *
 * - `sqlite://./app.db`, `sqlite://app.db`: a file relative to the working directory
 * - `sqlite:///abs/app.db`: an absolute path (the third slash starts the path)
 * - `sqlite://~/app.db`: under the home directory
 * - `sqlite::memory:`, `sqlite://:memory:`: a fresh in-memory database
 *
 * The file must exist: a typo'd path is an error, never a new empty database that
 * introspects as "no tables". `?mode=rwc` (SQLite's own URI spelling) creates the
 * file when it is missing, for a deploy onto a new database; `?mode=ro` opens it read-only.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ConnectError } from '../types.js';

/** How a database file is opened: read-write (the default), read-write-create, read-only. */
export type SqliteMode = 'rw' | 'rwc' | 'ro';

/** Where a SQLite URL points. */
export type SqliteTarget =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; /** Absolute path of the database file. */ readonly path: string; readonly mode: SqliteMode };

const HINT = 'Use sqlite://./app.db (relative to the working directory), sqlite:///abs/path/app.db or sqlite::memory:; add ?mode=rwc to create a missing file.';

function badUrl(reason: string): ConnectError {
  return new ConnectError(`invalid SQLite URL: ${reason}`, HINT);
}

/** The scheme of a URL that has no `//`: only `sqlite::memory:`, SQLite's own name for an in-memory database. */
export function isSqliteMemoryUrl(url: string): boolean {
  return /^sqlite::memory:$/i.test(url.trim());
}

function modeOf(query: string): SqliteMode {
  const params = new URLSearchParams(query);
  for (const name of params.keys()) {
    if (name !== 'mode') throw badUrl(`unknown parameter ${name}= (the only one is mode=ro|rw|rwc)`);
  }
  const mode = params.get('mode') ?? 'rw';
  if (mode !== 'rw' && mode !== 'rwc' && mode !== 'ro') throw badUrl(`mode=${mode} is not one of ro, rw, rwc`);
  return mode;
}

/**
 * Parses a SQLite URL; throws a `ConnectError` for anything else.
 *
 * @example parseSqliteUrl('sqlite://./app.db') // { kind: 'file', path: '/cwd/app.db', mode: 'rw' }
 * @example parseSqliteUrl('sqlite::memory:') // { kind: 'memory' }
 */
export function parseSqliteUrl(url: string): SqliteTarget {
  const text = url.trim();
  if (isSqliteMemoryUrl(text)) return { kind: 'memory' };
  const m = /^sqlite:\/\/([^?#]*)(?:\?([^#]*))?(?:#.*)?$/is.exec(text);
  if (!m) throw badUrl('it must start with sqlite:// (or be sqlite::memory:)');
  let path: string;
  try {
    path = decodeURIComponent(m[1]);
  } catch {
    throw badUrl('the path has a broken percent-escape');
  }
  if (path === ':memory:') return { kind: 'memory' };
  if (path === '') throw badUrl('the path of the database file is missing');
  const mode = modeOf(m[2] ?? '');
  if (path === '~' || path.startsWith('~/')) return { kind: 'file', path: resolve(homedir(), path.slice(2)), mode };
  return { kind: 'file', path: resolve(path), mode };
}

/** `./app.db` as the user sees where a target is (no secrets: SQLite URLs carry none). */
export function describeTarget(target: SqliteTarget): string {
  return target.kind === 'memory' ? 'an in-memory SQLite database' : `the SQLite database ${target.path}`;
}
