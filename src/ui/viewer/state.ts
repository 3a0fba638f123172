/**
 * The viewer's state and how keys change it: a pure reducer, so navigation, filter,
 * hazards only, the rollback and plan views, help and quit are tested without a
 * terminal. What the reducer needs to know of the screen (the rows shown, the panes'
 * heights, the detail's length) comes with each action as a `Frame`.
 *
 * @example
 * let s = initialState();
 * s = reduce(s, { type: 'command', command: 'down', frame });
 */
import type { DetailView } from './detail-lines.js';
import type { TreeRow } from './model.js';

export type Pane = 'tree' | 'detail';

export interface ViewerState {
  /** Index of the selected row among the rows shown. */
  readonly cursor: number;
  /** First tree row on screen. */
  readonly top: number;
  readonly pane: Pane;
  readonly view: DetailView;
  /** First detail line on screen. */
  readonly detailTop: number;
  readonly filter: string;
  /** True while the filter is being typed. */
  readonly filtering: boolean;
  readonly hazardsOnly: boolean;
  readonly help: boolean;
  /** Folded groups (`SCHEMA`, `SCHEMA/KIND`). */
  readonly collapsed: ReadonlySet<string>;
  readonly quit: boolean;
}

/** What the screen looked like when the key came. */
export interface Frame {
  readonly rows: readonly TreeRow[];
  readonly treeHeight: number;
  readonly detailLength: number;
  readonly detailHeight: number;
}

export type Command =
  | 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end'
  | 'open' | 'switch-pane' | 'back' | 'filter' | 'hazards' | 'rollback' | 'plan' | 'help' | 'quit';

export type Action =
  | { readonly type: 'command'; readonly command: Command; readonly frame: Frame }
  | { readonly type: 'filter-type'; readonly text: string }
  | { readonly type: 'filter-erase' }
  | { readonly type: 'filter-accept' }
  | { readonly type: 'filter-cancel' };

export const initialState = (): ViewerState => ({
  cursor: 0, top: 0, pane: 'tree', view: 'change', detailTop: 0, filter: '', filtering: false, hazardsOnly: false, help: false, collapsed: new Set(), quit: false,
});

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/** The first row to show so that `cursor` is on screen, moving the window as little as possible. */
export function windowTop(top: number, cursor: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let t = clamp(top, 0, Math.max(0, count - h));
  if (cursor < t) t = cursor;
  if (cursor >= t + h) t = cursor - h + 1;
  return Math.max(0, t);
}

/** Moves the selection (tree pane) or scrolls the detail (detail pane) by `by` rows. */
function move(s: ViewerState, f: Frame, by: number | 'home' | 'end'): ViewerState {
  if (s.pane === 'detail' || s.view === 'plan') {
    const max = Math.max(0, f.detailLength - f.detailHeight);
    const detailTop = by === 'home' ? 0 : by === 'end' ? max : clamp(s.detailTop + by, 0, max);
    return { ...s, detailTop };
  }
  const last = Math.max(0, f.rows.length - 1);
  const cursor = by === 'home' ? 0 : by === 'end' ? last : clamp(s.cursor + by, 0, last);
  return { ...s, cursor, top: windowTop(s.top, cursor, f.treeHeight, f.rows.length), detailTop: cursor === s.cursor ? s.detailTop : 0 };
}

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const out = new Set(set);
  if (!out.delete(key)) out.add(key);
  return out;
}

/** Back one level: help, then a special view, then the detail pane, then the filter. */
function back(s: ViewerState): ViewerState {
  if (s.help) return { ...s, help: false };
  if (s.view !== 'change') return { ...s, view: 'change', detailTop: 0 };
  if (s.pane === 'detail') return { ...s, pane: 'tree' };
  if (s.filter) return { ...s, filter: '', cursor: 0, top: 0, detailTop: 0 };
  return s;
}

function command(s: ViewerState, c: Command, f: Frame): ViewerState {
  if (s.help && c !== 'quit' && c !== 'help') return back(s);
  switch (c) {
    case 'up':
      return move(s, f, -1);
    case 'down':
      return move(s, f, 1);
    case 'page-up':
      return move(s, f, -Math.max(1, (s.pane === 'tree' && s.view !== 'plan' ? f.treeHeight : f.detailHeight) - 1));
    case 'page-down':
      return move(s, f, Math.max(1, (s.pane === 'tree' && s.view !== 'plan' ? f.treeHeight : f.detailHeight) - 1));
    case 'home':
      return move(s, f, 'home');
    case 'end':
      return move(s, f, 'end');
    case 'open': {
      const row = f.rows[s.cursor];
      if (s.pane !== 'tree' || !row) return s;
      // a group folds and unfolds; an object opens in the detail pane
      if (row.type === 'object') return { ...s, pane: 'detail', view: s.view === 'plan' ? 'change' : s.view, detailTop: 0 };
      return { ...s, collapsed: toggled(s.collapsed, row.key) };
    }
    case 'switch-pane':
      return { ...s, pane: s.pane === 'tree' ? 'detail' : 'tree' };
    case 'back':
      return back(s);
    case 'filter':
      return { ...s, filtering: true };
    case 'hazards':
      return { ...s, hazardsOnly: !s.hazardsOnly, cursor: 0, top: 0, detailTop: 0 };
    case 'rollback':
      return { ...s, view: s.view === 'rollback' ? 'change' : 'rollback', detailTop: 0 };
    case 'plan':
      return { ...s, view: s.view === 'plan' ? 'change' : 'plan', detailTop: 0 };
    case 'help':
      return { ...s, help: !s.help };
    case 'quit':
      return { ...s, quit: true };
  }
}

export function reduce(s: ViewerState, a: Action): ViewerState {
  switch (a.type) {
    case 'command':
      return command(s, a.command, a.frame);
    case 'filter-type':
      return { ...s, filter: s.filter + a.text, cursor: 0, top: 0, detailTop: 0 };
    case 'filter-erase':
      return { ...s, filter: s.filter.slice(0, -1), cursor: 0, top: 0, detailTop: 0 };
    case 'filter-accept':
      return { ...s, filtering: false };
    case 'filter-cancel':
      return { ...s, filtering: false, filter: '', cursor: 0, top: 0, detailTop: 0 };
  }
}
