/**
 * A table PostgreSQL cannot alter into its target (a new partitioning: PARTITION BY is
 * fixed at CREATE TABLE) is dropped and created again, with every member. Its data is
 * lost (data-loss). Partitions that stay partitions of it with the same bound are
 * detached first (without their copies of the old parent's indexes) and attached again;
 * partitions that change go through their own units.
 */
import type { Table } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { createIndex, dropIndex } from './indexes.js';
import { parentIndex } from './inheritance.js';
import { createPolicy } from './policies.js';
import { same, type DdlContext } from './statement.js';
import { addConstraintAfterCreate, attachPartition, createTable, detachPartition, dropTable } from './tables.js';
import { createTrigger } from './triggers.js';

/** Partitions of `from` that are partitions of `to` with the same bound in the target model. */
function keptPartitions(from: Table, ctx: DdlContext): { before: Table; after: Table }[] {
  return ctx.from.objects.flatMap((o) => {
    if (o.kind !== 'table' || o.partitionOf?.parent !== from.id) return [];
    const after = ctx.to.objects.find((x): x is Table => x.kind === 'table' && x.id === o.id);
    return after && same(after.partitionOf, o.partitionOf) ? [{ before: o, after }] : [];
  });
}

export function recreateTable(from: Table, to: Table, ctx: DdlContext): Statement[] {
  const kept = keptPartitions(from, ctx);
  const created = createTable(to, ctx);
  return [
    ...kept.flatMap((p) => detachPartition(p.before, p.before.partitionOf!, { ...ctx, options: {} })),
    // a detached partition keeps its copies of the parent's indexes; attaching it again makes the new parent's
    ...kept.flatMap((p) => (p.before.indexes ?? []).filter((ix) => parentIndex(ix, from)).flatMap((ix) => dropIndex(p.before, ix))),
    ...dropTable(from).map((s) => ({ ...s, comment: `${s.comment} (re-created: its partitioning changes)` })),
    ...created,
    ...(to.foreignKeys ?? []).map((def) => addConstraintAfterCreate(to, { kind: 'foreign-key', def })),
    ...(to.indexes ?? []).flatMap((ix) => createIndex(to, ix)),
    ...(to.triggers ?? []).flatMap((tr) => createTrigger(to, tr)),
    ...(to.policies ?? []).flatMap((p) => createPolicy(to, p)),
    ...kept.flatMap((p) => attachPartition(p.after, p.after.partitionOf!)),
  ];
}
