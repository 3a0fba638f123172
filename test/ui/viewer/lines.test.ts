/** The detail pane's lines: wrapping to the pane, a view's change word by word. */
import { describe, expect, it } from 'vitest';
import { hunkLines, wordPair } from '../../../src/ui/viewer/change-lines.js';
import { line, plainText, wrapLines } from '../../../src/ui/viewer/lines.js';

describe('detail lines', () => {
  it('wraps between words, the rows after the first indented, none wider than the pane', () => {
    const rows = wrapLines([line('add', '+ column nickname text')], 12);
    expect(rows.map(plainText)).toEqual(['+ column ', '  nickname ', '  text']);
    expect(rows.every((r) => r.every((p) => p.tone === 'add' || p.text.trim() === ''))).toBe(true);
    const long = wrapLines([line('plain', `   ${'x'.repeat(50)}`)], 20).map(plainText);
    expect(long).toEqual([`   ${'x'.repeat(17)}`, `     ${'x'.repeat(15)}`, `     ${'x'.repeat(15)}`, `     ${'x'.repeat(3)}`]);
    expect(wrapLines([[], line('plain', 'short')], 20).map(plainText)).toEqual(['', 'short']);
  });

  it('keeps the styles of each piece across a cut', () => {
    const rows = wrapLines([[{ text: 'aaaa ', tone: 'remove' }, { text: 'bbbb', tone: 'remove', strong: true }]], 6);
    expect(rows).toEqual([[{ text: 'aaaa ', tone: 'remove' }], [{ text: '  ', tone: 'plain' }, { text: 'bbbb', tone: 'remove', strong: true }]]);
  });

  it('pairs a removed line with its replacement word by word, the changed words strong', () => {
    const [before, after] = wordPair('SELECT id FROM users', 'SELECT id, email FROM users')!;
    expect(plainText(before)).toBe('  - SELECT id FROM users');
    expect(plainText(after)).toBe('  + SELECT id, email FROM users');
    expect(after.filter((p) => p.strong).map((p) => p.text)).toEqual([',', 'email ']);
    expect(before.some((p) => p.strong)).toBe(false);
    // lines with little in common read as whole lines
    expect(wordPair('SELECT 1', 'CREATE something else entirely')).toBeUndefined();
  });

  it('word pairs only where n removed lines are followed by n added ones', () => {
    const lines = hunkLines([
      { op: ' ', text: 'a' },
      { op: '-', text: 'WHERE x = 1' },
      { op: '+', text: 'WHERE x = 2' },
      { op: '-', text: 'one' },
      { op: '-', text: 'two' },
      { op: '+', text: 'three' },
    ]);
    expect(lines.map(plainText)).toEqual(['    a', '  - WHERE x = 1', '  + WHERE x = 2', '  - one', '  - two', '  + three']);
    expect(lines[2].filter((p) => p.strong).map((p) => p.text)).toEqual(['2']);
    expect(lines.slice(3).every((l) => l.every((p) => !p.strong))).toBe(true);
  });
});
