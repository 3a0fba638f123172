/**
 * One object's change as styled lines, read like `redb diff` prints it: a table's
 * member changes (+ added, - dropped, ~ changed), and for other kinds a unified diff
 * of the definition (views, routines) and of the rest of the object's canonical JSON.
 * A removed line followed by its replacement shows the words that changed.
 */
import { canonicalJson, type Change, type DbObject } from '../../../unified-model/index.js';
import { memberLines, tableMembers, type Mark } from '../diff-members.js';
import { unifiedHunks, wordDiff, type DiffLine } from '../line-diff.js';
import { line, type Line, type Piece, type Tone } from './lines.js';

export const MARK_TONE: Record<Mark | ' ', Tone> = { '+': 'add', '-': 'remove', '~': 'change', ' ': 'plain' };
/** Fields shown as text of their own rather than inside the JSON (as `redb diff` does). */
const TEXT_FIELDS = ['definition', 'body'];
const IDENTITY_FIELDS = ['kind', 'id', 'schema', 'name'];
const INDENT = '  ';

const definitionOf = (o: DbObject): string | undefined => ('definition' in o && typeof o.definition === 'string' ? o.definition : undefined);
const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);
const isView = (o: DbObject): boolean => o.kind === 'view' || o.kind === 'materialized-view';

function restJson(o: DbObject, omit: readonly string[]): string {
  const rest = Object.fromEntries(Object.entries(o).filter(([k, v]) => !omit.includes(k) && !empty(v)));
  return Object.keys(rest).length ? canonicalJson(rest) : '';
}

const marked = (mark: Mark | ' ', text: string): Line => line(MARK_TONE[mark], `${INDENT}${mark} ${text}`);

function wholeText(mark: '+' | '-', text: string): Line[] {
  return text ? text.replace(/\n$/, '').split('\n').map((l) => marked(mark, l)) : [];
}

/**
 * A removed and an added line as word pieces, the changed words strong; undefined when
 * the two share too little for the words to help (then they read as whole lines).
 */
export function wordPair(before: string, after: string): [Line, Line] | undefined {
  const parts = wordDiff(before, after);
  const kept = parts.filter((p) => p.op === ' ').reduce((n, p) => n + p.text.trim().length, 0);
  if (kept < Math.max(before.trim().length, after.trim().length) / 3) return undefined;
  const side = (mark: '-' | '+'): Line => [
    { text: `${INDENT}${mark} `, tone: MARK_TONE[mark] },
    ...parts.filter((p) => p.op === ' ' || p.op === mark).map((p): Piece => ({ text: p.text, tone: MARK_TONE[mark], ...(p.op === mark ? { strong: true } : {}) })),
  ];
  return [side('-'), side('+')];
}

/** A hunk's lines; a run of n removed lines followed by n added ones is paired line by line. */
export function hunkLines(lines: readonly DiffLine[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j].op === '-') j++;
    let k = j;
    while (k < lines.length && lines[k].op === '+') k++;
    if (j > i && k - j === j - i) {
      const pairs = lines.slice(i, j).map((l, n) => wordPair(l.text, lines[j + n].text));
      if (pairs.every((p) => p !== undefined)) {
        out.push(...pairs.map((p) => p![0]), ...pairs.map((p) => p![1]));
        i = k;
        continue;
      }
    }
    if (k > i) {
      out.push(...lines.slice(i, k).map((l) => marked(l.op, l.text)));
      i = k;
    } else {
      out.push(marked(' ', lines[i].text));
      i++;
    }
  }
  return out;
}

function hunks(before: string, after: string): Line[] {
  return unifiedHunks(before, after).flatMap((h) => [line('hunk', `${INDENT}${h.header}`), ...hunkLines(h.lines)]);
}

function objectBody(mark: '+' | '-', o: DbObject): Line[] {
  if (o.kind === 'table') return tableMembers(o).map((t) => marked(mark, t));
  const def = definitionOf(o);
  const omit = def === undefined ? IDENTITY_FIELDS : [...IDENTITY_FIELDS, ...TEXT_FIELDS, ...(isView(o) ? ['columns'] : [])];
  return [...wholeText(mark, def ?? ''), ...wholeText(mark, restJson(o, omit))];
}

/** The lines of one change of an object. */
export function changeLines(c: Change): Line[] {
  switch (c.type) {
    case 'create':
      return objectBody('+', c.object);
    case 'drop':
      return objectBody('-', c.object);
    case 'rename':
      return [marked('~', `renamed: ${c.from.id} → ${c.to.id}`)];
    case 'alter-table':
      return c.changes.flatMap(memberLines).map((m) => marked(m.mark, m.text));
    case 'alter': {
      const [a, b] = [definitionOf(c.from), definitionOf(c.to)];
      const derived = a !== b && isView(c.to) ? ['columns'] : [];
      const omit = a !== undefined || b !== undefined ? [...TEXT_FIELDS, ...derived] : [];
      return [...hunks(a ?? '', b ?? ''), ...hunks(restJson(c.from, omit), restJson(c.to, omit))];
    }
  }
}
