/**
 * A tokenizer for the SQL SQLite stores in sqlite_schema (CREATE TABLE, INDEX, VIEW,
 * TRIGGER as the user wrote them). The catalog pragmas leave out constraint names,
 * CHECK text, AUTOINCREMENT, column collations, generated expressions and trigger
 * bodies; they are read from this text. The shared `sql-lexer.ts` drops commas and
 * operators, which this reader needs to split definitions, so SQLite's own token
 * rules are spelled out here: `"x"`, `[x]` and `` `x` `` identifiers, `'…'` strings
 * (no backslash escapes), `X'…'` blobs, `--` and `/* *\/` comments.
 */

export interface Token {
  readonly type: 'word' | 'ident' | 'string' | 'number' | 'blob' | 'open' | 'close' | 'comma' | 'semicolon' | 'dot' | 'op';
  /** The text as written. */
  readonly text: string;
  /** Offsets in the source: `sql.slice(start, end)` is the token. */
  readonly start: number;
  readonly end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/u;
// sticky: matched at an offset, without copying the rest of the text
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/uy;
const NUMBER = /0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?|[0-9]+\./iuy;
const OPERATOR = /\|\||<<|>>|<=|>=|==|!=|<>|->>|->|[-+*/%<>=&|~?:@$#!]/uy;

/** End of the match of a sticky `re` at `at`, or `at + 1` when it does not match. */
function endOf(re: RegExp, sql: string, at: number): number {
  re.lastIndex = at;
  return re.test(sql) ? re.lastIndex : at + 1;
}

function closing(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (quote !== ']' && sql[i + 1] === quote) { i++; continue; }
    return i + 1;
  }
  return sql.length;
}

/** Tokens of `sql`, comments and whitespace left out. Never throws: SQLite accepted the text already. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (type: Token['type'], end: number) => {
    out.push({ type, text: sql.slice(i, end), start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v') i++;
    else if (ch === '-' && next === '-') { const nl = sql.indexOf('\n', i); i = nl === -1 ? sql.length : nl + 1; }
    else if (ch === '/' && next === '*') { const e = sql.indexOf('*/', i + 2); i = e === -1 ? sql.length : e + 2; }
    else if ((ch === 'x' || ch === 'X') && next === "'") push('blob', closing(sql, i + 1, "'"));
    else if (ch === "'") push('string', closing(sql, i, "'"));
    else if (ch === '"' || ch === '`') push('ident', closing(sql, i, ch));
    else if (ch === '[') push('ident', closing(sql, i, ']'));
    else if ((ch >= '0' && ch <= '9') || (ch === '.' && next >= '0' && next <= '9')) push('number', endOf(NUMBER, sql, i));
    else if (WORD_START.test(ch)) push('word', endOf(WORD, sql, i));
    else if (ch === '(') push('open', i + 1);
    else if (ch === ')') push('close', i + 1);
    else if (ch === ',') push('comma', i + 1);
    else if (ch === ';') push('semicolon', i + 1);
    else if (ch === '.') push('dot', i + 1);
    else push('op', endOf(OPERATOR, sql, i));
  }
  return out;
}

/** The name a word or quoted identifier stands for: quotes removed, doubled quotes undone. */
export function nameOf(t: Token): string {
  if (t.type === 'ident' || t.type === 'string') {
    const q = t.text[0];
    const inner = t.text.slice(1, q === '[' ? t.text.length - 1 : -1);
    return q === '[' ? inner : inner.split(q + q).join(q);
  }
  return t.text;
}

/** Whether `t` is the keyword `word` (case-insensitive; a quoted identifier never is). */
export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t?.type === 'word' && words.includes(t.text.toUpperCase());
}

/** Whether `t` can be a name: a word or a quoted identifier (SQLite also takes a string there). */
export function isName(t: Token | undefined): t is Token {
  return t?.type === 'word' || t?.type === 'ident' || t?.type === 'string';
}

/** Index of the `)` that closes the `(` at `open`; tokens.length when it is never closed. */
export function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].type === 'open') depth++;
    else if (tokens[k].type === 'close' && --depth === 0) return k;
  }
  return tokens.length;
}

/** Splits tokens [from, to) at commas outside brackets into [start, end) ranges. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.type === 'open') depth++;
    else if (t.type === 'close') depth--;
    else if (t.type === 'comma' && depth === 0) { parts.push([start, k]); start = k + 1; }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}

/** The source text of tokens [from, to), as written (inner whitespace and comments kept). */
export function textOf(sql: string, tokens: readonly Token[], from: number, to: number): string {
  if (from >= to) return '';
  return sql.slice(tokens[from].start, tokens[to - 1].end);
}

/** The first token index in [from, to) at bracket depth 0 for which `test` holds, or -1. */
export function findTopLevel(tokens: readonly Token[], from: number, to: number, test: (t: Token) => boolean): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (depth === 0 && test(t)) return k;
    if (t.type === 'open') depth++;
    else if (t.type === 'close') depth--;
  }
  return -1;
}
