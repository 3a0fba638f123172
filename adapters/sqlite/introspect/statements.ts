/**
 * Reads the stored CREATE INDEX, CREATE VIEW and CREATE TRIGGER statements for what
 * the pragmas do not give: an index's expression keys and WHERE, a view's body and
 * the relations it reads, a trigger's timing, events, WHEN and body.
 */
import { findTopLevel, isName, isWord, matching, nameOf, splitTopLevel, textOf, tokenize, type Token } from './tokens.js';

/** Index of the first top-level token after `CREATE … <kind> [IF NOT EXISTS] name`, i.e. after the object's name. */
function afterName(tokens: readonly Token[], kind: string): number {
  let k = tokens.findIndex((t) => isWord(t, kind));
  if (k === -1) return tokens.length;
  k++;
  if (isWord(tokens[k], 'IF') && isWord(tokens[k + 1], 'NOT') && isWord(tokens[k + 2], 'EXISTS')) k += 3;
  // schema-qualified: main.name
  if (tokens[k + 1]?.type === 'dot') k += 2;
  return k + 1;
}

export interface ParsedIndexKey {
  /** The key as written, without its COLLATE and ASC/DESC. */
  readonly expression: string;
}

export interface ParsedIndex {
  readonly keys: readonly ParsedIndexKey[];
  readonly predicate?: string;
}

/** `CREATE [UNIQUE] INDEX name ON t (keys…) [WHERE expr]` */
export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const open = findTopLevel(tokens, afterName(tokens, 'INDEX'), tokens.length, (t) => t.type === 'open');
  if (open === -1) return { keys: [] };
  const close = matching(tokens, open);
  const keys = splitTopLevel(tokens, open + 1, close).map(([from, to]) => {
    let end = to;
    if (isWord(tokens[end - 1], 'ASC', 'DESC')) end--;
    const collate = findTopLevel(tokens, from, end, (t) => isWord(t, 'COLLATE'));
    if (collate !== -1 && collate === end - 2) end = collate;
    return { expression: textOf(sql, tokens, from, end) };
  });
  const where = findTopLevel(tokens, close + 1, tokens.length, (t) => isWord(t, 'WHERE'));
  const predicate = where === -1 ? undefined : textOf(sql, tokens, where + 1, tokens.length).replace(/;\s*$/, '').trim();
  return { keys, ...(predicate ? { predicate } : {}) };
}

/** Keywords after which a relation name follows, and those that end a FROM list. */
const CLAUSE_WORDS = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'WINDOW', 'UNION', 'INTERSECT', 'EXCEPT', 'ON', 'USING', 'VALUES', 'SET']);

/**
 * Names of the relations a query reads: those after FROM and JOIN, and after the
 * commas of a FROM list, at any depth (subqueries, CTEs). CTE names come out too;
 * the caller keeps only names of real tables and views.
 */
export function relationsRead(sql: string, tokens = tokenize(sql)): string[] {
  const found: string[] = [];
  const clause: string[] = [''];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'open') { clause.push(''); continue; }
    if (t.type === 'close') { clause.pop(); if (!clause.length) clause.push(''); continue; }
    if (t.type === 'word' && CLAUSE_WORDS.has(t.text.toUpperCase())) { clause[clause.length - 1] = t.text.toUpperCase(); continue; }
    const prev = tokens[k - 1];
    const startsRelation = isWord(prev, 'FROM', 'JOIN') || (prev?.type === 'comma' && clause[clause.length - 1] === 'FROM');
    if (!startsRelation || !isName(t)) continue;
    // schema.name: the name is the part after the dot
    const named = tokens[k + 1]?.type === 'dot' && isName(tokens[k + 2]) ? tokens[k + 2] : t;
    found.push(nameOf(named));
  }
  return found;
}

export interface ParsedView {
  /** The query after AS, as stored. */
  readonly body: string;
}

/** `CREATE VIEW name [(cols)] AS query` */
export function parseCreateView(sql: string): ParsedView {
  const tokens = tokenize(sql);
  const as = findTopLevel(tokens, afterName(tokens, 'VIEW'), tokens.length, (t) => isWord(t, 'AS'));
  return { body: as === -1 ? '' : textOf(sql, tokens, as + 1, tokens.length).replace(/;\s*$/, '').trim() };
}

export interface ParsedTrigger {
  readonly timing: 'before' | 'after' | 'instead-of';
  readonly event: 'insert' | 'update' | 'delete';
  readonly updateColumns?: readonly string[];
  readonly when?: string;
  /** The statements between BEGIN and END, as stored. */
  readonly body: string;
}

/** `CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF] event [OF cols] ON t [FOR EACH ROW] [WHEN e] BEGIN … END` */
export function parseCreateTrigger(sql: string): ParsedTrigger {
  const tokens = tokenize(sql);
  let k = afterName(tokens, 'TRIGGER');
  let timing: ParsedTrigger['timing'] = 'before';
  if (isWord(tokens[k], 'BEFORE')) k++;
  else if (isWord(tokens[k], 'AFTER')) { timing = 'after'; k++; }
  else if (isWord(tokens[k], 'INSTEAD') && isWord(tokens[k + 1], 'OF')) { timing = 'instead-of'; k += 2; }
  const event = (tokens[k]?.text.toLowerCase() ?? 'insert') as ParsedTrigger['event'];
  k++;
  let updateColumns: string[] | undefined;
  if (isWord(tokens[k], 'OF')) {
    const on = tokens.findIndex((t, j) => j > k && isWord(t, 'ON'));
    updateColumns = splitTopLevel(tokens, k + 1, on).map(([a]) => nameOf(tokens[a]));
  }
  const begin = findTopLevel(tokens, k, tokens.length, (t) => isWord(t, 'BEGIN'));
  const whenAt = findTopLevel(tokens, k, begin === -1 ? tokens.length : begin, (t) => isWord(t, 'WHEN'));
  let end = tokens.length - 1;
  while (end > begin && !isWord(tokens[end], 'END')) end--;
  const when = whenAt === -1 ? undefined : textOf(sql, tokens, whenAt + 1, begin).trim();
  const body = begin === -1 ? '' : sql.slice(tokens[begin].end, tokens[end].start).trim();
  return { timing, event, ...(updateColumns ? { updateColumns } : {}), ...(when ? { when } : {}), body };
}
