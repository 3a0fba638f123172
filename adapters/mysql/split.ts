/**
 * Splits a script redb wrote itself into statements at the `;` that end them, outside
 * quotes ('…', "…", `…`) and comments. The connection never enables the driver's
 * multi-statement mode (then `run` could not refuse a smuggled second statement), so
 * `exec` runs a script one statement at a time. No DELIMITER or BEGIN…END blocks:
 * those are a client's convention, never in SQL redb writes for a script.
 */

/** The statements of a script, trimmed, empty ones left out. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && script[i] !== c) i += script[i] === '\\' && c !== '`' ? 2 : 1;
      i++;
    } else if (c === '-' && script[i + 1] === '-') {
      while (i < n && script[i] !== '\n') i++;
    } else if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === ';') {
      out.push(script.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
