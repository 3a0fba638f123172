/**
 * ALTER … RENAME TO and ALTER … SET SCHEMA, shared by every kind that lives in a
 * schema. A move to another schema with a new name is a rename followed by SET SCHEMA.
 *
 * @example renameInSchema('TABLE', from, to) // ALTER TABLE app.users RENAME TO members
 */
import type { Statement } from '../../types.js';
import { quoteIdent, qualified } from './quote.js';
import { stmt } from './statement.js';

interface Named {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
}

/** `keyword` is what follows ALTER (`TABLE`, `MATERIALIZED VIEW`, `FUNCTION` …); `suffix` an argument list for routines. */
export function renameInSchema(keyword: string, from: Named, to: Named, suffix = ''): Statement[] {
  const out: Statement[] = [];
  if (from.name !== to.name) {
    out.push(stmt(`ALTER ${keyword} ${qualified(from.schema, from.name)}${suffix} RENAME TO ${quoteIdent(to.name)}`, `rename ${keyword.toLowerCase()} ${from.id} to ${to.id}`));
  }
  if (from.schema !== to.schema) {
    out.push(stmt(`ALTER ${keyword} ${qualified(from.schema, to.name)}${suffix} SET SCHEMA ${quoteIdent(to.schema)}`, `move ${keyword.toLowerCase()} ${from.id} to schema ${quoteIdent(to.schema)}`));
  }
  return out;
}
