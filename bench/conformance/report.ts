/**
 * Results of the conformance run: per-case records, the summary lines, failure
 * categories (the same failure with the names taken out) and the JSON report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dumpMisses, dumpSummary, type DumpSummary } from './dump-report.js';

/** Where a case stopped; `done` when it ran to the end. */
export type Phase = 'load' | 'introspect' | 'plan' | 'apply' | 'verify' | 'idempotency' | 'rollback-apply' | 'rollback-verify' | 'done';

export interface PlanStepText {
  readonly sql: string;
  readonly comment: string;
  readonly transactional: boolean;
  readonly hazards: readonly string[];
}

export interface PlanText {
  readonly preamble: readonly string[];
  readonly steps: readonly PlanStepText[];
  readonly rollback: readonly PlanStepText[];
}

/**
 * The referee's verdicts (pg_dump on PostgreSQL): `pass` when W's normalized dump
 * equals the expected one (D's after the forward plan, W's own as loaded after the
 * rollback), `fail` when it differs, null when it was not judged because that plan did
 * not apply completely (or was never run). The diffs are short excerpts.
 */
export interface DumpOutcome {
  readonly forward: 'pass' | 'fail' | null;
  readonly rollback: 'pass' | 'fail' | null;
  readonly forwardDiff?: readonly string[];
  readonly rollbackDiff?: readonly string[];
}

export interface CaseResult {
  readonly id: string;
  readonly source: string;
  /** Forward result: the plan applied and W equals D (and re-planning is empty). */
  readonly status: 'pass' | 'fail' | 'skip';
  /** Rollback result; null for a skipped case; `fail` whenever forward failed. */
  readonly rollback: 'pass' | 'fail' | null;
  /** The phase that failed (or `load` for a skip). */
  readonly phase?: Phase;
  readonly reason?: string;
  /** Kinds of differences without names (verify phases), for grouping. */
  readonly tokens?: readonly string[];
  /** e.g. `column-order: forward` when W equals D only up to column order. */
  readonly warnings: readonly string[];
  /** Milliseconds per phase. */
  readonly timings: Readonly<Record<string, number>>;
  /** Only in a run with a referee (PostgreSQL); a case without it there (skipped, timed out) was not judged. */
  readonly dump?: DumpOutcome;
  readonly plan?: PlanText;
}

export interface Summary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly rollbackPassed: number;
  readonly rollbackFailed: number;
  readonly columnOrderWarnings: number;
  /** Percentages of the cases that loaded. */
  readonly forwardPct: number;
  readonly rollbackPct: number;
  readonly seconds: number;
  /** The referee's and the combined rates, in a run that had one (pg_dump). */
  readonly dump?: DumpSummary;
}

export function summarize(results: readonly CaseResult[], seconds: number, refereed = false): Summary {
  const count = (f: (r: CaseResult) => boolean) => results.filter(f).length;
  const passed = count((r) => r.status === 'pass');
  const failed = count((r) => r.status === 'fail');
  const rollbackPassed = count((r) => r.rollback === 'pass');
  const rollbackFailed = count((r) => r.rollback === 'fail');
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);
  return {
    total: results.length,
    passed,
    failed,
    skipped: count((r) => r.status === 'skip'),
    rollbackPassed,
    rollbackFailed,
    columnOrderWarnings: count((r) => r.warnings.some((w) => w.startsWith('column-order'))),
    forwardPct: pct(passed, passed + failed),
    rollbackPct: pct(rollbackPassed, rollbackPassed + rollbackFailed),
    seconds: Math.round(seconds * 10) / 10,
    ...(refereed ? { dump: dumpSummary(results) } : {}),
  };
}

/** The line printed for a case that failed forward or rollback; undefined when it did not fail. */
export function failLine(r: CaseResult): string | undefined {
  if (r.status === 'skip' || (r.status === 'pass' && r.rollback === 'pass')) return undefined;
  return `FAIL ${r.id}: ${r.phase}: ${r.reason}`;
}

/** The two closing lines (exactly this form: CI reads them). */
export function summaryLines(s: Summary): string[] {
  return [`conformance: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`, `rollback: ${s.rollbackPassed} passed, ${s.rollbackFailed} failed`];
}

/** A reason with names, literals and numbers taken out, so one bug is one category. */
export function genericReason(reason: string): string {
  return reason
    .replace(/ -- SQL: .*$/s, '')
    .replace(/^step \d+\/\d+ \((.*?)\): /, '')
    .replace(/"(?:[^"]|"")*"/g, '"…"')
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 140);
}

/** The category of a failed case: its phase and what went wrong, without names. */
export function categoryOf(r: CaseResult): string | undefined {
  if (!failLine(r)) return undefined;
  const tokens = r.tokens ?? [];
  if ((r.phase === 'verify' || r.phase === 'rollback-verify' || r.phase === 'idempotency') && tokens.length) {
    return `${r.phase}: ${tokens.slice(0, 3).join(' + ')}${tokens.length > 3 ? ' + …' : ''}`;
  }
  return `${r.phase}: ${genericReason(r.reason ?? '')}`;
}

export interface Category {
  readonly category: string;
  readonly count: number;
  readonly examples: readonly { readonly id: string; readonly reason: string }[];
}

/** Failure categories, most frequent first, with up to `examples` cases each. */
export function categorize(results: readonly CaseResult[], examples = 3): Category[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const cat = categoryOf(r);
    if (cat) groups.set(cat, [...(groups.get(cat) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([category, rs]) => ({ category, count: rs.length, examples: rs.slice(0, examples).map((r) => ({ id: r.id, reason: r.reason ?? '' })) }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
}

/** How often each kind of difference appears among verify failures (a case counts once per kind). */
export function differenceKinds(results: readonly CaseResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    if (!failLine(r)) continue;
    for (const t of new Set(r.tokens ?? [])) out[t] = (out[t] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/** Per-source pass counts. */
export function bySource(results: readonly CaseResult[]): Record<string, { passed: number; failed: number; skipped: number; rollbackPassed: number }> {
  const out: Record<string, { passed: number; failed: number; skipped: number; rollbackPassed: number }> = {};
  for (const r of results) {
    const s = (out[r.source] ??= { passed: 0, failed: 0, skipped: 0, rollbackPassed: 0 });
    if (r.status === 'pass') s.passed++;
    else if (r.status === 'fail') s.failed++;
    else s.skipped++;
    if (r.rollback === 'pass') s.rollbackPassed++;
  }
  return out;
}

export interface ReportMeta {
  readonly pairs: string;
  readonly server: string;
  readonly serverVersion: string;
  readonly jobs: number;
  readonly timeoutSeconds: number;
  readonly startedAt: string;
  /** Cases whose load result here differs from the corpus status file. */
  readonly loadMismatches: readonly string[];
  /** Whether databases were recycled, and how many were made, reused and found not pristine. */
  readonly databases: { readonly recycled: boolean; readonly created: number; readonly reused: number; readonly notPristine: number };
  /** The pg_dump binary that judged the cases (PostgreSQL). */
  readonly pgDump?: string;
}

/** Writes the JSON report: meta, summary, categories, per-source counts, the dumps that differed and every case. */
export function writeReport(file: string, meta: ReportMeta, summary: Summary, results: readonly CaseResult[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const report = {
    meta,
    summary,
    bySource: bySource(results),
    categories: categorize(results, 5),
    differenceKinds: differenceKinds(results),
    ...(summary.dump ? { dumpMisses: dumpMisses(results) } : {}),
    cases: results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
