/** `--type TABLE.COLUMN=NATIVE`: a column's type on the target, spelled as the target engine spells it. */
import { usageError } from '../errors.js';
import type { TypeOverride } from './types.js';

/**
 * @example parseTypeOverride('posts.public_id=uuid') // { table: 'posts', column: 'public_id', native: 'uuid' }
 */
export function parseTypeOverride(text: string): TypeOverride {
  const m = /^([^.=]+)\.([^=]+)=(.+)$/s.exec(text.trim());
  if (!m || !m[3].trim()) {
    throw usageError('E_USAGE', `--type ${JSON.stringify(text)} is not TABLE.COLUMN=TYPE`, 'e.g. --type posts.public_id=uuid (the table and column as the source names them, the type as the target spells it)');
  }
  return { table: m[1], column: m[2], native: m[3].trim() };
}
