/**
 * Connection URLs of the PostgreSQL adapter: `postgres://` and `postgresql://` for
 * servers, `pglite://memory` and `pglite://<dir>` for the embedded engine.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ConnectError } from '../types.js';
import { urlScheme } from '../url.js';

/** Kept for callers that imported it from here: the scheme is not PostgreSQL's, see adapters/url.ts. */
export { urlScheme };

/** Where a PostgreSQL URL points: a server (node-postgres) or an embedded PGlite. */
export type PgTarget =
  | { readonly kind: 'server'; readonly connectionString: string; readonly host: string; readonly port: number; readonly user: string; readonly database: string; readonly password?: string }
  | { readonly kind: 'pglite'; /** Absolute data directory, or undefined for an in-memory database. */ readonly dataDir?: string };

// the URL itself is never quoted: a password that broke its parsing cannot be masked reliably
function badUrl(reason: string): ConnectError {
  return new ConnectError(
    `invalid PostgreSQL URL: ${reason}`,
    'Use postgres://user:password@host:5432/database, pglite://memory or pglite://<directory>.',
  );
}

/** Resolves the directory of a `pglite://` URL: `memory` is in-memory, `~/x` is under the home directory. */
function pgliteDir(rest: string): string | undefined {
  const path = decodeURIComponent(rest.replace(/[?#].*$/s, ''));
  if (path === 'memory' || path === 'memory/') return undefined;
  if (path === '') throw badUrl('pglite:// needs `memory` or a directory, e.g. pglite://./data/app');
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return resolve(path);
}

/**
 * Parses a PostgreSQL or PGlite URL; throws a `ConnectError` for anything else.
 *
 * @example parsePgUrl('pglite://./data/app') // { kind: 'pglite', dataDir: '/cwd/data/app' }
 */
export function parsePgUrl(url: string): PgTarget {
  const scheme = urlScheme(url);
  // every PostgreSQL URL has `//` after its scheme (`pglite:data` is not a directory called `data`)
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim())) throw badUrl(scheme ? `${scheme}: must be followed by //` : 'it has no scheme');
  if (scheme === 'pglite') return { kind: 'pglite', dataDir: pgliteDir(url.trim().slice('pglite://'.length)) };
  if (scheme !== 'postgres' && scheme !== 'postgresql') throw badUrl(`unsupported scheme ${scheme ?? '(none)'}`);
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw badUrl('not a valid URL (percent-encode special characters in the password)');
  }
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'postgres';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || process.env.PGDATABASE || user;
  return {
    kind: 'server',
    connectionString: url.trim(),
    host: u.hostname || process.env.PGHOST || 'localhost',
    port: u.port ? Number(u.port) : Number(process.env.PGPORT ?? 5432),
    user,
    database,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}
