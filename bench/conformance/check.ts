/**
 * One conformance case, end to end: load D (desired) and W (work) with psql,
 * introspect both, plan current → desired, apply to W, verify W == D, check the plan
 * is idempotent, apply the rollback, verify W == current. The databases are created
 * and dropped by the caller (run.ts), which also enforces the time limit.
 */
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Connection } from '../../adapters/types.js';
import { createPlan, type Plan } from '../../src/plan/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import type { Model } from '../../unified-model/index.js';
import type { PairCase } from './cases.js';
import { alignExtensionVersions, restrict, scopeOf, type Scope } from './compare.js';
import { CASE_USER_SCHEMA, LoadError, caseUser, databaseUrl, loadScripts, prepareForUser, quoteIdent } from './load.js';
import { CaseTracker, PhaseFailure, oneLine } from './phases.js';
import { DumpReferee } from './referee.js';
import type { CaseResult, Phase } from './report.js';

export interface CaseJob {
  readonly case: PairCase;
  /** Admin URL of the server (any database). */
  readonly serverUrl: string;
  /** Names of the two fresh, empty databases made for this case. */
  readonly desiredDb: string;
  readonly workDb: string;
  /** Limit for each psql run, so a load that hangs ends. */
  readonly loadTimeoutMs: number;
  /** The pg_dump binary of the server's major version; without it the case has no referee. */
  readonly pgDump?: string;
}

const treeOf = modelTreeOid;

function planBetween(from: Model, to: Model): Plan {
  const ddl = postgresAdapter.ddl;
  if (!ddl) throw new PhaseFailure('plan', 'postgresAdapter.ddl is not available (no DDL generator for PostgreSQL yet)');
  return createPlan({ from, to, source: { tree: treeOf(from) }, target: { tree: treeOf(to) }, ddl });
}

/**
 * Runs one case. `onPhase` is told each phase as it starts (so a time-out can say where
 * it happened). Never throws: every outcome is a CaseResult.
 */
export async function runCase(job: CaseJob, onPhase: (phase: Phase) => void = () => {}): Promise<CaseResult> {
  const c = job.case;
  const scope: Scope = scopeOf(c.flags);
  const user = caseUser(c.flags);
  const t = new CaseTracker({ id: c.id, source: c.source }, onPhase);
  const conns: Connection[] = [];
  const dUrl = databaseUrl(job.serverUrl, job.desiredDb);
  const wUrl = databaseUrl(job.serverUrl, job.workDb);
  const connect = async (url: string) => {
    const conn = await postgresAdapter.connect(url);
    conns.push(conn);
    // durability only: no WAL flush wait after each applied segment
    await conn.exec('SET synchronous_commit = off');
    return conn;
  };
  // the referee's first dumps, awaited in the end too: no pg_dump outlives the case
  let dumped: Promise<void> | undefined;
  const introspect = async (conn: Connection) => restrict(await postgresAdapter.introspect(conn, scope.introspect), scope);

  try {
    onPhase('load');
    const load = { user, timeoutMs: job.loadTimeoutMs };
    // `setup` creates cluster-wide roles (idempotent DO blocks) that would race if both
    // sides ran it at once: W runs its setup after D's; the rest of both sides concurrently
    const dSetup = (async () => {
      if (user) await prepareForUser(dUrl, job.desiredDb, user, job.loadTimeoutMs);
      await loadScripts(dUrl, [['setup', c.setup]], load);
    })();
    const dSide = dSetup.then(() => loadScripts(dUrl, [['desired_setup', c.desired_setup], ['desired', c.desired]], load));
    const wSide = (async () => {
      if (user) await prepareForUser(wUrl, job.workDb, user, job.loadTimeoutMs);
      if (c.setup.trim()) await dSetup.catch(() => {});
      await loadScripts(wUrl, [['setup', c.setup], ['current', c.current]], load);
    })();
    const loads = await Promise.allSettled([dSide, wSide]);
    const failed = loads.flatMap((r, i) => (r.status === 'rejected' ? [`${i === 0 ? 'desired side' : 'current side'}: ${oneLine((r.reason as LoadError).message, 200)}`] : []));
    if (failed.length) {
      return t.skipped(failed.join(' | '));
    }

    t.enter('introspect');
    // the dumps of D and of W as loaded are taken while both are introspected
    const referee = job.pgDump ? new DumpReferee(job.pgDump, dUrl, wUrl, job.loadTimeoutMs) : undefined;
    dumped = referee?.start();
    const [dConn, wConn] = await Promise.all([connect(dUrl), connect(wUrl)]);
    const [desired, current] = await Promise.all([introspect(dConn), introspect(wConn), dumped]);

    return await t.check(
      {
        scope,
        transactionalDdl: postgresAdapter.capabilities.transactionalDdl,
        planBetween,
        // versions are ignored unless the case says they matter: plan as if the live side had desired's
        align: (live, want) => (scope.extensionVersions ? live : alignExtensionVersions(live, want)),
        introspect,
        referee,
        // a flags.user case changes W as that user, as it was loaded
        applyConnection: async () => {
          if (!user) return wConn;
          const conn = await connect(wUrl);
          await conn.exec(`SET ROLE ${quoteIdent(user)}; SET search_path TO ${CASE_USER_SCHEMA}, public`);
          return conn;
        },
      },
      wConn,
      desired,
      current,
    );
  } catch (err) {
    return t.failed(err);
  } finally {
    await dumped;
    await Promise.all(conns.map((conn) => conn.close().catch(() => {})));
  }
}
