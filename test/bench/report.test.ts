/**
 * The bench report (bench/report.ts): ratios to pg_dump, growth between sizes and
 * the goals, from made-up figures (the report is pure; the benches themselves are
 * never run as tests).
 */
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../bench/cli.js';
import type { CommitResult } from '../../bench/commit.js';
import type { DatabaseCounts } from '../../bench/pg.js';
import { goalLines, growthTable, renderReport } from '../../bench/report.js';

const s = (seconds: number, mb: number | null = null): Summary => ({ seconds: [seconds], peakMB: [mb], medianSeconds: seconds, medianPeakMB: mb });

function result(shape: string, tables: number, pgDump: number, commit: number, status: number, mb: number): CommitResult {
  return {
    shape,
    tables,
    objects: { total: tables * 9 } as DatabaseCounts,
    loadSeconds: null,
    files: tables,
    pgDump: s(pgDump, 20),
    redb: {
      commit: s(commit, mb),
      noop: s(commit * 0.8),
      status: s(status),
      statusFull: s(status * 2),
      statusReused: true,
      changes: tables,
      ratio: { commit: commit / pgDump, noop: (commit * 0.8) / pgDump, status: status / pgDump, statusFull: (status * 2) / pgDump },
    },
    loadAvg: [0.5, 0.7],
  };
}

describe('bench report', () => {
  const results = [result('wide', 5000, 2, 1, 0.5, 200), result('wide', 10000, 4, 3, 1, 500), result('varied', 5000, 2, 2, 0.4, 300)];

  it('gives the growth of the ratio from each size to the next of the same shape', () => {
    const table = growthTable(results)!;
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(1);
    // ratio 0.5 → 0.75: grows 1.5×; status ratio 0.25 → 0.25; memory 200 → 500 MB
    expect(rows[0]).toBe('| wide | 5000 → 10000 | 2.0× | 2.00× | 3.00× | 1.50 | 1.00 | 2.50× |');
  });

  it('has no growth table for a single size', () => {
    expect(growthTable([results[2]])).toBeUndefined();
  });

  it('checks the goals at 5,000 tables', () => {
    const [wide, varied] = goalLines(results);
    expect(wide).toMatch(/^- wide at 5,000 tables: commit ratio 0\.50 \(≤ 0\.6: met\), status ratio 0\.25 \(met\), commit peak 200 MB \(≤ 250: met\)$/);
    expect(varied).toMatch(/commit ratio 1\.00 \(≤ 0\.6: not met\).*commit peak 300 MB \(≤ 250: not met\)/);
  });

  it('puts the embedded figures against their goals', () => {
    const one = (s: number, mb: number) => ({ seconds: [s], peakMB: [mb], medianSeconds: s, medianPeakMB: mb });
    const embedded = [
      { command: 'database connect (new database)', goalSeconds: 3, redb: one(1.6, 310) },
      { command: 'status', goalSeconds: 1.5, redb: one(0.75, 158) },
    ];
    const md = renderReport({ date: '', machine: {}, options: {}, commit: results, embedded }, 3, 'GNU time');
    expect(md).toContain('## Commit and status');
    expect(md).toContain('| wide | 10000 | 90000 | 10000 | 4.00 | 20 | 3.00 | 0.75 |');
    expect(md).toContain('## Growth');
    expect(md).toMatch(/## Embedded \(PGlite\)\n\n\| command \| redb s \| peak MB \| goal \|/);
    expect(md).toContain('| status | 0.75 | 158 | ≤ 1.5 s, ≤ 300 MB |');
  });
});
