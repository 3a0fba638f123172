/**
 * The conformance run on MySQL/MariaDB (`--dialect mysql`): the same case as check.ts,
 * on two scratch databases per case on REDB_TEST_MYSQL_URL (unique names, dropped
 * after). Each side is loaded with mysql2 itself, not the adapter under test: the
 * whole field in one multi-statement call (the server parses BEGIN…END bodies itself,
 * as the corpus README allows), with FOREIGN_KEY_CHECKS=0 because some cases create
 * their tables out of foreign-key order. Then both sides are introspected through the
 * adapter, planned current → desired, applied to W, verified, re-planned (empty), rolled
 * back and verified again; each verify also compares the events as the server lists
 * them, read apart from the adapter, so a case about events cannot pass because the
 * adapter misses them on both sides. Cases run `jobs` at a time in this process.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { mysqlAdapter } from '../../adapters/mysql/index.js';
import type { Connection } from '../../adapters/types.js';
import { createPlan, type Plan } from '../../src/plan/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import type { Model } from '../../unified-model/index.js';
import type { PairCase } from './cases.js';
import type { Scope } from './compare.js';
import { CaseTracker, PhaseFailure, oneLine } from './phases.js';
import type { CaseResult, Phase } from './report.js';

const SCOPE: Scope = { introspect: {}, extensionVersions: false };

/** The name mysqldef's cases give their database (39 of them qualify names with it). */
const CASE_DATABASE = /`mysqldef_test`|\bmysqldef_test\b/g;

/** Fixed so D and W agree; MariaDB's own default would be latin1. */
const CHARSET = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci';

/** The server's URL with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function rawConnection(url: string, database: string): Promise<mysql.Connection> {
  return mysql.createConnection({ uri: withDatabase(url, database), multipleStatements: true, charset: 'utf8mb4' });
}

/** Loads scripts into `database` with the driver itself; the error names the script. */
async function load(url: string, database: string, scripts: readonly (readonly [string, string])[]): Promise<void> {
  const c = await rawConnection(url, database);
  try {
    // a load never waits long on a lock another case holds
    await c.query('SET SESSION FOREIGN_KEY_CHECKS = 0, SESSION lock_wait_timeout = 20');
    for (const [name, sql] of scripts) {
      const text = sql.replace(CASE_DATABASE, `\`${database}\``);
      try {
        if (text.trim()) await c.query(text);
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
    }
  } finally {
    await c.end().catch(() => {});
  }
}

function planBetween(conn: Connection, from: Model, to: Model): Plan {
  const ddl = mysqlAdapter.ddl;
  if (!ddl) throw new PhaseFailure('plan', 'mysqlAdapter.ddl is not available');
  return createPlan({
    from, to, source: { tree: modelTreeOid(from) }, target: { tree: modelTreeOid(to) }, ddl,
    reorderColumns: mysqlAdapter.capabilities.reorderColumns, transactionalDdl: mysqlAdapter.capabilities.transactionalDdl,
    options: { serverVersion: conn.serverVersion, ...(conn.flavour ? { flavour: conn.flavour } : {}) },
  });
}

/**
 * The events of the connected database as text, read without the adapter. Not the times (STARTS, EXECUTE_AT),
 * which follow the moment a side was loaded.
 */
async function catalogEvents(conn: Connection): Promise<string> {
  const rows = await conn.query(
    `SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, ON_COMPLETION, STATUS, EVENT_COMMENT
       FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME`,
  );
  return JSON.stringify(rows);
}

/** Creates and drops the scratch databases, on one admin connection. */
export class MysqlScratch {
  created = 0;
  readonly live = new Set<string>();
  private constructor(private readonly admin: mysql.Connection) {}

  static async open(url: string): Promise<MysqlScratch> {
    return new MysqlScratch(await rawConnection(url, ''));
  }

  async make(): Promise<string> {
    const name = `redb_conf_${randomBytes(5).toString('hex')}`;
    await this.admin.query(`CREATE DATABASE \`${name}\` ${CHARSET}`);
    this.live.add(name);
    this.created++;
    return name;
  }

  async drop(name: string): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    this.live.delete(name);
  }

  async version(): Promise<string> {
    const [rows] = await this.admin.query('SELECT VERSION() AS v');
    return (rows as { v: string }[])[0].v;
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((n) => this.drop(n).catch(() => {})));
    await this.admin.end().catch(() => {});
  }
}

/** Runs one case; never throws: every outcome is a CaseResult. */
export async function runMysqlCase(c: PairCase, url: string, scratch: MysqlScratch, onPhase: (phase: Phase) => void = () => {}): Promise<CaseResult> {
  const t = new CaseTracker({ id: c.id, source: c.source }, onPhase);
  const conns: Connection[] = [];
  const names: string[] = [];
  const connect = async (db: string) => {
    const conn = await mysqlAdapter.connect(withDatabase(url, db));
    conns.push(conn);
    return conn;
  };
  const unseen: Record<string, string> = {};
  /**
   * Reads the model, and the events straight from the catalog: a verify fails when those
   * differ from the side it is compared with, so a case about them cannot pass because
   * the adapter shows them on neither side.
   */
  const introspect = async (conn: Connection) => {
    const model = await mysqlAdapter.introspect(conn);
    const now = await catalogEvents(conn);
    const want = t.phase === 'verify' ? unseen.desired : t.phase === 'rollback-verify' ? unseen.current : undefined;
    if (want !== undefined && now !== want) throw new PhaseFailure(t.phase, 'events differ from the catalog of the other side (information_schema.EVENTS)', ['events']);
    return model;
  };
  try {
    onPhase('load');
    const dDb = await scratch.make();
    names.push(dDb);
    const wDb = await scratch.make();
    names.push(wDb);
    const sides = [
      ['desired side', dDb, [['setup', c.setup], ['desired_setup', c.desired_setup], ['desired', c.desired]]],
      ['current side', wDb, [['setup', c.setup], ['current', c.current]]],
    ] as const;
    const loads = await Promise.allSettled(sides.map(([, db, scripts]) => load(url, db, scripts)));
    const failed = loads.flatMap((r, i) => (r.status === 'rejected' ? [`${sides[i][0]}: ${oneLine((r.reason as Error).message, 200)}`] : []));
    if (failed.length) return t.skipped(failed.join(' | '));

    t.enter('introspect');
    const [dConn, wConn] = await Promise.all([connect(dDb), connect(wDb)]);
    const [desired, current] = await Promise.all([introspect(dConn), introspect(wConn)]);
    [unseen.desired, unseen.current] = await Promise.all([catalogEvents(dConn), catalogEvents(wConn)]);

    return await t.check(
      {
        scope: SCOPE,
        transactionalDdl: mysqlAdapter.capabilities.transactionalDdl,
        planBetween: (from, to) => planBetween(wConn, from, to),
        // nothing to align: no extensions with versions
        align: (live) => live,
        introspect,
        applyConnection: async () => wConn,
      },
      wConn,
      desired,
      current,
    );
  } catch (err) {
    return t.failed(err);
  } finally {
    await Promise.all(conns.map((conn) => conn.close().catch(() => {})));
    await Promise.all(names.map((n) => scratch.drop(n).catch(() => {})));
  }
}

/** A case that did not finish in time, charged as pool.ts charges one (a load is the case's fault). */
function timedOut(c: PairCase, phase: Phase, timeoutMs: number): CaseResult {
  const base = { id: c.id, source: c.source, warnings: [], timings: { [phase]: timeoutMs } };
  const reason = `timeout after ${timeoutMs / 1000} s`;
  if (phase === 'load') return { ...base, status: 'skip', phase, reason: `load: ${reason}`, rollback: null };
  const rollbackOnly = phase === 'rollback-apply' || phase === 'rollback-verify';
  return { ...base, status: rollbackOnly ? 'pass' : 'fail', rollback: 'fail', phase, reason };
}

/** Runs the cases `jobs` at a time, each within `timeoutMs`; results in case order. */
export async function runMysqlCases(cases: readonly PairCase[], url: string, scratch: MysqlScratch, jobs: number, timeoutMs: number, onResult: (r: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      let phase: Phase = 'load';
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CaseResult>((done) => {
        timer = setTimeout(() => done(timedOut(c, phase, timeoutMs)), timeoutMs);
      });
      const r = await Promise.race([runMysqlCase(c, url, scratch, (p) => (phase = p)), timeout]);
      clearTimeout(timer);
      results[i] = r;
      onResult(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}
