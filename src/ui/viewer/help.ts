/** The help screen (`?`): the keys and what they do. */
import { createElement as h, type ReactElement } from 'react';
import { Box, Text } from 'ink';
import { KEY_HELP } from './keys.js';

export function Help({ width, height }: { readonly width: number; readonly height: number }): ReactElement {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length)) + 2;
  return h(
    Box,
    { flexDirection: 'column', width, height },
    h(Text, { bold: true }, 'Keys'),
    h(Text, null, ' '),
    ...KEY_HELP.map(([k, what]) => h(Text, { key: k, wrap: 'truncate-end' }, h(Text, { bold: true }, k.padEnd(keyWidth)), what)),
    h(Text, null, ' '),
    h(Text, { dimColor: true }, 'any key closes this help'),
  );
}
