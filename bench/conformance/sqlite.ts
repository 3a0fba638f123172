/**
 * The conformance run on SQLite (`--dialect sqlite`): the same case as check.ts, on
 * database files in a temp directory instead of a server. Each case: load `desired`
 * into D and `current` into W with better-sqlite3 itself (not the adapter under test),
 * introspect both through the adapter, plan current → desired, apply to W, verify
 * W == D, re-plan (empty), apply the rollback, verify W == current. In process and one
 * case at a time: an embedded database needs no pool.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteAdapter } from '../../adapters/sqlite/index.js';
import type { Connection } from '../../adapters/types.js';
import { StepError, applySteps } from '../../src/deploy/apply.js';
import { createPlan, type Plan, type PlanStep } from '../../src/plan/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import type { Model } from '../../unified-model/index.js';
import type { PairCase } from './cases.js';
import { compareModels, shorten, type Scope } from './compare.js';
import type { CaseResult, Phase, PlanText } from './report.js';

const SCOPE: Scope = { introspect: {}, extensionVersions: false };

class PhaseFailure extends Error {
  constructor(readonly phase: Phase, message: string, readonly tokens: readonly string[] = []) {
    super(message);
  }
}

const oneLine = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function planText(plan: Plan): PlanText {
  const step = (s: PlanStep) => ({ sql: s.sql, comment: s.comment, transactional: s.transactional, hazards: [...s.hazards] });
  return { preamble: [...plan.preamble], steps: plan.steps.map(step), rollback: plan.rollback.map(step) };
}

function planBetween(from: Model, to: Model): Plan {
  const ddl = sqliteAdapter.ddl;
  if (!ddl) throw new PhaseFailure('plan', 'sqliteAdapter.ddl is not available');
  return createPlan({ from, to, source: { tree: modelTreeOid(from) }, target: { tree: modelTreeOid(to) }, ddl, reorderColumns: sqliteAdapter.capabilities.reorderColumns });
}

async function apply(conn: Connection, steps: readonly PlanStep[], preamble: readonly string[], phase: Phase): Promise<void> {
  try {
    await applySteps(conn, steps, { preamble, transactionalDdl: sqliteAdapter.capabilities.transactionalDdl });
  } catch (err) {
    if (err instanceof StepError) throw new PhaseFailure(phase, `step ${err.index + 1}/${steps.length} (${err.step.comment}): ${oneLine(err.reason)} -- SQL: ${oneLine(err.step.sql, 160)}`);
    throw new PhaseFailure(phase, oneLine((err as Error).message));
  }
}

/** Loads scripts into a new database file with the driver itself; the error names the script. */
function load(path: string, scripts: readonly (readonly [string, string])[]): void {
  const db = new Database(path);
  try {
    for (const [name, sql] of scripts) {
      try {
        if (sql.trim()) db.exec(sql);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  } finally {
    db.close();
  }
}

/** Runs one case; never throws: every outcome is a CaseResult. */
export async function runSqliteCase(c: PairCase): Promise<CaseResult> {
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const conns: Connection[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'redb-conformance-sqlite-'));
  let plan: Plan | undefined;
  let phase: Phase = 'load';
  let started = performance.now();
  const enter = (next: Phase) => {
    const now = performance.now();
    timings[phase] = Math.round((timings[phase] ?? 0) + now - started);
    started = now;
    phase = next;
  };
  const base = { id: c.id, source: c.source };
  const connect = async (path: string) => {
    const conn = await sqliteAdapter.connect(`sqlite://${path}`);
    conns.push(conn);
    return conn;
  };
  const introspect = (conn: Connection) => sqliteAdapter.introspect(conn);
  try {
    const dPath = join(dir, 'desired.db');
    const wPath = join(dir, 'work.db');
    const failed: string[] = [];
    for (const [side, path, scripts] of [['desired side', dPath, [['setup', c.setup], ['desired_setup', c.desired_setup], ['desired', c.desired]]], ['current side', wPath, [['setup', c.setup], ['current', c.current]]]] as const) {
      try {
        load(path, scripts);
      } catch (err) {
        failed.push(`${side}: ${oneLine((err as Error).message, 200)}`);
      }
    }
    if (failed.length) {
      enter('load');
      return { ...base, status: 'skip', phase: 'load', reason: failed.join(' | '), rollback: null, warnings, timings };
    }

    enter('introspect');
    const [dConn, wConn] = await Promise.all([connect(dPath), connect(wPath)]);
    const desired = await introspect(dConn);
    const current = await introspect(wConn);

    enter('plan');
    try {
      plan = planBetween(current, desired);
    } catch (err) {
      throw err instanceof PhaseFailure ? err : new PhaseFailure('plan', oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    }

    enter('apply');
    await apply(wConn, plan.steps, plan.preamble, 'apply');

    enter('verify');
    const after = await introspect(wConn);
    const forward = compareModels(after, desired, SCOPE);
    if (!forward.equal) throw new PhaseFailure('verify', forward.summary, forward.tokens);
    if (forward.columnOrderOnly) warnings.push('column-order: forward');

    enter('idempotency');
    const again = planBetween(after, desired);
    if (again.steps.length) {
      throw new PhaseFailure('idempotency', `${again.steps.length} step(s) still planned: ${shorten(again.steps.map((s) => s.comment), 3)}`, again.steps.map((s) => `replan ${s.change.kind} ${s.change.type}`));
    }

    enter('rollback-apply');
    await apply(wConn, plan.rollback, plan.preamble, 'rollback-apply');

    enter('rollback-verify');
    const back = await introspect(wConn);
    const backward = compareModels(back, current, SCOPE);
    if (!backward.equal) throw new PhaseFailure('rollback-verify', backward.summary, backward.tokens);
    if (backward.columnOrderOnly) warnings.push('column-order: rollback');

    enter('done');
    return { ...base, status: 'pass', rollback: 'pass', warnings, timings, plan: planText(plan) };
  } catch (err) {
    const failure = err instanceof PhaseFailure ? err : new PhaseFailure(phase, oneLine(`${(err as Error).name}: ${(err as Error).message}`));
    enter('done');
    const rollbackOnly = failure.phase === 'rollback-apply' || failure.phase === 'rollback-verify';
    return {
      ...base, status: rollbackOnly ? 'pass' : 'fail', rollback: 'fail', phase: failure.phase, reason: failure.message, tokens: [...failure.tokens], warnings, timings,
      ...(plan ? { plan: planText(plan) } : {}),
    };
  } finally {
    await Promise.all(conns.map((conn) => conn.close().catch(() => {})));
    rmSync(dir, { recursive: true, force: true });
  }
}
