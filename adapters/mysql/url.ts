/**
 * Connection URLs of the MySQL/MariaDB adapter:
 * `mysql://user:password@host:3306/database` (or `mariadb://`, the same thing: the
 * flavour is read from the server, never from the scheme). The database is required:
 * it is the one namespace the model reads. Parameters: `ssl=true|false` and
 * `socket=/path/to/mysqld.sock` (connects over a Unix socket instead of host:port).
 *
 * The URL is never quoted in an error: a password that broke its parsing cannot be
 * masked reliably.
 */
import { ConnectError } from '../types.js';
import { urlScheme } from '../url.js';

export interface MysqlTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
  readonly socket?: string;
  readonly ssl?: boolean;
}

export const DEFAULT_PORT = 3306;
const HINT = 'Use mysql://user:password@host:3306/database (or mariadb://…); percent-encode special characters in the password.';

function badUrl(reason: string): ConnectError {
  return new ConnectError(`invalid MySQL URL: ${reason}`, HINT);
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUrl(`the ${what} has a broken percent-escape`);
  }
}

function paramsOf(u: URL): Pick<MysqlTarget, 'socket' | 'ssl'> {
  const out: { socket?: string; ssl?: boolean } = {};
  for (const [name, value] of u.searchParams) {
    if (name === 'socket') out.socket = value;
    else if (name === 'ssl') {
      if (value !== 'true' && value !== 'false') throw badUrl(`ssl=${value} is not true or false`);
      out.ssl = value === 'true';
    } else throw badUrl(`unknown parameter ${name}= (known: ssl, socket)`);
  }
  return out;
}

/**
 * Parses a `mysql://` or `mariadb://` URL; throws a `ConnectError` for anything else.
 *
 * @example parseMysqlUrl('mysql://root@127.0.0.1:3306/test') // { host: '127.0.0.1', port: 3306, user: 'root', database: 'test' }
 */
export function parseMysqlUrl(url: string): MysqlTarget {
  const text = url.trim();
  const scheme = urlScheme(text);
  if (scheme !== 'mysql' && scheme !== 'mariadb') throw badUrl(`unsupported scheme ${scheme ?? '(none)'}`);
  if (!/^[a-z]+:\/\//i.test(text)) throw badUrl(`${scheme}: must be followed by //`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw badUrl('not a valid URL (percent-encode special characters in the password)');
  }
  const database = decode(u.pathname.replace(/^\//, ''), 'database name');
  if (database === '') throw badUrl('the database is missing (mysql://host/DATABASE): a MySQL database is the namespace redb reads');
  if (database.includes('/')) throw badUrl('the path must be one database name');
  const password = u.password ? decode(u.password, 'password') : undefined;
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: u.port ? Number(u.port) : DEFAULT_PORT,
    user: decode(u.username, 'user name') || 'root',
    ...(password !== undefined ? { password } : {}),
    database,
    ...paramsOf(u),
  };
}

/** `user@host:port/database`: where a connection goes, without the password. */
export function describeTarget(t: MysqlTarget): string {
  return `${t.user}@${t.socket ?? `${t.host}:${t.port}`}/${t.database}`;
}

/**
 * The URL with its password replaced by `***` (as written and percent-encoded), for
 * any text that must show where redb connects.
 *
 * @example redactMysqlUrl('mysql://app:s3cret@db/app') // 'mysql://app:***@db/app'
 */
export function redactMysqlUrl(url: string): string {
  // the last `@` ends the user info: an unencoded `@` in the password stays masked
  return url.replace(/^(\s*[a-z]+:\/\/[^:/?#@]*):.*@(?=[^@]*$)/is, '$1:***@');
}

/** Removes the password (as given and percent-encoded) from text a driver wrote. */
export function scrubSecret(text: string, t: MysqlTarget): string {
  if (!t.password) return text;
  return [t.password, encodeURIComponent(t.password)].reduce((out, s) => out.split(s).join('***'), text);
}
