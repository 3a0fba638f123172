/**
 * The text of `pg_dump --schema-only`, made comparable between two databases whose
 * schemas are equal, and a short unified diff when they are not. Pure: no server.
 *
 * Only what pg_dump prints differently for equal schemas (or what carries nothing of
 * the schema) is taken out, and only between statements, never inside one (a `--`
 * line or a blank line inside a function body or a string literal is the schema's):
 *
 * - `--` comment lines and blank lines between statements (the banner, the
 *   `Dumped from/by … version` lines, the `Name: …; Type: …; Owner: …` headers, which
 *   repeat what the statements say);
 * - the `\restrict <key>` / `\unrestrict <key>` lines (pg_dump 15.14+), whose key is
 *   random in every dump;
 * - the preamble: the first run of one-line `SET …;` and
 *   `SELECT pg_catalog.set_config(…);` statements, before any other statement and with
 *   no line between them (session settings for the restore). Later `SET` lines
 *   (`default_tablespace`, `default_table_access_method`, after a blank line) stay:
 *   they say where and how the next table is stored.
 *
 * Statements are told apart by a small lexer (single-quoted strings with `E''`
 * escapes, quoted identifiers, dollar quotes): if it lost track, it would keep more
 * lines, never fewer, so a confusion shows up as a difference instead of hiding one.
 * Statement order is kept as printed (pg_dump orders by object type, name and
 * dependencies, the same for equal schemas).
 */

const RESTRICT = /^\\(?:un)?restrict [A-Za-z0-9]+$/;
const PREAMBLE = /^(?:SET\s|SELECT pg_catalog\.set_config\()/;

type Quote = { kind: 'none' } | { kind: 'single'; escapes: boolean } | { kind: 'double' } | { kind: 'dollar'; tag: string };

const identChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/**
 * Scans one line from `quote` (the state the previous line ended in); returns the state
 * at its end and whether the line ends a statement (a `;` outside quotes, last on it).
 */
function scanLine(line: string, start: Quote): { quote: Quote; ends: boolean } {
  let q = start;
  let lastCode = -1; // index of the last character outside quotes and comments
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q.kind === 'single') {
      if (q.escapes && c === '\\') i++;
      else if (c === "'") {
        if (line[i + 1] === "'") i++;
        else q = { kind: 'none' };
      }
      if (q.kind === 'none') lastCode = i;
      continue;
    }
    if (q.kind === 'double') {
      if (c === '"') {
        if (line[i + 1] === '"') i++;
        else {
          q = { kind: 'none' };
          lastCode = i;
        }
      }
      continue;
    }
    if (q.kind === 'dollar') {
      if (line.startsWith(q.tag, i)) {
        i += q.tag.length - 1;
        q = { kind: 'none' };
        lastCode = i;
      }
      continue;
    }
    if (c === '-' && line[i + 1] === '-') break; // the rest of the line is a comment
    if (c === "'") q = { kind: 'single', escapes: (line[i - 1] === 'E' || line[i - 1] === 'e') && !identChar(line[i - 2]) };
    else if (c === '"') q = { kind: 'double' };
    else if (c === '$' && !identChar(line[i - 1])) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(line.slice(i));
      if (tag) {
        q = { kind: 'dollar', tag: tag[0] };
        i += tag[0].length - 1;
      }
    }
    if (!/\s/.test(c)) lastCode = i;
  }
  return { quote: q, ends: q.kind === 'none' && lastCode >= 0 && line[lastCode] === ';' };
}

/** The lines of a schema-only dump that say something about the schema (see the module comment). */
export function normalizeDump(text: string): string[] {
  const out: string[] = [];
  let quote: Quote = { kind: 'none' };
  let inStatement = false;
  // the preamble is the first run of SET statements, with no line between them
  let preamble: 'before' | 'in' | 'after' = 'before';
  let statement: string[] = [];
  for (const line of text.split('\n')) {
    if (!inStatement) {
      if (line.trim() === '' || line.startsWith('--') || RESTRICT.test(line)) {
        if (preamble === 'in') preamble = 'after';
        continue;
      }
      inStatement = true;
      statement = [];
    }
    statement.push(line);
    const scanned = scanLine(line, quote);
    quote = scanned.quote;
    if (!scanned.ends) continue;
    inStatement = false;
    if (preamble !== 'after' && statement.length === 1 && PREAMBLE.test(line)) {
      preamble = 'in';
      continue;
    }
    preamble = 'after';
    out.push(...statement);
  }
  if (inStatement) out.push(...statement); // an unterminated last statement is kept, not dropped
  return out;
}

/** Whether two normalized dumps are equal. */
export const sameDump = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((l, i) => l === b[i]);

/** Beyond this many cells (lines × lines of the part that differs), the diff shows the first difference only. */
const MAX_CELLS = 4_000_000;

/**
 * A unified diff of `from` → `to` (`-` lines only in `from`, `+` only in `to`, one line
 * of context), cut after `maxLines` lines with a note of how many changed lines were
 * left out. Empty when they are equal.
 */
export function diffExcerpt(from: readonly string[], to: readonly string[], maxLines = 8): string[] {
  let head = 0;
  while (head < from.length && head < to.length && from[head] === to[head]) head++;
  let tail = 0;
  while (tail < from.length - head && tail < to.length - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
  const a = from.slice(head, from.length - tail);
  const b = to.slice(head, to.length - tail);
  if (a.length === 0 && b.length === 0) return [];
  const ops = a.length * b.length > MAX_CELLS ? [...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)] : lcsOps(a, b);
  const before = head > 0 ? [` ${from[head - 1]}`] : [];
  const after = tail > 0 ? [` ${from[from.length - tail]}`] : [];
  const all = [`@@ line ${head + 1} @@`, ...before, ...ops, ...after];
  if (all.length <= maxLines) return all;
  const shown = all.slice(0, maxLines);
  const hidden = all.slice(maxLines).filter((l) => l.startsWith('-') || l.startsWith('+')).length;
  return hidden ? [...shown, `… ${hidden} more changed line(s)`] : shown;
}

/** The middle of a diff by longest common subsequence: ` ` kept, `-` removed, `+` added, in order. */
function lcsOps(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..], one flat array
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] = a[i] === b[j] ? lengths[at(i + 1, j + 1)] + 1 : Math.max(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
  }
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push(` ${a[i++]}`);
      j++;
    } else if (i < n && (j === m || lengths[at(i + 1, j)] >= lengths[at(i, j + 1)])) ops.push(`-${a[i++]}`);
    else ops.push(`+${b[j++]}`);
  }
  return ops;
}
