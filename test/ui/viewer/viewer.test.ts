/**
 * The viewer as ink renders it (ink-testing-library: a fake terminal), on hand-built
 * diff results: what is on screen after which keys.
 */
import { stripVTControlCharacters } from 'node:util';
import { createElement as h } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { viewerModel } from '../../../src/ui/viewer/model.js';
import type { Size } from '../../../src/ui/viewer/terminal-size.js';
import { framing, largeResult, smallResult } from './fixture.js';

// ink's styles (chalk) decide at load whether to emit any: on, so that the tests see what
// the viewer asks for; the viewer itself decides about colour (its `color` prop)
process.env.FORCE_COLOR = '1';
let render: typeof import('ink-testing-library').render;
let cleanup: typeof import('ink-testing-library').cleanup;
let Viewer: typeof import('../../../src/ui/viewer/app.js').Viewer;
beforeAll(async () => {
  ({ render, cleanup } = await import('ink-testing-library'));
  ({ Viewer } = await import('../../../src/ui/viewer/app.js'));
});

const KEY = { down: '\u001b[B', up: '\u001b[A', enter: '\r', tab: '\t', esc: '\u001b', pageDown: '\u001b[6~' } as const;
const SIZE: Size = { columns: 100, rows: 24 };

const tick = () => new Promise((r) => setTimeout(r, 50));

/**
 * Waits until the screen changes (or `quiet` ms pass without a change: a key that
 * changes nothing): on a loaded machine a fixed pause loses keys to slow renders.
 */
async function settled(frames: () => number, quiet = 150): Promise<void> {
  const before = frames();
  for (let waited = 0; waited < quiet && frames() === before; waited += 10) await new Promise((r) => setTimeout(r, 10));
  await tick();
}

function open(result = smallResult(), size: Size = SIZE, color = false) {
  const app = render(h(Viewer, { model: viewerModel(result), framing, color, size }));
  let mounted = false;
  const press = async (...keys: string[]) => {
    // ink reads keys once its first render is committed
    if (!mounted) await tick();
    mounted = true;
    for (const k of keys) {
      app.stdin.write(k);
      await settled(() => app.frames.length, 400);
    }
  };
  const raw = () => app.lastFrame() ?? '';
  const screen = () => stripVTControlCharacters(raw());
  return { ...app, press, screen, raw };
}

/** The left pane's text of each screen line (up to the separator). */
const leftPane = (screen: string) => screen.split('\n').map((l) => l.split('│')[0].trimEnd());
const rightPane = (screen: string) => screen.split('\n').map((l) => l.split('│').slice(1).join('│').trim());
/** The rows shown in inverse video: the selection in the focused pane, the focused pane's title. */
const inverse = (raw: string) => raw.split('\n').map((l) => l.split('│')[0]).filter((l) => l.includes('\u001b[7m')).map((l) => stripVTControlCharacters(l).trim());
const detailTitle = (screen: string) => rightPane(screen)[1];

afterEach(() => cleanup());

describe('the viewer', () => {
  it('lists the changed objects as a tree by schema and kind, with badges and counts per kind', async () => {
    const v = open();
    await tick();
    const left = leftPane(v.screen());
    expect(left[0]).toContain('diff main~1 (1111111111) → main (2222222222) · 5 objects, plan 6 steps, hazards: data-loss');
    expect(left.slice(1, 13)).toEqual([
      ' Objects (5)',
      '›▾ audit (1)',
      '   ▾ table  +1',
      '     + log',
      ' ▾ public (4)',
      '   ▾ enum  -1',
      '     - mood',
      '   ▾ table  ~1 →1',
      '     → members',
      '     ~ users',
      '   ▾ view  ~1',
      '     ~ active',
    ]);
    expect(v.screen().split('\n')).toHaveLength(24);
    expect(v.screen().split('\n')[23]).toMatch(/^5 of 5 objects +\? help {2}q quit$/);
  });

  it('moves with arrows and j/k; Enter opens an object: fields before and after, forward DDL with hazards', async () => {
    const v = open();
    await v.press('j', 'j', KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, 'k', KEY.up, KEY.down, KEY.down);
    expect(detailTitle(v.screen())).toBe('Change: public.users');
    expect(inverse(v.raw())).toEqual(['Objects (5)', '›    ~ users']);
    await v.press(KEY.enter);
    // the right pane has the focus now: its title in inverse, the selection underlined
    expect(inverse(v.raw())).toEqual([]);
    const right = rightPane(v.screen());
    expect(right.slice(2, 14)).toEqual([
      '~ table public.users',
      'hazards: data-loss',
      '',
      'Change',
      '- column age integer',
      // longer than the pane: wrapped between words, the rest indented
      '~ column email: character varying(100) → text, NOT NULL →',
      'NULL',
      '+ column nickname text',
      '',
      'Forward DDL (2 steps)',
      '1. drop column public.users.age [data-loss]',
      'ALTER TABLE public.users DROP COLUMN age',
    ]);
    expect(v.screen()).toMatch(/│ {5}NULL/);
  });

  it('shows a view definition as a line diff', async () => {
    const v = open();
    await v.press('G');
    expect(detailTitle(v.screen())).toBe('Change: public.active');
    expect(rightPane(v.screen()).slice(2, 11)).toEqual([
      '~ view public.active',
      '',
      'Change',
      '@@ -1,3 +1,3 @@',
      '- SELECT id',
      '+ SELECT id, email',
      'FROM users',
      'WHERE true;',
      '',
    ]);
  });

  it('colours like a git diff when colour is on, and the changed words stand out', async () => {
    const v = open(smallResult(), SIZE, true);
    await v.press('G');
    const lines = v.raw().split('\n');
    const removed = lines.find((l) => l.includes('- SELECT id'))!;
    const added = lines.find((l) => l.includes('SELECT id') && l.includes('email'))!;
    expect(removed).toContain('\u001b[31m'); // red
    expect(added).toContain('\u001b[32m'); // green
    expect(added).toMatch(/\u001b\[7m[^\u001b]*,/); // inverse: the words that changed
    // without colour (NO_COLOR): no colour codes at all in the right pane
    cleanup();
    const plain = open(smallResult(), SIZE, false);
    await plain.press('G');
    expect(plain.raw()).toContain('- SELECT id');
    expect(plain.raw()).not.toMatch(/\u001b\[3[0-7]m/);
  });

  it('r shows the rollback DDL of the object, and a rename rolls back under its old id', async () => {
    const v = open();
    await v.press('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j'); // public.users
    await v.press('r');
    let right = rightPane(v.screen());
    expect(right[1]).toBe('Rollback: public.users');
    expect(right.slice(2, 9)).toEqual([
      '~ table public.users',
      'hazards: data-loss',
      '',
      'Rollback DDL (1 step)',
      '3. add column public.users.age',
      'ALTER TABLE public.users ADD COLUMN age integer',
      '',
    ]);
    expect(right.join(' ')).toContain('the rollback cannot restore the data the forward steps destroy');
    await v.press('k');
    right = rightPane(v.screen());
    expect(right[1]).toBe('Rollback: public.members');
    expect(right.slice(2, 8)).toEqual(['→ table public.members (renamed from public.people)', '', 'Rollback DDL (1 step)', '1. rename table public.members to people', 'ALTER TABLE public.members RENAME TO people', '']);
    await v.press('r');
    expect(detailTitle(v.screen())).toBe('Change: public.members');
  });

  it('s shows the whole plan as the SQL script; s again goes back', async () => {
    const v = open();
    await v.press('s');
    const right = rightPane(v.screen());
    expect(right[1]).toBe('Whole plan (SQL)');
    expect(right[2]).toBe('-- redb plan: main~1 (1111111111) → main (2222222222)');
    expect(right).toContain('-- 6 steps; hazards: data-loss');
    expect(right).toContain('ALTER TABLE public.users DROP COLUMN age;');
    // longer than the pane: the arrows scroll it and the status line says where
    expect(v.screen().split('\n')[23]).toMatch(/lines 1–21 of \d+/);
    await v.press('j', 'j');
    expect(v.screen().split('\n')[23]).toMatch(/lines 3–23 of \d+/);
    await v.press('s');
    expect(detailTitle(v.screen())).toBe('Schema audit');
  });

  it('/ filters by name; Esc clears the filter', async () => {
    const v = open();
    await v.press('/', 'm', 'o');
    expect(v.screen().split('\n')[23]).toContain('/ filter: mo');
    expect(leftPane(v.screen()).slice(1, 5)).toEqual([' Objects (1)', '›▾ public (1)', '   ▾ enum  -1', '     - mood']);
    await v.press(KEY.enter);
    expect(v.screen().split('\n')[23]).toMatch(/^filter "mo": 1 of 5 objects/);
    await v.press(KEY.esc);
    expect(leftPane(v.screen())[1]).toBe(' Objects (5)');
  });

  it('h shows only the objects whose steps carry a hazard', async () => {
    const v = open();
    await v.press('h');
    const left = leftPane(v.screen());
    expect(left.filter((l) => /^ {5}\S/.test(l))).toEqual(['     - mood', '     ~ users']);
    expect(v.screen().split('\n')[23]).toMatch(/^hazards only: 2 of 5 objects/);
  });

  it('? shows the keys; any key closes the help', async () => {
    const v = open();
    await v.press('?');
    const screen = v.screen();
    expect(screen).toContain('Keys');
    for (const k of ['Enter', 'Tab', '/', 'h', 'r', 's', 'q']) expect(screen).toMatch(new RegExp(`^${k.replace('/', '\\/')} +\\S`, 'm'));
    await v.press('x');
    expect(v.screen()).not.toContain('any key closes this help');
    expect(leftPane(v.screen())[1]).toBe(' Objects (5)');
  });

  it('q quits: the app unmounts and keys do nothing more', async () => {
    const v = open();
    await v.press('q');
    await new Promise((r) => setTimeout(r, 200));
    const frames = v.frames.length;
    const last = v.screen();
    await v.press('j', 'j', '?');
    expect(v.frames.length).toBe(frames);
    expect(v.screen()).toBe(last);
  });

  it('at 80×24 every line fits the width', async () => {
    const v = open(smallResult(), { columns: 80, rows: 24 });
    await v.press('G', KEY.enter);
    const lines = v.screen().split('\n');
    expect(lines).toHaveLength(24);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(rightPane(v.screen())).toContain('- SELECT id');
  });

  it('follows a resize (a new size re-lays the panes)', async () => {
    const model = viewerModel(smallResult());
    const v = render(h(Viewer, { model, framing, color: false, size: { columns: 80, rows: 24 } }));
    await tick();
    expect(stripVTControlCharacters(v.lastFrame() ?? '').split('\n')[2].indexOf('│')).toBe(30);
    v.rerender(h(Viewer, { model, framing, color: false, size: { columns: 120, rows: 40 } }));
    await tick();
    const lines = stripVTControlCharacters(v.lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(40);
    // the left pane is wider too: 38% of 120 columns
    expect(lines[2].indexOf('│')).toBe(45);
  });

  it('on 5,000 objects renders only the rows on screen, and moves through them', async () => {
    const v = open(largeResult(5000));
    await tick();
    let left = leftPane(v.screen());
    expect(left[1]).toBe(' Objects (5000)');
    expect(left.filter((l) => /^ {5}\+ t\d{5}$/.test(l))).toHaveLength(19); // 21 rows: schema, kind, 19 tables
    expect(v.screen()).not.toContain('t00019');
    await v.press('G');
    left = leftPane(v.screen());
    expect(left[22]).toBe('›    + t04999');
    expect(left[2]).toBe('     + t04979');
    expect(v.screen()).not.toContain('t04978');
    expect(detailTitle(v.screen())).toBe('Change: public.t04999');
    await v.press(KEY.pageDown, 'g', 'h');
    expect(v.screen().split('\n')[23]).toMatch(/^hazards only: 0 of 5000 objects/);
    expect(rightPane(v.screen()).slice(2, 4).join(' ')).toBe('nothing matches: / changes the filter, h switches hazards only');
  });
});
