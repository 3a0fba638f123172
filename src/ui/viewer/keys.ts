/**
 * The keys of the viewer: which key does what (the help screen and docs/commands.md
 * list the same table), and a key press as a reducer action. No mouse is needed.
 */
import { reduce, type Action, type Command, type Frame, type ViewerState } from './state.js';

/** The key fields the viewer reads (a subset of ink's `Key`). */
export interface KeyPress {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

/** The help screen's table: keys, what they do. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['↑ ↓  j k', 'move the selection (in the right pane: scroll)'],
  ['PgUp PgDn  g G', 'a page up or down; first, last'],
  ['Enter', 'open the object in the right pane; fold or unfold a schema or kind'],
  ['Tab', 'switch between the left and the right pane'],
  ['/', 'filter by name (Enter keeps it, Esc clears it)'],
  ['h', 'hazards only: objects whose steps carry a hazard'],
  ['r', 'rollback DDL of the object (again: its change)'],
  ['s', 'the whole plan as SQL (again: back)'],
  ['Esc ←', 'back: close help or a view, leave the right pane, clear the filter'],
  ['?', 'this help'],
  ['q', 'quit'],
];

const LETTERS: Readonly<Record<string, Command>> = {
  j: 'down', k: 'up', g: 'home', G: 'end', '/': 'filter', h: 'hazards', r: 'rollback', s: 'plan', '?': 'help', q: 'quit',
};

/** Control characters that stand for a key when several keys arrive as one string. */
const CONTROL_KEYS: Readonly<Record<string, KeyPress>> = { '\t': { tab: true }, '\r': { return: true }, '\n': { return: true }, '\u007f': { backspace: true }, '\b': { backspace: true } };

/**
 * Keys typed quickly (or sent by a script) arrive as one string, `jj\tr`: each is a key
 * of its own. A string with an escape sequence is left whole (ink has parsed it).
 */
export function splitKeys(input: string, key: KeyPress): [string, KeyPress][] {
  const special = Object.values(key).some((v) => v === true);
  if (special || input.length < 2 || input.includes('\u001b')) return [[input, key]];
  return [...input].map((ch): [string, KeyPress] => (CONTROL_KEYS[ch] ? ['', CONTROL_KEYS[ch]] : [ch, {}]));
}

/** What a key press does, or undefined when it does nothing. */
export function keyAction(input: string, key: KeyPress, state: ViewerState, frame: Frame): Action | undefined {
  if (state.filtering) {
    if (key.return) return { type: 'filter-accept' };
    if (key.escape) return { type: 'filter-cancel' };
    if (key.backspace || key.delete) return { type: 'filter-erase' };
    // printable text only: arrows and control keys do not type
    return input && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input) ? { type: 'filter-type', text: input } : undefined;
  }
  const c = (command: Command): Action => ({ type: 'command', command, frame });
  // any key closes the help (q still quits)
  if (state.help) return c(input === 'q' && !key.ctrl ? 'quit' : 'back');
  if (key.upArrow) return c('up');
  if (key.downArrow) return c('down');
  if (key.pageUp) return c('page-up');
  if (key.pageDown) return c('page-down');
  if (key.home) return c('home');
  if (key.end) return c('end');
  if (key.return || key.rightArrow) return c('open');
  if (key.tab) return c('switch-pane');
  if (key.escape || key.leftArrow) return c('back');
  if (key.ctrl || key.meta) return undefined;
  const letter = LETTERS[input];
  return letter ? c(letter) : undefined;
}

/**
 * A key press (or several in one string) applied to the state: the reducer the viewer
 * runs, so each key sees the state the previous one left, however fast they come.
 * While the filter is typed, a string is text as a whole (a paste).
 */
export function pressKeys(state: ViewerState, input: string, key: KeyPress, frame: Frame): ViewerState {
  let s = state;
  for (const [piece, pressed] of s.filtering ? [[input, key] as [string, KeyPress]] : splitKeys(input, key)) {
    const action = keyAction(piece, pressed, s, frame);
    if (action) s = reduce(s, action);
  }
  return s;
}
