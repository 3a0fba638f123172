/** MySQL identifier quoting and the one model schema every object of the connected database is in. */

/**
 * The model schema of the connected database, whatever the database is called, so a
 * commit taken from `app` deploys onto `app_staging` unchanged (the same neutral name
 * SQLite's adapter uses).
 */
export const SCHEMA = 'main';

/** `` `a``b` ``: an identifier in backticks, a backtick doubled. */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** `'it''s'`: a string literal as the server prints one. */
export function quoteString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
