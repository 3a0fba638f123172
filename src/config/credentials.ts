/**
 * Passwords typed into `redb database connect` are kept out of redb.yaml (which
 * users share and commit) in `.redb/credentials.json`, readable by the owner only.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

type Credentials = Record<string, string>;

async function load(file: string): Promise<Credentials> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    return {};
  }
}

async function save(file: string, creds: Credentials): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** Splits a literal password out of a URL: returns the URL without it, and the password. */
export function splitPassword(url: string): { url: string; password?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^:@/]*):([^@/]*)@(.*)$/i.exec(url);
  if (!m || m[3].includes('${')) return { url };
  return { url: `${m[1]}${m[2]}@${m[4]}`, password: decodeURIComponent(m[3]) };
}

/** Puts a stored password back into a URL that has a user but no password. */
export function joinPassword(url: string, password: string | undefined): string {
  if (password === undefined) return url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^:@/]+)@(.*)$/i.exec(url);
  return m ? `${m[1]}${m[2]}:${encodeURIComponent(password)}@${m[3]}` : url;
}

export async function storePassword(file: string, database: string, password: string | undefined): Promise<void> {
  const creds = await load(file);
  if (password === undefined) {
    if (!(database in creds)) return;
    delete creds[database];
  } else creds[database] = password;
  await save(file, creds);
}

export async function readPassword(file: string, database: string): Promise<string | undefined> {
  return (await load(file))[database];
}
