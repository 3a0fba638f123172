/**
 * What the adapter reads for each object kind, on PGlite (no server needed) with the
 * feature-dense script `features.sql`. The same script gives the same model on a
 * server (parity.test.ts), so these expectations hold there too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import { readSchema } from '../../../adapters/read-schema.js';
import type { Connection } from '../../../adapters/types.js';
import type { CompositeType, DomainType, EnumType, Extension, Model, Routine, SchemaObj, Sequence, Table, View, Collation } from '../../../unified-model/index.js';
import { byId, FEATURES_SQL, pgliteWith, readSql } from './helpers.js';

let conn: Connection;
let model: Model;
const get = <T>(id: string) => {
  const o = byId(model, id);
  if (!o) throw new Error(`${id} is not in the model`);
  return o as T;
};
const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)!;

beforeAll(async () => {
  conn = await pgliteWith(readSql(FEATURES_SQL));
  model = await postgresAdapter.introspect(conn);
});
afterAll(async () => conn?.close());

describe('schemas, types, sequences', () => {
  it('reads schemas with comments and grants, and public', () => {
    expect(get<SchemaObj>('app')).toEqual({ kind: 'schema', id: 'app', name: 'app', comment: 'application schema', grants: [{ grantee: 'redb_reader', privileges: ['USAGE'] }] });
    expect(get<SchemaObj>('"Mixed Case"').name).toBe('Mixed Case');
    // USAGE for PUBLIC on public is the engine default: no grants
    expect(get<SchemaObj>('public').grants).toBeUndefined();
  });

  it('reads enums in sort order, domains and composite types', () => {
    expect(get<EnumType>('app.mood')).toMatchObject({ values: ['sad', 'meh', 'ok', 'happy'], comment: 'feelings', grants: [{ grantee: 'redb_reader', privileges: ['USAGE'] }] });
    expect(get<DomainType>('app.posint')).toMatchObject({
      kind: 'domain',
      type: { native: 'integer', logical: { kind: 'integer', bits: 32 } },
      nullable: false,
      default: '1',
      checks: [{ name: 'posint_positive', expression: '(VALUE > 0)' }],
    });
    expect(get<DomainType>('app.short_text')).toMatchObject({ collation: '"C"', nullable: true, type: { native: 'character varying(20)' } });
    expect(get<CompositeType>('app.address').attributes).toEqual([
      { name: 'street', type: { native: 'text', logical: { kind: 'text' } } },
      { name: 'city', type: { native: 'character varying(40)', logical: { kind: 'string', length: 40 } }, collation: '"C"' },
      { name: 'zip', type: { native: 'character(5)', logical: { kind: 'string', length: 5, fixed: true } } },
    ]);
  });

  it('reads sequences with owner, leaving identity sequences on their column', () => {
    expect(get<Sequence>('app.ticket_seq')).toMatchObject({
      type: { native: 'integer' }, start: '100', increment: '5', min: '100', max: '100000', cache: '10', cycle: true,
      ownedBy: 'app.users.ticket', grants: [{ grantee: 'redb_reader', privileges: ['USAGE'] }],
    });
    expect(get<Sequence>('app.orders_id_seq').ownedBy).toBe('app.orders.id');
    expect(model.objects.filter((o) => o.kind === 'sequence').map((o) => o.id)).toEqual(['app.orders_id_seq', 'app.plain_seq', 'app.ticket_seq']);
  });

  it('reads user-defined collations', () => {
    expect(get<Collation>('app.c_order')).toMatchObject({ provider: 'libc', lcCollate: 'C', lcCtype: 'C', deterministic: true, comment: 'byte order' });
  });
});

describe('tables', () => {
  it('maps column types, defaults, identity, generated, collation and options', () => {
    const users = get<Table>('app.users');
    expect(column(users, 'id')).toEqual({ name: 'id', type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, nullable: false, identity: { generation: 'always', start: '10', increment: '2' } });
    expect(column(users, 'small').identity).toEqual({ generation: 'by-default' });
    expect(column(users, 'mood')).toMatchObject({ default: "'ok'::app.mood", type: { logical: { kind: 'enum', ref: 'app.mood' } } });
    expect(column(users, 'moods').type.logical).toEqual({ kind: 'array', of: { kind: 'enum', ref: 'app.mood' } });
    expect(column(users, 'score').type).toEqual({ native: 'app.posint', logical: { kind: 'integer', bits: 32 } });
    expect(column(users, 'email_lower').generated).toEqual({ expression: 'lower(email)', stored: true });
    expect(column(users, 'name').collation).toBe('"C"');
    expect(column(users, 'sorted').collation).toBe('app.c_order');
    expect(column(users, 'email').comment).toBe('login');
    expect(column(users, 'data').options).toEqual({ storage: 'external' });
    expect(column(users, 'doc').options).toEqual({ statistics: '500' });
    expect(column(users, 'ratio').options).toEqual({ n_distinct: '100' });
    expect(column(users, 'ticket').default).toBe("nextval('app.ticket_seq'::regclass)");
    expect(column(users, 'ts').type.logical).toEqual({ kind: 'timestamp', tz: false, precision: 0 });
  });

  it('reads keys and constraints as structure', () => {
    const users = get<Table>('app.users');
    expect(users.primaryKey).toEqual({ name: 'users_pkey', columns: ['id'] });
    expect(users.uniques).toContainEqual({ name: 'users_code_key', columns: ['code'], include: ['name'], nullsNotDistinct: true });
    expect(users.uniques).toContainEqual({ name: 'users_email_key', columns: ['email'], comment: 'one account per email' });
    const orders = get<Table>('app.orders');
    expect(orders.foreignKeys).toEqual([
      { name: 'orders_other_fk', columns: ['other_user', 'code'], references: 'app.users', referencedColumns: ['id', 'code'], onDelete: 'set-null', onUpdate: 'no-action', match: 'full', onDeleteColumns: ['other_user'] },
      { name: 'orders_user_fk2', columns: ['other_user'], references: 'app.users', referencedColumns: ['id'], onDelete: 'no-action', onUpdate: 'no-action', match: 'simple', validated: false },
      { name: 'orders_user_id_fkey', columns: ['user_id'], references: 'app.users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'restrict', match: 'simple', deferrable: true, initiallyDeferred: true },
    ]);
    expect(orders.checks).toEqual([
      { name: 'orders_total_cap', expression: '(total < (1000000)::numeric)', validated: false },
      { name: 'positive', expression: '(total > (0)::numeric)', noInherit: true },
    ]);
    expect(orders.exclusions).toEqual([
      { name: 'no_overlap', definition: 'EXCLUDE USING gist (during WITH &&) WHERE ((total > (0)::numeric))', method: 'gist', elements: [{ expression: 'during', operator: '&&' }], predicate: '(total > (0)::numeric)' },
    ]);
    expect(orders.options).toEqual({ fillfactor: '70' });
  });

  it('reads indexes that do not back a constraint, with non-default key details only', () => {
    const users = get<Table>('app.users');
    const idx = (t: Table, name: string) => t.indexes!.find((i) => i.name === name)!;
    expect(users.indexes!.map((i) => i.name)).not.toContain('users_pkey');
    expect(idx(users, 'users_email_nulls_first').keys).toEqual([{ column: 'email', nulls: 'first' }]);
    expect(idx(users, 'users_email_desc').keys).toEqual([{ column: 'email', order: 'desc' }]);
    expect(idx(users, 'users_name_posix').keys).toEqual([{ column: 'name', collation: '"POSIX"' }]);
    expect(idx(users, 'users_doc_gin')).toMatchObject({ method: 'gin', keys: [{ column: 'doc', opclass: 'jsonb_path_ops' }] });
    expect(idx(users, 'users_uid_idx')).toMatchObject({ unique: true, nullsNotDistinct: true });
    expect(idx(users, 'users_email_hash')).toMatchObject({ method: 'hash', options: { fillfactor: '80' } });
    expect(idx(users, 'users_expr_idx').keys).toEqual([{ expression: 'app.lower_email(email)' }, { expression: '((balance * (2)::numeric))' }]);
    const orders = get<Table>('app.orders');
    expect(idx(orders, 'orders_user_idx')).toEqual({
      name: 'orders_user_idx', unique: false, method: 'btree',
      keys: [{ column: 'user_id', order: 'desc', nulls: 'last' }, { column: 'created_at' }],
      include: ['total'], predicate: '(total > (10)::numeric)', comment: 'by user',
      definition: 'CREATE INDEX orders_user_idx ON app.orders USING btree (user_id DESC NULLS LAST, created_at) INCLUDE (total) WHERE (total > (10)::numeric)',
    });
    expect(idx(orders, 'orders_code_idx').keys).toEqual([{ expression: 'lower((code)::text)', opclass: 'text_pattern_ops' }]);
  });

  it('reads partitioned tables, partitions and inheritance', () => {
    expect(get<Table>('app.events').partitioning).toEqual({ strategy: 'range', key: 'RANGE (at)', columns: ['at'] });
    expect(get<Table>('app.events_2024').partitionOf).toEqual({ parent: 'app.events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" });
    expect(get<Table>('app.events_default').partitionOf).toEqual({ parent: 'app.events', bound: 'DEFAULT' });
    expect(get<Table>('app.tenants_eu').partitionOf?.bound).toBe("FOR VALUES IN ('eu', 'uk')");
    expect(get<Table>('app.shards').partitioning).toEqual({ strategy: 'hash', key: 'HASH (id, lower(key))', columns: ['id'] });
    expect(get<Table>('app.shards_1').partitionOf?.bound).toBe('FOR VALUES WITH (modulus 2, remainder 1)');
    expect(get<Table>('app.audit_log').inherits).toEqual(['app.base_log']);
    expect(get<Table>('app.cache').unlogged).toBe(true);
    // the partition's copy of the parent's trigger and foreign key are the parent's
    expect(get<Table>('app.events_2024').triggers).toBeUndefined();
    expect(get<Table>('app.event_notes').foreignKeys).toHaveLength(1);
  });

  it('reads triggers, row-level security, policies and grants', () => {
    const users = get<Table>('app.users');
    expect(users.triggers).toEqual([
      {
        name: 'users_touch', timing: 'before', events: ['update'], level: 'row', function: 'app.touch()', updateColumns: ['email', 'name'],
        when: '(old.email IS DISTINCT FROM new.email)', comment: 'keeps updated_at',
        definition: 'CREATE TRIGGER users_touch BEFORE UPDATE OF email, name ON app.users FOR EACH ROW WHEN ((old.email IS DISTINCT FROM new.email)) EXECUTE FUNCTION app.touch()',
      },
    ]);
    const orders = get<Table>('app.orders');
    expect(orders.triggers!.find((t) => t.name === 'orders_audit')).toMatchObject({ level: 'statement', timing: 'after', events: ['insert', 'delete', 'truncate'], enabled: 'disabled' });
    expect(orders.triggers!.find((t) => t.name === 'orders_check')!.definition).toMatch(/^CREATE CONSTRAINT TRIGGER/);
    expect(orders.rowLevelSecurity).toEqual({ enabled: true, forced: true });
    expect(orders.policies).toEqual([
      { name: 'capped_inserts', command: 'insert', permissive: false, roles: ['PUBLIC'], withCheck: '(total < (100)::numeric)' },
      { name: 'own_orders', command: 'select', permissive: true, roles: ['redb_reader'], using: '(user_id = 1)', comment: 'mine' },
    ]);
    expect(users.grants).toEqual([
      { grantee: 'PUBLIC', privileges: ['SELECT'], columns: ['email', 'name'] },
      { grantee: 'PUBLIC', privileges: ['UPDATE'], columns: ['name'] },
      { grantee: 'redb_reader', privileges: ['INSERT', 'SELECT'], grantable: ['INSERT', 'SELECT'] },
    ]);
  });

  it('records what a table depends on', () => {
    expect(get<Table>('app.users').dependsOn).toEqual(['app.address', 'app.lower_email(text)', 'app.mood', 'app.posint', 'app.short_text', 'app.ticket_seq', 'app.touch()']);
    expect(get<Table>('app.orders').dependsOn).toEqual(['app.orders_id_seq', 'app.touch()', 'app.users']);
    expect(get<Table>('app.events_2024').dependsOn).toEqual(['app.events']);
  });

  it('quotes ids that need it', () => {
    const t = get<Table>('"Mixed Case"."Order Items"');
    expect(t.columns.map((c) => c.name)).toEqual(['Item Id', 'select', 'Weird"Quote']);
  });
});

describe('views', () => {
  it('reads views with columns, check option, options, triggers and dependencies', () => {
    const active = get<View>('app.active_users');
    expect(active).toMatchObject({ kind: 'view', checkOption: 'cascaded', dependsOn: ['app.lower_email(text)', 'app.mood', 'app.users'], grants: [{ grantee: 'PUBLIC', privileges: ['SELECT'] }] });
    expect(active.columns.map((c) => [c.name, c.type.native])).toEqual([['id', 'bigint'], ['email', 'text'], ['le', 'text']]);
    const uo = get<View>('app.user_orders');
    expect(uo).toMatchObject({ options: { security_barrier: 'true' }, comment: 'counts', dependsOn: ['app.orders', 'app.users', 'app.view_ins()'] });
    expect(uo.columns[1]).toEqual({ name: 'n', type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, comment: 'order count' });
    expect(uo.triggers).toMatchObject([{ name: 'user_orders_ins', timing: 'instead-of', function: 'app.view_ins()' }]);
    const mv = get<View>('app.order_totals');
    expect(mv).toMatchObject({ kind: 'materialized-view', dependsOn: ['app.orders'], indexes: [{ name: 'order_totals_user', unique: true }] });
  });
});

describe('routines', () => {
  it('gives overloads distinct ids with their argument types', () => {
    expect(get<Routine>('app.add(integer, integer, integer[])').arguments).toEqual([
      { name: 'a', mode: 'in', type: 'integer' },
      { name: 'b', mode: 'in', type: 'integer', default: '1' },
      { name: 'rest', mode: 'variadic', type: 'integer[]', default: "'{}'::integer[]" },
    ]);
    expect(get<Routine>('app.add(numeric, numeric)')).toMatchObject({ cost: 5, volatility: 'immutable', returns: 'numeric' });
  });

  it('reads attributes, bodies, definitions and dependencies', () => {
    expect(get<Routine>('app.lower_email(text)')).toMatchObject({
      kind: 'function', signature: 'text', language: 'sql', body: ' SELECT lower(e) ', volatility: 'immutable', strict: true, parallel: 'safe',
      security: 'invoker', leakproof: false, comment: 'normalizes an address', grants: [{ grantee: 'redb_reader', privileges: ['EXECUTE'] }],
    });
    expect(get<Routine>('app.lower_email(text)').definition).toMatch(/^CREATE OR REPLACE FUNCTION app\.lower_email\(e text\)/);
    expect(get<Routine>('app.mood_score(app.mood)')).toMatchObject({ leakproof: true, volatility: 'stable', dependsOn: ['app.mood'] });
    expect(get<Routine>('app.twice(integer)').body).toBe('RETURN (x * 2)');
    expect(get<Routine>('app.items(integer)')).toMatchObject({ returns: 'TABLE(i integer, label text)', rows: 10 });
    expect(get<Routine>('app.items(integer)').arguments.map((a) => a.mode)).toEqual(['in', 'table', 'table']);
    expect(get<Routine>('app.secure_fn()')).toMatchObject({ security: 'definer', config: ['search_path=app, pg_temp'] });
    // EXECUTE for PUBLIC is the default: revoking it is not a grant, so none are listed
    expect(get<Routine>('app.secure_fn()').grants).toBeUndefined();
  });

  it('reads procedures and aggregates', () => {
    const proc = get<Routine>('app.reset(integer, integer)');
    expect(proc).toMatchObject({ kind: 'procedure', language: 'plpgsql' });
    expect(proc.returns).toBeUndefined();
    expect(proc.arguments).toEqual([{ name: 'n', mode: 'in', type: 'integer' }, { name: 'result', mode: 'inout', type: 'integer', default: 'NULL::integer' }]);
    expect(get<Routine>('app.concat_all(text)')).toMatchObject({
      kind: 'aggregate',
      definition: "CREATE AGGREGATE app.concat_all(text) (\n    SFUNC = textcat,\n    STYPE = text,\n    INITCOND = ''\n);",
    });
  });
});

describe('what is left out', () => {
  it('has no system objects, no extension members and no ledger (read as every model is, through readSchema)', async () => {
    const c = await pgliteWith('CREATE SCHEMA redb; CREATE TABLE redb.ledger (id int); CREATE TABLE public.t (id int);');
    try {
      const m = await readSchema(postgresAdapter, c);
      expect(m.objects.map((o) => o.id)).toEqual(['public', 'public.t']);
      expect(m.objects.some((o) => o.kind === 'extension' && (o as Extension).name === 'plpgsql')).toBe(false);
    } finally {
      await c.close();
    }
  });

  it('honours the schema filters', async () => {
    const only = await postgresAdapter.introspect(conn, { schemas: ['Mixed Case'] });
    expect(only.objects.map((o) => o.id)).toEqual(['"Mixed Case"', '"Mixed Case"."Order Items"']);
    const without = await postgresAdapter.introspect(conn, { excludeSchemas: ['app'] });
    expect(without.objects.some((o) => 'schema' in o && o.schema === 'app')).toBe(false);
    expect(without.objects.some((o) => o.id === 'public')).toBe(true);
  });
});
