/**
 * The replica's schema: the replicated tables of the source model deployed onto the
 * target with the normal plan/deploy engine, the target's other objects left alone.
 * INTERIM: h-migrate's src/jobs/target-schema.ts replaces this when it lands (same
 * engine only here; across engines the translated model is needed).
 */
import { readSchema } from '../../../adapters/read-schema.js';
import type { Table } from '../../../unified-model/index.js';
import type { Model, DbObject } from '../../../unified-model/index.js';
import type { OpenDatabase } from '../../core/databases.js';
import type { Workspace } from '../../core/workspace.js';
import { RedbError } from '../../errors.js';
import { runDeploy, type DeployAdapter } from '../../deploy/run.js';
import { createPlan } from '../../plan/index.js';
import { modelTreeOid } from '../../vcs/index.js';
import type { RelationshipInfo } from '../relationships.js';

/** A replicated table: where its rows come from and where they go. */
export interface TablePair {
  readonly source: Table;
  readonly target: Table;
}

/** Objects a table needs besides itself (types, sequences), never code (views, functions). */
const SUPPORT = new Set(['schema', 'sequence', 'enum', 'domain', 'composite-type', 'extension', 'collation']);

/** The desired target model: its live objects, with the replicated tables (and what they need) as on the source. */
function desiredModel(live: Model, source: Model, tables: readonly Table[]): Model {
  const ids = new Set(tables.map((t) => t.id));
  const picked: DbObject[] = source.objects.flatMap((o): DbObject[] => {
    if (o.kind === 'table') {
      if (!ids.has(o.id)) return [];
      const t = o as Table;
      // triggers and policies are code of the source; a foreign key to a table not replicated has no target
      const { triggers: _t, policies: _p, ...rest } = t;
      return [{ ...rest, foreignKeys: (t.foreignKeys ?? []).filter((fk) => ids.has(fk.references)) } as Table];
    }
    return SUPPORT.has(o.kind) ? [o] : [];
  });
  const byId = new Map(live.objects.map((o) => [o.id, o]));
  for (const o of picked) byId.set(o.id, o);
  return { ...live, objects: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** Deploys the tables' schema onto the target (nothing when it is there already) and pairs each with its target table. */
export async function deployTargetSchema(ws: Workspace, rel: RelationshipInfo, sourceModel: Model, tables: readonly Table[], target: OpenDatabase): Promise<TablePair[]> {
  const adapter = target.adapter as DeployAdapter;
  if (sourceModel.dialect !== adapter.dialect) {
    throw new RedbError('E_UNSUPPORTED', `replication from ${sourceModel.dialect} to ${adapter.dialect} needs the translated target schema, which is not wired yet`, 'replicate into a database of the same engine for now');
  }
  const live = await readSchema(adapter, target.conn);
  const desired = desiredModel(live, sourceModel, tables);
  const tree = modelTreeOid(desired);
  if (tree !== modelTreeOid(live)) {
    await runDeploy({
      adapter, conn: target.conn, url: await ws.databaseUrl(rel.target), label: `database ${rel.target}`, kind: 'deploy',
      repo: rel.repo ?? '', branch: rel.branch ?? '', commit: '', user: `redb job ${rel.name}`,
      yes: true, force: true, prove: false,
      makePlan: (from, liveTree) => createPlan({
        from, to: desired, source: { tree: liveTree }, target: { tree }, ddl: adapter.ddl,
        options: { serverVersion: target.conn.serverVersion }, reorderColumns: adapter.capabilities.reorderColumns, transactionalDdl: adapter.capabilities.transactionalDdl, columnOrder: 'accept',
      }),
    });
  }
  const after = new Map(desired.objects.map((o) => [o.id, o]));
  return tables.map((t) => ({ source: t, target: after.get(t.id) as Table }));
}
