/**
 * Tones as ink text styles. Colour only when it is on (NO_COLOR, --no-color, a
 * terminal: src/ui/color.ts decides, and the viewer is told once); without it the
 * marks (+ - ~ →) still say what changed, and the selection and changed words show
 * in inverse video, which is not a colour.
 */
import type { TextProps } from 'ink';
import type { Piece, Tone } from './lines.js';

const COLORS: Readonly<Record<Tone, TextProps>> = {
  plain: {},
  add: { color: 'green' },
  remove: { color: 'red' },
  change: { color: 'yellow' },
  hunk: { color: 'cyan' },
  heading: { bold: true },
  dim: { dimColor: true },
  hazard: { color: 'yellow' },
  danger: { color: 'red', bold: true },
};

/** Without colour: headings stay bold and hazards bold, the rest plain. */
const PLAIN: Readonly<Record<Tone, TextProps>> = {
  plain: {}, add: {}, remove: {}, change: {}, hunk: {}, heading: { bold: true }, dim: {}, hazard: { bold: true }, danger: { bold: true },
};

export function toneStyle(tone: Tone, color: boolean): TextProps {
  return (color ? COLORS : PLAIN)[tone];
}

export function pieceStyle(p: Piece, color: boolean): TextProps {
  return { ...toneStyle(p.tone, color), ...(p.strong ? { inverse: true } : {}), ...(p.bold ? { bold: true } : {}) };
}
