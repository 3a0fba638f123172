/**
 * Identifier and literal quoting with the semantics of PostgreSQL's `quote_ident` and
 * `quote_literal`, and model ids turned back into SQL names.
 *
 * @example quoteIdent('users') // users
 * @example quoteIdent('Order Items') // "Order Items"
 * @example qualified('app', 'user') // app."user"
 * @example quoteLiteral("it's") // 'it''s'
 */
import { splitId } from '../../../unified-model/index.js';
import { QUOTED_KEYWORDS } from './keywords.js';

const PLAIN = /^[a-z_][a-z0-9_$]*$/;

/** Quotes an identifier unless it is a plain lower-case name that is not a keyword. */
export function quoteIdent(name: string): string {
  return PLAIN.test(name) && !QUOTED_KEYWORDS.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name`, each part quoted where needed. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal (standard_conforming_strings on: only `'` needs doubling). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A model id (`app.users`, `app.users.email`, `"Mixed Case".t`) as a SQL name, each part quoted where needed. */
export function sqlName(id: string): string {
  return splitId(id).map(quoteIdent).join('.');
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/** A role as GRANT, REVOKE and policies spell it: `PUBLIC` stays a keyword. */
export function roleName(role: string): string {
  return role === 'PUBLIC' ? 'PUBLIC' : quoteIdent(role);
}

/** A storage parameter value: bare when it is a plain word or number, else a literal. */
export function optionValue(value: string): string {
  return /^(?:[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)$/.test(value) ? value : quoteLiteral(value);
}

/** `WITH (a=1, b=x)` body from a record (keys in the given order). */
export function optionList(options: Readonly<Record<string, string>>): string {
  return Object.entries(options).map(([k, v]) => `${k}=${optionValue(v)}`).join(', ');
}
