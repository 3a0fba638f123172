/** The jobs benchmark's report: Markdown tables on stdout, everything as JSON with --out. */
import { writeFileSync } from 'node:fs';
import { fmt, markdownTable } from '../cli.js';
import type { CdcResult } from './cdc.js';
import type { MigrationResult, Side } from './migrate.js';

export interface JobsReport {
  date: string;
  machine: Record<string, unknown>;
  options: Record<string, unknown>;
  migrations: MigrationResult[];
  cdc?: CdcResult;
  profiles?: Record<string, string>;
}

const met = (m: boolean | null | undefined) => (m === undefined ? '—' : m === null ? '?' : m ? 'met' : '**not met**');
const rate = (x: number) => Math.round(x).toLocaleString('en-US');

/** A table cell: a `|` in it would end the cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|');
const peak = (xs: readonly (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? Math.max(...known) : null;
};

export function migrationTable(results: readonly MigrationResult[]): string {
  return markdownTable(
    ['run', 'rows', 'redb s', 'redb rows/s', 'redb MB', 'reference', 'ref s', 'ref rows/s', 'ratio', 'goal', ''],
    results.map((r) => [
      r.name,
      rate(r.rows),
      fmt(r.redb.medianSeconds),
      rate(r.redb.rowsPerSecond),
      fmt(peak(r.redb.peakMB), 0),
      cell(r.reference.tool),
      fmt(r.reference.medianSeconds),
      rate(r.reference.rowsPerSecond),
      fmt(r.ratio),
      cell(r.goal ?? '(cost of the transform)'),
      r.redb.error || r.reference.error ? `**failed**: ${cell(r.redb.error ? r.redb.tool : r.reference.tool)}` : met(r.met),
    ]),
  );
}

/**
 * How a redb run's time splits (JobMeasurement.phases), from the run closest to the median:
 * spawn to its first event, then each phase's work, then the last event to exit.
 */
export function phaseLine(side: Side): string | undefined {
  if (!side.phases?.length) return undefined;
  const run = [...side.phases].sort((a, b) => Math.abs(a.exit - side.medianSeconds) - Math.abs(b.exit - side.medianSeconds))[0];
  const named = Object.entries(run).filter(([k]) => !['first', 'tail', 'exit'].includes(k));
  const parts = [`to the first event ${fmt(run.first)} s`, ...named.map(([k, v]) => `${k} ${fmt(v)} s`), `to exit ${fmt(run.tail)} s`];
  return `${parts.join(', ')} (of ${fmt(run.exit)} s)`;
}

export function cdcTable(c: CdcResult): string {
  return markdownTable(
    ['changes/s (asked)', 'achieved', 'changes', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'unseen tx', 'drain s', 'peak RSS MB', 'p99 < 500 ms', 'RSS < 256 MB'],
    [[rate(c.targetRate), rate(c.achievedRate), rate(c.changes), fmt(c.lagMs.p50, 0), fmt(c.lagMs.p90, 0), fmt(c.lagMs.p99, 0), fmt(c.lagMs.max, 0), String(c.unseen), fmt(c.drainSeconds, 1), fmt(c.peakRssMB, 0), met(c.goals.p99Met), met(c.goals.rssMet)]],
  );
}

export function renderJobsReport(r: JobsReport): string {
  const parts = [`# redb jobs benchmark, ${r.date}`, '', `load average ${JSON.stringify(r.machine.loadBefore)} before, ${JSON.stringify(r.machine.loadAfter)} after`];
  if (r.migrations.length) {
    parts.push('', '## Migrations (median of the runs)', '', migrationTable(r.migrations), '', 'Where redb\'s time goes (phases as its progress events begin them):', '');
    for (const m of r.migrations) {
      for (const s of [m.redb, m.reference]) {
        const line = phaseLine(s);
        if (line) parts.push(`- ${m.name}, ${cell(s.tool)}: ${line}`);
      }
    }
  }
  if (r.cdc) parts.push('', `## CDC: PostgreSQL → PostgreSQL, ${rate(r.cdc.targetRate)} changed rows/s for ${fmt(r.cdc.seconds, 0)} s (snapshot of ${rate(r.cdc.initialRows)} rows took ${fmt(r.cdc.snapshotSeconds, 1)} s)`, '', cdcTable(r.cdc));
  for (const m of r.migrations) {
    for (const s of [m.redb, m.reference]) if (s.error) parts.push('', `${m.name}, ${s.tool} failed: ${s.error.split('\n').slice(0, 6).join(' / ')}`);
  }
  for (const [name, text] of Object.entries(r.profiles ?? {})) parts.push('', `## Profile: ${name}`, '', '```', text, '```');
  return parts.join('\n');
}

export function writeJobsReport(file: string, r: JobsReport): void {
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
}
