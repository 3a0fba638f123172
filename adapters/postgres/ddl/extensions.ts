/**
 * Extensions: CREATE EXTENSION … WITH SCHEMA … VERSION …, ALTER EXTENSION … UPDATE TO
 * and SET SCHEMA. The comment is always stated (an extension's script sets one), so
 * the result has exactly the model's. Extensions cannot be renamed.
 */
import type { Extension } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentOn } from './comments.js';
import { quoteIdent, quoteLiteral } from './quote.js';
import { stmt } from './statement.js';

const what = (e: Extension) => `extension ${quoteIdent(e.name)}`;

export function createExtension(e: Extension): Statement[] {
  const name = quoteIdent(e.name);
  return [
    stmt(`CREATE EXTENSION ${name} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)}`, `create ${what(e)}`),
    commentOn(`EXTENSION ${name}`, e.comment, what(e)),
  ];
}

export function dropExtension(e: Extension): Statement[] {
  return [stmt(`DROP EXTENSION ${quoteIdent(e.name)}`, `drop ${what(e)}`)];
}

export function renameExtension(from: Extension, to: Extension): Statement[] {
  throw new Error(`extension ${from.name} cannot be renamed to ${to.name}: PostgreSQL has no ALTER EXTENSION … RENAME; drop it and create ${to.name} instead`);
}

/** `1.10` > `1.9`: dotted versions compared part by part, numerically where both parts are numbers. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d) return d;
  }
  return 0;
}

/** In place (UPDATE TO, SET SCHEMA), except a downgrade: extensions ship update paths forward only. */
export function extensionAlterMode(from: Extension, to: Extension): 'in-place' | 'replace' {
  return compareVersions(to.version, from.version) < 0 ? 'replace' : 'in-place';
}

export function alterExtension(from: Extension, to: Extension): Statement[] {
  const name = quoteIdent(to.name);
  const out: Statement[] = [];
  if (from.version !== to.version) out.push(stmt(`ALTER EXTENSION ${name} UPDATE TO ${quoteLiteral(to.version)}`, `update ${what(to)} to ${to.version}`));
  if (from.schema !== to.schema) out.push(stmt(`ALTER EXTENSION ${name} SET SCHEMA ${quoteIdent(to.schema)}`, `move ${what(to)} to schema ${quoteIdent(to.schema)}`));
  // an update script may set its own comment: state the model's after it
  if (from.comment !== to.comment || out.length) out.push(commentOn(`EXTENSION ${name}`, to.comment, what(to)));
  return out;
}
