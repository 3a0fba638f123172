/**
 * Secrets typed into `redb database connect` are kept out of redb.yaml (which users
 * share and commit) in `.redb/credentials.json`: mode 0600 in a directory only the
 * owner may enter, written atomically (temp file + rename) so a crash never leaves
 * half a file. A file that cannot be read is an error naming it, never "empty": the
 * next save would otherwise overwrite every stored password.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { configError } from '../errors.js';
import type { UrlSecrets } from './url-secrets.js';

/** Per database: its secrets (older files hold a bare password string). */
type Credentials = Record<string, UrlSecrets | string>;

function corrupt(file: string, why: string) {
  // the parser's own message quotes the file's text: it would print the passwords
  return configError(
    'E_CREDENTIALS',
    `${file} ${why}`,
    `fix the file by hand (a JSON object: {"DATABASE": {"password": "…"}}), or move it away and run \`redb database connect\` again for each database`,
  );
}

function isSecrets(value: unknown): value is UrlSecrets | string {
  if (typeof value === 'string') return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { password, params, ...other } = value as Record<string, unknown>;
  if (Object.keys(other).length || (password !== undefined && typeof password !== 'string')) return false;
  if (params === undefined) return true;
  return !!params && typeof params === 'object' && !Array.isArray(params) && Object.values(params).every((v) => typeof v === 'string');
}

async function load(file: string): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw corrupt(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt(file, 'is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw corrupt(file, 'is not a JSON object');
  for (const [database, value] of Object.entries(raw)) {
    if (!isSecrets(value)) throw corrupt(file, `has an entry for ${JSON.stringify(database)} that is not {"password": "…", "params": {…}}`);
  }
  return raw as Credentials;
}

async function save(file: string, creds: Credentials): Promise<void> {
  // 0700 applies only to directories created here (`redb init` creates .redb the same way)
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(creds, null, 2)}\n`, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  // the mode given to open() is narrowed by the umask, never widened; make sure of 0600
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** Stores (or, with undefined, forgets) the secrets of a database. */
export async function storeSecrets(file: string, database: string, secrets: UrlSecrets | undefined): Promise<void> {
  const creds = await load(file);
  if (secrets === undefined) {
    if (!(database in creds)) return;
    delete creds[database];
  } else creds[database] = secrets;
  await save(file, creds);
}

/** The stored secrets of a database (none when nothing is stored). */
export async function readSecrets(file: string, database: string): Promise<UrlSecrets> {
  const entry = (await load(file))[database];
  if (entry === undefined) return {};
  return typeof entry === 'string' ? { password: entry } : entry;
}
