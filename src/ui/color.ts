/** Colour for terminal output, off when NO_COLOR is set, --no-color is given or stdout is not a terminal. */
import { styleText } from 'node:util';

type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold';

export function colorEnabled(): boolean {
  if (process.env.NO_COLOR !== undefined || process.argv.includes('--no-color')) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return Boolean(process.stdout.isTTY);
}

export function paint(style: Style, text: string): string {
  return colorEnabled() ? styleText(style, text) : text;
}
