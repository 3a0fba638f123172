/** The viewer's reducer and key map, pure: no terminal, no ink. */
import { describe, expect, it } from 'vitest';
import { keyAction, splitKeys } from '../../../src/ui/viewer/keys.js';
import { treeRows, viewerModel } from '../../../src/ui/viewer/model.js';
import { initialState, reduce, windowTop, type Action, type Command, type Frame, type ViewerState } from '../../../src/ui/viewer/state.js';
import { largeResult, smallResult } from './fixture.js';

const model = viewerModel(smallResult());
const frameOf = (s: ViewerState, height = 10, detailLength = 40): Frame => ({
  rows: treeRows(model, s), treeHeight: height, detailLength, detailHeight: height,
});
const run = (s: ViewerState, ...commands: Command[]): ViewerState =>
  commands.reduce((acc, command) => reduce(acc, { type: 'command', command, frame: frameOf(acc) }), s);
const selected = (s: ViewerState) => frameOf(s).rows[s.cursor];
const selectedKey = (s: ViewerState) => selected(s)?.key;

describe('viewer state', () => {
  it('the tree starts with the first schema and lists schema → kind → object', () => {
    const rows = treeRows(model, initialState());
    expect(rows.map((r) => r.key)).toEqual([
      'audit', 'audit/table', 'audit.log',
      'public', 'public/enum', 'public.mood', 'public/table', 'public.members', 'public.users', 'public/view', 'public.active',
    ]);
    expect(selectedKey(initialState())).toBe('audit');
  });

  it('moves down and up, never past either end', () => {
    let s = run(initialState(), 'down', 'down');
    expect(selectedKey(s)).toBe('audit.log');
    s = run(s, 'up', 'up', 'up', 'up');
    expect(s.cursor).toBe(0);
    s = run(s, 'end');
    expect(selectedKey(s)).toBe('public.active');
    s = run(s, 'down');
    expect(selectedKey(s)).toBe('public.active');
    expect(selectedKey(run(s, 'home'))).toBe('audit');
  });

  it('Enter folds and unfolds a group, and opens an object in the right pane', () => {
    let s = run(initialState(), 'open');
    expect(frameOf(s).rows.map((r) => r.key)).toEqual(['audit', 'public', 'public/enum', 'public.mood', 'public/table', 'public.members', 'public.users', 'public/view', 'public.active']);
    s = run(s, 'open');
    expect(frameOf(s).rows).toHaveLength(11);
    s = run(s, 'down', 'down', 'open');
    expect(s.pane).toBe('detail');
    expect(selectedKey(s)).toBe('audit.log');
  });

  it('in the right pane the arrows scroll the detail, within its length', () => {
    let s = run(initialState(), 'switch-pane');
    expect(s.pane).toBe('detail');
    s = run(s, 'down', 'down', 'down');
    expect(s.detailTop).toBe(3);
    expect(s.cursor).toBe(0);
    s = run(s, 'end');
    expect(s.detailTop).toBe(30); // 40 lines, 10 on screen
    s = run(s, 'page-up');
    expect(s.detailTop).toBe(21);
    s = run(s, 'switch-pane', 'down');
    expect(s.pane).toBe('tree');
    expect(s.cursor).toBe(1);
    expect(s.detailTop).toBe(0); // another row: its detail from the top
  });

  it('filters by name as typed; Esc clears the filter, Enter keeps it', () => {
    let s = run(initialState(), 'filter');
    expect(s.filtering).toBe(true);
    for (const ch of 'USE') s = reduce(s, { type: 'filter-type', text: ch });
    expect(frameOf(s).rows.map((r) => r.key)).toEqual(['public', 'public/table', 'public.users']);
    s = reduce(s, { type: 'filter-erase' });
    expect(s.filter).toBe('US');
    s = reduce(s, { type: 'filter-accept' });
    expect(s).toMatchObject({ filtering: false, filter: 'US' });
    s = reduce(run(s, 'filter'), { type: 'filter-cancel' });
    expect(s).toMatchObject({ filtering: false, filter: '' });
    expect(frameOf(s).rows).toHaveLength(11);
  });

  it('a rename is found by its old name too', () => {
    const s = reduce(run(initialState(), 'filter'), { type: 'filter-type', text: 'people' });
    expect(frameOf(s).rows.map((r) => r.key)).toEqual(['public', 'public/table', 'public.members']);
  });

  it('h shows only objects whose steps carry a hazard', () => {
    const s = run(initialState(), 'down', 'down', 'hazards');
    expect(s.hazardsOnly).toBe(true);
    expect(s.cursor).toBe(0);
    expect(frameOf(s).rows.filter((r) => r.type === 'object').map((r) => r.key)).toEqual(['public.mood', 'public.users']);
    expect(run(s, 'hazards').hazardsOnly).toBe(false);
  });

  it('r and s switch the right pane to the rollback and to the whole plan, and back', () => {
    let s = run(initialState(), 'rollback');
    expect(s.view).toBe('rollback');
    s = run(s, 'plan');
    expect(s.view).toBe('plan');
    s = run(s, 'plan');
    expect(s.view).toBe('change');
    s = run(s, 'rollback', 'back');
    expect(s.view).toBe('change');
  });

  it('? opens help; any key closes it; q quits even from help', () => {
    let s = run(initialState(), 'help');
    expect(s.help).toBe(true);
    s = run(s, 'down');
    expect(s).toMatchObject({ help: false, cursor: 0 });
    expect(run(initialState(), 'help', 'quit').quit).toBe(true);
    expect(run(initialState(), 'quit').quit).toBe(true);
  });

  it('Esc goes back one level at a time', () => {
    let s = reduce(run(initialState(), 'filter'), { type: 'filter-type', text: 'u' });
    s = run(reduce(s, { type: 'filter-accept' }), 'switch-pane', 'rollback');
    s = run(s, 'back');
    expect(s).toMatchObject({ view: 'change', pane: 'detail', filter: 'u' });
    s = run(s, 'back');
    expect(s).toMatchObject({ pane: 'tree', filter: 'u' });
    s = run(s, 'back');
    expect(s.filter).toBe('');
  });

  it('the window follows the cursor on a large tree', () => {
    const big = viewerModel(largeResult(5000));
    let s = initialState();
    // moving changes no row: the rows are made once, as the viewer does
    const rows = treeRows(big, s);
    const frame = (): Frame => ({ rows, treeHeight: 20, detailLength: 0, detailHeight: 20 });
    expect(frame().rows).toHaveLength(5002);
    for (let i = 0; i < 25; i++) s = reduce(s, { type: 'command', command: 'down', frame: frame() });
    expect(s).toMatchObject({ cursor: 25, top: 6 });
    s = reduce(s, { type: 'command', command: 'end', frame: frame() });
    expect(s).toMatchObject({ cursor: 5001, top: 4982 });
    s = reduce(s, { type: 'command', command: 'page-up', frame: frame() });
    expect(s).toMatchObject({ cursor: 4982, top: 4982 });
  });

  it('windowTop keeps the cursor on screen, moving as little as it can', () => {
    expect(windowTop(0, 5, 10, 100)).toBe(0);
    expect(windowTop(0, 10, 10, 100)).toBe(1);
    expect(windowTop(50, 40, 10, 100)).toBe(40);
    expect(windowTop(95, 99, 10, 100)).toBe(90); // a taller screen after a resize: no empty rows at the end
  });
});

describe('viewer keys', () => {
  const s = initialState();
  const f = frameOf(s);
  const cmd = (input: string, key = {}) => {
    const a = keyAction(input, key, s, f);
    return a?.type === 'command' ? a.command : a?.type;
  };

  it('maps arrows, j/k, Enter, Tab and the letters', () => {
    expect(cmd('', { downArrow: true })).toBe('down');
    expect(cmd('', { upArrow: true })).toBe('up');
    expect(cmd('j')).toBe('down');
    expect(cmd('k')).toBe('up');
    expect(cmd('', { return: true })).toBe('open');
    expect(cmd('', { tab: true })).toBe('switch-pane');
    expect(cmd('', { escape: true })).toBe('back');
    expect(['/', 'h', 'r', 's', '?', 'q'].map((k) => cmd(k))).toEqual(['filter', 'hazards', 'rollback', 'plan', 'help', 'quit']);
    expect(cmd('x')).toBeUndefined();
    expect(cmd('q', { ctrl: true })).toBeUndefined();
  });

  it('while filtering, letters are text: q types a q', () => {
    const filtering = { ...s, filtering: true };
    const a = (input: string, key = {}): Action | undefined => keyAction(input, key, filtering, f);
    expect(a('q')).toEqual({ type: 'filter-type', text: 'q' });
    expect(a('', { return: true })).toEqual({ type: 'filter-accept' });
    expect(a('', { escape: true })).toEqual({ type: 'filter-cancel' });
    expect(a('', { backspace: true })).toEqual({ type: 'filter-erase' });
    expect(a('', { downArrow: true })).toBeUndefined();
  });

  it('several keys in one string are keys one after another', () => {
    expect(splitKeys('jj\tr', {})).toEqual([['j', {}], ['j', {}], ['', { tab: true }], ['r', {}]]);
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('\u001b[A', {})).toEqual([['\u001b[A', {}]]);
  });
});
