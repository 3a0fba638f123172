/**
 * A small line diff (longest common subsequence) and unified hunks, for showing how
 * a view body, a function or an object's canonical JSON changed.
 *
 * @example
 * unifiedHunks('a\nb\n', 'a\nc\n'); // [{ header: '@@ -1,2 +1,2 @@', lines: [' a', '-b', '+c'] }]
 */

export type LineOp = ' ' | '-' | '+';
export interface DiffLine {
  readonly op: LineOp;
  readonly text: string;
}

/** Above this many cells the middle of two texts is shown as removed then added, not aligned. */
const MAX_CELLS = 4_000_000;

/** Every line of `a` and `b`, marked kept, removed or added. */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let post = 0;
  while (post < a.length - pre && post < b.length - pre && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  const x = a.slice(pre, a.length - post);
  const y = b.slice(pre, b.length - post);
  const keep = (l: string): DiffLine => ({ op: ' ', text: l });
  const middle: DiffLine[] = [];
  if (x.length * y.length > MAX_CELLS) {
    middle.push(...x.map((text) => ({ op: '-' as const, text })), ...y.map((text) => ({ op: '+' as const, text })));
  } else {
    // lengths of the common subsequence of x[i..] and y[j..]
    const w = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i * w + j] = x[i] === y[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        middle.push(keep(x[i++]));
        j++;
      } else if (j < y.length && (i === x.length || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
        middle.push({ op: '+', text: y[j++] });
      } else {
        middle.push({ op: '-', text: x[i++] });
      }
    }
    // removals before additions inside each run of changes, as git prints them
    for (let s = 0; s < middle.length; ) {
      let e = s;
      while (e < middle.length && middle[e].op !== ' ') e++;
      if (e > s) middle.splice(s, e - s, ...middle.slice(s, e).filter((l) => l.op === '-'), ...middle.slice(s, e).filter((l) => l.op === '+'));
      s = e + 1;
    }
  }
  return [...a.slice(0, pre).map(keep), ...middle, ...b.slice(b.length - post).map(keep)];
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
