/** Identifiers and literals as SQLite spells them. */
import { splitId } from '../../../unified-model/index.js';

/** A quoted identifier: `"name"`, inner quotes doubled. */
export const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A string literal: `'text'`, inner quotes doubled. */
export const lit = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The table name of an id (`main.users` → `users`). Statements never name the schema:
 * the connected database is the model's one schema, whatever it is called.
 */
export const nameOf = (id: string): string => splitId(id).at(-1)!;

/** Literals SQLite accepts after DEFAULT without parentheses (and as an ADD COLUMN default). */
const LITERAL = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false)$/i;
const CURRENT = /^current_(?:time|date|timestamp)$/i;

/** A default as the column definition spells it: literals bare, any other expression in parentheses. */
export const defaultSql = (expr: string): string => (LITERAL.test(expr.trim()) || CURRENT.test(expr.trim()) ? expr.trim() : `(${expr})`);

/** Whether ALTER TABLE ADD COLUMN accepts this default: a constant, not CURRENT_… and not an expression. */
export const isConstantDefault = (expr: string): boolean => LITERAL.test(expr.trim());
