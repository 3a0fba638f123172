/**
 * The one place that knows where a connection URL keeps its secrets, for every
 * engine redb speaks or will speak: the password of the user info
 * (`scheme://user:password@host`, as most engines' URLs write it) and secret
 * parameters (`?password=`, `sslpassword=`, numbered `password1=`, `;Password=` /
 * `;pwd=` in `;`-separated URLs, tokens and keys). `database connect` splits them out
 * (they go to .redb/credentials.json), connecting joins them back (percent-encoded,
 * so the driver reads exactly the password that was given), and every URL that is
 * shown goes through `redactUrl`.
 *
 * A URL whose password cannot be told apart from the rest without guessing (an
 * unencoded `/ ? # ;` before the `@`, an `@` after the host, a `+` in a secret
 * parameter) is refused with a hint to percent-encode, and the error never quotes it.
 */
import { usageError } from '../errors.js';

/** Secrets of one URL, decoded: the user-info password and secret parameters by name as written. */
export interface UrlSecrets {
  password?: string;
  params?: Record<string, string>;
}

/** A URL with its secrets taken out: `url` is safe to store and show. */
export interface SplitUrl {
  url: string;
  secrets: UrlSecrets;
}

/** Names of query parameters that hold a secret (case-insensitive). */
const SECRET_PARAM = /^(?:pass|passwd|pwd|.*password\d?|.*secret|.*token|api_?key|access_?key)$/i;
/** `${VAR}`, the only interpolation redb knows. */
const REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
const ENCODE_HINT =
  'percent-encode special characters in the password: @ as %40, / as %2F, ? as %3F, # as %23, ; as %3B, & as %26, + as %2B, % as %25 (or put the password in an environment variable and write ${VAR})';

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

/** True when a value is nothing but `${VAR}` references (a name of a secret, not a secret). */
function isReference(value: string): boolean {
  return value !== '' && value.replace(REFERENCE, '') === '';
}

/** Percent-decodes like the drivers do, keeping a `%` that starts no escape as it is. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    return text;
  }
}

/** A URL cut at its structural points: `scheme://[userinfo@]host[/path][?params]`. */
interface UrlShape {
  prefix: string;
  /** `[userinfo@]host`, as written. */
  authority: string;
  user?: string;
  /** The password as written (undefined when the user info has no `:`). */
  password?: string;
  host: string;
  /** Path, `;` parameters and query: everything after the host. */
  tail: string;
}

function shapeOf(url: string): UrlShape | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(url);
  if (!m) return undefined;
  const rest = url.slice(m[1].length);
  const end = rest.search(/[/?;]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const tail = end === -1 ? '' : rest.slice(end);
  const at = authority.lastIndexOf('@');
  if (at === -1) return { prefix: m[1], authority, host: authority, tail };
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  return {
    prefix: m[1],
    authority,
    user: colon === -1 ? userInfo : userInfo.slice(0, colon),
    ...(colon === -1 ? {} : { password: userInfo.slice(colon + 1) }),
    host: authority.slice(at + 1),
    tail,
  };
}

/** True when a `host[:port][,host[:port]]` part has a port that is not a number (or a reference). */
function hasBadPort(host: string): boolean {
  return host.split(',').some((h) => {
    const colon = h.replace(/^\[[^\]]*\]/, '').indexOf(':');
    if (colon === -1) return false;
    const port = h.replace(/^\[[^\]]*\]/, '').slice(colon + 1);
    return !/^\d*$/.test(port) && !isReference(port);
  });
}

function refuse(where: string, reason: string) {
  return usageError('E_URL_SECRET', `${where}: ${reason}; redb will not guess which part is the password`, ENCODE_HINT);
}

/** Splits `path?a=1&b=2` (or `;a=1;b=2`) into the path and its parameters. */
function paramsOf(tail: string): { path: string; params: { name: string; value?: string }[]; separator: string } {
  const start = tail.search(/[?;]/);
  if (start === -1) return { path: tail, params: [], separator: '?' };
  const separator = tail.includes('?') ? '?' : ';';
  const params = tail
    .slice(start + 1)
    .split(/[&;]/)
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq === -1 ? { name: p } : { name: p.slice(0, eq), value: p.slice(eq + 1) };
    });
  return { path: tail.slice(0, start), params, separator };
}

function withParams(path: string, params: { name: string; value?: string }[], separator: string): string {
  if (!params.length) return path;
  const joiner = separator === '?' ? '&' : ';';
  return `${path}${separator}${params.map((p) => (p.value === undefined ? p.name : `${p.name}=${p.value}`)).join(joiner)}`;
}

/**
 * Takes every literal secret out of a URL. A secret written as `${VAR}` stays in
 * the URL (it names the secret, it is not one) unless `extractReferences` is set.
 * Throws `E_URL_SECRET` for a URL whose password cannot be found without guessing.
 *
 * @example splitUrlSecrets('scheme://app:p%40ss@db/app?sslpassword=k')
 * // { url: 'scheme://app@db/app', secrets: { password: 'p@ss', params: { sslpassword: 'k' } } }
 */
export function splitUrlSecrets(url: string, opts: { where?: string; extractReferences?: boolean } = {}): SplitUrl {
  const where = opts.where ?? 'the connection URL';
  const shape = shapeOf(url);
  if (!shape) return { url, secrets: {} };
  const body = url.slice(shape.prefix.length).replace(REFERENCE, '');
  // a connection URL has no fragment: an unencoded `#` can only be part of a password
  if (body.includes('#')) throw refuse(where, 'it has an unencoded # (a password with # must be written %23)');
  // an @ after the host is harmless unless something before it could be a password (`user:pa/ss@host`)
  const couldHidePassword = /[:@]/.test(shape.authority.replace(REFERENCE, ''));
  if (couldHidePassword && shape.tail.replace(REFERENCE, '').includes('@')) throw refuse(where, 'it has an unencoded @ after the host (a password holding / ? or ; before its @, or an @ in a parameter)');
  if (hasBadPort(shape.host)) throw refuse(where, 'the port is not a number (a password without the @host after it?)');
  const secrets: UrlSecrets = {};
  let keepPassword = false;
  if (shape.password !== undefined && shape.password !== '') {
    if (isReference(shape.password) && !opts.extractReferences) keepPassword = true;
    else if (shape.password.match(REFERENCE) && !opts.extractReferences) throw refuse(where, 'the password mixes literal text with ${VAR}');
    else secrets.password = decodeComponent(shape.password);
  }
  const { path, params, separator } = paramsOf(shape.tail);
  const kept: { name: string; value?: string }[] = [];
  let previousSecret = false;
  for (const p of params) {
    if (p.value === undefined) {
      if (previousSecret) throw refuse(where, 'a parameter without a value follows a secret parameter (an unencoded & or ; in the secret)');
      kept.push(p);
      continue;
    }
    previousSecret = isSecretParam(p.name);
    if (!previousSecret || p.value === '' || (isReference(p.value) && !opts.extractReferences)) {
      kept.push(p);
      continue;
    }
    // `+` is a space to URLSearchParams (some drivers) but a plus to others: ambiguous in a secret
    if (p.value.includes('+')) throw refuse(where, `parameter ${p.name} has an unencoded + (write %2B for a plus, %20 for a space)`);
    if (p.value.match(REFERENCE) && !isReference(p.value) && !opts.extractReferences) throw refuse(where, `parameter ${p.name} mixes literal text with \${VAR}`);
    secrets.params = { ...secrets.params, [p.name]: decodeComponent(p.value) };
  }
  const user = shape.user === undefined ? '' : `${shape.user}${keepPassword ? `:${shape.password}` : ''}@`;
  return { url: `${shape.prefix}${user}${shape.host}${withParams(path, kept, separator)}`, secrets };
}

/**
 * Puts secrets back into a URL, percent-encoded, so the driver reads them exactly.
 *
 * @example joinUrlSecrets('scheme://app@db/app', { password: 'p@ss' }) // 'scheme://app:p%40ss@db/app'
 */
export function joinUrlSecrets(url: string, secrets: UrlSecrets): string {
  const shape = shapeOf(url);
  if (!shape) return url;
  const password = secrets.password === undefined ? shape.password : encodeURIComponent(secrets.password);
  const userInfo = shape.user === undefined && password === undefined ? '' : `${shape.user ?? ''}${password === undefined ? '' : `:${password}`}@`;
  const { path, params, separator } = paramsOf(shape.tail);
  const extra = Object.entries(secrets.params ?? {});
  const kept = params.filter((p) => !extra.some(([name]) => name === p.name));
  const all = [...kept, ...extra.map(([name, value]) => ({ name, value: encodeURIComponent(value) }))];
  return `${shape.prefix}${userInfo}${shape.host}${withParams(path, all, separator)}`;
}

/** True when a URL holds a literal secret that `splitUrlSecrets` would take out. */
export function hasSecrets(secrets: UrlSecrets): boolean {
  return secrets.password !== undefined || Object.keys(secrets.params ?? {}).length > 0;
}

/**
 * Masks every secret of a URL with `***`, keeping user, host, database and
 * `${VAR}` names, so a URL can be shown in messages and logs. Never throws: a URL
 * whose password cannot be located is masked whole after the scheme.
 *
 * @example redactUrl('scheme://app:s3cret@db:5432/shop') // 'scheme://app:***@db:5432/shop'
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(url);
  if (!m) return maskParams(url);
  const rest = url.slice(m[1].length);
  if (rest.replace(REFERENCE, '').includes('#')) return `${m[1]}***`;
  let out = url;
  const firstAt = rest.indexOf('@');
  if (firstAt !== -1) {
    // the user info ends at the last `@` before the first `/ ? ;` that follows an `@`: an unencoded
    // `@`, `/` or `?` in the password is masked with it (an `@` in the query may over-mask: never under)
    const after = rest.slice(firstAt).search(/[/?;]/);
    const authorityEnd = after === -1 ? rest.length : firstAt + after;
    const lastAt = rest.lastIndexOf('@', authorityEnd - 1);
    const userInfo = rest.slice(0, lastAt);
    const colon = userInfo.indexOf(':');
    if (colon !== -1 && !isReference(userInfo.slice(colon + 1))) out = `${m[1]}${userInfo.slice(0, colon)}:***${rest.slice(lastAt)}`;
  } else {
    const end = rest.search(/[/?;]/);
    const host = end === -1 ? rest : rest.slice(0, end);
    if (hasBadPort(host)) out = `${m[1]}${host.slice(0, host.indexOf(':'))}:***${end === -1 ? '' : rest.slice(end)}`;
  }
  return maskParams(out);
}

function maskParams(text: string): string {
  return text.replace(/([?&;]([A-Za-z0-9_.-]+)=)([^&#;\s]*)/g, (all, head: string, name: string, value: string) =>
    isSecretParam(name) && !isReference(value) && value !== '' ? `${head}***` : all,
  );
}

/** Redacts every URL found inside a free text (e.g. a driver's error message). */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (u) => redactUrl(u));
}
