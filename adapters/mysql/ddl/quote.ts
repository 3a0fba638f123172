/**
 * Identifiers, literals and the words of a model that a statement pastes. A model file
 * is data: names are quoted, comments are literals, and the few words that stand bare
 * (a charset, an engine, an option) must be one word, else the plan is refused.
 */
import { splitId } from '../../../unified-model/index.js';
import { quoteIdent, quoteString } from '../introspect/names.js';
import { RedbError } from '../../../src/errors.js';

/** `` `a``b` ``: an identifier in backticks, a backtick doubled. */
export const q = quoteIdent;

/**
 * A string literal: quotes doubled and backslashes doubled, so the text is the same
 * whether the server reads backslash escapes or not (NO_BACKSLASH_ESCAPES reads `\\`
 * as two backslashes: a longer comment, never a broken statement).
 */
export const lit = quoteString;

/** The table name of an id (`main.users` → `users`): statements never name the database. */
export const nameOf = (id: string): string => splitId(id).at(-1)!;

/** A name or a table of another database (`other.t` keeps its database). */
export function tableRef(id: string): string {
  const parts = splitId(id);
  return parts[0] === 'main' || parts.length < 2 ? q(parts.at(-1)!) : parts.map(q).join('.');
}

/** A column list: `` (`a`, `b`) `` without the brackets. */
export const cols = (names: readonly string[]): string => names.map(q).join(', ');

const WORD = /^[A-Za-z0-9_]+$/u;

/** A word pasted bare (charset, collation, engine, row format): anything else is refused. */
export function word(text: string, what: string): string {
  if (!WORD.test(text)) throw new RedbError('E_UNSUPPORTED', `${what} ${JSON.stringify(text)} is not one word`, 'a charset, collation, engine or table option is a name of letters, digits and _');
  return text;
}

/** A whole number pasted bare (sequence parameters). */
export function whole(text: string, what: string): string {
  if (!/^-?[0-9]+$/u.test(text)) throw new RedbError('E_UNSUPPORTED', `${what} ${JSON.stringify(text)} is not a whole number`, 'sequence parameters are whole numbers');
  return text;
}

/** Literals the server keeps as literals after DEFAULT (numbers, strings, NULL, bit and hex values). */
const LITERAL = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|'(?:[^'\\]|''|\\.)*'|null|true|false|b'[01]*'|0x[0-9a-f]+|x'[0-9a-f]*')$/isu;
const NOW = /^(?:current_timestamp|now|localtime|localtimestamp)(?:\(\d*\))?$/iu;

/**
 * A default as the column definition spells it: literals and CURRENT_TIMESTAMP bare,
 * any other expression in parentheses (MySQL 8.0.13 and MariaDB 10.2 take expressions
 * only so, and read them back without).
 */
export function defaultSql(expr: string): string {
  const e = expr.trim();
  return LITERAL.test(e) || NOW.test(e) || /^\(.*\)$/su.test(e) ? e : `(${e})`;
}
