/**
 * A job's resume position in a table, as the target's job table keeps it: the source key
 * of the last row copied. One encoding for the migration and the snapshot: the key as a
 * JSON array, a binary value as `{ "$hex": … }`. When any column of the table's key is
 * transformed (masked), the position is SEALED (AES-256-GCM, key derived from the secret
 * salt): the source values the transform hides from the target must not sit in plain
 * text next to it, in the job table.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PortableValue } from '../../adapters/types.js';
import { usageError, type RedbError } from '../errors.js';
import { SALT_ENV } from './transforms/index.js';

/** What the job table holds: a plain key, or `{ sealed: base64(iv | tag | ciphertext) }`. */
export type StoredPosition = unknown[] | { readonly sealed: string };

export interface KeyPositions {
  encode(key: readonly PortableValue[]): StoredPosition;
  decode(stored: StoredPosition): PortableValue[];
}

const plain = (key: readonly PortableValue[]): unknown[] => key.map((v) => (Buffer.isBuffer(v) ? { $hex: v.toString('hex') } : v));

// `{ b: base64 }` is how snapshots before this module kept a binary key: still read
const unplain = (key: readonly unknown[]): PortableValue[] =>
  key.map((v) => {
    if (v && typeof v === 'object' && typeof (v as { $hex?: unknown }).$hex === 'string') return Buffer.from((v as { $hex: string }).$hex, 'hex');
    if (v && typeof v === 'object' && typeof (v as { b?: unknown }).b === 'string') return Buffer.from((v as { b: string }).b, 'base64');
    return v as PortableValue;
  });

/** The sealing key: never the salt itself, so a position reveals nothing of it. */
const sealKey = (salt: Buffer) => createHmac('sha256', salt).update('redb-checkpoint').digest();

const isSealed = (s: StoredPosition): s is { sealed: string } => !Array.isArray(s) && typeof (s as { sealed?: unknown })?.sealed === 'string';

function noSalt(table: string): RedbError {
  return usageError(
    'E_TRANSFORM_SALT',
    `table ${table}: a key column is transformed, so the job's resume position in it is sealed with the secret salt, and none is set`,
    `set ${SALT_ENV} in the environment (the salt the job started with), or store it in .redb/credentials.json; keep it out of git`,
  );
}

/**
 * The positions of one table. `sealed`: a column of its key is transformed. `salt`: the
 * secret salt (required when sealed). `table` only names the table in errors.
 */
export function keyPositions(opts: { readonly sealed: boolean; readonly salt?: Buffer | undefined; readonly table: string }): KeyPositions {
  const key = opts.salt?.length ? sealKey(opts.salt) : undefined;
  if (opts.sealed && !key) throw noSalt(opts.table);
  return {
    encode(k) {
      if (!opts.sealed) return plain(k);
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key!, iv);
      const body = Buffer.concat([c.update(JSON.stringify(plain(k)), 'utf8'), c.final()]);
      return { sealed: Buffer.concat([iv, c.getAuthTag(), body]).toString('base64') };
    },
    decode(stored) {
      if (!isSealed(stored)) return unplain(stored as unknown[]);
      if (!key) throw noSalt(opts.table);
      const raw = Buffer.from(stored.sealed, 'base64');
      try {
        const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        d.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
        return unplain(JSON.parse(text) as unknown[]);
      } catch {
        throw usageError('E_JOB_STATE', `table ${opts.table}: the job's resume position cannot be opened with the salt set now`, `set ${SALT_ENV} to the salt the job started with, or cancel the job (redb job cancel) and run it again`);
      }
    },
  };
}
