/**
 * The left pane: the changed objects as a tree by schema and kind, each object with
 * its badge and each kind with its counts per badge. Only the rows on screen are
 * rendered (a window of `height` rows from `top`), so thousands of objects cost what
 * a screenful does.
 */
import { createElement as h, type ReactElement } from 'react';
import { Box, Text } from 'ink';
import type { BadgeCounts, TreeRow } from './model.js';
import { toneStyle } from './theme.js';

const BADGE_TONE = { '+': 'add', '-': 'remove', '~': 'change', '→': 'change' } as const;

/** `+1 ~2 →1`: the non-zero counts. */
export const countsText = (c: BadgeCounts): string =>
  (['+', '~', '-', '→'] as const).filter((b) => c[b] > 0).map((b) => `${b}${c[b]}`).join(' ');

/** A row as text: folding marker, indent, badge, name. */
export function rowText(row: TreeRow): string {
  switch (row.type) {
    case 'schema':
      return `${row.open ? '▾' : '▸'} ${row.schema} (${row.count})`;
    case 'kind':
      return `  ${row.open ? '▾' : '▸'} ${row.kind}  ${countsText(row.counts)}`;
    case 'object':
      return `    ${row.object.badge} ${row.object.name}`;
  }
}

const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width));

export interface TreeListProps {
  readonly rows: readonly TreeRow[];
  readonly cursor: number;
  readonly top: number;
  readonly height: number;
  readonly width: number;
  readonly focused: boolean;
  readonly color: boolean;
}

export function TreeList({ rows, cursor, top, height, width, focused, color }: TreeListProps): ReactElement {
  const shown = rows.slice(top, top + height);
  return h(
    Box,
    { flexDirection: 'column', width, height },
    ...shown.map((row, i) => {
      const selected = top + i === cursor;
      const style = row.type === 'object' ? toneStyle(BADGE_TONE[row.object.badge], color) : { bold: true };
      // the selection: inverse in the focused pane, underlined in the other, and a › in
      // the gutter that shows where a terminal has no styles at all (--no-color)
      const mark = selected ? (focused ? { inverse: true } : { underline: true }) : {};
      return h(Text, { key: row.key, wrap: 'truncate-end', ...style, ...mark }, `${selected ? '›' : ' '}${fit(rowText(row), width - 1)}`);
    }),
  );
}
