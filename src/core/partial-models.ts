/**
 * Two commits as partial models: the objects whose files differ, plus what the differ,
 * the planner and the DDL generators look at beside them, read by path from the two
 * trees. Everything else has the same blob id on both sides, so it is the same object
 * and can change nothing in the diff or the plan.
 *
 * What is read (found through each tree's model index, model-index.ts):
 * - the changed objects, and the objects named by rename intents;
 * - their dependents: objects whose files name them (views, routines, tables with a
 *   foreign key or trigger on them, owned sequences), transitively through dependents
 *   that are not tables (a view of a view is re-created too; a table is never
 *   re-created for its dependencies' sake, so the chain stops there);
 * - what those name (the tables a re-created view reads, a new foreign key's target),
 *   except what a dependent table names: it is read for rules that look at what names
 *   a changed object, never planned itself.
 *
 * - for a changed type (enum, domain, composite), every object of its schema: its
 *   re-creation picks a temporary name no object there has.
 *
 * Where a rule of the planner or of a DDL generator looks further than that, the diff
 * is not taken partially (`undefined`: read the whole models): a changed header, a
 * changed object of another kind (schemas, extensions, collations …), a changed
 * partition or inheriting table (its siblings and the default partition are looked up),
 * and a tree without an index.
 */
import { fileToObject, FORMAT_VERSION, HEADER_FILE, parseHeader, LATEST_TREE_FORMAT, sortById, splitId, type DbObject, type Model, type RenameIntent } from '../../unified-model/index.js';
import * as vcs from '../vcs/index.js';
import { loadModelIndex, type IndexEntry, type ModelIndex } from './model-index.js';

/** Kinds whose changes the planner and generators handle from the objects read here. */
const PARTIAL_KINDS: ReadonlySet<string> = new Set(['table', 'view', 'materialized-view', 'sequence', 'function', 'procedure', 'aggregate', 'enum', 'domain', 'composite-type']);
/** Kinds whose re-creation picks a temporary name no object of its schema has: that schema is read whole. */
const NAMING_KINDS: ReadonlySet<string> = new Set(['enum', 'domain', 'composite-type']);

export interface PartialModels {
  readonly from: Model;
  readonly to: Model;
  /** Files that differ between the trees. */
  readonly changedFiles: number;
  /** Object files read (both sides; a blob both sides share counts once). */
  readonly filesRead: number;
}

interface Side {
  readonly index: ModelIndex;
  readonly byPath: Map<string, IndexEntry>;
  readonly byId: Map<string, IndexEntry>;
  /** id → entries that name it */
  readonly dependents: Map<string, IndexEntry[]>;
}

function sideOf(index: ModelIndex): Side {
  const byPath = new Map(index.entries.map((e) => [e.path, e]));
  const byId = new Map(index.entries.map((e) => [e.id, e]));
  const dependents = new Map<string, IndexEntry[]>();
  for (const e of index.entries) for (const r of e.refs) (dependents.get(r) ?? dependents.set(r, []).get(r)!).push(e);
  return { index, byPath, byId, dependents };
}

/** The ids a rename intent touches on the source side: the object, or the table of a column. */
function renameSeeds(r: RenameIntent, from: Side): string[] | undefined {
  if (from.byId.has(r.from)) return [r.from, r.to];
  let table: string | undefined;
  for (let i = r.from.lastIndexOf('.'); i > 0; i = r.from.lastIndexOf('.', i - 1)) {
    const prefix = r.from.slice(0, i);
    if (from.byId.get(prefix)?.kind === 'table') { table = prefix; break; }
  }
  return table === undefined ? undefined : [table];
}

export async function partialModels(gitDir: string, fromTree: string, toTree: string, intents: readonly RenameIntent[]): Promise<PartialModels | undefined> {
  const [fi, ti] = await Promise.all([loadModelIndex(gitDir, fromTree), loadModelIndex(gitDir, toTree)]);
  if (!fi || !ti || fi.dialect !== ti.dialect) return undefined;
  const from = sideOf(fi);
  const to = sideOf(ti);
  const changed = await vcs.changedPaths(gitDir, fromTree, toTree);
  const seeds = new Set<string>();
  const namingSchemas = new Set<string>();
  for (const c of changed) {
    if (c.path === HEADER_FILE) return undefined;
    for (const [oid, side] of [[c.oldOid, from], [c.newOid, to]] as const) {
      if (oid === undefined) continue;
      const entry = side.byPath.get(c.path);
      if (!entry || !PARTIAL_KINDS.has(entry.kind)) return undefined; // an index that does not match its tree, or a kind read whole
      seeds.add(entry.id);
      if (NAMING_KINDS.has(entry.kind)) namingSchemas.add(splitId(entry.id)[0]);
    }
  }
  for (const side of [from, to]) for (const e of side.index.entries) if (namingSchemas.has(splitId(e.id)[0])) seeds.add(e.id);
  for (const r of intents) {
    const ids = renameSeeds(r, from);
    if (!ids) return undefined; // the whole read reports the bad rename
    for (const id of ids) seeds.add(id);
  }

  // dependents, transitively through those that are not tables
  const near = new Set(seeds);
  const queue = [...seeds];
  while (queue.length) {
    const id = queue.pop()!;
    for (const side of [from, to]) {
      for (const d of side.dependents.get(id) ?? []) {
        if (near.has(d.id)) continue;
        near.add(d.id);
        if (d.kind !== 'table' && d.kind !== 'schema') queue.push(d.id);
      }
    }
  }
  // what they name, except for tables that only name a changed object (a foreign key to
  // it): nothing plans them, they are read only for rules that look at what names a table
  const wanted = new Set(near);
  for (const id of near) {
    for (const side of [from, to]) {
      const e = side.byId.get(id);
      if (e && (seeds.has(id) || e.kind !== 'table')) for (const r of e.refs) wanted.add(r);
    }
  }

  const [fromObjects, toObjects, filesRead] = await readObjects(gitDir, [[fromTree, from], [toTree, to]], wanted);
  if (!fromObjects || !toObjects) return undefined;
  // creating or changing a partition or child looks at its siblings (a default partition, inherited members)
  const changedIds = new Set(changed.flatMap((c) => [from.byPath.get(c.path)?.id, to.byPath.get(c.path)?.id]));
  const tangled = (o: DbObject) => o.kind === 'table' && (o.partitionOf !== undefined || (o.inherits?.length ?? 0) > 0) && changedIds.has(o.id);
  if ([...fromObjects.objects, ...toObjects.objects].some(tangled)) return undefined;
  return { from: fromObjects, to: toObjects, changedFiles: changed.length, filesRead };
}

/**
 * The objects of `ids` each tree holds, parsed once per blob: an object both trees
 * hold unchanged is one object in both models, which the differ skips at a glance.
 */
async function readObjects(gitDir: string, sides: readonly [string, Side][], ids: ReadonlySet<string>): Promise<[Model | undefined, Model | undefined, number]> {
  const located = await Promise.all(sides.map(async ([tree, side]) => {
    const entries = [...ids].flatMap((id) => side.byId.get(id) ?? []);
    const oids = await vcs.blobIdsAt(gitDir, tree, [HEADER_FILE, ...entries.map((e) => e.path)]);
    return { entries, oids };
  }));
  const texts = await vcs.readBlobs(gitDir, located.flatMap((l) => [...l.oids.values()]));
  const parsed = new Map<string, DbObject>();
  const models = located.map(({ entries, oids }) => {
    const headerOid = oids.get(HEADER_FILE);
    if (headerOid === undefined) return undefined;
    const header = parseHeader(HEADER_FILE, texts.get(headerOid)!, LATEST_TREE_FORMAT);
    const objects: DbObject[] = [];
    for (const e of entries) {
      const oid = oids.get(e.path);
      if (oid === undefined) return undefined; // the index names a file the tree lacks
      let obj = parsed.get(oid);
      if (!obj) parsed.set(oid, (obj = fileToObject(header.formatVersion, { path: e.path, content: texts.get(oid)! })));
      if (obj.id !== e.id) return undefined;
      objects.push(obj);
    }
    return { formatVersion: FORMAT_VERSION, dialect: header.dialect, objects: sortById(objects) };
  });
  return [models[0], models[1], parsed.size];
}
