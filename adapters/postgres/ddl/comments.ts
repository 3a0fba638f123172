/**
 * COMMENT ON for every object kind and table member. `target` is the SQL after
 * COMMENT ON, e.g. `TABLE app.users`, `COLUMN app.users.email`, `CONSTRAINT c ON app.t`.
 *
 * @example commentOn('TABLE app.users', 'people', 'app.users').sql // COMMENT ON TABLE app.users IS 'people'
 */
import type { Statement } from '../../types.js';
import { quoteLiteral } from './quote.js';
import { stmt } from './statement.js';

/** Sets (or, for `undefined`, removes) a comment. `what` names the object in the statement's comment. */
export function commentOn(target: string, text: string | undefined, what: string): Statement {
  return stmt(`COMMENT ON ${target} IS ${text === undefined ? 'NULL' : quoteLiteral(text)}`, `${text === undefined ? 'remove comment on' : 'comment on'} ${what}`);
}

/** The comment of a new object, if it has one. */
export function commentIfSet(target: string, text: string | undefined, what: string): Statement[] {
  return text === undefined ? [] : [commentOn(target, text, what)];
}

/** A changed comment, or nothing when it is the same. */
export function commentChange(target: string, from: string | undefined, to: string | undefined, what: string): Statement[] {
  return from === to ? [] : [commentOn(target, to, what)];
}
