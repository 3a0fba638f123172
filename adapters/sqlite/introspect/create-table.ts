/**
 * Reads what the catalog pragmas leave out of a stored CREATE TABLE: constraint names,
 * CHECK text, AUTOINCREMENT, column collations, generated expressions, and whether a
 * foreign key is deferrable. Columns, types, defaults, key columns and foreign key
 * actions come from the pragmas (SQLite's own reading); this fills in the rest.
 */
import { findTopLevel, isName, isWord, matching, nameOf, splitTopLevel, textOf, tokenize, type Token } from './tokens.js';

export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly table: string;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
}

export interface ParsedCheck {
  readonly name?: string;
  /** The column a column constraint belongs to (for the name an unnamed one gets). */
  readonly column?: string;
  readonly expression: string;
}

export interface ParsedColumn {
  readonly name: string;
  readonly collation?: string;
  readonly autoIncrement?: boolean;
  readonly generated?: { readonly expression: string; readonly stored: boolean };
}

/** A named or unnamed PRIMARY KEY or UNIQUE constraint, with its columns. */
export interface ParsedKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey?: ParsedKey;
  readonly uniques: readonly ParsedKey[];
  readonly checks: readonly ParsedCheck[];
  /** In the order they are written (column constraints where their column is). */
  readonly foreignKeys: readonly ParsedForeignKey[];
}

/** Words that start a column constraint: the declared type ends before the first of them. */
const COLUMN_CONSTRAINT = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS'];
const TABLE_CONSTRAINT = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];

class Reader {
  constructor(
    readonly sql: string,
    readonly tokens: readonly Token[],
    public at: number,
    readonly end: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.at + offset < this.end ? this.tokens[this.at + offset] : undefined;
  }

  /** Consumes the keywords if they come next (all of them), else nothing. */
  take(...words: string[]): boolean {
    if (!words.every((w, k) => isWord(this.peek(k), w))) return false;
    this.at += words.length;
    return true;
  }

  /** The text inside the bracket that opens here, consumed; undefined when none opens here. */
  bracketed(): { text: string; from: number; to: number } | undefined {
    if (this.peek()?.type !== 'open') return undefined;
    const close = Math.min(matching(this.tokens, this.at), this.end);
    const inner = { text: textOf(this.sql, this.tokens, this.at + 1, close), from: this.at + 1, to: close };
    this.at = close + 1;
    return inner;
  }

  name(): string | undefined {
    const t = this.peek();
    if (!isName(t)) return undefined;
    this.at++;
    return nameOf(t);
  }
}

/** Column names of an indexed-column list `(a COLLATE x DESC, b)` between tokens [from, to). */
function columnList(r: Reader, from: number, to: number): string[] {
  return splitTopLevel(r.tokens, from, to).map(([a]) => nameOf(r.tokens[a]));
}

/** `ON CONFLICT x`, which SQLite keeps no trace of in the catalog and redb does not model. */
function skipConflict(r: Reader): void {
  if (r.take('ON', 'CONFLICT')) r.at++;
}

/** The part of a foreign key after REFERENCES: the table, its columns, actions (from the pragma) and deferrability. */
function references(r: Reader, name: string | undefined, columns: readonly string[]): ParsedForeignKey {
  const table = r.name() ?? '';
  r.bracketed();
  let deferrable: boolean | undefined;
  let initiallyDeferred: boolean | undefined;
  for (;;) {
    if (r.take('ON')) {
      r.at++; // DELETE | UPDATE
      if (!r.take('SET', 'NULL') && !r.take('SET', 'DEFAULT') && !r.take('NO', 'ACTION')) r.at++;
    } else if (r.take('MATCH')) r.at++;
    else if (r.take('NOT', 'DEFERRABLE')) deferrable = false;
    else if (r.take('DEFERRABLE')) deferrable = true;
    else if (r.take('INITIALLY', 'DEFERRED')) initiallyDeferred = true;
    else if (r.take('INITIALLY', 'IMMEDIATE')) initiallyDeferred = false;
    else break;
  }
  // only DEFERRABLE INITIALLY DEFERRED defers; every other spelling checks at once
  const deferred = deferrable === true && initiallyDeferred === true;
  return { ...(name ? { name } : {}), columns, table, ...(deferrable ? { deferrable: true, initiallyDeferred: deferred } : {}) };
}

interface Collected {
  columns: ParsedColumn[];
  primaryKey?: ParsedKey;
  uniques: ParsedKey[];
  checks: ParsedCheck[];
  foreignKeys: ParsedForeignKey[];
}

function columnDefinition(r: Reader, out: Collected): void {
  const name = r.name() ?? '';
  while (r.peek() && !(r.peek()?.type === 'word' && COLUMN_CONSTRAINT.includes(r.peek()!.text.toUpperCase()))) {
    if (r.peek()?.type === 'open') r.bracketed();
    else r.at++;
  }
  let constraintName: string | undefined;
  let collation: string | undefined;
  let autoIncrement = false;
  let generated: ParsedColumn['generated'];
  while (r.peek()) {
    const named = constraintName ? { name: constraintName } : {};
    if (r.take('CONSTRAINT')) { constraintName = r.name(); continue; }
    if (r.take('PRIMARY', 'KEY')) {
      r.take('ASC') || r.take('DESC');
      skipConflict(r);
      if (r.take('AUTOINCREMENT')) autoIncrement = true;
      out.primaryKey = { ...named, columns: [name] };
    } else if (r.take('NOT', 'NULL') || r.take('NULL')) skipConflict(r);
    else if (r.take('UNIQUE')) {
      skipConflict(r);
      out.uniques.push({ ...named, columns: [name] });
    } else if (r.take('CHECK')) {
      out.checks.push({ ...named, column: name, expression: r.bracketed()?.text.trim() ?? '' });
    } else if (r.take('DEFAULT')) {
      // the value is in the pragma: skip a bracket, a signed literal or one word
      if (!r.bracketed()) {
        if (r.peek()?.type === 'op') r.at++;
        r.at++;
      }
    } else if (r.take('COLLATE')) collation = r.name();
    else if (r.take('REFERENCES')) out.foreignKeys.push(references(r, constraintName, [name])); else if (r.take('GENERATED', 'ALWAYS', 'AS') || r.take('AS')) {
      const expression = r.bracketed()?.text.trim() ?? '';
      const stored = r.take('STORED');
      if (!stored) r.take('VIRTUAL');
      generated = { expression, stored };
    } else r.at++;
    constraintName = undefined;
  }
  out.columns.push({ name, ...(collation ? { collation } : {}), ...(autoIncrement ? { autoIncrement } : {}), ...(generated ? { generated } : {}) });
}

function tableConstraint(r: Reader, out: Collected): void {
  const name = r.take('CONSTRAINT') ? r.name() : undefined;
  const named = name ? { name } : {};
  if (r.take('PRIMARY', 'KEY')) {
    const cols = r.bracketed();
    out.primaryKey = { ...named, columns: cols ? columnList(r, cols.from, cols.to) : [] };
  } else if (r.take('UNIQUE')) {
    const cols = r.bracketed();
    out.uniques.push({ ...named, columns: cols ? columnList(r, cols.from, cols.to) : [] });
  } else if (r.take('CHECK')) {
    out.checks.push({ ...named, expression: r.bracketed()?.text.trim() ?? '' });
  } else if (r.take('FOREIGN', 'KEY')) {
    const cols = r.bracketed();
    r.take('REFERENCES');
    out.foreignKeys.push(references(r, name, cols ? columnList(r, cols.from, cols.to) : []));
  }
}

/**
 * Reads a stored CREATE TABLE statement.
 *
 * @example parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, CONSTRAINT c CHECK (id > 0))')
 * // { columns: [{ name: 'id', autoIncrement: true }], primaryKey: { columns: ['id'] }, checks: [{ name: 'c', expression: 'id > 0' }], … }
 */
export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = findTopLevel(tokens, 0, tokens.length, (t) => t.type === 'open');
  const out: Collected = { columns: [], uniques: [], checks: [], foreignKeys: [] };
  if (open === -1) return out;
  const close = matching(tokens, open);
  for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
    const r = new Reader(sql, tokens, from, to);
    const first = tokens[from];
    // a column may be called "primary" or "check" only when quoted, so a bare keyword starts a constraint
    if (first.type === 'word' && TABLE_CONSTRAINT.includes(first.text.toUpperCase())) tableConstraint(r, out);
    else columnDefinition(r, out);
  }
  return out;
}
