/**
 * The replica's schema: the job's target schema (src/jobs/target-schema.ts: the source's
 * tables, mapped and translated) deployed onto the target with the normal plan/deploy
 * engine, the target's other objects left alone. Each replicated table becomes a pair
 * with the per-column value conversion between the two logical types.
 */
import { readSchema } from '../../../adapters/read-schema.js';
import type { PortableValue } from '../../../adapters/types.js';
import { sortById, type DbObject, type Model, type Table } from '../../../unified-model/index.js';
import type { OpenDatabase } from '../../core/databases.js';
import type { Workspace } from '../../core/workspace.js';
import { runDeploy, type DeployAdapter } from '../../deploy/run.js';
import { createPlan } from '../../plan/index.js';
import { modelTreeOid } from '../../vcs/index.js';
import type { RelationshipInfo } from '../relationships.js';
import { targetSchema, type TableMapping } from '../target-schema.js';
import { converter, type Converter } from '../values/convert.js';

/** A replicated table: where its rows come from, where they go, and how each value converts. */
export interface TablePair extends TableMapping {
  /** Target column → converter of the source column's value. */
  readonly convert: ReadonlyMap<string, Converter>;
}

/**
 * The target's live objects with the job's tables as a replica holds them: primary keys,
 * checks and plain indexes, but no triggers (they would run a second time what the
 * source's ran), and none of what checks rows *across* rows or tables — foreign keys,
 * unique constraints and indexes, exclusions. The source enforces those; the replica
 * reaches the source's rows through states the source never had: the snapshot reads one
 * table after the other while the source changes, and a batch writes each key's last
 * row in key order, not in the order of the source's statements.
 */
function desiredModel(live: Model, job: Model): Model {
  const byId = new Map(live.objects.map((o) => [o.id, o]));
  const kinds = new Map(job.objects.map((o) => [o.id, o.kind]));
  for (const o of job.objects) {
    if (o.kind === 'table') {
      const { triggers: _t, foreignKeys: _f, uniques: _u, exclusions: _x, dependsOn, indexes, ...rest } = o as Table;
      const plain = (indexes ?? []).filter((ix) => !ix.unique);
      if (plain.length) (rest as { indexes?: Table['indexes'] }).indexes = plain;
      // without foreign keys, another table is no dependency (a parent of inheritance still is)
      const refs = new Set([...(rest.inherits ?? []), ...(rest.partitionOf ? [rest.partitionOf.parent] : [])]);
      const deps = (dependsOn ?? []).filter((d) => refs.has(d) || (kinds.has(d) && kinds.get(d) !== 'table'));
      byId.set(o.id, { ...rest, ...(deps.length ? { dependsOn: deps } : {}) } as DbObject);
    } else byId.set(o.id, o);
  }
  return { ...live, objects: sortById([...byId.values()]) };
}

/** Deploys the job's tables onto the target (nothing when they are there already) and pairs each with its source table. */
export async function deployTargetSchema(ws: Workspace, rel: RelationshipInfo, source: OpenDatabase, target: OpenDatabase, sourceTables: readonly Table[]): Promise<TablePair[]> {
  const adapter = target.adapter as DeployAdapter;
  const url = await ws.databaseUrl(rel.target);
  const schema = await targetSchema({
    source: { adapter: source.adapter, conn: source.conn }, target: { adapter, url },
    tables: sourceTables.map((t) => t.id), ...(rel.map ? { map: rel.map } : {}),
  });
  const live = await readSchema(adapter, target.conn);
  const desired = desiredModel(live, schema.model);
  const tree = modelTreeOid(desired);
  if (tree !== modelTreeOid(live)) {
    await runDeploy({
      adapter, conn: target.conn, url, label: `database ${rel.target}`, kind: 'deploy',
      repo: rel.repo ?? '', branch: rel.branch ?? '', commit: '', user: `redb job ${rel.name}`,
      // the replica follows its source: no one to ask, and the proof of each change is the source's own deploy
      yes: true, force: true, prove: false, modelOfTree: async () => desired,
      makePlan: (from, liveTree) => createPlan({
        from, to: desired, source: { tree: liveTree }, target: { tree }, ddl: adapter.ddl,
        options: { serverVersion: target.conn.serverVersion, ...(target.conn.flavour ? { flavour: target.conn.flavour } : {}) },
        reorderColumns: adapter.capabilities.reorderColumns, transactionalDdl: adapter.capabilities.transactionalDdl, columnOrder: 'accept',
      }),
    });
  }
  const order = new Map(sourceTables.map((t, i) => [t.id, i]));
  return schema.tables
    .filter((m) => order.has(m.source.id))
    .sort((a, b) => order.get(a.source.id)! - order.get(b.source.id)!)
    .map((m) => {
      const convert = new Map<string, Converter>();
      for (const c of m.columns) {
        const from = m.source.columns.find((x) => x.name === c.source)!;
        const to = m.target.columns.find((x) => x.name === c.target)!;
        convert.set(c.target, converter(from.type.logical, to.type.logical, `${m.target.id}.${c.target}`));
      }
      return { ...m, convert };
    });
}

/** A source row (by source column) as the target row (by target column); unsent values stay unsent. */
export function toTargetRow(pair: TablePair, row: Readonly<Record<string, PortableValue | undefined>>): Record<string, PortableValue | undefined> {
  const out: Record<string, PortableValue | undefined> = {};
  for (const c of pair.columns) {
    const v = row[c.source];
    out[c.target] = v === undefined ? undefined : pair.convert.get(c.target)!(v);
  }
  return out;
}
