/**
 * Maps a connection URL to the adapter for its engine, by URL scheme.
 *
 * @example const adapter = adapterForUrl('postgres://localhost/app'); // the PostgreSQL adapter
 */
import { postgresAdapter } from './postgres/index.js';
import { urlScheme } from './postgres/url.js';
import { sqliteAdapter } from './sqlite/index.js';
import { isSqliteMemoryUrl } from './sqlite/url.js';
import { ConnectError, type Adapter } from './types.js';

/** Every adapter redb ships, in the order they are listed to users. */
export const ADAPTERS: readonly Adapter[] = [postgresAdapter, sqliteAdapter];

/** Every URL scheme some adapter accepts. */
export function knownSchemes(): string[] {
  return ADAPTERS.flatMap((a) => a.schemes);
}

/** The adapter for a URL; a `ConnectError` listing the known schemes when none accepts it. */
export function adapterForUrl(url: string): Adapter {
  // `sqlite::memory:` is SQLite's own spelling, without `//`
  const scheme = urlScheme(url) ?? (isSqliteMemoryUrl(url) ? 'sqlite' : undefined);
  const adapter = scheme ? ADAPTERS.find((a) => a.schemes.includes(scheme)) : undefined;
  if (adapter) return adapter;
  const known = knownSchemes().map((s) => `${s}://`).join(', ');
  throw new ConnectError(
    // the URL is not quoted: it may hold a password
    scheme ? `no adapter for the URL scheme ${scheme}://` : 'the connection URL has no scheme (like postgres://)',
    `Use one of: ${known} (e.g. postgres://user@localhost:5432/app, pglite://./data/app or sqlite://./app.db).`,
  );
}

/** The adapter for an engine family (a model's `dialect`), or undefined. */
export function adapterForDialect(dialect: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.dialect === dialect);
}

