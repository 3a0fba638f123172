/**
 * The right pane: styled lines already wrapped to its width, shown from `top`, one
 * screen row per line, with a scroll position when they do not fit.
 */
import { createElement as h, type ReactElement } from 'react';
import { Box, Text } from 'ink';
import type { Line } from './lines.js';
import { pieceStyle } from './theme.js';

export interface DetailPaneProps {
  readonly lines: readonly Line[];
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly color: boolean;
}

export function DetailPane({ lines, top, height, width, color }: DetailPaneProps): ReactElement {
  const shown = lines.slice(top, top + height);
  return h(
    Box,
    { flexDirection: 'column', width, height },
    ...shown.map((l, i) =>
      h(Text, { key: top + i, wrap: 'truncate-end' }, l.length ? l.map((p, j) => h(Text, { key: j, ...pieceStyle(p, color) }, p.text)) : ' '),
    ),
  );
}

/** `lines 21–40 of 96`, or '' when everything fits. */
export function scrollNote(top: number, height: number, length: number): string {
  return length > height ? `lines ${top + 1}–${Math.min(length, top + height)} of ${length}` : '';
}
