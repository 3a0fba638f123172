import { describe, expect, it } from 'vitest';
import { lineDiff, unifiedHunks, wordDiff } from '../../src/ui/line-diff.js';

describe('line diff', () => {
  it('keeps common lines and marks the rest, removals before additions', () => {
    const d = lineDiff(['a', 'b', 'c', 'd'], ['a', 'x', 'y', 'd', 'e']);
    expect(d.map((l) => `${l.op}${l.text}`)).toEqual([' a', '-b', '-c', '+x', '+y', ' d', '+e']);
  });

  it('aligns on the longest common subsequence', () => {
    const d = lineDiff(['1', '2', '3', '4', '5'], ['0', '1', '3', '5', '6']);
    expect(d.filter((l) => l.op === ' ').map((l) => l.text)).toEqual(['1', '3', '5']);
    expect(d.filter((l) => l.op === '-').map((l) => l.text)).toEqual(['2', '4']);
    expect(d.filter((l) => l.op === '+').map((l) => l.text)).toEqual(['0', '6']);
  });

  it('makes unified hunks with three lines of context and git-style ranges', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', '');
    const hunks = unifiedHunks(before, after);
    expect(hunks.map((h) => h.header)).toEqual(['@@ -1,5 +1,5 @@', '@@ -15,6 +15,5 @@']);
    expect(hunks[0].lines.map((l) => `${l.op}${l.text}`)).toEqual([' line 1', '-line 2', '+line two', ' line 3', ' line 4', ' line 5']);
    expect(unifiedHunks('same\n', 'same\n')).toEqual([]);
    expect(unifiedHunks('', 'new\n')[0].header).toBe('@@ -0,0 +1 @@');
  });

  it('shows texts past the edit limit as removed then added, not aligned', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const d = lineDiff(['same', ...a], ['same', ...b]);
    expect(d.length).toBe(6001);
    expect(d[0]).toEqual({ op: ' ', text: 'same' });
    expect(d.slice(1, 3001).every((l) => l.op === '-')).toBe(true);
    expect(d.slice(3001).every((l) => l.op === '+')).toBe(true);
  });

  it('diffs one line word by word, whitespace kept', () => {
    const d = wordDiff('SELECT id FROM users', 'SELECT id, email FROM users');
    expect(d.map((p) => `${p.op}${p.text}`)).toEqual([' SELECT id', '+,', '  ', '+email ', ' FROM users']);
    expect(d.filter((p) => p.op !== '+').map((p) => p.text).join('')).toBe('SELECT id FROM users');
    expect(d.filter((p) => p.op !== '-').map((p) => p.text).join('')).toBe('SELECT id, email FROM users');
  });
});
