/**
 * The viewer: a title line, the tree of changed objects on the left, the selected
 * object's change (or its rollback, or the whole plan, or help) on the right, a status
 * line at the bottom. Keys go through `pressKeys` into the pure reducer (state.ts);
 * this file only lays out what they decide, at the terminal's size (followed on resize).
 */
import { createElement as h, useEffect, useMemo, useReducer, type ReactElement } from 'react';
import { Box, Text, useApp, useInput } from 'ink';
import type { ScriptFraming } from '../../../adapters/types.js';
import { plural, sideLabel } from '../diff-summary.js';
import { detailLines } from './detail-lines.js';
import { DetailPane, scrollNote } from './detail-pane.js';
import { StatusBar } from './filter-input.js';
import { Help } from './help.js';
import { pressKeys, type KeyPress } from './keys.js';
import { wrapLines } from './lines.js';
import { shownObjects, treeRows, type TreeRow, type ViewerModel } from './model.js';
import { initialState, windowTop, type Frame, type ViewerState } from './state.js';
import { TreeList } from './tree-list.js';
import { useTerminalSize, type Size } from './terminal-size.js';

export interface ViewerProps {
  readonly model: ViewerModel;
  /** How the engine frames a script: the whole-plan view (`s`) is the `--format sql` script. */
  readonly framing: ScriptFraming;
  readonly color: boolean;
  /** A fixed size instead of the terminal's (tests). */
  readonly size?: Size;
  readonly initial?: ViewerState;
}

/** The panes' sizes at a terminal size: the title and status lines, a title row per pane, a separator column. */
export function layout(size: Size): { left: number; right: number; body: number } {
  const left = Math.max(24, Math.min(48, Math.floor(size.columns * 0.38)));
  return { left, right: Math.max(10, size.columns - left - 1), body: Math.max(1, size.rows - 3) };
}

function detailTitle(row: TreeRow | undefined, s: ViewerState): string {
  if (s.view === 'plan') return 'Whole plan (SQL)';
  if (!row) return 'Nothing selected';
  if (row.type !== 'object') return row.type === 'schema' ? `Schema ${row.schema}` : `${row.kind} in ${row.schema}`;
  return `${s.view === 'rollback' ? 'Rollback' : 'Change'}: ${row.object.id}`;
}

interface KeyEvent {
  readonly input: string;
  readonly key: KeyPress;
  readonly frame: Frame;
}

/** Keys reduce the state React holds, not the one this render saw: none is lost when they come fast. */
const onKey = (s: ViewerState, e: KeyEvent): ViewerState => pressKeys(s, e.input, e.key, e.frame);

export function Viewer({ model, framing, color, size: fixed, initial }: ViewerProps): ReactElement {
  const terminal = useTerminalSize();
  const size = fixed ?? terminal;
  const { exit } = useApp();
  const [state, dispatch] = useReducer(onKey, initial ?? initialState());
  const view = { filter: state.filter, hazardsOnly: state.hazardsOnly, collapsed: state.collapsed };
  const rows = useMemo(() => treeRows(model, view), [model, state.filter, state.hazardsOnly, state.collapsed]);
  const shown = useMemo(() => shownObjects(model, view).length, [model, state.filter, state.hazardsOnly]);
  const { left, right, body } = layout(size);
  const cursor = Math.min(state.cursor, Math.max(0, rows.length - 1));
  const top = windowTop(state.top, cursor, body, rows.length);
  const row = rows[cursor];
  const lines = useMemo(() => wrapLines(detailLines(model, row, state.view, framing), right - 1), [model, row, state.view, framing, right]);
  const detailTop = Math.min(state.detailTop, Math.max(0, lines.length - body));
  const frame: Frame = { rows, treeHeight: body, detailLength: lines.length, detailHeight: body };

  useInput((input, key) => dispatch({ input, key, frame }));
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const { result } = model;
  const title = `diff ${sideLabel(result.from)} → ${sideLabel(result.to)} · ${plural(model.objects.length, 'object')}, plan ${plural(result.plan.steps.length, 'step')}${result.plan.hazards.length ? `, hazards: ${result.plan.hazards.join(', ')}` : ''}`;
  const paneTitle = (text: string, focused: boolean, width: number) =>
    h(Text, { bold: true, inverse: focused, wrap: 'truncate-end' }, ` ${text} `.padEnd(width).slice(0, width));
  const treeFocused = state.pane === 'tree' && state.view !== 'plan';
  const main = state.help
    ? h(Box, { height: body + 1 }, h(Help, { width: size.columns, height: body + 1 }))
    : h(
        Box,
        { flexDirection: 'row', height: body + 1 },
        h(
          Box,
          { flexDirection: 'column', width: left },
          paneTitle(`Objects (${shown})`, treeFocused, left),
          h(TreeList, { rows, cursor, top, height: body, width: left, focused: treeFocused, color }),
        ),
        h(Box, { flexDirection: 'column', width: 1 }, h(Text, { dimColor: true }, Array.from({ length: body + 1 }, () => '│').join('\n'))),
        h(
          Box,
          { flexDirection: 'column', width: right },
          paneTitle(detailTitle(row, state), !treeFocused, right),
          h(Box, { paddingLeft: 1 }, h(DetailPane, { lines, top: detailTop, height: body, width: right - 1, color })),
        ),
      );
  return h(
    Box,
    { flexDirection: 'column', width: size.columns, height: size.rows },
    h(Text, { bold: true, wrap: 'truncate-end' }, title),
    main,
    h(StatusBar, { filter: state.filter, filtering: state.filtering, hazardsOnly: state.hazardsOnly, shown, total: model.objects.length, note: scrollNote(detailTop, body, lines.length), width: size.columns }),
  );
}
