/**
 * The right pane's text as styled lines: pieces with a tone (what they are, not a
 * colour: the pane picks colours, or none under NO_COLOR), hard-wrapped to the pane's
 * width so that a window of N lines is exactly N rows on screen.
 *
 * @example
 * wrapLines([line('add', '+ column nickname text')], 10); // two lines: '+ column n', 'ickname text'
 */

/** add/remove/change are a git diff's colours; strong marks the words that changed in a line. */
export type Tone = 'plain' | 'add' | 'remove' | 'change' | 'hunk' | 'heading' | 'dim' | 'hazard' | 'danger';

export interface Piece {
  readonly text: string;
  readonly tone: Tone;
  readonly strong?: boolean;
}

export type Line = readonly Piece[];

export const line = (tone: Tone, text: string): Line => [{ tone, text }];
export const blank: Line = [];

/** A line's text without its styles. */
export const plainText = (l: Line): string => l.map((p) => p.text).join('');

/**
 * Each line cut into rows of at most `width` characters (tabs as two spaces), the rows
 * after the first indented as the line is, so a wrapped statement still reads as one;
 * an empty line stays one row.
 */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  const w = Math.max(1, width);
  const out: Line[] = [];
  for (const l of lines) {
    const indent = Math.min(/^ */.exec(plainText(l))![0].length + 2, Math.floor(w / 2));
    let row: Piece[] = [];
    let used = 0;
    for (const p of l) {
      let text = p.text.replace(/\t/g, '  ');
      while (text.length) {
        if (used === w) {
          out.push(row);
          row = [{ text: ' '.repeat(indent), tone: 'plain' }];
          used = indent;
        }
        const take = text.slice(0, w - used);
        row.push({ ...p, text: take });
        used += take.length;
        text = text.slice(take.length);
      }
    }
    out.push(row);
  }
  return out;
}
