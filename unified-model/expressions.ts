/**
 * What a model file may hold where the DDL pastes text verbatim: an expression is
 * exactly one expression, a definition or view body exactly one statement. A model
 * file is data a person can edit, so text that would end the statement it is pasted
 * into and start another (`0; CREATE ROLE x`), close a bracket it did not open, or
 * comment out the rest is refused when the model is loaded, before anything runs.
 *
 * The loader cannot know whether the server reads a backslash in `'…'` as an escape
 * (it is a server setting), so text is accepted only when it is sound both ways.
 */
import { lexSql, SqlLexError, type SqlToken } from './sql-lexer.js';

/** Where semicolons may stand in a piece of text. */
/** `in-block`: only inside BEGIN … END blocks (MySQL, SQLite trigger bodies), or trailing. */
type SemicolonRule = 'none' | 'trailing' | 'trailing-or-in-atomic-body' | 'trailing-or-in-block';

interface Shape {
  readonly semicolons: SemicolonRule;
  /** Words the text must start with (lower case), if any. */
  readonly startsWith?: readonly string[];
  /** A query may also start with a bracket: `(SELECT …) UNION …`. */
  readonly mayStartWithBracket?: boolean;
  readonly what: string;
}

const PAIR: Record<string, string> = { ')': '(', ']': '[' };

/** Words after END that close a block `blockDepths` does not open (MySQL END IF, END LOOP …). */
const UNCOUNTED_END = new Set(['if', 'loop', 'while', 'repeat']);

/**
 * Depth of MySQL and SQLite compound statements at each token: BEGIN and CASE open a
 * block, END (or END CASE) closes one; END IF, END LOOP, END WHILE, END REPEAT close
 * blocks whose semicolons already sit inside a BEGIN. `-1` marks an END that closes
 * nothing: pasted into a CREATE TRIGGER it would end it early.
 */
export function blockDepths(tokens: readonly SqlToken[]): number[] {
  let depth = 0;
  const out: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const w = t.type === 'word' ? t.text.toLowerCase() : '';
    const next = tokens[k + 1]?.type === 'word' ? tokens[k + 1].text.toLowerCase() : '';
    if (w === 'begin' || w === 'case') depth++;
    else if (w === 'end' && UNCOUNTED_END.has(next)) {
      out.push(depth, depth);
      k++;
      continue;
    } else if (w === 'end') {
      depth = depth > 0 ? depth - 1 : -1;
      if (next === 'case') {
        out.push(depth, depth);
        k++;
        continue;
      }
    }
    out.push(depth);
    if (depth < 0) depth = 0;
  }
  return out;
}

/**
 * Semicolons inside `BEGIN ATOMIC … END` bodies belong to the body: the depth counts
 * BEGIN ATOMIC, and CASE inside one, down with END — the way interactive SQL clients
 * split statements (a lone BEGIN, e.g. a function named begin, opens nothing).
 */
function atomicDepths(tokens: readonly SqlToken[]): number[] {
  let depth = 0;
  return tokens.map((t, k) => {
    if (t.type !== 'word') return depth;
    const w = t.text.toLowerCase();
    const atomic = w === 'begin' && tokens[k + 1]?.type === 'word' && tokens[k + 1].text.toLowerCase() === 'atomic';
    if (atomic || (w === 'case' && depth > 0)) depth++;
    else if (w === 'end' && depth > 0) depth--;
    return depth;
  });
}

function structureProblem(tokens: readonly SqlToken[], shape: Shape): string | undefined {
  if (tokens.length === 0) return `is empty: ${shape.what} is required`;
  if (shape.startsWith && !(tokens[0].type === 'word' && shape.startsWith.includes(tokens[0].text.toLowerCase())) && !(shape.mayStartWithBracket && tokens[0].type === 'open')) {
    return `is not ${shape.what}: it must start with ${shape.startsWith.map((w) => w.toUpperCase()).join(' or ')}`;
  }
  const depths = shape.semicolons === 'trailing-or-in-atomic-body' ? atomicDepths(tokens) : shape.semicolons === 'trailing-or-in-block' ? blockDepths(tokens) : undefined;
  const open: SqlToken[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'open') open.push(t);
    else if (t.type === 'close') {
      if (open.pop()?.text !== PAIR[t.text]) return `is not ${shape.what}: an unbalanced '${t.text}' at character ${t.at + 1}`;
    } else if (t.type === 'semicolon') {
      if (depths && depths[k] > 0) continue;
      const last = k === tokens.length - 1;
      if (shape.semicolons === 'none' || !last || open.length) {
        return `is not ${shape.what}: a ';' at character ${t.at + 1} ends it and would start another statement`;
      }
    }
  }
  if (open.length) return `is not ${shape.what}: the '${open[0].text}' at character ${open[0].at + 1} is never closed`;
  return undefined;
}

/**
 * Lexes `text` both ways a string literal may be read (standard, and with backslash
 * escapes, as some engines do) and returns the first problem `check` finds in either
 * reading; a text that cannot be lexed is `what` not.
 */
function firstProblem(text: string, what: string, check: (tokens: SqlToken[]) => string | undefined): string | undefined {
  for (const backslashEscapes of [false, true]) {
    let tokens: SqlToken[];
    try {
      tokens = lexSql(text, { backslashEscapes });
    } catch (err) {
      if (!(err instanceof SqlLexError)) throw err;
      return `is not ${what}: ${err.message}${backslashEscapes ? ' when a backslash escapes a quote' : ''}`;
    }
    const found = check(tokens);
    if (found) return found;
  }
  return undefined;
}

const problem = (text: string, shape: Shape): string | undefined => firstProblem(text, shape.what, (tokens) => structureProblem(tokens, shape));

const EXPRESSION: Shape = { semicolons: 'none', what: 'a single SQL expression' };
const CLAUSE: Shape = { semicolons: 'none', what: 'a single SQL clause' };
const QUERY: Shape = { semicolons: 'trailing', startsWith: ['select', 'with', 'values', 'table'], mayStartWithBracket: true, what: 'a single query' };
const STATEMENT: Shape = { semicolons: 'trailing', startsWith: ['create'], what: 'a single CREATE statement' };
const ROUTINE: Shape = { semicolons: 'trailing-or-in-atomic-body', startsWith: ['create'], what: 'a single CREATE statement' };

/**
 * Why `text` is not an inline trigger body (MySQL, SQLite), or undefined. The body's
 * semicolons are its own, and the DDL wraps it in the engine's block (SQLite `BEGIN …
 * END`): an END that closes nothing, or a block left open, would end the CREATE
 * TRIGGER early and run what follows as statements of their own.
 */
export function triggerBodyProblem(text: string): string | undefined {
  const what = 'an inline trigger body';
  if (text.trim() === '') return `is empty: ${what} is required`;
  const unbalanced = firstProblem(text, what, (tokens) => {
    const depths = blockDepths(tokens);
    const stray = depths.indexOf(-1);
    if (stray >= 0) return `is not ${what}: the END at character ${tokens[stray].at + 1} closes a block it did not open and would end the trigger`;
    if (depths.length && depths[depths.length - 1] > 0) return `is not ${what}: a BEGIN or CASE is never closed by END`;
    return undefined;
  });
  if (unbalanced) return unbalanced;
  // brackets, as if already wrapped: every semicolon of the body is then inside the block
  const found = problem(`BEGIN ${text}\nEND`, { semicolons: 'trailing-or-in-block', what });
  return found?.replace(/at character (\d+)/gu, (_m, n: string) => `at character ${Number(n) - 6}`);
}

/** Like `statementProblem`, for a CREATE TRIGGER whose body is inline: semicolons inside its BEGIN … END blocks belong to it. */
export const inlineTriggerDefinitionProblem = (text: string): string | undefined =>
  problem(text, { semicolons: 'trailing-or-in-block', startsWith: ['create'], what: 'a single CREATE statement' });

/**
 * Why `text` is not the body of a scheduled event (what follows DO: one statement, or a
 * BEGIN … END block whose semicolons are its own), or undefined. The DDL pastes it
 * after `DO`, so a semicolon outside a block would end the CREATE EVENT early.
 */
export function eventBodyProblem(text: string): string | undefined {
  if (text.trim() === '') return 'is empty: an event body is required';
  const head = 'CREATE EVENT e DO ';
  const found = problem(`${head}${text}`, { semicolons: 'trailing-or-in-block', startsWith: ['create'], what: 'an event body' });
  return found?.replace(/at character (\d+)/gu, (_m, n: string) => `at character ${Number(n) - head.length}`);
}

/** Why `text` is not one expression (a default, check, predicate, generated column…), or undefined when it is. */
export const expressionProblem = (text: string): string | undefined => problem(text, EXPRESSION);
/** Why `text` is not one clause (a type name, an exclusion, a partition bound…), or undefined. */
export const clauseProblem = (text: string): string | undefined => problem(text, CLAUSE);
/** Why `text` is not one query (a view body; one trailing `;` is allowed), or undefined. */
export const queryProblem = (text: string): string | undefined => problem(text, QUERY);
/** Why `text` is not one CREATE statement (an index or trigger definition), or undefined. */
export const statementProblem = (text: string): string | undefined => problem(text, STATEMENT);
/** Like `statementProblem`, allowing the `;` of a `BEGIN ATOMIC … END` body. */
export const routineDefinitionProblem = (text: string): string | undefined => problem(text, ROUTINE);

/**
 * Like `routineDefinitionProblem`, for a routine whose `body` is inline at the end of
 * its definition (MySQL's `CREATE FUNCTION … BEGIN … END`, not a quoted string): the
 * semicolons inside the body's BEGIN … END blocks belong to it. The head before the
 * body may open no block and hold no semicolon, so only the body's own blocks count.
 */
export function inlineRoutineDefinitionProblem(definition: string, body: string): string | undefined {
  const standard = routineDefinitionProblem(definition);
  if (!standard || body.trim() === '' || !definition.endsWith(body)) return standard;
  const what = 'a single CREATE statement';
  const head = definition.slice(0, definition.length - body.length);
  const headProblem = firstProblem(head, what, (tokens) =>
    blockDepths(tokens).some((d) => d !== 0) ? 'opens a block before its body' : structureProblem(tokens, { semicolons: 'none', startsWith: ['create'], what }));
  if (headProblem) return standard;
  return inlineTriggerDefinitionProblem(definition) ? standard : undefined;
}
