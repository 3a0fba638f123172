/**
 * Indexes of tables and materialized views, re-created from the engine's own
 * definition (pg_get_indexdef). Online plans build and drop them CONCURRENTLY, outside
 * a transaction. An index on a partitioned table is created for every partition at
 * once (pg_get_indexdef prints `ON ONLY`, which would leave it invalid until each
 * partition's index is attached), and a partition's copy of it is implied by it.
 */
import type { Index, Table, View } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange, commentIfSet } from './comments.js';
import { parentIndex, parentsIn, stayingParents } from './inheritance.js';
import { qualified } from './quote.js';
import { same, stmt, type DdlContext } from './statement.js';

type Owner = Pick<Table, 'id' | 'schema'> & { readonly partitioning?: Table['partitioning'] };

const what = (owner: Owner, ix: Index) => `index ${qualified(owner.schema, ix.name)} on ${owner.id}`;

/** CREATE INDEX from its definition; `concurrently` for online plans. */
export function createIndex(owner: Owner, ix: Index, concurrently = false): Statement[] {
  let sql = ix.definition.trim().replace(/;$/, '');
  if (owner.partitioning) sql = sql.replace(/^(CREATE (?:UNIQUE )?INDEX .*? ON )ONLY /s, '$1');
  const online = concurrently && !owner.partitioning;
  if (online) sql = sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
  const hazards = [...(online ? [] : (['blocking-lock'] as const)), ...(ix.unique ? (['data-dependent'] as const) : [])];
  return [stmt(sql, `create ${what(owner, ix)}`, hazards, !online), ...commentIfSet(`INDEX ${qualified(owner.schema, ix.name)}`, ix.comment, what(owner, ix))];
}

export function dropIndex(owner: Owner, ix: Index, concurrently = false): Statement[] {
  const online = concurrently && !owner.partitioning;
  return [stmt(`DROP INDEX ${online ? 'CONCURRENTLY ' : ''}${qualified(owner.schema, ix.name)}`, `drop ${what(owner, ix)}`, online ? [] : ['blocking-lock'], !online)];
}

/** Same index but maybe its comment: that changes in place. */
const commentOnly = (a: Index, b: Index) => same({ ...a, comment: undefined }, { ...b, comment: undefined });

/** Index changes of a materialized view (no partitions there): drop what is gone or changed, create what is new. */
export function indexChanges(owner: View, from: readonly Index[] = [], to: readonly Index[] = [], ctx: DdlContext): Statement[] {
  const after = new Map(to.map((i) => [i.name, i]));
  const before = new Map(from.map((i) => [i.name, i]));
  const out: Statement[] = [];
  for (const a of from) {
    const b = after.get(a.name);
    if (b && commentOnly(a, b)) out.push(...commentChange(`INDEX ${qualified(owner.schema, a.name)}`, a.comment, b.comment, what(owner, b)));
    else if (!b || !same(a, b)) out.push(...dropIndex(owner, a, ctx.options.online));
  }
  for (const b of to) {
    const a = before.get(b.name);
    if (!a || (!same(a, b) && !commentOnly(a, b))) out.push(...createIndex(owner, b, ctx.options.online));
  }
  return out;
}

/** add-index unit of a table. */
export function addIndex(from: Table, to: Table, ix: Index, ctx: DdlContext): Statement[] {
  const before = from.indexes?.find((i) => i.name === ix.name);
  if (before && commentOnly(before, ix)) return commentChange(`INDEX ${qualified(to.schema, ix.name)}`, before.comment, ix.comment, what(to, ix));
  // a partition's copy of its parent's index comes with the parent's (or with the partition)
  if (to.partitionOf && parentsIn(to, ctx.to).some((p) => parentIndex(ix, p))) return [];
  return createIndex(to, ix, ctx.options.online);
}

/** drop-index unit of a table. */
export function dropIndexUnit(from: Table, to: Table, ix: Index, ctx: DdlContext): Statement[] {
  const after = to.indexes?.find((i) => i.name === ix.name);
  if (after && commentOnly(ix, after)) return [];
  if (from.partitionOf && stayingParents(from, to, ctx).some((p) => parentIndex(ix, p.from))) return [];
  return dropIndex(from, ix, ctx.options.online);
}
