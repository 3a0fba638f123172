/**
 * The right pane's text as styled lines: pieces with a tone (what they are, not a
 * colour: the pane picks colours, or none under NO_COLOR), hard-wrapped to the pane's
 * width so that a window of N lines is exactly N rows on screen.
 *
 * @example
 * wrapLines([line('add', '+ column nickname text')], 12); // rows '+ column ', '  nickname ', '  text'
 */

/** add/remove/change are a git diff's colours; strong marks the words that changed in a line, bold a title. */
export type Tone = 'plain' | 'add' | 'remove' | 'change' | 'hunk' | 'heading' | 'dim' | 'hazard' | 'danger';

export interface Piece {
  readonly text: string;
  readonly tone: Tone;
  readonly strong?: boolean;
  readonly bold?: boolean;
}

export type Line = readonly Piece[];

export const line = (tone: Tone, text: string): Line => [{ tone, text }];
export const blank: Line = [];

/** A line's text without its styles. */
export const plainText = (l: Line): string => l.map((p) => p.text).join('');

/**
 * Where a text of `length` characters is cut into rows of `width` (the first) and
 * `width - indent` (the rest): after the last space of a row when there is one in its
 * second half, else in the middle of a word.
 */
function cuts(text: string, width: number, indent: number): number[] {
  const out: number[] = [];
  let pos = 0;
  let room = width;
  while (text.length - pos > room) {
    const space = text.lastIndexOf(' ', pos + room - 1);
    const end = space >= pos + room / 2 ? space + 1 : pos + room;
    out.push(end);
    pos = end;
    room = width - indent;
  }
  return out;
}

/** The pieces of `l` between two character offsets. */
function slice(l: Line, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const p of l) {
    const [a, b] = [Math.max(from, at), Math.min(to, at + p.text.length)];
    if (a < b) out.push({ ...p, text: p.text.slice(a - at, b - at) });
    at += p.text.length;
  }
  return out;
}

/**
 * Each line cut into rows of at most `width` characters (tabs as two spaces), between
 * words where it can, the rows after the first indented as the line is (plus two), so a
 * wrapped statement still reads as one; an empty line stays one row.
 */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  const w = Math.max(1, width);
  const out: Line[] = [];
  for (const raw of lines) {
    const l = raw.map((p) => (p.text.includes('\t') ? { ...p, text: p.text.replace(/\t/g, '  ') } : p));
    const text = plainText(l);
    if (text.length <= w) {
      out.push(l);
      continue;
    }
    const indent = Math.min(/^ */.exec(text)![0].length + 2, Math.floor(w / 2));
    const ends = [...cuts(text, w, indent), text.length];
    ends.forEach((end, i) => {
      const start = i === 0 ? 0 : ends[i - 1];
      out.push(i === 0 ? slice(l, start, end) : [{ text: ' '.repeat(indent), tone: 'plain' }, ...slice(l, start, end)]);
    });
  }
  return out;
}
