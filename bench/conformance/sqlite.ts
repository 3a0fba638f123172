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
import { createPlan, type Plan } from '../../src/plan/index.js';
import { modelTreeOid } from '../../src/vcs/index.js';
import type { Model } from '../../unified-model/index.js';
import type { PairCase } from './cases.js';
import type { Scope } from './compare.js';
import { CaseTracker, PhaseFailure, oneLine } from './phases.js';
import type { CaseResult } from './report.js';

const SCOPE: Scope = { introspect: {}, extensionVersions: false };

function planBetween(from: Model, to: Model): Plan {
  const ddl = sqliteAdapter.ddl;
  if (!ddl) throw new PhaseFailure('plan', 'sqliteAdapter.ddl is not available');
  return createPlan({ from, to, source: { tree: modelTreeOid(from) }, target: { tree: modelTreeOid(to) }, ddl, reorderColumns: sqliteAdapter.capabilities.reorderColumns });
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
  const t = new CaseTracker({ id: c.id, source: c.source });
  const conns: Connection[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'redb-conformance-sqlite-'));
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
      return t.skipped(failed.join(' | '));
    }

    t.enter('introspect');
    const [dConn, wConn] = await Promise.all([connect(dPath), connect(wPath)]);
    const desired = await introspect(dConn);
    const current = await introspect(wConn);

    return await t.check(
      {
        scope: SCOPE,
        transactionalDdl: sqliteAdapter.capabilities.transactionalDdl,
        planBetween,
        // nothing to align: SQLite has no extensions with versions
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
    rmSync(dir, { recursive: true, force: true });
  }
}
