/**
 * The one-run report of `npm run bench`: Markdown tables for start-up, commit and
 * status per shape and size, growth between sizes, the embedded figures, and the
 * same as JSON (`--out`).
 */
import { writeFileSync } from 'node:fs';
import { fmt, markdownTable } from './cli.js';
import type { CommitResult, RedbFigures } from './commit.js';
import { embeddedTable, type EmbeddedRow } from './embedded.js';
import type { MysqlCommitResult } from './mysql-commit.js';
import type { StartupRow } from './startup.js';

/** The goals of issue 12, printed next to the figures. */
export const GOALS = { startupSeconds: 0.3, commitRatio: 0.6, statusRatio: 0.6, peakMB5000: 250 } as const;

export interface Report {
  date: string;
  machine: Record<string, unknown>;
  options: Record<string, unknown>;
  startup?: StartupRow[];
  commit?: CommitResult[];
  embedded?: EmbeddedRow[];
  mysql?: MysqlCommitResult[];
}

export function startupTable(rows: readonly StartupRow[]): string {
  return markdownTable(
    ['command', 'redb s', 'redb MB', 'reference', 'reference s', 'ratio', `≤ ${GOALS.startupSeconds} s`],
    rows.map((r) => [
      `\`${r.command}\``,
      fmt(r.redb.medianSeconds, 3),
      fmt(r.redb.medianPeakMB, 0),
      `\`${r.reference.command}\``,
      fmt(r.reference.summary.medianSeconds, 3),
      `${fmt(r.ratio, 0)}×`,
      r.redb.medianSeconds <= GOALS.startupSeconds ? 'yes' : 'no',
    ]),
  );
}

export function commitTable(results: readonly CommitResult[]): string {
  const withBaseline = results.some((r) => r.baseline);
  const cols = (f: RedbFigures | undefined) => [
    fmt(f?.commit.medianSeconds),
    fmt(f?.ratio.commit),
    fmt(f?.noop.medianSeconds),
    fmt(f?.status.medianSeconds),
    fmt(f?.ratio.status),
    fmt(f?.statusFull.medianSeconds),
    fmt(f?.ratio.statusFull),
    fmt(f?.commit.medianPeakMB, 0),
  ];
  const head = ['commit s', 'ratio', 'no-op s', 'status s', 'ratio', 'status --no-cache s', 'ratio', 'commit MB'];
  return markdownTable(
    ['shape', 'tables', 'objects', 'files', 'pg_dump s', 'pg_dump MB', ...head, ...(withBaseline ? head.map((h) => `baseline ${h}`) : []), 'load'],
    results.map((r) => [
      r.shape,
      String(r.tables),
      String(r.objects.total),
      r.files === null ? '—' : String(r.files),
      fmt(r.pgDump.medianSeconds),
      fmt(r.pgDump.medianPeakMB, 0),
      ...cols(r.redb),
      ...(withBaseline ? cols(r.baseline) : []),
      `${fmt(r.loadAvg[0], 1)}–${fmt(r.loadAvg[1], 1)}`,
    ]),
  );
}

/**
 * Growth from each size to the next larger one of the same shape: how the
 * ratio to pg_dump and the peak memory move while the tables grow by a factor.
 * A ratio growth above 1 means redb grows faster than pg_dump.
 */
export function growthTable(results: readonly CommitResult[]): string | undefined {
  const rows: string[][] = [];
  const shapes = [...new Set(results.map((r) => r.shape))];
  for (const shape of shapes) {
    const sized = results.filter((r) => r.shape === shape && r.redb).sort((a, b) => a.tables - b.tables);
    for (let k = 1; k < sized.length; k++) {
      const [a, b] = [sized[k - 1], sized[k]];
      const peak = (r: CommitResult) => r.redb!.commit.medianPeakMB;
      rows.push([
        shape,
        `${a.tables} → ${b.tables}`,
        `${fmt(b.tables / a.tables, 1)}×`,
        `${fmt(b.pgDump.medianSeconds / a.pgDump.medianSeconds)}×`,
        `${fmt(b.redb!.commit.medianSeconds / a.redb!.commit.medianSeconds)}×`,
        fmt(b.redb!.ratio.commit / a.redb!.ratio.commit),
        fmt(b.redb!.ratio.status / a.redb!.ratio.status),
        peak(a) && peak(b) ? `${fmt(peak(b)! / peak(a)!)}×` : '—',
      ]);
    }
  }
  if (!rows.length) return undefined;
  return markdownTable(['shape', 'tables', 'tables ×', 'pg_dump s ×', 'commit s ×', 'commit ratio growth', 'status ratio growth', 'commit MB ×'], rows);
}

/** The goals, checked where the run measured what they need. */
export function goalLines(results: readonly CommitResult[]): string[] {
  return results
    .filter((r) => r.redb && r.tables === 5000)
    .map((r) => {
      const f = r.redb!;
      const ok = (x: boolean) => (x ? 'met' : 'not met');
      return (
        `- ${r.shape} at 5,000 tables: commit ratio ${fmt(f.ratio.commit)} (≤ ${GOALS.commitRatio}: ${ok(f.ratio.commit <= GOALS.commitRatio)}), ` +
        `status ratio ${fmt(f.ratio.status)} (${ok(f.ratio.status <= GOALS.statusRatio)}), ` +
        `commit peak ${fmt(f.commit.medianPeakMB, 0)} MB (≤ ${GOALS.peakMB5000}: ${ok((f.commit.medianPeakMB ?? Infinity) <= GOALS.peakMB5000)})`
      );
    });
}

/** The goal of issue 8: redb commit ÷ mysqldump --no-data at 5,000 tables. */
export const MYSQL_GOAL_RATIO = 1.0;

export function mysqlTable(results: readonly MysqlCommitResult[]): string {
  return markdownTable(
    ['tables', 'objects', 'files', 'mysqldump s', 'mysqldump MB', 'commit s', 'ratio', 'no-op s', 'ratio', 'commit MB', `≤ ${MYSQL_GOAL_RATIO} at 5,000`, 'load'],
    results.map((r) => [
      String(r.tables),
      String(r.objects.total),
      r.files === null ? '—' : String(r.files),
      fmt(r.dump.medianSeconds),
      fmt(r.dump.medianPeakMB, 0),
      fmt(r.commit.medianSeconds),
      fmt(r.ratio.commit),
      fmt(r.noop.medianSeconds),
      fmt(r.ratio.noop),
      fmt(r.commit.medianPeakMB, 0),
      r.tables === 5000 ? (r.ratio.commit <= MYSQL_GOAL_RATIO ? 'met' : 'not met') : '—',
      `${fmt(r.loadAvg[0], 1)}–${fmt(r.loadAvg[1], 1)}`,
    ]),
  );
}

/** The whole report as Markdown. */
export function renderReport(report: Report, runs: number, peakRss: string): string {
  const out: string[] = [];
  if (report.startup) out.push('## Start-up', '', startupTable(report.startup), '', `median of the runs; each a fresh process; goal ≤ ${GOALS.startupSeconds} s`, '');
  if (report.commit) {
    out.push('## Commit and status', '', commitTable(report.commit), '');
    out.push(
      `median of ${runs} runs; ratio = redb ÷ \`pg_dump --schema-only\` of the same database (goal ≤ ${GOALS.commitRatio} at 5,000 tables); ` +
        `status on the unchanged database after the no-op commit (checked clean); peak RSS via ${peakRss}; load = 1-minute load average before–after (quiet: < 1.5)`,
      '',
    );
    const reused = report.commit.filter((r) => r.redb && !r.redb.statusReused).map((r) => `${r.shape} ${r.tables}`);
    if (reused.length) out.push(`status read the schema (no cached fingerprint) for: ${reused.join(', ')}`, '');
    const growth = growthTable(report.commit);
    if (growth) out.push('## Growth', '', growth, '', 'ratio growth = ratio at the larger size ÷ ratio at the smaller (goal: no worse at 10,000 than at 5,000, i.e. ≤ 1)', '');
    const goals = goalLines(report.commit);
    if (goals.length) out.push('## Goals', '', ...goals, '');
  }
  if (report.embedded) out.push('## Embedded (PGlite)', '', embeddedTable(report.embedded), '');
  if (report.mysql) {
    out.push('## MySQL/MariaDB commit', '', mysqlTable(report.mysql), '');
    out.push(`median of ${runs} runs; ratio = redb ÷ \`mysqldump --no-data\` of the same database (goal ≤ ${MYSQL_GOAL_RATIO} at 5,000 tables); peak RSS via ${peakRss}; load = 1-minute load average before–after`, '');
  }
  return out.join('\n');
}

export function writeReport(file: string, report: Report): void {
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
