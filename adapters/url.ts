/**
 * What every connection URL has whatever its engine: a scheme. The registry picks an
 * adapter by it; each adapter parses the rest its own way. (Where a URL keeps its
 * secrets, and how they are masked, is src/config/url-secrets.ts.)
 */

/**
 * The scheme of a URL, lower-cased, e.g. `postgres` for `postgres://…`; also of a URL
 * without `//` (`scheme:rest`, as `sqlite::memory:` is written). Undefined when there is
 * none: `host:5432` is a host and a port, not a scheme.
 */
export function urlScheme(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : undefined;
}
