/**
 * The referee's side of the results (pg_dump on PostgreSQL): its pass rates, the
 * combined ones (a case passes only when the models and the dumps both agree) and the
 * cases whose dumps differ, with their diff excerpts.
 */
import type { CaseResult } from './report.js';

export interface DumpSummary {
  /** Cases that loaded: the denominator of every rate here, as of the model rates. */
  readonly loaded: number;
  readonly forwardPassed: number;
  readonly rollbackPassed: number;
  /** Cases whose forward (rollback) dump was not compared: that plan did not apply completely or was not run. */
  readonly forwardNotJudged: number;
  readonly rollbackNotJudged: number;
  /** Model and dump both pass; a combined rollback also needs the combined forward. */
  readonly bothForwardPassed: number;
  readonly bothRollbackPassed: number;
  readonly forwardPct: number;
  readonly rollbackPct: number;
  readonly bothForwardPct: number;
  readonly bothRollbackPct: number;
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/**
 * Rates over the loaded cases. A loaded case without a verdict (timed out, crashed,
 * failed before the plan) counts as a dump failure, as it does on the model side.
 */
export function dumpSummary(results: readonly CaseResult[]): DumpSummary {
  const loaded = results.filter((r) => r.status !== 'skip');
  const count = (f: (r: CaseResult) => boolean) => loaded.filter(f).length;
  const forwardPassed = count((r) => r.dump?.forward === 'pass');
  const rollbackPassed = count((r) => r.dump?.rollback === 'pass');
  const bothForward = (r: CaseResult) => r.status === 'pass' && r.dump?.forward === 'pass';
  const bothForwardPassed = count(bothForward);
  const bothRollbackPassed = count((r) => bothForward(r) && r.rollback === 'pass' && r.dump?.rollback === 'pass');
  return {
    loaded: loaded.length,
    forwardPassed,
    rollbackPassed,
    forwardNotJudged: count((r) => (r.dump?.forward ?? null) === null),
    rollbackNotJudged: count((r) => (r.dump?.rollback ?? null) === null),
    bothForwardPassed,
    bothRollbackPassed,
    forwardPct: pct(forwardPassed, loaded.length),
    rollbackPct: pct(rollbackPassed, loaded.length),
    bothForwardPct: pct(bothForwardPassed, loaded.length),
    bothRollbackPct: pct(bothRollbackPassed, loaded.length),
  };
}

/** A compared dump that differed: which direction, what the models said, the excerpt. */
export interface DumpMiss {
  readonly id: string;
  readonly direction: 'forward' | 'rollback';
  /** The model comparison of the same direction. */
  readonly model: 'pass' | 'fail';
  readonly diff: readonly string[];
}

/** Every compared dump that differed, forward before rollback within a case, in the order of the results. */
export function dumpMisses(results: readonly CaseResult[]): DumpMiss[] {
  return results.flatMap((r) => {
    const out: DumpMiss[] = [];
    if (r.dump?.forward === 'fail') out.push({ id: r.id, direction: 'forward', model: r.status === 'pass' ? 'pass' : 'fail', diff: r.dump.forwardDiff ?? [] });
    if (r.dump?.rollback === 'fail') out.push({ id: r.id, direction: 'rollback', model: r.rollback === 'pass' ? 'pass' : 'fail', diff: r.dump.rollbackDiff ?? [] });
    return out;
  });
}

/** The lines printed for the referee: each miss with its excerpt, then the figures. */
export function dumpReportLines(results: readonly CaseResult[], modelForwardPct: number, modelRollbackPct: number): string[] {
  const s = dumpSummary(results);
  const misses = dumpMisses(results);
  const lines: string[] = [];
  if (misses.length) {
    lines.push('', `pg_dump differs (${misses.length}; - W's only, + the expected side's only):`);
    for (const m of misses) lines.push(`DUMP ${m.id}: ${m.direction} (model: ${m.model})`, ...m.diff.map((l) => `    ${l}`));
  }
  const notJudged = s.forwardNotJudged || s.rollbackNotJudged ? `; not compared: ${s.forwardNotJudged} forward, ${s.rollbackNotJudged} rollback (plan not applied)` : '';
  lines.push(
    '',
    `model:   forward ${modelForwardPct}%, rollback ${modelRollbackPct}% of ${s.loaded} loaded cases`,
    `pg_dump: forward ${s.forwardPct}% (${s.forwardPassed}), rollback ${s.rollbackPct}% (${s.rollbackPassed})${notJudged}`,
    `both:    forward ${s.bothForwardPct}% (${s.bothForwardPassed}), rollback ${s.bothRollbackPct}% (${s.bothRollbackPassed}); a case passes only when both agree`,
  );
  return lines;
}
