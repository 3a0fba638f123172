/**
 * The URL a connection is opened with: the one in redb.yaml with `${VAR}`
 * substituted and the stored secrets put back. A secret that comes from a variable
 * is substituted as it is (the variable holds the password, not a URL-encoded
 * form of it) and then percent-encoded, so `@ / # ?` in it cannot break the URL.
 */
import { interpolate } from './interpolate.js';
import { joinUrlSecrets, splitUrlSecrets, type UrlSecrets } from './url-secrets.js';

function interpolateAll(params: Record<string, string> | undefined, env: NodeJS.ProcessEnv, where: string): Record<string, string> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([name, value]) => [name, interpolate(value, env, where)]));
}

/**
 * @example resolveConnectionUrl('scheme://app:${PW}@db/app', {}, { PW: 'p@ss' }, 'database prod') // 'scheme://app:p%40ss@db/app'
 */
export function resolveConnectionUrl(configured: string, stored: UrlSecrets, env: NodeJS.ProcessEnv, where: string): string {
  const { url: withReferences, secrets: referenced } = splitUrlSecrets(configured, { where, extractReferences: true });
  // a variable may hold a whole URL, password included: split again once it is substituted
  const { url: plain, secrets: fromVariables } = splitUrlSecrets(interpolate(withReferences, env, where), { where: `${where} once \${VAR} is substituted` });
  const password = stored.password ?? (referenced.password === undefined ? fromVariables.password : interpolate(referenced.password, env, where));
  const params = { ...fromVariables.params, ...interpolateAll(referenced.params, env, where), ...stored.params };
  return joinUrlSecrets(plain, { ...(password === undefined ? {} : { password }), params });
}
