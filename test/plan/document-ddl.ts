/**
 * A tiny DDL generator for a document store (MongoDB shell commands), written for the
 * test of a model kind redb's planner has never heard of: a `collection` with a
 * validator and indexes, and a read-only view collection on another (`viewOn`). It is a
 * real generator for that kind (its output is what mongosh runs), not a stand-in for
 * redb's own code: the planner, orderer and rollback under test are redb's.
 */
import type { DdlGenerator, PlanUnit, Statement } from '../../adapters/types.js';
import type { DbObject } from '../../unified-model/index.js';

export interface CollectionIndex { readonly name: string; readonly keys: Readonly<Record<string, 1 | -1>>; readonly unique?: boolean }

/** The extra kind, outside the model's union: `dependsOn` is how it says what it needs. */
export interface Collection {
  readonly kind: 'collection';
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly validator?: Readonly<Record<string, unknown>>;
  readonly capped?: { readonly size: number };
  readonly indexes?: readonly CollectionIndex[];
  /** A view collection: the collection it reads and its pipeline. */
  readonly viewOn?: string;
  readonly pipeline?: readonly unknown[];
  readonly dependsOn?: readonly string[];
}

/** The collection as the planner sees it: any object of the model. */
export const asObject = (c: Collection): DbObject => c as unknown as DbObject;
const asCollection = (o: DbObject): Collection => {
  if ((o.kind as string) !== 'collection') throw new Error(`document DDL: no statements for a ${o.kind}`);
  return o as unknown as Collection;
};

const js = (v: unknown) => JSON.stringify(v);
const stmt = (sql: string, comment: string, hazards?: Statement['hazards']): Statement => ({ sql, comment, ...(hazards ? { hazards } : {}) });

function create(c: Collection): Statement[] {
  const options = {
    ...(c.validator ? { validator: c.validator } : {}),
    ...(c.capped ? { capped: true, size: c.capped.size } : {}),
    ...(c.viewOn ? { viewOn: c.viewOn.slice(c.viewOn.indexOf('.') + 1), pipeline: c.pipeline ?? [] } : {}),
  };
  return [
    stmt(`db.getSiblingDB(${js(c.schema)}).createCollection(${js(c.name)}, ${js(options)})`, `create collection ${c.id}`),
    ...(c.indexes ?? []).map((ix) => createIndex(c, ix)),
  ];
}

const createIndex = (c: Collection, ix: CollectionIndex) =>
  stmt(`db.getSiblingDB(${js(c.schema)}).getCollection(${js(c.name)}).createIndex(${js(ix.keys)}, ${js({ name: ix.name, ...(ix.unique ? { unique: true } : {}) })})`, `create index ${ix.name} on ${c.id}`, ['blocking-lock']);
const dropIndex = (c: Collection, ix: CollectionIndex) => stmt(`db.getSiblingDB(${js(c.schema)}).getCollection(${js(c.name)}).dropIndex(${js(ix.name)})`, `drop index ${ix.name} on ${c.id}`);
const drop = (c: Collection) => [stmt(`db.getSiblingDB(${js(c.schema)}).getCollection(${js(c.name)}).drop()`, `drop collection ${c.id}`, ['data-loss'])];

/** In place: the validator through collMod, indexes dropped and created by name. */
function alter(a: Collection, b: Collection): Statement[] {
  const out: Statement[] = [];
  if (js(a.validator ?? {}) !== js(b.validator ?? {})) {
    out.push(stmt(`db.getSiblingDB(${js(b.schema)}).runCommand(${js({ collMod: b.name, validator: b.validator ?? {} })})`, `set validator of ${b.id}`, ['data-dependent']));
  }
  const before = new Map((a.indexes ?? []).map((ix) => [ix.name, ix]));
  const after = new Map((b.indexes ?? []).map((ix) => [ix.name, ix]));
  for (const [name, ix] of before) if (js(ix) !== js(after.get(name))) out.push(dropIndex(b, ix));
  for (const [name, ix] of after) if (js(ix) !== js(before.get(name))) out.push(createIndex(b, ix));
  return out;
}

export const documentDdl: DdlGenerator = {
  statements(unit: PlanUnit): Statement[] {
    switch (unit.type) {
      case 'create': return create(asCollection(unit.object));
      case 'drop': return drop(asCollection(unit.object));
      case 'rename': {
        const [a, b] = [asCollection(unit.from), asCollection(unit.to)];
        return [stmt(`db.adminCommand(${js({ renameCollection: `${a.schema}.${a.name}`, to: `${b.schema}.${b.name}` })})`, `rename collection ${a.id} to ${b.id}`)];
      }
      case 'alter': return alter(asCollection(unit.from), asCollection(unit.to));
      default: throw new Error(`document DDL: a document store has no ${unit.type} units`);
    }
  },
  // a capped collection cannot become uncapped (or change size) in place; a view's pipeline is replaced with it
  alterMode: (from, to) => {
    const [a, b] = [asCollection(from), asCollection(to)];
    return js(a.capped ?? null) !== js(b.capped ?? null) || js([a.viewOn, a.pipeline]) !== js([b.viewOn, b.pipeline]) ? 'replace' : 'in-place';
  },
  invalidatesDependents: () => false,
  preamble: [],
  dataChecks: () => [],
  script: { statement: (sql) => `${sql};`, comment: (text) => `// ${text}`, runWith: 'mongosh URL --file FILE' },
};
