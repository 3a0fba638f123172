/** Step progress: a line per step on a terminal's stderr; nothing when it is not a TTY or with --json. */
import { describe, expect, it } from 'vitest';
import { stepProgress } from '../../src/ui/deploy-progress.js';
import type { PlanStep } from '../../src/plan/types.js';

const step: PlanStep = { sql: 'ALTER TABLE public.t ADD COLUMN c int', comment: 'add column public.t.c', change: { type: 'add-column', kind: 'table', id: 'public.t' }, hazards: [], transactional: true };

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { isTTY, out, write: (s: string) => out.push(s) };
}

describe('stepProgress', () => {
  it('prints each step with its number on a TTY', () => {
    const s = stream(true);
    stepProgress(s, false)!(2, 5, step);
    expect(s.out.join('')).toMatch(/\[2\/5\].*add column public\.t\.c\n/);
  });

  it('is off when stderr is not a terminal, and with --json', () => {
    expect(stepProgress(stream(false), false)).toBeUndefined();
    expect(stepProgress(stream(true), true)).toBeUndefined();
  });
});
