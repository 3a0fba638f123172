/**
 * The salt of deterministic transforms and `hash`: a secret, like a password. It comes
 * from the environment (REDB_TRANSFORM_SALT) or from the workspace's credentials store
 * (.redb/credentials.json, entry "@transform-salt", never in redb.yaml or git); it is
 * never printed, and no error message quotes it.
 */
import { readSecrets, storeSecrets } from '../../config/credentials.js';

export const SALT_ENV = 'REDB_TRANSFORM_SALT';
/** A name no database can have (database names start with a letter or digit), so it never collides. */
export const SALT_ENTRY = '@transform-salt';

export async function resolveSalt(credentialsFile: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Buffer | undefined> {
  const fromEnv = env[SALT_ENV];
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  if (!credentialsFile) return undefined;
  const stored = (await readSecrets(credentialsFile, SALT_ENTRY)).password;
  return stored ? Buffer.from(stored, 'utf8') : undefined;
}

export async function storeSalt(credentialsFile: string, salt: string): Promise<void> {
  await storeSecrets(credentialsFile, SALT_ENTRY, { password: salt });
}
