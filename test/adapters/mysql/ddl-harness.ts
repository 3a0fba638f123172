/**
 * One schema change on the real MariaDB: `current` loaded into one scratch database,
 * `desired` into another, both read; the plan between them applied to the first, which
 * must then read as `desired` (and plan nothing more); the rollback applied, which must
 * bring back `current`. `online`: the plans are `--online` ones.
 */
import { mysqlAdapter } from '../../../adapters/mysql/index.js';
import type { Connection } from '../../../adapters/types.js';
import { createPlan, type Plan } from '../../../src/plan/index.js';
import type { Model, RenameIntent } from '../../../unified-model/index.js';
import { freshMysqlDatabase, mysqlScript } from './helpers.js';

export interface PairResult {
  readonly plan: Plan;
  readonly from: Model;
  readonly to: Model;
  /** The model after the forward plan, and after the rollback. */
  readonly forward: Model;
  readonly back: Model;
  /** Steps planned from `forward` to `to` (none when the plan reached it). */
  readonly leftover: number;
}

async function apply(conn: Connection, preamble: readonly string[], sqls: readonly string[]): Promise<void> {
  for (const s of [...preamble, ...sqls]) {
    try {
      await conn.run(s);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nin: ${s}`);
    }
  }
}

export const planOf = (from: Model, to: Model, conn: Connection, renames: readonly RenameIntent[] = [], online = false): Plan =>
  createPlan({
    from, to, source: { tree: 'from' }, target: { tree: 'to' }, ddl: mysqlAdapter.ddl!, reorderColumns: true, transactionalDdl: false, renames,
    options: { serverVersion: conn.serverVersion, ...(conn.flavour ? { flavour: conn.flavour } : {}), ...(online ? { online: true } : {}) },
  });

/**
 * `rows`: INSERTs run on `current` before the plan; `check` reads the database after the
 * forward plan (to see that the rows survived a rename, say).
 */
/** A script, or one made for the name of the database it loads into. */
export type Script = string | ((database: string) => string);

export async function runPair(current: Script, desired: Script, extra: { renames?: RenameIntent[]; rows?: string; check?: (conn: Connection) => Promise<void>; online?: boolean } = {}): Promise<PairResult> {
  const a = await freshMysqlDatabase('redb_myddl');
  const b = await freshMysqlDatabase('redb_myddl');
  const ca = await mysqlAdapter.connect(a.url);
  const cb = await mysqlAdapter.connect(b.url);
  try {
    const [cur, want] = [typeof current === 'string' ? current : current(a.name), typeof desired === 'string' ? desired : desired(b.name)];
    if (cur.trim()) mysqlScript(a.name, cur);
    if (want.trim()) mysqlScript(b.name, want);
    const from = await mysqlAdapter.introspect(ca);
    const to = await mysqlAdapter.introspect(cb);
    if (extra.rows) mysqlScript(a.name, extra.rows);
    const plan = planOf(from, to, ca, extra.renames, extra.online);
    await apply(ca, plan.preamble, plan.steps.map((s) => s.sql));
    await extra.check?.(ca);
    const forward = await mysqlAdapter.introspect(ca);
    const leftover = planOf(forward, to, ca).steps.length;
    await apply(ca, plan.preamble, plan.rollback.map((s) => s.sql));
    const back = await mysqlAdapter.introspect(ca);
    return { plan, from, to, forward, back, leftover };
  } finally {
    await ca.close();
    await cb.close();
    await a.drop();
    await b.drop();
  }
}
