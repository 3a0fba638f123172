/**
 * Line diffs and unified hunks, for showing how a view body, a function or an object's
 * canonical JSON changed; word diffs of one changed line, for the viewer. The alignment
 * is jsdiff's (Myers' shortest edit script, a well-kept package) rather than our own.
 *
 * @example
 * unifiedHunks('a\nb\n', 'a\nc\n'); // [{ header: '@@ -1,2 +1,2 @@', lines: [' a', '-b', '+c'] }]
 * wordDiff('a int', 'a text'); // [{ op: ' ', text: 'a ' }, { op: '-', text: 'int' }, { op: '+', text: 'text' }]
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

export type LineOp = ' ' | '-' | '+';
export interface DiffLine {
  readonly op: LineOp;
  readonly text: string;
}

/**
 * Past this many edits two texts are shown as removed then added, not aligned: the
 * shortest edit script costs time with the square of the edits, and a diff that large
 * is no longer read line by line.
 */
const MAX_EDITS = 2_000;

/** Every line of `a` and `b`, marked kept, removed or added; removals before additions in each run of changes, as git prints them. */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  // the common head and tail are kept as they are: only the middle needs aligning
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let post = 0;
  while (post < a.length - pre && post < b.length - pre && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  const keep = (text: string): DiffLine => ({ op: ' ', text });
  const x = a.slice(pre, a.length - post);
  const y = b.slice(pre, b.length - post);
  return [...a.slice(0, pre).map(keep), ...alignedMiddle(x, y), ...b.slice(b.length - post).map(keep)];
}

function alignedMiddle(x: string[], y: string[]): DiffLine[] {
  const parts = x.length && y.length ? diffArrays(x, y, { maxEditLength: MAX_EDITS }) : undefined;
  if (!parts) return [...x.map((text) => ({ op: '-' as const, text })), ...y.map((text) => ({ op: '+' as const, text }))];
  const out: DiffLine[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const p of parts) {
    if (p.removed) removed.push(...p.value.map((text) => ({ op: '-' as const, text })));
    else if (p.added) added.push(...p.value.map((text) => ({ op: '+' as const, text })));
    else {
      flush();
      out.push(...p.value.map((text) => ({ op: ' ' as const, text })));
    }
  }
  flush();
  return out;
}

/** What a line became, word by word: kept, removed and added pieces (whitespace kept). */
export function wordDiff(before: string, after: string): DiffLine[] {
  const parts = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS });
  if (!parts) return [{ op: '-', text: before }, { op: '+', text: after }];
  return parts.map((p) => ({ op: p.removed ? '-' : p.added ? '+' : ' ', text: p.value }));
}

export interface Hunk {
  /** `@@ -3,7 +3,8 @@` */
  readonly header: string;
  readonly lines: readonly DiffLine[];
}

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Unified hunks with `context` unchanged lines around each change; none when the texts are equal. */
export function unifiedHunks(before: string, after: string, context = 3): Hunk[] {
  const lines = lineDiff(splitLines(before), splitLines(after));
  const changed = lines.map((l, i) => (l.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  // ranges of line indexes to show, merged when their context overlaps
  const ranges: [number, number][] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length - 1, i + context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([start, end]) => {
    const before = lines.slice(0, start);
    const oldStart = before.filter((l) => l.op !== '+').length + 1;
    const newStart = before.filter((l) => l.op !== '-').length + 1;
    const body = lines.slice(start, end + 1);
    const oldLen = body.filter((l) => l.op !== '+').length;
    const newLen = body.filter((l) => l.op !== '-').length;
    const span = (s: number, n: number) => (n === 1 ? `${s}` : `${n === 0 ? s - 1 : s},${n}`);
    return { header: `@@ -${span(oldStart, oldLen)} +${span(newStart, newLen)} @@`, lines: body };
  });
}
