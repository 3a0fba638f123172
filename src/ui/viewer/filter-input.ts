/**
 * The bottom line: the filter being typed (`/`), or what narrows the tree (filter,
 * hazards only) with how many objects are shown, and the keys for help and quit.
 */
import { createElement as h, type ReactElement } from 'react';
import { Box, Text } from 'ink';

export interface StatusBarProps {
  readonly filter: string;
  readonly filtering: boolean;
  readonly hazardsOnly: boolean;
  readonly shown: number;
  readonly total: number;
  readonly note: string;
  readonly width: number;
}

export function StatusBar({ filter, filtering, hazardsOnly, shown, total, note, width }: StatusBarProps): ReactElement {
  if (filtering) {
    return h(Box, { width }, h(Text, { wrap: 'truncate-end' }, h(Text, { bold: true }, '/'), ` filter: ${filter}`, h(Text, { inverse: true }, ' '), '  Enter keeps it, Esc clears it'));
  }
  const narrowed = [...(filter ? [`filter "${filter}"`] : []), ...(hazardsOnly ? ['hazards only'] : [])];
  const left = `${narrowed.length ? `${narrowed.join(', ')}: ` : ''}${shown} of ${total} objects${note ? ` · ${note}` : ''}`;
  return h(Box, { width, justifyContent: 'space-between' }, h(Text, { wrap: 'truncate-end' }, left), h(Text, { dimColor: true }, ' ? help  q quit'));
}
