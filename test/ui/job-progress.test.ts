/**
 * The progress of `redb job run|resume` as text and JSON lines, for given events: pure
 * renderers, and the reporter with a fake clock (no timing asserts on a real one).
 */
import { describe, expect, it } from 'vitest';
import type { JobInfo } from '../../src/core/jobs.js';
import { formatCount, jobProgress, renderBlock, renderEventLine, renderReplicationLine, renderTableBar } from '../../src/ui/job-progress.js';
import { renderJobList, renderJobStatus, renderOutcome, statusWord } from '../../src/ui/job-text.js';
import type { JobProgressEvent } from '../../src/jobs/types.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, columns: 200, chunks, write: (t: string) => chunks.push(t), text: () => chunks.join('') };
}

describe('job progress renderers', () => {
  it('a table bar shows rows, total, percent and rows/s', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(renderTableBar({ table: 'public.users', rows: 420, total: 1000, rowsPerSecond: 350.4 })).toBe('public.users  [##########--------------]  42%  420 / 1,000 rows  350 rows/s');
    expect(renderTableBar({ table: 'public.users', rows: 1000, total: 1000 })).toBe(`public.users  [${'#'.repeat(24)}] 100%  1,000 / 1,000 rows`);
    // an empty table is complete, a table without a known total shows its count
    expect(renderTableBar({ table: 't', rows: 0, total: 0 })).toContain('100%  0 / 0 rows');
    expect(renderTableBar({ table: 't', rows: 5 })).toBe('t  5 rows');
    expect(renderTableBar({ table: 't', rows: 5 }, 4)).toBe('t     5 rows');
  });

  it('a replication line shows lag, throughput and change counts', () => {
    expect(renderReplicationLine({ lagMs: 120, lagBytes: 4096, changesPerSecond: 350, changes: { insert: 10, update: 2, delete: 1 } })).toBe('replication  lag 120 ms, 4,096 bytes  350 changes/s  (+10 ~2 -1)');
    expect(renderReplicationLine({})).toBe('replication  waiting for changes');
    expect(renderReplicationLine({ lagMs: 5, appliedLsn: '0/16B3748' })).toBe('replication  lag 5 ms  at 0/16B3748');
  });

  it('an event line prefers its message, then its table, then its stream', () => {
    expect(renderEventLine({ job: 'copy', phase: 'schema', message: 'created 4 tables' })).toBe('copy schema: created 4 tables');
    expect(renderEventLine({ job: 'copy', phase: 'copy', table: 'public.users', rows: 10, total: 20 })).toContain('copy copy: public.users  [############------------]  50%  10 / 20 rows');
    expect(renderEventLine({ job: 'rep', phase: 'streaming', replication: { lagMs: 3 } })).toBe('rep streaming: replication  lag 3 ms');
    expect(renderEventLine({ job: 'rep', phase: 'streaming' })).toBe('rep streaming');
  });

  it('a terminal block aligns the tables under the phase', () => {
    expect(renderBlock('copy', [{ table: 'a', rows: 1, total: 2 }, { table: 'public.bb', rows: 2, total: 2 }], { lagMs: 1 }, 'copying')).toEqual([
      'copy: copying',
      '  a          [############------------]  50%  1 / 2 rows',
      `  public.bb  [${'#'.repeat(24)}] 100%  2 / 2 rows`,
      '  replication  lag 1 ms',
    ]);
  });
});

describe('job progress reporter', () => {
  const events: JobProgressEvent[] = [
    { job: 'copy', phase: 'schema', message: 'created 2 tables' },
    { job: 'copy', phase: 'copy', table: 'a', rows: 100, total: 300, rowsPerSecond: 50 },
    { job: 'copy', phase: 'copy', table: 'a', rows: 200, total: 300, rowsPerSecond: 50 },
    { job: 'copy', phase: 'copy', table: 'a', rows: 300, total: 300, rowsPerSecond: 50 },
  ];

  it('--json: one JSON line per event on stdout, nothing on stderr', () => {
    const out = sink(false);
    const err = sink(true);
    const p = jobProgress({ json: true, stdout: out, stderr: err });
    for (const e of events) p.onProgress(e);
    p.finish();
    expect(out.text().trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(events);
    expect(err.text()).toBe('');
  });

  it('not a terminal: messages and a table\'s last line always, its other lines at most once an interval', () => {
    const out = sink(false);
    const err = sink(false);
    let t = 0;
    const p = jobProgress({ json: false, stdout: out, stderr: err, plainInterval: 1000, now: () => t });
    p.onProgress(events[0]);
    p.onProgress(events[1]);
    t = 500;
    p.onProgress(events[2]); // too soon: skipped
    t = 600;
    p.onProgress(events[3]); // done: shown
    expect(out.text()).toBe('');
    expect(err.text().trimEnd().split('\n')).toEqual([
      'copy schema: created 2 tables',
      'copy copy: a  [########----------------]  33%  100 / 300 rows  50 rows/s',
      `copy copy: a  [${'#'.repeat(24)}] 100%  300 / 300 rows  50 rows/s`,
    ]);
  });

  it('a terminal: the block is redrawn in place, at most once an interval, and drawn last on finish', () => {
    const out = sink(false);
    const err = sink(true);
    let t = 0;
    const p = jobProgress({ json: false, stdout: out, stderr: err, terminalInterval: 100, now: () => t });
    p.onProgress(events[0]); // new phase: drawn (1 line)
    p.onProgress(events[1]); // new phase: drawn (2 lines), cursor back 1 line first
    t = 50;
    p.onProgress(events[2]); // too soon
    p.finish(); // drawn with the latest rows
    expect(err.chunks).toHaveLength(3);
    expect(err.chunks[0]).toBe('\x1b[2Kschema: created 2 tables\n');
    expect(err.chunks[1].startsWith('\x1b[1F\x1b[2Kcopy: created 2 tables\n\x1b[2K  a  [########')).toBe(true);
    expect(err.chunks[2].startsWith('\x1b[2F')).toBe(true);
    expect(err.chunks[2]).toContain('200 / 300 rows  50 rows/s');
    expect(out.text()).toBe('');
  });
});

describe('job status text', () => {
  const base = { name: 'copy', type: 'migration' as const, source: 'src', target: 'dst' };

  it('a job that never ran says how to start it', () => {
    expect(statusWord(base)).toBe('never ran');
    expect(renderJobStatus(base)).toBe('job copy  migration  src -> dst\nstatus   never ran: start it with redb job run copy');
  });

  it('a running state whose runner is gone is interrupted, with the way out', () => {
    const info: JobInfo = { ...base, alive: false, state: { status: 'running', phase: 'copy', runner: 'h:1', updatedAt: '2026-01-01T00:00:00.000Z', tables: { 'public.a': { rows: 5, total: 10 } } } };
    expect(statusWord(info)).toBe('interrupted');
    const text = renderJobStatus(info);
    expect(text).toContain('status   interrupted (runner gone): resume with redb job resume copy');
    expect(text).toContain('runner   h:1 (gone)');
    expect(text).toContain('  public.a  5 / 10 rows');
    expect(renderJobList([info])).toBe('copy  migration    src -> dst  interrupted  (copy, 5 / 10 rows in 1 table)');
  });

  it('tables with verification, replication lag and the last error', () => {
    const info: JobInfo = {
      ...base,
      type: 'replication',
      alive: false,
      state: {
        status: 'failed',
        updatedAt: 'x',
        tables: { 'public.a': { rows: 10, total: 10, done: true, verified: { rows: true, checksum: false } } },
        replication: { lagMs: 40, lagBytes: 1024, changesPerSecond: 12 },
        error: { code: 'E_TRANSFORM_FAILED', message: 'users.email: email cannot take the value' },
      },
    };
    const text = renderJobStatus(info);
    expect(text).toContain('public.a  10 / 10 rows  done  verified: rows ok, checksum MISMATCH');
    expect(text).toContain('replication  lag 40 ms, 1,024 bytes  12 changes/s');
    expect(text).toContain('error    E_TRANSFORM_FAILED: users.email: email cannot take the value');
    expect(renderJobList([{ ...base, error: 'cannot connect to dst' }])).toBe('copy  migration    src -> dst  unreadable: cannot connect to dst');
  });

  it('an outcome names what comes next', () => {
    const state = { status: 'paused' as const, updatedAt: 'x', tables: { a: { rows: 3, total: 9 }, b: { rows: 1, total: 1 } } };
    expect(renderOutcome({ job: 'copy', type: 'migration', status: 'paused', state })).toBe('job copy paused: 4 / 10 rows in 2 tables\nresume it with: redb job resume copy');
    expect(renderOutcome({ job: 'copy', type: 'migration', status: 'done', state: { status: 'done', updatedAt: 'x' } })).toBe('job copy done');
  });
});
