/**
 * What a stored body is created under: the session settings it was made in (its
 * `sql_mode`, an event's time zone), set around the CREATE and put back, and its
 * DEFINER. The server stores the session's sql_mode with a routine, trigger or event
 * and parses (and later runs) the body in it; an event's times are read in the
 * session's time zone, which the event keeps.
 */
import { RedbError } from '../../../src/errors.js';
import type { Statement } from '../../types.js';
import { lit } from './quote.js';

/** `sql_mode=…` of a `config`: one list of words, or undefined. */
export function sqlModeOf(config: readonly string[] | undefined, id: string): string | undefined {
  const entry = config?.find((c) => c.startsWith('sql_mode='));
  if (entry === undefined) return undefined;
  const mode = entry.slice('sql_mode='.length);
  if (!/^[A-Z_,]*$/u.test(mode)) throw new RedbError('E_UNSUPPORTED', `the sql_mode of ${id} is not a list of modes: ${JSON.stringify(mode)}`, 'sql_mode is words of capitals and _ separated by commas');
  return mode;
}

/** Session variables a CREATE runs under, by name (`sql_mode`, `time_zone`): their values as the model holds them. */
export interface SessionSettings { readonly sql_mode?: string; readonly time_zone?: string }

/**
 * `create` between SETs of the session variables in `settings` and their old values
 * (kept in `@redb_<name>`); `create` alone when there are none.
 */
export function underSession(create: Statement, settings: SessionSettings, id: string): Statement[] {
  const names = (Object.keys(settings) as (keyof SessionSettings)[]).filter((k) => settings[k] !== undefined);
  if (!names.length) return [create];
  return [
    ...names.map((n) => ({ sql: `SET @redb_${n} = @@SESSION.${n}`, comment: `keep the session ${n} while ${id} is created` })),
    ...names.map((n) => ({ sql: `SET SESSION ${n} = ${lit(settings[n] as string)}`, comment: `the ${n} ${id} was made in` })),
    create,
    ...names.map((n) => ({ sql: `SET SESSION ${n} = @redb_${n}`, comment: `the session ${n} again` })),
  ];
}

/**
 * `DEFINER='user'@'host' ` for a model's `definer` (`user@host`, split at the last `@`:
 * a host has none), or '' when the deploying account is to be the definer. Both parts
 * are literals, so no name can end the clause.
 */
export function definerClause(definer: string | undefined, id: string): string {
  if (definer === undefined) return '';
  const at = definer.lastIndexOf('@');
  if (at <= 0 || at === definer.length - 1) throw new RedbError('E_UNSUPPORTED', `the definer of ${id} is not user@host: ${JSON.stringify(definer)}`, "write it as the catalog does, e.g. \"app@%\" or \"app@localhost\"");
  return `DEFINER=${lit(definer.slice(0, at))}@${lit(definer.slice(at + 1))} `;
}
