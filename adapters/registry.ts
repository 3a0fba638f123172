/**
 * Maps a connection URL (its scheme) or a model's dialect to the adapter for its
 * engine. Each entry is a small descriptor (schemes, words for help and errors) and a
 * loader: an adapter's code (its driver, its DDL) is imported only when a command
 * uses one of its schemes, so `redb help`, `redb version` or an unknown-scheme error
 * load none of them.
 *
 * @example const adapter = await adapterForUrl('postgres://localhost/app'); // the PostgreSQL adapter, loaded now
 */
import { mysqlDescriptor } from './mysql/descriptor.js';
import { postgresDescriptor } from './postgres/descriptor.js';
import { sqliteDescriptor } from './sqlite/descriptor.js';
import { ConnectError, type Adapter } from './types.js';
import { urlScheme } from './url.js';

/** What redb knows about an adapter without loading it. */
export interface AdapterDescriptor {
  /** Engine family of the models it produces (`Adapter.dialect`). */
  readonly dialect: string;
  /** URL schemes it accepts, without `://` (`Adapter.schemes`). */
  readonly schemes: readonly string[];
  /** What it connects to, one line for help text. */
  readonly description: string;
  /** Connection URLs as a user would type them (a server's, an embedded one's), for help and error hints. */
  readonly urlExamples: readonly string[];
  /** Set when the engine can run in-process: its name and the URL of a database kept at `path`. */
  readonly embedded?: { readonly name: string; url(path: string): string };
  /**
   * npm packages the adapter's code imports that find files next to themselves (a
   * WebAssembly module, a native addon, an optional native driver): the CLI bundle
   * (src/cli/bundle.ts) leaves them in node_modules instead of copying their code.
   */
  readonly unbundled?: readonly string[];
  /** Imports the adapter's code. */
  load(): Promise<Adapter>;
}

/** Every adapter redb ships, in the order they are listed to users. */
export const ADAPTERS: readonly AdapterDescriptor[] = [
  { ...postgresDescriptor, load: async () => (await import('./postgres/index.js')).postgresAdapter },
  { ...sqliteDescriptor, load: async () => (await import('./sqlite/index.js')).sqliteAdapter },
  { ...mysqlDescriptor, load: async () => (await import('./mysql/index.js')).mysqlAdapter },
];

const loaded = new Map<AdapterDescriptor, Promise<Adapter>>();

/** Loads an adapter once, checking it is the engine its descriptor says. */
export function loadAdapter(entry: AdapterDescriptor): Promise<Adapter> {
  let adapter = loaded.get(entry);
  if (!adapter) {
    adapter = entry.load().then((a) => {
      if (a.dialect !== entry.dialect || a.schemes.join() !== entry.schemes.join()) {
        throw new Error(`the ${entry.dialect} adapter's registry entry does not match the adapter (dialect ${a.dialect}, schemes ${a.schemes.join(', ')})`);
      }
      return a;
    });
    loaded.set(entry, adapter);
  }
  return adapter;
}

/** Every URL scheme some adapter accepts (no adapter is loaded). */
export function knownSchemes(): string[] {
  return ADAPTERS.flatMap((a) => a.schemes);
}

/** Example URLs of every adapter, for hints and help (no adapter is loaded). */
export function urlExamples(): string[] {
  return ADAPTERS.flatMap((a) => a.urlExamples);
}

/** The descriptor for a URL, without loading the adapter; a `ConnectError` listing the known schemes when none accepts it. */
export function descriptorForUrl(url: string): AdapterDescriptor {
  const scheme = urlScheme(url);
  const entry = scheme ? ADAPTERS.find((a) => a.schemes.includes(scheme)) : undefined;
  if (entry) return entry;
  const known = knownSchemes().map((s) => `${s}://`).join(', ');
  throw new ConnectError(
    // the URL is not quoted: it may hold a password
    scheme ? `no adapter for the URL scheme ${scheme}://` : 'the connection URL has no scheme (the part before ://)',
    `Use one of: ${known} (e.g. ${urlExamples().join(' or ')}).`,
  );
}

/** The adapter for a URL, loaded; a `ConnectError` listing the known schemes when none accepts it. */
export async function adapterForUrl(url: string): Promise<Adapter> {
  return loadAdapter(descriptorForUrl(url));
}

/** The adapter for an engine family (a model's `dialect`), loaded; undefined when redb has none. */
export async function adapterForDialect(dialect: string): Promise<Adapter | undefined> {
  const entry = ADAPTERS.find((a) => a.dialect === dialect);
  return entry ? loadAdapter(entry) : undefined;
}

/** The adapters that run in-process without a server (no adapter is loaded). */
export function embeddedAdapters(): (AdapterDescriptor & { embedded: NonNullable<AdapterDescriptor['embedded']> })[] {
  return ADAPTERS.filter((a): a is AdapterDescriptor & { embedded: NonNullable<AdapterDescriptor['embedded']> } => a.embedded !== undefined);
}
