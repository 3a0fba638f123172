/**
 * A small SQL lexer that knows only what decides where a piece of SQL text ends:
 * quoted strings and identifiers (with doubling, `E'…'` escapes), dollar quotes
 * (`$tag$…$tag$`), `--` and `/* *\/` comments, brackets and `;`. It does not parse
 * SQL; it lets the model loader refuse text that would run past the place it is
 * pasted into (a second statement, a swallowed clause).
 */

/** What survives lexing: words, quoted runs, brackets and semicolons, with their offset. */
export interface SqlToken {
  readonly type: 'word' | 'quoted' | 'open' | 'close' | 'semicolon';
  readonly text: string;
  readonly at: number;
}

export interface LexOptions {
  /**
   * Whether a backslash escapes the next character inside `'…'` and `"…"`. Servers
   * differ by setting, so callers that cannot know run both readings.
   */
  readonly backslashEscapes: boolean;
}

/** Text that cannot be lexed to its end; `at` is the offset where the fault starts. */
export class SqlLexError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(`${reason} (at character ${at + 1})`);
    this.name = 'SqlLexError';
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/u;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/u;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/u;

/** End (exclusive) of a quoted run opened by `quote` at `start`; doubling the quote escapes it. */
function skipQuoted(text: string, start: number, quote: string, backslash: boolean): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (backslash && ch === '\\') { i++; continue; }
    if (ch !== quote) continue;
    if (text[i + 1] === quote) { i++; continue; }
    return i + 1;
  }
  throw new SqlLexError(quote === "'" ? 'an unterminated string literal' : 'an unterminated quoted identifier', start);
}

function skipBlockComment(text: string, start: number): number {
  const end = text.indexOf('*/', start + 2);
  const nested = text.indexOf('/*', start + 2);
  // engines disagree on nesting, so a nested opener is refused rather than guessed at
  if (nested !== -1 && (end === -1 || nested < end)) throw new SqlLexError('a nested /* comment', nested);
  if (end === -1) throw new SqlLexError('an unterminated /* comment that swallows the rest', start);
  return end + 2;
}

function skipLineComment(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  if (end === -1) throw new SqlLexError('a -- comment that runs to the end and would swallow what follows it', start);
  return end + 1;
}

function skipDollarQuote(text: string, start: number, tag: string): number {
  const end = text.indexOf(tag, start + tag.length);
  if (end === -1) throw new SqlLexError(`an unterminated dollar quote ${tag}`, start);
  return end + tag.length;
}

/** Lexes `text` into words, quoted runs, brackets and semicolons; comments are skipped. */
export function lexSql(text: string, options: LexOptions): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const quoted = (end: number) => {
    tokens.push({ type: 'quoted', text: text.slice(i, end), at: i });
    return end;
  };
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '-' && next === '-') i = skipLineComment(text, i);
    else if (ch === '/' && next === '*') i = skipBlockComment(text, i);
    else if (ch === "'") {
      // E'…' strings always take backslash escapes
      const prev = tokens.at(-1);
      const escaped = prev?.type === 'word' && prev.at + prev.text.length === i && /^[eE]$/u.test(prev.text);
      i = quoted(skipQuoted(text, i, "'", escaped || options.backslashEscapes));
    } else if (ch === '"') i = quoted(skipQuoted(text, i, '"', options.backslashEscapes));
    else if (ch === '$') {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 256))?.[0];
      i = tag ? quoted(skipDollarQuote(text, i, tag)) : i + 1;
    } else if (WORD_START.test(ch) || /[0-9]/u.test(ch)) {
      let j = i + 1;
      while (j < text.length && WORD_PART.test(text[j])) j++;
      tokens.push({ type: 'word', text: text.slice(i, j), at: i });
      i = j;
    } else if (ch === '(' || ch === '[') {
      tokens.push({ type: 'open', text: ch, at: i++ });
    } else if (ch === ')' || ch === ']') {
      tokens.push({ type: 'close', text: ch, at: i++ });
    } else if (ch === ';') {
      tokens.push({ type: 'semicolon', text: ch, at: i++ });
    } else i++;
  }
  return tokens;
}
