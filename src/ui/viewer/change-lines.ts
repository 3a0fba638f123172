/**
 * One object's change as styled lines, read like `redb diff` prints it: a table's
 * member changes (+ added, - dropped, ~ changed), and for other kinds a unified diff
 * of the definition (views, routines) and of the rest of the object's canonical JSON.
 * A removed line followed by its replacement shows the words that changed.
 */
import type { Change } from '../../../unified-model/index.js';
import { changeBodyParts } from '../change-body.js';
import type { Mark } from '../diff-members.js';
import { wordDiff, type DiffLine } from '../line-diff.js';
import { line, type Line, type Piece, type Tone } from './lines.js';

export const MARK_TONE: Record<Mark | ' ', Tone> = { '+': 'add', '-': 'remove', '~': 'change', ' ': 'plain' };
const INDENT = '  ';

const marked = (mark: Mark | ' ', text: string): Line => line(MARK_TONE[mark], `${INDENT}${mark} ${text}`);

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

/** The lines of one change of an object. */
export function changeLines(c: Change): Line[] {
  if (c.type === 'rename') return [marked('~', `renamed: ${c.from.id} → ${c.to.id}`)];
  return changeBodyParts(c).flatMap((p) => ('hunk' in p ? [line('hunk', `${INDENT}${p.hunk.header}`), ...hunkLines(p.hunk.lines)] : [marked(p.mark, p.text)]));
}
