/**
 * What every connection URL has whatever its engine: a scheme before `://`. The
 * registry picks an adapter by it; each adapter parses the rest its own way.
 * (Where a URL keeps its secrets, and how they are masked, is src/config/url-secrets.ts.)
 */

/** The scheme of a URL without `://`, lower-cased, e.g. `postgres`; undefined when there is none. */
export function urlScheme(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url.trim());
  return m ? m[1].toLowerCase() : undefined;
}
