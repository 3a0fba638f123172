/** The merge core on models (no server): objects and members three ways, renames, conflicts, semantic checks. */
import { describe, expect, it } from 'vitest';
import { mergeModels } from '../../src/diff/index.js';
import { mergeSequence } from '../../src/diff/merge-values.js';
import { bigint, enumType, fk, int, model, table, tableOf, text, view } from './merge-fixtures.js';

const users = (...extra: ReturnType<typeof int>[]) => table('users', [int('id', { nullable: false }), text('name'), ...extra]);

describe('mergeModels: content', () => {
  it('takes different columns added on the two sides, ours first', () => {
    const base = model(users());
    const r = mergeModels({ base, ours: model(users(text('email'))), theirs: model(users(text('phone'))) });
    expect(r.conflicts).toEqual([]);
    expect(tableOf(r.model, 'users').columns.map((c) => c.name)).toEqual(['id', 'name', 'email', 'phone']);
  });

  it('takes a column added identically on both sides once', () => {
    const base = model(users());
    const both = model(users(text('email')));
    const r = mergeModels({ base, ours: both, theirs: both });
    expect(r.conflicts).toEqual([]);
    expect(tableOf(r.model, 'users').columns.map((c) => c.name)).toEqual(['id', 'name', 'email']);
  });

  it('reports one column retyped differently on both sides as a conflict naming object, member and field', () => {
    const base = model(users(int('age')));
    const r = mergeModels({ base, ours: model(users(bigint('age'))), theirs: model(users(text('age'))) });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ kind: 'content', id: 'public.users', member: 'age', field: 'type', base: { native: 'integer' }, ours: { native: 'bigint' }, theirs: { native: 'text' } });
    // the result holds ours where the conflict is
    expect(tableOf(r.model, 'users').columns.find((c) => c.name === 'age')?.type.native).toBe('bigint');
  });

  it('merges a column renamed on one side and altered on the other into one renamed, altered column', () => {
    const base = model(users());
    const ours = model(table('users', [int('id', { nullable: false }), text('full_name')]));
    const theirs = model(table('users', [int('id', { nullable: false }), text('name', { nullable: false, comment: 'shown' })]));
    const r = mergeModels({ base, ours, theirs, renames: { ours: [{ from: 'public.users.name', to: 'public.users.full_name' }], theirs: [] } });
    expect(r.conflicts).toEqual([]);
    expect(tableOf(r.model, 'users').columns).toEqual([int('id', { nullable: false }), text('full_name', { nullable: false, comment: 'shown' })]);
  });

  it('without the rename intent the same pair is a drop against a change: a conflict, never a guess', () => {
    const base = model(users());
    const ours = model(table('users', [int('id', { nullable: false }), text('full_name')]));
    const theirs = model(table('users', [int('id', { nullable: false }), text('name', { nullable: false })]));
    const r = mergeModels({ base, ours, theirs });
    expect(r.conflicts.map((c) => [c.member, c.field])).toEqual([['name', '(member)']]);
  });

  it('follows a renamed table on one side to the changes the other side made under its old id', () => {
    const base = model(users());
    const ours = model({ ...users(), id: 'public.members', name: 'members' });
    const theirs = model(users(text('email')));
    const r = mergeModels({ base, ours, theirs, renames: { ours: [{ from: 'public.users', to: 'public.members' }], theirs: [] } });
    expect(r.conflicts).toEqual([]);
    expect(r.model.objects.map((o) => o.id)).toEqual(['public.members']);
    expect(tableOf(r.model, 'members').columns.map((c) => c.name)).toEqual(['id', 'name', 'email']);
  });

  it('names two different objects created with one id as a conflict', () => {
    const base = model();
    const r = mergeModels({ base, ours: model(table('tags', [int('id')])), theirs: model(table('tags', [text('id')])) });
    expect(r.conflicts).toMatchObject([{ id: 'public.tags', field: '(object)' }]);
  });

  it('reports a change on one side to what the other side dropped', () => {
    const base = model(users(), table('logs', [int('id')]));
    const r = mergeModels({ base, ours: model(users()), theirs: model(users(), table('logs', [int('id'), text('msg')])) });
    expect(r.conflicts).toMatchObject([{ id: 'public.logs', field: '(object)', message: expect.stringContaining('dropped on ours') }]);
  });

  it('merges concurrent enum value additions in the documented order', () => {
    const base = model(enumType('status', ['new', 'done']));
    const ours = model(enumType('status', ['new', 'paid', 'done', 'archived']));
    const theirs = model(enumType('status', ['new', 'shipped', 'done', 'cancelled']));
    const r = mergeModels({ base, ours, theirs });
    expect(r.conflicts).toEqual([]);
    expect(r.model.objects[0]).toMatchObject({ values: ['new', 'paid', 'shipped', 'done', 'archived', 'cancelled'] });
  });

  it('pins an object or a member to a side when resolved', () => {
    const base = model(users(int('age')));
    const ours = model(users(bigint('age')));
    const theirs = model(users(text('age')));
    const member = mergeModels({ base, ours, theirs, resolutions: [{ id: 'public.users', member: 'age', side: 'theirs' }] });
    expect(member.conflicts).toEqual([]);
    expect(tableOf(member.model, 'users').columns.find((c) => c.name === 'age')?.type.native).toBe('text');
    const whole = mergeModels({ base, ours, theirs, resolutions: [{ id: 'public.users', side: 'base' }] });
    expect(tableOf(whole.model, 'users').columns.find((c) => c.name === 'age')?.type.native).toBe('integer');
  });
});

describe('mergeModels: semantic conflicts', () => {
  const customers = table('customers', [int('id')]);
  const orders = table('orders', [int('id'), int('customer_id')]);

  it('finds a foreign key added to a table the other side dropped', () => {
    const base = model(customers, orders);
    const ours = model(orders);
    const theirs = model(customers, { ...orders, foreignKeys: [fk('orders_customer_fk', ['customer_id'], 'customers', ['id'])] });
    const r = mergeModels({ base, ours, theirs });
    expect(r.conflicts).toMatchObject([{ kind: 'semantic', id: 'public.orders', member: 'orders_customer_fk', field: 'references', message: expect.stringContaining('public.customers, which ours dropped') }]);
    // resolving by keeping the table settles it
    expect(mergeModels({ base, ours, theirs, resolutions: [{ id: 'public.customers', side: 'theirs' }] }).conflicts).toEqual([]);
  });

  it('finds an index and a view on a column the other side dropped', () => {
    const base = model(orders);
    const ours = model(table('orders', [int('id')]));
    const theirs = model(
      { ...orders, indexes: [{ name: 'orders_customer_idx', unique: false, method: 'btree', keys: [{ column: 'customer_id' }], definition: 'CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id)' }] },
      view('big_orders', 'SELECT customer_id FROM orders', { orders: ['customer_id'] }),
    );
    const r = mergeModels({ base, ours, theirs });
    expect(r.conflicts.map((c) => [c.kind, c.id, c.member, c.field])).toEqual([
      ['semantic', 'public.big_orders', undefined, 'dependsOnColumns'],
      ['semantic', 'public.orders', 'orders_customer_idx', 'keys'],
    ]);
  });

  it('finds an enum value removed on one side and used on the other', () => {
    const status = enumType('status', ['new', 'old']);
    const col = { name: 'state', nullable: true, type: { native: 'status', logical: { kind: 'enum' as const, ref: 'public.status' } } };
    const base = model(status, table('jobs', [int('id'), col]));
    const ours = model(enumType('status', ['new']), table('jobs', [int('id'), col]));
    const theirs = model(status, table('jobs', [int('id'), { ...col, default: "'old'::status" }]));
    const r = mergeModels({ base, ours, theirs });
    expect(r.conflicts).toMatchObject([{ kind: 'semantic', id: 'public.status', field: 'values', message: expect.stringContaining("'old' was removed on ours and is still used by public.jobs") }]);
  });
});

describe('mergeSequence', () => {
  it('keeps what both keep, places additions after their anchor (ours first), and refuses a double reorder', () => {
    expect(mergeSequence(['a', 'b', 'c'], ['a', 'x', 'b', 'c'], ['a', 'b', 'y', 'c']).value).toEqual(['a', 'x', 'b', 'y', 'c']);
    expect(mergeSequence(['a', 'b', 'c'], ['a', 'c'], ['a', 'b', 'c', 'z']).value).toEqual(['a', 'c', 'z']);
    expect(mergeSequence(['a', 'b'], ['z', 'a', 'b'], ['z', 'a', 'b', 'q'])).toEqual({ value: ['z', 'a', 'b', 'q'], conflict: false });
    expect(mergeSequence(['a', 'b', 'c'], ['b', 'a', 'c', 'x'], ['c', 'b', 'a']).conflict).toBe(true);
  });
});
