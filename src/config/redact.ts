/** Secret redaction: every URL that is printed, logged or committed goes through here. */

/** Replaces the password of a URL (and secret query parameters) with `***`. Leaves non-URLs alone. */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*@)?(.*)$/i.exec(url);
  if (!m) return url;
  const [, scheme, userinfo, rest] = m;
  let user = userinfo ?? '';
  if (user.includes(':')) user = `${user.slice(0, user.indexOf(':'))}:***@`;
  const redactedRest = rest.replace(/([?&](?:password|pass|pwd|sslpassword|secret|token|apikey|api_key)=)[^&#]*/gi, '$1***');
  return `${scheme}${user}${redactedRest}`;
}

/** Redacts every URL found inside a free text (e.g. a driver's error message). */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (u) => redactUrl(u));
}
