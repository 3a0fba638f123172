/** Named database connections of a workspace: connect, list, show, disconnect, open. */
import { descriptorForUrl, loadAdapter, urlExamples, type AdapterDescriptor } from '../../adapters/registry.js';
import { ConnectError, type Adapter, type Connection } from '../../adapters/types.js';
import { storeSecrets } from '../config/credentials.js';
import { resolveConnectionUrl } from '../config/resolve-url.js';
import { hasSecrets, redactText, redactUrl, splitUrlSecrets } from '../config/url-secrets.js';
import { isValidName } from '../config/workspace-file.js';
import { ExitCode, RedbError, usageError } from '../errors.js';
import type { Workspace } from './workspace.js';

export interface DatabaseInfo {
  name: string;
  /** The URL as configured, password masked (`${ENV}` references kept). */
  url: string;
  dialect: string;
  attachedTo: { repo: string; branch: string }[];
}

/** An open database and the adapter that speaks to it. */
export interface OpenDatabase {
  name: string;
  adapter: Adapter;
  conn: Connection;
  /** Redacted URL, safe to print and commit. */
  displayUrl: string;
}

/** Looks up the adapter's registry entry for a URL (nothing is loaded), turning an unknown scheme into a usage error. */
function descriptorFor(url: string): AdapterDescriptor {
  try {
    return descriptorForUrl(url);
  } catch (err) {
    // the registry's hint lists the known schemes and examples; the message never quotes the URL
    const hint = err instanceof ConnectError ? err.hint : `use a URL like ${urlExamples().join(' or ')}`;
    throw usageError('E_URL_SCHEME', redactText((err as Error).message), hint);
  }
}

/** Opens a connection; a failure becomes an error with the driver's reason and a hint, never a password. */
export async function openUrl(url: string, name = redactUrl(url)): Promise<{ adapter: Adapter; conn: Connection }> {
  const adapter = await loadAdapter(descriptorFor(url));
  try {
    return { adapter, conn: await adapter.connect(url) };
  } catch (err) {
    if (err instanceof ConnectError) throw new RedbError('E_CONNECT', `cannot connect to ${name}: ${redactText(err.message)}`, err.hint, ExitCode.unavailable);
    throw new RedbError('E_CONNECT', `cannot connect to ${name}: ${redactText((err as Error).message)}`, 'check the URL, the server and the credentials', ExitCode.unavailable);
  }
}

export async function openDatabase(ws: Workspace, name: string): Promise<OpenDatabase> {
  const url = await ws.databaseUrl(name);
  const { adapter, conn } = await openUrl(url, `database ${name} (${ws.displayUrl(name)})`);
  return { name, adapter, conn, displayUrl: ws.displayUrl(name) };
}

/** Runs `fn` with an open database and always closes it. */
export async function withDatabase<T>(ws: Workspace, name: string, fn: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabase(ws, name);
  try {
    return await fn(db);
  } finally {
    await db.conn.close();
  }
}

function attachmentsOf(ws: Workspace, database: string): { repo: string; branch: string }[] {
  return Object.entries(ws.config.repos).flatMap(([repo, r]) =>
    Object.entries(r.attachments).filter(([, db]) => db === database).map(([branch]) => ({ repo, branch })),
  );
}

function info(ws: Workspace, name: string): DatabaseInfo {
  const raw = ws.requireDatabase(name).url;
  let dialect = 'unknown';
  try {
    dialect = descriptorForUrl(raw.includes('${') ? raw.replace(/\$\{[^}]*\}/g, 'x') : raw).dialect;
  } catch {
    /* a URL that is all ${VAR} has no scheme until it is interpolated */
  }
  return { name, url: ws.displayUrl(name), dialect, attachedTo: attachmentsOf(ws, name) };
}

/**
 * Adds a named connection. Literal secrets (the password, `password=` and the like) are
 * kept in .redb/credentials.json, never in redb.yaml; `${VAR}` references stay as
 * written. With `verify` (the default) the database must answer first.
 */
export async function connectDatabase(ws: Workspace, name: string, url: string, opts: { verify?: boolean } = {}): Promise<DatabaseInfo> {
  if (!isValidName(name)) throw usageError('E_NAME', `invalid database name ${JSON.stringify(name)}`, 'names use letters, digits, . _ - and start with a letter or digit');
  if (ws.config.databases[name]) throw usageError('E_EXISTS', `a database named ${name} already exists`, `pick another name, or run \`redb database disconnect ${name}\` first`);
  // split first: from here on only the URL without its secrets is ever shown
  const where = `the URL of ${name}`;
  const { url: stored, secrets } = splitUrlSecrets(url, { where });
  descriptorFor(stored.includes('${') ? stored.replace(/\$\{[^}]*\}/g, 'x') : stored);
  if (opts.verify !== false) {
    const { conn } = await openUrl(resolveConnectionUrl(stored, secrets, process.env, where), `database ${name} (${redactUrl(stored)})`);
    await conn.close();
  }
  await storeSecrets(ws.credentialsFile, name, hasSecrets(secrets) ? secrets : undefined);
  ws.config.databases[name] = { url: stored };
  await ws.save();
  return info(ws, name);
}

export function listDatabases(ws: Workspace): DatabaseInfo[] {
  return Object.keys(ws.config.databases).sort().map((n) => info(ws, n));
}

export function showDatabase(ws: Workspace, name: string): DatabaseInfo {
  return info(ws, name);
}

/** Removes a connection; refuses while a branch is attached to it. */
export async function disconnectDatabase(ws: Workspace, name: string): Promise<DatabaseInfo> {
  const before = info(ws, name);
  if (before.attachedTo.length) {
    const at = before.attachedTo.map((a) => `${a.repo}/${a.branch}`).join(', ');
    throw usageError('E_ATTACHED', `database ${name} is attached to ${at}`, `detach first: redb branch detach ${before.attachedTo[0].branch} --repo ${before.attachedTo[0].repo}`);
  }
  // credentials first: an unreadable credentials file stops the disconnect before redb.yaml changes
  await storeSecrets(ws.credentialsFile, name, undefined);
  delete ws.config.databases[name];
  await ws.save();
  return before;
}
