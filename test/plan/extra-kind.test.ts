/**
 * The model's union of kinds is open: a kind the planner has never heard of (a
 * document store's collection, with a validator and indexes) is diffed, ordered by its
 * `dependsOn`, re-created with what reads it, and rolled back, by the planner as it is,
 * through that engine's own DDL generator (document-ddl.ts). Offline: the plan is the
 * subject, not a server.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/index.js';
import { createPlan } from '../../src/plan/index.js';
import type { Model } from '../../unified-model/index.js';
import { asObject, documentDdl, type Collection } from './document-ddl.js';

const orders: Collection = {
  kind: 'collection', id: 'shop.orders', schema: 'shop', name: 'orders',
  validator: { $jsonSchema: { required: ['customer'] } },
  indexes: [{ name: 'by_customer', keys: { customer: 1 } }],
};
/** A view collection: it needs `orders` to exist, and goes when `orders` is replaced. */
const totals: Collection = {
  kind: 'collection', id: 'shop.totals', schema: 'shop', name: 'totals',
  viewOn: 'shop.orders', pipeline: [{ $group: { _id: '$customer' } }], dependsOn: ['shop.orders'],
};
const model = (...cs: Collection[]): Model => ({ formatVersion: 1, dialect: 'mongodb', objects: cs.map(asObject) });
const plan = (from: Model, to: Model) => createPlan({ from, to, source: { tree: 'a' }, target: { tree: 'b' }, ddl: documentDdl });
const comments = (steps: readonly { comment: string }[]) => steps.map((s) => s.comment);

describe('a kind the planner does not know', () => {
  it('is created in dependency order (views on a collection after it), and dropped the other way back', () => {
    // listed view first: the order comes from dependsOn, not from the list
    const p = plan(model(), model(totals, orders));
    expect(comments(p.steps)).toEqual(['create collection shop.orders', 'create index by_customer on shop.orders', 'create collection shop.totals']);
    expect(comments(p.rollback)).toEqual(['drop collection shop.totals', 'drop collection shop.orders']);
    expect(p.steps[0].sql).toBe('db.getSiblingDB("shop").createCollection("orders", {"validator":{"$jsonSchema":{"required":["customer"]}}})');
    expect(p.hazards).toEqual(['blocking-lock']);
    expect(p.rollbackHazards).toEqual(['data-loss']);
  });

  it('changes in place: the differ sees the validator and indexes, the adapter writes them', () => {
    const changed: Collection = { ...orders, validator: { $jsonSchema: { required: ['customer', 'total'] } }, indexes: [{ name: 'by_customer', keys: { customer: 1, at: -1 } }] };
    expect(diffModels(model(orders), model(changed)).map((c) => c.type)).toEqual(['alter']);
    const p = plan(model(orders, totals), model(changed, totals));
    expect(comments(p.steps)).toEqual(['set validator of shop.orders', 'drop index by_customer on shop.orders', 'create index by_customer on shop.orders']);
    // the way back restores the first validator and index
    expect(p.rollback.map((s) => s.sql)).toContain('db.getSiblingDB("shop").getCollection("orders").createIndex({"customer":1}, {"name":"by_customer"})');
  });

  it('a replaced collection takes what reads it along: the view is dropped first and created again last', () => {
    const capped: Collection = { ...orders, capped: { size: 1_000_000 } };
    const p = plan(model(orders, totals), model(capped, totals));
    expect(comments(p.steps)).toEqual([
      'drop collection shop.totals', 'drop collection shop.orders',
      'create collection shop.orders', 'create index by_customer on shop.orders', 'create collection shop.totals',
    ]);
    expect(p.lossyRollback).toBe(true);
  });

  it('a dependency cycle between unknown kinds is refused like any other', () => {
    const a: Collection = { ...orders, indexes: undefined, dependsOn: ['shop.totals'] };
    expect(() => plan(model(), model(a, totals))).toThrow(/dependency cycle/);
  });
});
