/**
 * Collations: CREATE COLLATION with provider, locale or LC_COLLATE/LC_CTYPE and
 * determinism. Only the comment changes in place; anything else replaces it.
 */
import type { Collation } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { quoteLiteral, qualified } from './quote.js';
import { renameInSchema } from './rename.js';
import { same, stmt } from './statement.js';

export function createCollation(c: Collation): Statement[] {
  const name = qualified(c.schema, c.name);
  const opts = [`provider = ${c.provider}`];
  if (c.locale !== undefined) opts.push(`locale = ${quoteLiteral(c.locale)}`);
  if (c.lcCollate !== undefined) opts.push(`lc_collate = ${quoteLiteral(c.lcCollate)}`);
  if (c.lcCtype !== undefined) opts.push(`lc_ctype = ${quoteLiteral(c.lcCtype)}`);
  if (!c.deterministic) opts.push('deterministic = false');
  return [stmt(`CREATE COLLATION ${name} (${opts.join(', ')})`, `create collation ${c.id}`), ...commentChange(`COLLATION ${name}`, undefined, c.comment, `collation ${c.id}`)];
}

export function dropCollation(c: Collation): Statement[] {
  return [stmt(`DROP COLLATION ${qualified(c.schema, c.name)}`, `drop collation ${c.id}`)];
}

export function renameCollation(from: Collation, to: Collation): Statement[] {
  return renameInSchema('COLLATION', from, to);
}

export function collationAlterMode(from: Collation, to: Collation): 'in-place' | 'replace' {
  return same({ ...from, comment: undefined }, { ...to, comment: undefined }) ? 'in-place' : 'replace';
}

export function alterCollation(from: Collation, to: Collation): Statement[] {
  return commentChange(`COLLATION ${qualified(to.schema, to.name)}`, from.comment, to.comment, `collation ${to.id}`);
}
