/**
 * Golden DDL, offline: small hand-built model objects in, the exact statements (SQL,
 * comment, hazards, transactional) out, one block per unit kind.
 */
import { describe, expect, it } from 'vitest';
import { postgresDdl } from '../../../../adapters/postgres/ddl/index.js';
import { quoteIdent, qualified, quoteLiteral } from '../../../../adapters/postgres/ddl/quote.js';
import type { DdlOptions, PlanUnit, Statement } from '../../../../adapters/types.js';
import type {
  Column, CompositeType, DbObject, DomainType, EnumType, Extension, Index, Model, Policy, Routine, SchemaObj, Sequence, Table, TableChange, Trigger, View,
} from '../../../../unified-model/index.js';

const model = (...objects: DbObject[]): Model => ({ formatVersion: 1, dialect: 'postgres', objects });
const EMPTY = model();

function run(unit: PlanUnit, ctx: { from?: Model; to?: Model; options?: DdlOptions } = {}): Statement[] {
  return postgresDdl.statements(unit, { from: ctx.from ?? EMPTY, to: ctx.to ?? EMPTY, options: ctx.options ?? {} });
}
const sqlOf = (s: Statement[]) => s.map((x) => x.sql);

const int: Column['type'] = { native: 'integer', logical: { kind: 'integer', bits: 32 } };
const text: Column['type'] = { native: 'text', logical: { kind: 'text' } };
const col = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: int, nullable: true, ...extra });
const table = (name: string, extra: Partial<Table> = {}): Table => ({ kind: 'table', id: `app.${name}`, schema: 'app', name, columns: [col('id', { nullable: false })], ...extra });
const member = (t: Table, change: TableChange, to: Table = t, ctx: { from?: Model; to?: Model; options?: DdlOptions } = {}) => run({ type: 'table', from: t, to, change }, ctx);

describe('quoting', () => {
  it('quotes identifiers the way quote_ident does', () => {
    expect(['users', 'Users', 'order items', 'select', 'user', 'int', 'between', 'left', 'a$b', '_x', '1a', 'we"ird', 'name', 'text']
      .map(quoteIdent)).toEqual(['users', '"Users"', '"order items"', '"select"', '"user"', '"int"', '"between"', '"left"', 'a$b', '_x', '"1a"', '"we""ird"', 'name', 'text']);
    expect(qualified('Mixed Case', 'table')).toBe('"Mixed Case"."table"');
    expect(quoteLiteral("it's \\ fine")).toBe("'it''s \\ fine'");
  });
});

/** `sql  -- comment [hazards] (not transactional)` per statement: compact enough to read as a golden file. */
function render(statements: Statement[]): string {
  return statements
    .map((s) => `${s.sql}\n  -- ${s.comment}${s.hazards?.length ? ` [${s.hazards.join(', ')}]` : ''}${s.transactional === false ? ' (outside transaction)' : ''}`)
    .join('\n');
}

const users = table('users', {
  columns: [
    col('id', { type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, nullable: false, identity: { generation: 'always', start: '10', increment: '2' } }),
    col('email', { type: text, nullable: false, comment: 'login' }),
    col('name', { type: { native: 'character varying(100)', logical: { kind: 'string', length: 100 } }, collation: '"C"' }),
    col('lower_email', { type: text, generated: { expression: 'lower(email)', stored: true } }),
    col('data', { type: { native: 'bytea', logical: { kind: 'binary' } }, options: { storage: 'external', statistics: '500' } }),
    col('select', { type: text, default: "'x'::text" }),
  ],
  primaryKey: { name: 'users_pkey', columns: ['id'] },
  uniques: [{ name: 'users_email_key', columns: ['email'], include: ['name'], nullsNotDistinct: true, comment: 'one per email' }],
  checks: [
    { name: 'users_id_check', expression: '(id > 0)' },
    { name: 'users_late', expression: "(email <> ''::text)", validated: false },
  ],
  comment: 'people',
  grants: [{ grantee: 'reader', privileges: ['INSERT', 'SELECT'], grantable: ['SELECT'] }, { grantee: 'PUBLIC', privileges: ['SELECT'], columns: ['email', 'name'] }],
  rowLevelSecurity: { enabled: true, forced: false },
  options: { fillfactor: '70' },
});

describe('tables', () => {
  it('create: columns, keys, checks, comments, options, grants, RLS', () => {
    expect(render(run({ type: 'create', object: users }))).toMatchInlineSnapshot(`
      "CREATE TABLE app.users (
          id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) NOT NULL,
          email text NOT NULL,
          name character varying(100) COLLATE "C",
          lower_email text GENERATED ALWAYS AS (lower(email)) STORED,
          data bytea,
          "select" text DEFAULT 'x'::text,
          CONSTRAINT users_pkey PRIMARY KEY (id),
          CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email) INCLUDE (name),
          CONSTRAINT users_id_check CHECK ((id > 0))
      ) WITH (fillfactor=70)
        -- create table app.users
      ALTER TABLE app.users ADD CONSTRAINT users_late CHECK ((email <> ''::text)) NOT VALID
        -- add check app.users.users_late
      COMMENT ON COLUMN app.users.email IS 'login'
        -- comment on column app.users.email
      ALTER TABLE app.users ALTER COLUMN data SET STORAGE EXTERNAL
        -- set storage of column app.users.data
      ALTER TABLE app.users ALTER COLUMN data SET STATISTICS 500
        -- set statistics target of column app.users.data
      COMMENT ON CONSTRAINT users_email_key ON app.users IS 'one per email'
        -- comment on unique app.users.users_email_key
      COMMENT ON TABLE app.users IS 'people'
        -- comment on table app.users
      GRANT SELECT (email, name) ON TABLE app.users TO PUBLIC
        -- grant SELECT (email, name) on table app.users to PUBLIC
      GRANT INSERT ON TABLE app.users TO reader
        -- grant INSERT on table app.users to reader
      GRANT SELECT ON TABLE app.users TO reader WITH GRANT OPTION
        -- grant SELECT on table app.users to reader with grant option
      ALTER TABLE app.users ENABLE ROW LEVEL SECURITY
        -- enable row level security on app.users"
    `);
  });

  it('create: unlogged, partitioned, inheriting, and a partition that differs from its parent', () => {
    const parent = table('events', {
      columns: [col('id', { nullable: false }), col('at', { type: { native: 'date', logical: { kind: 'date' } }, nullable: false }), col('kind', { type: text })],
      primaryKey: { name: 'events_pkey', columns: ['id', 'at'] },
      partitioning: { strategy: 'range', key: 'RANGE (at)', columns: ['at'] },
    });
    const part = table('events_2024', {
      columns: [parent.columns[0], parent.columns[1], col('kind', { type: text, default: "'x'::text", nullable: false })],
      primaryKey: { name: 'events_2024_key', columns: ['id', 'at'] },
      checks: [{ name: 'kind_set', expression: "(kind <> ''::text)" }],
      partitionOf: { parent: 'app.events', bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" },
    });
    const base = table('base', { columns: [col('id'), col('msg', { type: text })], checks: [{ name: 'base_id_check', expression: '(id > 0)' }] });
    const child = table('child', { columns: [col('id'), col('msg', { type: text, nullable: false }), col('extra', { type: text })], checks: base.checks, inherits: ['app.base'], unlogged: true });
    const to = model(parent, part, base, child);
    expect(render([...run({ type: 'create', object: parent }, { to }), ...run({ type: 'create', object: part }, { to }), ...run({ type: 'create', object: child }, { to })])).toMatchInlineSnapshot(`
      "CREATE TABLE app.events (
          id integer NOT NULL,
          at date NOT NULL,
          kind text,
          CONSTRAINT events_pkey PRIMARY KEY (id, at)
      ) PARTITION BY RANGE (at)
        -- create table app.events
      CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
        -- create table app.events_2024 (partition of app.events)
      ALTER TABLE app.events_2024 ALTER COLUMN kind SET DEFAULT 'x'::text
        -- set default of app.events_2024.kind
      ALTER TABLE app.events_2024 ALTER COLUMN kind SET NOT NULL
        -- forbid nulls in app.events_2024.kind
      ALTER TABLE app.events_2024 RENAME CONSTRAINT events_2024_pkey TO events_2024_key
        -- rename primary key of app.events_2024
      ALTER TABLE app.events_2024 ADD CONSTRAINT kind_set CHECK ((kind <> ''::text))
        -- add check app.events_2024.kind_set
      CREATE UNLOGGED TABLE app.child (
          msg text NOT NULL,
          extra text
      ) INHERITS (app.base)
        -- create table app.child"
    `);
  });

  it('drop and rename', () => {
    const moved = { ...users, id: 'archive.members', schema: 'archive', name: 'members' };
    expect(render([...run({ type: 'drop', object: users }), ...run({ type: 'rename', from: users, to: moved })])).toMatchInlineSnapshot(`
      "DROP TABLE app.users
        -- drop table app.users [data-loss]
      ALTER TABLE app.users RENAME TO members
        -- rename table app.users to archive.members
      ALTER TABLE app.members SET SCHEMA archive
        -- move table app.users to schema archive"
    `);
  });
});

describe('columns', () => {
  const t = table('t', { columns: [col('id', { nullable: false }), col('name', { type: { native: 'character varying(10)', logical: { kind: 'string', length: 10 } }, default: "'n'::character varying" })] });
  it('add, drop, rename', () => {
    expect(render([
      ...member(t, { type: 'add-column', column: col('n', { nullable: false, default: '0', comment: 'count' }) }),
      ...member(t, { type: 'add-column', column: col('u', { type: { native: 'uuid', logical: { kind: 'uuid' } }, default: 'gen_random_uuid()' }) }),
      ...member(t, { type: 'add-column', column: col('m', { nullable: false }) }),
      ...member(t, { type: 'drop-column', column: t.columns[1] }),
      ...member(t, { type: 'rename-column', from: t.columns[1], to: { ...t.columns[1], name: 'Full Name' } }),
    ])).toMatchInlineSnapshot(`
      "ALTER TABLE app.t ADD COLUMN n integer DEFAULT 0 NOT NULL
        -- add column app.t.n
      COMMENT ON COLUMN app.t.n IS 'count'
        -- comment on column app.t.n
      ALTER TABLE app.t ADD COLUMN u uuid DEFAULT gen_random_uuid()
        -- add column app.t.u [table-rewrite, blocking-lock]
      ALTER TABLE app.t ADD COLUMN m integer NOT NULL
        -- add column app.t.m [data-dependent]
      ALTER TABLE app.t DROP COLUMN name
        -- drop column app.t.name [data-loss]
      ALTER TABLE app.t RENAME COLUMN name TO "Full Name"
        -- rename column app.t.name to "Full Name""
    `);
  });

  it('alter: types (coercible, narrowing, rewriting), NOT NULL, default, collation', () => {
    const name = t.columns[1];
    const alter = (to: Partial<Column>) => member(t, { type: 'alter-column', from: name, to: { ...name, ...to } });
    expect(render([
      ...alter({ type: { native: 'character varying(20)', logical: { kind: 'string', length: 20 } } }),
      ...alter({ type: { native: 'character varying(5)', logical: { kind: 'string', length: 5 } }, default: undefined }),
      ...alter({ type: int, default: undefined }),
      ...alter({ nullable: false, default: "'m'::character varying", collation: '"C"' }),
    ])).toMatchInlineSnapshot(`
      "ALTER TABLE app.t ALTER COLUMN name TYPE character varying(20) USING name::character varying(20)
        -- change type of app.t.name [blocking-lock]
      ALTER TABLE app.t ALTER COLUMN name DROP DEFAULT
        -- drop default (before its type changes) of app.t.name
      ALTER TABLE app.t ALTER COLUMN name TYPE character varying(5) USING name::character varying(5)
        -- change type of app.t.name [blocking-lock, table-rewrite, data-dependent, data-loss]
      ALTER TABLE app.t ALTER COLUMN name DROP DEFAULT
        -- drop default (before its type changes) of app.t.name
      ALTER TABLE app.t ALTER COLUMN name TYPE integer USING name::integer
        -- change type of app.t.name [blocking-lock, table-rewrite, data-dependent]
      ALTER TABLE app.t ALTER COLUMN name TYPE character varying(10) COLLATE "C"
        -- change collation of app.t.name [blocking-lock]
      ALTER TABLE app.t ALTER COLUMN name SET NOT NULL
        -- forbid nulls in app.t.name [blocking-lock, data-dependent]
      ALTER TABLE app.t ALTER COLUMN name SET DEFAULT 'm'::character varying
        -- set default of app.t.name"
    `);
  });

  it('alter: identity added, changed, dropped; generated expression changed', () => {
    const id = t.columns[0];
    const g = col('g', { generated: { expression: '(id * 2)', stored: true } });
    const withG = { ...t, columns: [...t.columns, g], indexes: [{ name: 't_g_idx', unique: false, method: 'btree', keys: [{ column: 'g' }], definition: 'CREATE INDEX t_g_idx ON app.t USING btree (g)' }] };
    expect(render([
      ...member(t, { type: 'alter-column', from: id, to: { ...id, identity: { generation: 'by-default', start: '100' } } }),
      ...member(t, { type: 'alter-column', from: { ...id, identity: { generation: 'by-default', start: '100' } }, to: { ...id, identity: { generation: 'always', increment: '5', cycle: true } } }),
      ...member(t, { type: 'alter-column', from: { ...id, identity: { generation: 'always' } }, to: id }),
      ...member(withG, { type: 'alter-column', from: g, to: { ...g, generated: { expression: '(id * 3)', stored: true } } }),
    ])).toMatchInlineSnapshot(`
      "ALTER TABLE app.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH 100)
        -- add identity to app.t.id
      ALTER TABLE app.t ALTER COLUMN id SET GENERATED ALWAYS SET START WITH 1 SET INCREMENT BY 5 SET CYCLE
        -- change identity of app.t.id
      ALTER TABLE app.t ALTER COLUMN id DROP IDENTITY
        -- drop identity of app.t.id
      ALTER TABLE app.t DROP COLUMN g
        -- drop column app.t.g to change its expression
      ALTER TABLE app.t ADD COLUMN g integer GENERATED ALWAYS AS ((id * 3)) STORED
        -- add column app.t.g with its new expression [table-rewrite, blocking-lock]
      CREATE INDEX t_g_idx ON app.t USING btree (g)
        -- create index app.t_g_idx on app.t [blocking-lock]"
    `);
  });

  it('alter: comment and options', () => {
    const c = col('c', { type: text, options: { storage: 'external', n_distinct: '10' } });
    expect(render(member(t, { type: 'alter-column', from: c, to: { ...c, comment: 'hi', options: { statistics: '100', compression: 'pglz' } } }))).toMatchInlineSnapshot(`
      "COMMENT ON COLUMN app.t.c IS 'hi'
        -- comment on column app.t.c
      ALTER TABLE app.t ALTER COLUMN c SET STORAGE EXTENDED
        -- set storage of column app.t.c
      ALTER TABLE app.t ALTER COLUMN c SET COMPRESSION pglz
        -- set compression of column app.t.c
      ALTER TABLE app.t ALTER COLUMN c SET STATISTICS 100
        -- set statistics target of column app.t.c
      ALTER TABLE app.t ALTER COLUMN c RESET (n_distinct)
        -- reset options of column app.t.c"
    `);
  });

  it('invalidate dependents only for drops, type and collation changes', () => {
    const c = col('c', { type: text });
    expect([
      postgresDdl.invalidatesDependents({ type: 'drop-column', column: c }),
      postgresDdl.invalidatesDependents({ type: 'alter-column', from: c, to: { ...c, type: int } }),
      postgresDdl.invalidatesDependents({ type: 'alter-column', from: c, to: { ...c, collation: '"C"' } }),
      postgresDdl.invalidatesDependents({ type: 'alter-column', from: c, to: { ...c, nullable: false } }),
      postgresDdl.invalidatesDependents({ type: 'rename-column', from: c, to: { ...c, name: 'd' } }),
      postgresDdl.invalidatesDependents({ type: 'add-column', column: c }),
    ]).toEqual([true, true, true, false, false, false]);
  });
});

describe('constraints', () => {
  const t = table('orders', { columns: [col('id', { nullable: false }), col('user_id'), col('code', { type: text })] });
  const fk = { kind: 'foreign-key' as const, def: { name: 'orders_user_fk', columns: ['user_id'], references: 'app.users', referencedColumns: ['id'], onDelete: 'set-null' as const, onDeleteColumns: ['user_id'], onUpdate: 'cascade' as const, match: 'full' as const, deferrable: true, initiallyDeferred: true } };
  const check = { kind: 'check' as const, def: { name: 'orders_code_check', expression: "(code <> ''::text)", noInherit: true, comment: 'no empty codes' } };
  const pk = { kind: 'primary-key' as const, def: { name: 'orders_pkey', columns: ['id'], include: ['code'] } };
  const uq = { kind: 'unique' as const, def: { name: 'orders_code_key', columns: ['code'], nullsNotDistinct: true } };
  const ex = { kind: 'exclusion' as const, def: { name: 'orders_excl', definition: 'EXCLUDE USING gist (during WITH &&) DEFERRABLE', method: 'gist', elements: [{ expression: 'during', operator: '&&' }] } };

  it('add every kind, then drop', () => {
    expect(render([pk, uq, fk, check, ex].flatMap((constraint) => member(t, { type: 'add-constraint', constraint }))))
      .toMatchInlineSnapshot(`
        "ALTER TABLE app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id) INCLUDE (code)
          -- add primary-key app.orders.orders_pkey [blocking-lock, data-dependent]
        ALTER TABLE app.orders ADD CONSTRAINT orders_code_key UNIQUE NULLS NOT DISTINCT (code)
          -- add unique app.orders.orders_code_key [blocking-lock, data-dependent]
        ALTER TABLE app.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (user_id) DEFERRABLE INITIALLY DEFERRED
          -- add foreign-key app.orders.orders_user_fk [blocking-lock, data-dependent]
        ALTER TABLE app.orders ADD CONSTRAINT orders_code_check CHECK ((code <> ''::text)) NO INHERIT
          -- add check app.orders.orders_code_check [blocking-lock, data-dependent]
        COMMENT ON CONSTRAINT orders_code_check ON app.orders IS 'no empty codes'
          -- comment on check app.orders.orders_code_check
        ALTER TABLE app.orders ADD CONSTRAINT orders_excl EXCLUDE USING gist (during WITH &&) DEFERRABLE
          -- add exclusion app.orders.orders_excl [blocking-lock, data-dependent]"
      `);
    expect(sqlOf(member(t, { type: 'drop-constraint', constraint: fk }))).toEqual(['ALTER TABLE app.orders DROP CONSTRAINT orders_user_fk']);
  });

  it('online: NOT VALID then VALIDATE; keys through a concurrent index', () => {
    expect(render([fk, check, pk, uq].flatMap((constraint) => member(t, { type: 'add-constraint', constraint }, t, { options: { online: true } }))))
      .toMatchInlineSnapshot(`
        "ALTER TABLE app.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (user_id) DEFERRABLE INITIALLY DEFERRED NOT VALID
          -- add foreign-key app.orders.orders_user_fk without checking existing rows
        ALTER TABLE app.orders VALIDATE CONSTRAINT orders_user_fk
          -- validate foreign-key app.orders.orders_user_fk [data-dependent]
        ALTER TABLE app.orders ADD CONSTRAINT orders_code_check CHECK ((code <> ''::text)) NO INHERIT NOT VALID
          -- add check app.orders.orders_code_check without checking existing rows
        ALTER TABLE app.orders VALIDATE CONSTRAINT orders_code_check
          -- validate check app.orders.orders_code_check [data-dependent]
        COMMENT ON CONSTRAINT orders_code_check ON app.orders IS 'no empty codes'
          -- comment on check app.orders.orders_code_check
        CREATE UNIQUE INDEX CONCURRENTLY orders_pkey ON app.orders (id) INCLUDE (code)
          -- build the index of primary-key app.orders.orders_pkey [data-dependent, not-transactional] (outside transaction)
        ALTER TABLE app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey
          -- add primary-key app.orders.orders_pkey using its index [data-dependent]
        CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON app.orders (code) NULLS NOT DISTINCT
          -- build the index of unique app.orders.orders_code_key [data-dependent, not-transactional] (outside transaction)
        ALTER TABLE app.orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_key
          -- add unique app.orders.orders_code_key using its index"
      `);
  });

  it('a comment-only or validation-only change is not a drop and add', () => {
    const before = { ...t, checks: [{ ...check.def, comment: undefined, validated: false }] };
    const after = { ...t, checks: [check.def] };
    expect(member(before, { type: 'drop-constraint', constraint: { kind: 'check', def: before.checks[0] } }, after)).toEqual([]);
    expect(render(member(before, { type: 'add-constraint', constraint: check }, after))).toMatchInlineSnapshot(`
      "ALTER TABLE app.orders VALIDATE CONSTRAINT orders_code_check
        -- validate check app.orders.orders_code_check [data-dependent]
      COMMENT ON CONSTRAINT orders_code_check ON app.orders IS 'no empty codes'
        -- comment on check app.orders.orders_code_check"
    `);
  });
});

describe('indexes', () => {
  const t = table('x');
  const ix: Index = { name: 'x_part', unique: true, method: 'btree', keys: [{ column: 'id' }], predicate: '(id > 10)', comment: 'partial', definition: 'CREATE UNIQUE INDEX x_part ON app.x USING btree (id) WHERE (id > 10)' };
  it('add and drop, plain and online', () => {
    expect(render([
      ...member(t, { type: 'add-index', index: ix }),
      ...member(t, { type: 'add-index', index: ix }, t, { options: { online: true } }),
      ...member(t, { type: 'drop-index', index: ix }),
      ...member(t, { type: 'drop-index', index: ix }, t, { options: { online: true } }),
    ])).toMatchInlineSnapshot(`
      "CREATE UNIQUE INDEX x_part ON app.x USING btree (id) WHERE (id > 10)
        -- create index app.x_part on app.x [blocking-lock, data-dependent]
      COMMENT ON INDEX app.x_part IS 'partial'
        -- comment on index app.x_part on app.x
      CREATE UNIQUE INDEX CONCURRENTLY x_part ON app.x USING btree (id) WHERE (id > 10)
        -- create index app.x_part on app.x [data-dependent, not-transactional] (outside transaction)
      COMMENT ON INDEX app.x_part IS 'partial'
        -- comment on index app.x_part on app.x
      DROP INDEX app.x_part
        -- drop index app.x_part on app.x [blocking-lock]
      DROP INDEX CONCURRENTLY app.x_part
        -- drop index app.x_part on app.x [not-transactional] (outside transaction)"
    `);
  });

  it('an index of a partitioned table covers its partitions; a partition\'s copy is implied', () => {
    const parent = table('ev', { partitioning: { strategy: 'range', key: 'RANGE (id)', columns: ['id'] }, indexes: [{ name: 'ev_id_idx', unique: false, method: 'btree', keys: [{ column: 'id' }], definition: 'CREATE INDEX ev_id_idx ON ONLY app.ev USING btree (id)' }] });
    const part = table('ev_1', { partitionOf: { parent: 'app.ev', bound: 'FOR VALUES FROM (1) TO (10)' }, indexes: [{ name: 'ev_1_id_idx', unique: false, method: 'btree', keys: [{ column: 'id' }], definition: 'CREATE INDEX ev_1_id_idx ON app.ev_1 USING btree (id)' }] });
    const to = model(parent, part);
    expect(sqlOf(member({ ...parent, indexes: [] }, { type: 'add-index', index: parent.indexes![0] }, parent, { to, options: { online: true } }))).toEqual(['CREATE INDEX ev_id_idx ON app.ev USING btree (id)']);
    expect(member({ ...part, indexes: [] }, { type: 'add-index', index: part.indexes![0] }, part, { to })).toEqual([]);
    expect(member(part, { type: 'drop-index', index: part.indexes![0] }, { ...part, indexes: [] }, { from: to, to: model({ ...parent, indexes: [] }, { ...part, indexes: [] }) })).toEqual([]);
  });
});

describe('triggers and policies', () => {
  const t = table('x');
  const trg: Trigger = { name: 'x_touch', timing: 'before', events: ['update'], level: 'row', function: 'app.touch()', enabled: 'disabled', comment: 'touch', definition: 'CREATE TRIGGER x_touch BEFORE UPDATE ON app.x FOR EACH ROW EXECUTE FUNCTION app.touch()' };
  it('triggers', () => {
    expect(render([
      ...member(t, { type: 'add-trigger', trigger: trg }),
      ...member(t, { type: 'drop-trigger', trigger: trg }),
      // only the enabled state changes
      ...member({ ...t, triggers: [trg] }, { type: 'add-trigger', trigger: { ...trg, enabled: 'always' } }, { ...t, triggers: [{ ...trg, enabled: 'always' }] }),
    ])).toMatchInlineSnapshot(`
      "CREATE TRIGGER x_touch BEFORE UPDATE ON app.x FOR EACH ROW EXECUTE FUNCTION app.touch()
        -- create trigger x_touch on app.x
      ALTER TABLE app.x DISABLE TRIGGER x_touch
        -- set trigger x_touch on app.x disabled
      COMMENT ON TRIGGER x_touch ON app.x IS 'touch'
        -- comment on trigger x_touch on app.x
      DROP TRIGGER x_touch ON app.x
        -- drop trigger x_touch on app.x
      ALTER TABLE app.x ENABLE ALWAYS TRIGGER x_touch
        -- set trigger x_touch on app.x always"
    `);
  });

  it('policies and row-level security', () => {
    const p: Policy = { name: 'own', command: 'select', permissive: true, roles: ['reader', 'Admin'], using: '(owner = CURRENT_USER)', comment: 'mine' };
    const q: Policy = { name: 'cap', command: 'insert', permissive: false, roles: ['PUBLIC'], withCheck: '(id < 100)' };
    expect(render([
      ...member(t, { type: 'add-policy', policy: p }),
      ...member(t, { type: 'add-policy', policy: q }),
      ...member(t, { type: 'alter-policy', from: p, to: { ...p, roles: ['PUBLIC'], using: '(id > 0)', comment: undefined } }),
      ...member(t, { type: 'alter-policy', from: { ...q, using: '(true)' }, to: q }),
      ...member(t, { type: 'drop-policy', policy: p }),
      ...member(t, { type: 'set-row-level-security', from: undefined, to: { enabled: true, forced: true } }),
      ...member(t, { type: 'set-row-level-security', from: { enabled: true, forced: true }, to: undefined }),
    ])).toMatchInlineSnapshot(`
      "CREATE POLICY own ON app.x AS PERMISSIVE FOR SELECT TO reader, "Admin" USING ((owner = CURRENT_USER))
        -- create policy own on app.x
      COMMENT ON POLICY own ON app.x IS 'mine'
        -- comment on policy own on app.x
      CREATE POLICY cap ON app.x AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK ((id < 100))
        -- create policy cap on app.x
      ALTER POLICY own ON app.x TO PUBLIC USING ((id > 0))
        -- alter policy own on app.x
      COMMENT ON POLICY own ON app.x IS NULL
        -- remove comment on policy own on app.x
      DROP POLICY cap ON app.x
        -- drop policy cap on app.x
      CREATE POLICY cap ON app.x AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK ((id < 100))
        -- create policy cap on app.x
      DROP POLICY own ON app.x
        -- drop policy own on app.x
      ALTER TABLE app.x ENABLE ROW LEVEL SECURITY
        -- enable row level security on app.x
      ALTER TABLE app.x FORCE ROW LEVEL SECURITY
        -- force row level security on app.x
      ALTER TABLE app.x DISABLE ROW LEVEL SECURITY
        -- disable row level security on app.x
      ALTER TABLE app.x NO FORCE ROW LEVEL SECURITY
        -- stop forcing row level security on app.x"
    `);
  });
});

describe('table settings', () => {
  const t = table('x');
  it('comment, grants, options, partitions', () => {
    expect(render([
      ...member(t, { type: 'set-comment', from: 'old', to: "it's new" }),
      ...member(t, { type: 'set-comment', from: 'old', to: undefined }),
      ...member(t, { type: 'set-grants', from: [{ grantee: 'a', privileges: ['SELECT', 'UPDATE'], grantable: ['SELECT'] }, { grantee: 'b', privileges: ['SELECT'], columns: ['x', 'y'] }, { grantee: 'b', privileges: ['SELECT'] }],
        to: [{ grantee: 'a', privileges: ['DELETE', 'SELECT'] }, { grantee: 'b', privileges: ['SELECT'], columns: ['x'] }, { grantee: 'Weird Role', privileges: ['SELECT'], grantable: ['SELECT'] }] }),
      ...member(t, { type: 'set-options', from: { fillfactor: '70', autovacuum_enabled: 'false' }, to: { fillfactor: '80', 'toast.autovacuum_enabled': 'false', access_method: 'heap2' } }),
      ...member(t, { type: 'attach-partition', partitionOf: { parent: 'app.ev', bound: 'DEFAULT' } }),
      ...member(t, { type: 'detach-partition', partitionOf: { parent: 'app.ev', bound: 'DEFAULT' } }),
      ...member(t, { type: 'detach-partition', partitionOf: { parent: 'app.ev', bound: 'FOR VALUES IN (1)' } }, t, { options: { online: true } }),
    ])).toMatchInlineSnapshot(`
      "COMMENT ON TABLE app.x IS 'it''s new'
        -- comment on table app.x
      COMMENT ON TABLE app.x IS NULL
        -- remove comment on table app.x
      REVOKE UPDATE ON TABLE app.x FROM a
        -- revoke UPDATE on table app.x from a
      REVOKE SELECT ON TABLE app.x FROM b
        -- revoke SELECT on table app.x from b
      REVOKE SELECT (y) ON TABLE app.x FROM b
        -- revoke SELECT (y) on table app.x from b
      REVOKE GRANT OPTION FOR SELECT ON TABLE app.x FROM a
        -- revoke grant option for SELECT on table app.x from a
      GRANT SELECT ON TABLE app.x TO "Weird Role" WITH GRANT OPTION
        -- grant SELECT on table app.x to Weird Role with grant option
      GRANT DELETE ON TABLE app.x TO a
        -- grant DELETE on table app.x to a
      GRANT SELECT (x) ON TABLE app.x TO b
        -- grant SELECT (x) on table app.x to b
      ALTER TABLE app.x SET ACCESS METHOD heap2
        -- set access method of app.x [table-rewrite, blocking-lock]
      ALTER TABLE app.x SET (fillfactor=80, toast.autovacuum_enabled=false)
        -- set storage parameters of app.x
      ALTER TABLE app.x RESET (autovacuum_enabled)
        -- reset storage parameters of app.x
      ALTER TABLE app.ev ATTACH PARTITION app.x DEFAULT
        -- attach app.x to app.ev [blocking-lock, data-dependent]
      ALTER TABLE app.ev DETACH PARTITION app.x
        -- detach app.x from app.ev [blocking-lock]
      ALTER TABLE app.ev DETACH PARTITION app.x CONCURRENTLY
        -- detach app.x from app.ev [not-transactional] (outside transaction)"
    `);
  });
});

describe('table settings the differ compares since partitioning, inherits, unlogged and column order count', () => {
  const t = table('x');
  it('inherits, unlogged, column order', () => {
    expect(render([
      ...member(t, { type: 'set-inherits', from: ['app.a', 'app.b'], to: ['app.b'] }),
      ...member(t, { type: 'set-inherits', from: ['app.b'], to: ['app.b', 'app.Weird'] }),
      ...member(t, { type: 'set-unlogged', from: undefined, to: true }),
      ...member(t, { type: 'set-unlogged', from: true, to: false }),
      ...member(t, { type: 'set-unlogged', from: undefined, to: false }),
      ...member(t, { type: 'reorder-columns', from: ['id', 'b'], to: ['b', 'id'] }),
    ])).toMatchInlineSnapshot(`
      "ALTER TABLE app.x NO INHERIT app.a
        -- app.x stops inheriting from app.a [blocking-lock]
      ALTER TABLE app.x INHERIT app."Weird"
        -- app.x inherits from app.Weird [blocking-lock]
      ALTER TABLE app.x SET UNLOGGED
        -- make app.x unlogged [table-rewrite, blocking-lock]
      ALTER TABLE app.x SET LOGGED
        -- make app.x logged [table-rewrite, blocking-lock]"
    `);
  });

  it('a new partitioning re-creates the table with its members (data-loss); views reading it are re-created', () => {
    const from = table('ev', { partitioning: { strategy: 'list', key: 'LIST (id)', columns: ['id'] } });
    const to = table('ev', {
      partitioning: { strategy: 'range', key: 'RANGE (id)', columns: ['id'] },
      indexes: [{ name: 'ev_id', unique: false, method: 'btree', keys: [{ column: 'id' }], definition: 'CREATE INDEX ev_id ON ONLY app.ev USING btree (id)' }],
      comment: 'events',
    });
    expect(render(member(from, { type: 'set-partitioning', from: from.partitioning, to: to.partitioning }, to, { from: model(from), to: model(to) }))).toMatchInlineSnapshot(`
      "DROP TABLE app.ev
        -- drop table app.ev (re-created: its partitioning changes) [data-loss]
      CREATE TABLE app.ev (
          id integer NOT NULL
      ) PARTITION BY RANGE (id)
        -- create table app.ev
      COMMENT ON TABLE app.ev IS 'events'
        -- comment on table app.ev
      CREATE INDEX ev_id ON app.ev USING btree (id)
        -- create index app.ev_id on app.ev [blocking-lock]"
    `);
    expect(postgresDdl.invalidatesDependents({ type: 'set-partitioning', from: from.partitioning, to: to.partitioning })).toBe(true);
  });
});

describe('views', () => {
  const bigint: Column['type'] = { native: 'bigint', logical: { kind: 'integer', bits: 64 } };
  const v: View = {
    kind: 'view', id: 'app.active', schema: 'app', name: 'active', definition: ' SELECT id,\n    email\n   FROM app.users;',
    columns: [{ name: 'id', type: bigint }, { name: 'email', type: text, comment: 'login' }], checkOption: 'cascaded', options: { security_barrier: 'true' },
    comment: 'active users', grants: [{ grantee: 'PUBLIC', privileges: ['SELECT'] }],
  };
  const wider: View = { ...v, definition: ' SELECT id,\n    email,\n    name\n   FROM app.users;', columns: [...v.columns, { name: 'name', type: text }] };
  const mv: View = { kind: 'materialized-view', id: 'app.totals', schema: 'app', name: 'totals', definition: ' SELECT 1 AS one;', columns: [{ name: 'one', type: int }] };

  it('create, replace in place, drop, rename', () => {
    expect(render([
      ...run({ type: 'create', object: v }),
      ...run({ type: 'alter', from: v, to: wider }),
      ...run({ type: 'drop', object: v }),
      ...run({ type: 'rename', from: mv, to: { ...mv, id: 'app.sums', name: 'sums' } }),
    ])).toMatchInlineSnapshot(`
      "CREATE VIEW app.active WITH (security_barrier=true) AS
      SELECT id,
          email
         FROM app.users
        WITH CASCADED CHECK OPTION
        -- create view app.active
      COMMENT ON VIEW app.active IS 'active users'
        -- comment on view app.active
      COMMENT ON COLUMN app.active.email IS 'login'
        -- comment on column app.active.email
      GRANT SELECT ON TABLE app.active TO PUBLIC
        -- grant SELECT on view app.active to PUBLIC
      CREATE OR REPLACE VIEW app.active WITH (security_barrier=true) AS
      SELECT id,
          email,
          name
         FROM app.users
        WITH CASCADED CHECK OPTION
        -- replace view app.active
      DROP VIEW app.active
        -- drop view app.active
      ALTER MATERIALIZED VIEW app.totals RENAME TO sums
        -- rename materialized view app.totals to app.sums"
    `);
  });

  it('alter modes: views keep a column prefix, materialized views their query', () => {
    expect([
      postgresDdl.alterMode(v, wider),
      postgresDdl.alterMode(wider, v),
      postgresDdl.alterMode(v, { ...v, columns: [v.columns[0], { name: 'email', type: bigint }] }),
      postgresDdl.alterMode(mv, { ...mv, comment: 'x', indexes: [] }),
      postgresDdl.alterMode(mv, { ...mv, definition: ' SELECT 2 AS one;' }),
    ]).toEqual(['in-place', 'replace', 'replace', 'in-place', 'replace']);
  });

  it('a materialized view changes comment, index and storage in place', () => {
    const ix: Index = { name: 'totals_one', unique: true, method: 'btree', keys: [{ column: 'one' }], definition: 'CREATE UNIQUE INDEX totals_one ON app.totals USING btree (one)' };
    expect(render([
      ...run({ type: 'create', object: { ...mv, indexes: [ix] } }),
      ...run({ type: 'alter', from: mv, to: { ...mv, comment: 'sums', indexes: [ix], options: { fillfactor: '50' } } }),
    ])).toMatchInlineSnapshot(`
      "CREATE MATERIALIZED VIEW app.totals AS
      SELECT 1 AS one
        -- create materialized view app.totals
      CREATE UNIQUE INDEX totals_one ON app.totals USING btree (one)
        -- create index app.totals_one on app.totals [blocking-lock, data-dependent]
      ALTER MATERIALIZED VIEW app.totals SET (fillfactor=50)
        -- set storage parameters of app.totals
      CREATE UNIQUE INDEX totals_one ON app.totals USING btree (one)
        -- create index app.totals_one on app.totals [blocking-lock, data-dependent]
      COMMENT ON MATERIALIZED VIEW app.totals IS 'sums'
        -- comment on materialized view app.totals"
    `);
  });
});

describe('sequences', () => {
  const s: Sequence = { kind: 'sequence', id: 'app.seq', schema: 'app', name: 'seq', type: int, start: '100', increment: '5', min: '100', max: '100000', cache: '10', cycle: true, comment: 'tickets' };
  it('create, alter (bounds, type, owner), drop, rename', () => {
    expect(render([
      ...run({ type: 'create', object: s }),
      ...run({ type: 'alter', from: s, to: { ...s, min: '200', start: '200', max: '5000' } }),
      ...run({ type: 'alter', from: s, to: { ...s, type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, max: '9223372036854775807', cycle: false } }),
      ...run({ type: 'alter', from: s, to: { ...s, ownedBy: 'app.users.ticket' } }),
      ...run({ type: 'alter', from: { ...s, ownedBy: 'app.users.ticket' }, to: { ...s, unlogged: true } }),
      ...run({ type: 'drop', object: s }),
      ...run({ type: 'rename', from: s, to: { ...s, id: 'app.seq2', name: 'seq2' } }),
    ])).toMatchInlineSnapshot(`
      "CREATE SEQUENCE app.seq AS integer INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 START WITH 100 CACHE 10 CYCLE
        -- create sequence app.seq
      COMMENT ON SEQUENCE app.seq IS 'tickets'
        -- comment on sequence app.seq
      SELECT pg_catalog.setval('app.seq', 200, false) FROM app.seq WHERE last_value < 200
        -- move sequence app.seq up to its new minimum [data-dependent]
      SELECT pg_catalog.setval('app.seq', 5000, false) FROM app.seq WHERE last_value > 5000
        -- move sequence app.seq down to its new maximum [data-dependent]
      ALTER SEQUENCE app.seq MINVALUE 200 MAXVALUE 5000 START WITH 200
        -- alter sequence app.seq
      ALTER SEQUENCE app.seq AS bigint INCREMENT BY 5 MINVALUE 100 MAXVALUE 9223372036854775807 NO CYCLE
        -- alter sequence app.seq
      ALTER SEQUENCE app.seq OWNED BY app.users.ticket
        -- set owner column of sequence app.seq
      ALTER SEQUENCE app.seq OWNED BY NONE
        -- set owner column of sequence app.seq
      ALTER SEQUENCE app.seq SET UNLOGGED
        -- make sequence app.seq unlogged
      DROP SEQUENCE app.seq
        -- drop sequence app.seq [data-loss]
      ALTER SEQUENCE app.seq RENAME TO seq2
        -- rename sequence app.seq to app.seq2"
    `);
  });
});

describe('enums, domains, composite types', () => {
  const mood: EnumType = { kind: 'enum', id: 'app.mood', schema: 'app', name: 'mood', values: ['sad', 'ok', 'happy'] };
  const users = table('users', { columns: [col('id'), col('m', { type: { native: 'app.mood', logical: { kind: 'enum', ref: 'app.mood' } }, default: "'ok'::app.mood" }), col('ms', { type: { native: 'app.mood[]', logical: { kind: 'array', of: { kind: 'enum', ref: 'app.mood' } } } })] });

  it('enum: create, values added in place (outside the transaction)', () => {
    expect(render([
      ...run({ type: 'create', object: { ...mood, comment: "it's a mood", grants: [{ grantee: 'reader', privileges: ['USAGE'] }] } }),
      ...run({ type: 'alter', from: mood, to: { ...mood, values: ['awful', 'sad', 'meh', 'ok', 'happy', 'elated'] } }),
    ])).toMatchInlineSnapshot(`
      "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy')
        -- create enum app.mood
      COMMENT ON TYPE app.mood IS 'it''s a mood'
        -- comment on enum app.mood
      GRANT USAGE ON TYPE app.mood TO reader
        -- grant USAGE on enum app.mood to reader
      ALTER TYPE app.mood ADD VALUE 'awful' BEFORE 'sad'
        -- add value 'awful' to enum app.mood [not-transactional] (outside transaction)
      ALTER TYPE app.mood ADD VALUE 'meh' AFTER 'sad'
        -- add value 'meh' to enum app.mood [not-transactional] (outside transaction)
      ALTER TYPE app.mood ADD VALUE 'elated' AFTER 'happy'
        -- add value 'elated' to enum app.mood [not-transactional] (outside transaction)"
    `);
  });

  it('enum: a removed value means a guarded re-create that converts every column', () => {
    const to = { ...mood, values: ['happy', 'ok'] };
    const after = { ...users, columns: users.columns.map((c) => (c.name === 'm' ? { ...c, default: "'happy'::app.mood" } : c)) };
    expect(render(run({ type: 'alter', from: mood, to }, { from: model(mood, users), to: model(to, after) }))).toMatchInlineSnapshot(`
      "DO $redb$
      BEGIN
        IF EXISTS (SELECT 1 FROM app.users WHERE m::text IN ('sad'))
          OR EXISTS (SELECT 1 FROM app.users WHERE ms::text[] && ARRAY['sad']) THEN
          RAISE EXCEPTION 'enum app.mood: rows still hold a value this change removes (sad)';
        END IF;
      END
      $redb$
        -- check that no row holds a value removed from enum app.mood [data-dependent]
      ALTER TYPE app.mood RENAME TO mood_old
        -- rename enum app.mood aside to re-create it
      CREATE TYPE app.mood AS ENUM ('happy', 'ok')
        -- create enum app.mood with its new values
      ALTER TABLE app.users ALTER COLUMN m DROP DEFAULT
        -- drop default of app.users.m while its enum changes
      ALTER TABLE app.users ALTER COLUMN m TYPE app.mood USING m::text::app.mood
        -- convert app.users.m to the new enum app.mood [table-rewrite, blocking-lock, data-dependent]
      ALTER TABLE app.users ALTER COLUMN m SET DEFAULT 'happy'::app.mood
        -- set default of app.users.m
      ALTER TABLE app.users ALTER COLUMN ms TYPE app.mood[] USING ms::text[]::app.mood[]
        -- convert app.users.ms to the new enum app.mood [table-rewrite, blocking-lock, data-dependent]
      DROP TYPE app.mood_old
        -- drop the old enum app.mood"
    `);
    expect(postgresDdl.alterMode(mood, to)).toBe('in-place');
  });

  it('domain: create, alter in place, replace when the base type changes', () => {
    const d: DomainType = { kind: 'domain', id: 'app.posint', schema: 'app', name: 'posint', type: int, nullable: false, default: '1', checks: [{ name: 'positive', expression: '(VALUE > 0)' }, { name: 'later', expression: '(VALUE < 10)', validated: false }] };
    const to: DomainType = { ...d, nullable: true, default: undefined, checks: [{ name: 'positive', expression: '(VALUE > 0)', comment: 'above zero' }, { name: 'small', expression: '(VALUE < 100)' }] };
    expect(render([...run({ type: 'create', object: d }), ...run({ type: 'alter', from: d, to }, { options: { online: true } })])).toMatchInlineSnapshot(`
      "CREATE DOMAIN app.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK ((VALUE > 0))
        -- create domain app.posint
      ALTER DOMAIN app.posint ADD CONSTRAINT later CHECK ((VALUE < 10)) NOT VALID
        -- add check later of domain app.posint without checking existing values
      ALTER DOMAIN app.posint DROP DEFAULT
        -- drop default of domain app.posint
      ALTER DOMAIN app.posint DROP NOT NULL
        -- allow nulls in domain app.posint
      ALTER DOMAIN app.posint DROP CONSTRAINT later
        -- drop check later of domain app.posint
      COMMENT ON CONSTRAINT positive ON DOMAIN app.posint IS 'above zero'
        -- comment on check positive of domain app.posint
      ALTER DOMAIN app.posint ADD CONSTRAINT small CHECK ((VALUE < 100)) NOT VALID
        -- add check small of domain app.posint without checking existing values
      ALTER DOMAIN app.posint VALIDATE CONSTRAINT small
        -- validate check small of domain app.posint [data-dependent]"
    `);
    expect(postgresDdl.alterMode(d, { ...d, type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } } })).toBe('replace');
    expect(postgresDdl.alterMode(d, to)).toBe('in-place');
  });

  it('composite: create, attributes changed in place, replace when the order cannot be reached', () => {
    const c: CompositeType = { kind: 'composite-type', id: 'app.addr', schema: 'app', name: 'addr', attributes: [{ name: 'street', type: text }, { name: 'zip', type: int }] };
    const to: CompositeType = { ...c, attributes: [{ name: 'street', type: text, collation: '"C"' }, { name: 'city', type: text }] };
    expect(render([...run({ type: 'create', object: c }), ...run({ type: 'alter', from: c, to })])).toMatchInlineSnapshot(`
      "CREATE TYPE app.addr AS (street text, zip integer)
        -- create type app.addr
      ALTER TYPE app.addr ALTER ATTRIBUTE street TYPE text COLLATE "C"
        -- change type of attribute street of type app.addr
      ALTER TYPE app.addr DROP ATTRIBUTE zip
        -- drop attribute zip of type app.addr
      ALTER TYPE app.addr ADD ATTRIBUTE city text
        -- add attribute city to type app.addr"
    `);
    expect(postgresDdl.alterMode(c, to)).toBe('in-place');
    expect(postgresDdl.alterMode(c, { ...c, attributes: [c.attributes[1], c.attributes[0]] })).toBe('replace');
  });
});

describe('routines', () => {
  const f: Routine = {
    kind: 'function', id: 'app.add(integer, integer)', schema: 'app', name: 'add', signature: 'integer, integer',
    arguments: [{ name: 'a', mode: 'in', type: 'integer' }, { name: 'b', mode: 'in', type: 'integer', default: '1' }], returns: 'integer', language: 'sql', body: ' SELECT a + b ',
    definition: 'CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT a + b $function$\n',
    comment: 'adds', grants: [{ grantee: 'reader', privileges: ['EXECUTE'] }],
  };
  const agg: Routine = { kind: 'aggregate', id: 'app.cnt()', schema: 'app', name: 'cnt', signature: '', arguments: [], returns: 'bigint', language: 'internal', body: 'aggregate_dummy', definition: 'CREATE AGGREGATE app.cnt(*) (\n    SFUNC = int8inc,\n    STYPE = bigint\n);' };
  it('create, replace in place, drop, rename; aggregates by (*)', () => {
    const body2 = f.definition.replace('a + b', 'b + a');
    expect(render([
      ...run({ type: 'create', object: f }),
      ...run({ type: 'alter', from: f, to: { ...f, definition: body2, comment: undefined, grants: [] } }),
      ...run({ type: 'drop', object: f }),
      ...run({ type: 'rename', from: f, to: { ...f, id: 'app.plus(integer, integer)', name: 'plus' } }),
      ...run({ type: 'create', object: agg }),
      ...run({ type: 'drop', object: agg }),
    ])).toMatchInlineSnapshot(`
      "CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)
       RETURNS integer
       LANGUAGE sql
       IMMUTABLE
      AS $function$ SELECT a + b $function$
        -- create function app.add(integer, integer)
      COMMENT ON FUNCTION app.add(integer, integer) IS 'adds'
        -- comment on function app.add(integer, integer)
      GRANT EXECUTE ON FUNCTION app.add(integer, integer) TO reader
        -- grant EXECUTE on function app.add(integer, integer) to reader
      CREATE OR REPLACE FUNCTION app.add(a integer, b integer DEFAULT 1)
       RETURNS integer
       LANGUAGE sql
       IMMUTABLE
      AS $function$ SELECT b + a $function$
        -- replace function app.add(integer, integer)
      COMMENT ON FUNCTION app.add(integer, integer) IS NULL
        -- remove comment on function app.add(integer, integer)
      REVOKE EXECUTE ON FUNCTION app.add(integer, integer) FROM reader
        -- revoke EXECUTE on function app.add(integer, integer) from reader
      DROP FUNCTION app.add(integer, integer)
        -- drop function app.add(integer, integer)
      ALTER FUNCTION app.add(integer, integer) RENAME TO plus
        -- rename function app.add(integer, integer) to app.plus(integer, integer)
      CREATE AGGREGATE app.cnt(*) (
          SFUNC = int8inc,
          STYPE = bigint
      )
        -- create aggregate app.cnt()
      DROP AGGREGATE app.cnt(*)
        -- drop aggregate app.cnt()"
    `);
  });

  it('alter modes', () => {
    expect([
      postgresDdl.alterMode(f, { ...f, definition: 'x' }),
      postgresDdl.alterMode(f, { ...f, returns: 'bigint' }),
      postgresDdl.alterMode(f, { ...f, arguments: [f.arguments[0], { ...f.arguments[1], name: 'c' }] }),
      postgresDdl.alterMode(f, { ...f, arguments: [f.arguments[0], { ...f.arguments[1], default: undefined }] }),
      postgresDdl.alterMode(f, { ...f, kind: 'procedure' }),
      postgresDdl.alterMode(agg, { ...agg, definition: 'y' }),
    ]).toEqual(['in-place', 'replace', 'replace', 'replace', 'replace', 'replace']);
  });
});

describe('schemas, extensions, collations', () => {
  it('schemas', () => {
    const s: SchemaObj = { kind: 'schema', id: '"My App"', name: 'My App', comment: 'app', grants: [{ grantee: 'reader', privileges: ['USAGE'] }] };
    expect(render([
      ...run({ type: 'create', object: s }),
      ...run({ type: 'alter', from: s, to: { ...s, comment: undefined, grants: [{ grantee: 'reader', privileges: ['CREATE', 'USAGE'] }] } }),
      ...run({ type: 'rename', from: s, to: { ...s, id: 'app', name: 'app' } }),
      ...run({ type: 'drop', object: s }),
    ])).toMatchInlineSnapshot(`
      "CREATE SCHEMA "My App"
        -- create schema "My App"
      COMMENT ON SCHEMA "My App" IS 'app'
        -- comment on schema "My App"
      GRANT USAGE ON SCHEMA "My App" TO reader
        -- grant USAGE on schema "My App" to reader
      COMMENT ON SCHEMA "My App" IS NULL
        -- remove comment on schema "My App"
      GRANT CREATE ON SCHEMA "My App" TO reader
        -- grant CREATE on schema "My App" to reader
      ALTER SCHEMA "My App" RENAME TO app
        -- rename schema "My App" to app
      DROP SCHEMA "My App"
        -- drop schema "My App""
    `);
  });

  it('extensions: version, schema, comment; a downgrade replaces; no rename', () => {
    const e: Extension = { kind: 'extension', id: 'extension:citext', name: 'citext', schema: 'public', version: '1.5', comment: 'ci text' };
    expect(render([
      ...run({ type: 'create', object: e }),
      ...run({ type: 'create', object: { ...e, id: 'extension:"uuid-ossp"', name: 'uuid-ossp', comment: undefined } }),
      ...run({ type: 'alter', from: e, to: { ...e, version: '1.6', schema: 'ext' } }),
      ...run({ type: 'drop', object: e }),
    ])).toMatchInlineSnapshot(`
      "CREATE EXTENSION citext WITH SCHEMA public VERSION '1.5'
        -- create extension citext
      COMMENT ON EXTENSION citext IS 'ci text'
        -- comment on extension citext
      CREATE EXTENSION "uuid-ossp" WITH SCHEMA public VERSION '1.5'
        -- create extension "uuid-ossp"
      COMMENT ON EXTENSION "uuid-ossp" IS NULL
        -- remove comment on extension "uuid-ossp"
      ALTER EXTENSION citext UPDATE TO '1.6'
        -- update extension citext to 1.6
      ALTER EXTENSION citext SET SCHEMA ext
        -- move extension citext to schema ext
      COMMENT ON EXTENSION citext IS 'ci text'
        -- comment on extension citext
      DROP EXTENSION citext
        -- drop extension citext"
    `);
    expect(postgresDdl.alterMode(e, { ...e, version: '1.10' })).toBe('in-place');
    expect(postgresDdl.alterMode({ ...e, version: '1.10' }, e)).toBe('replace');
    expect(() => run({ type: 'rename', from: e, to: { ...e, name: 'x' } })).toThrow(/cannot be renamed/);
  });

  it('collations', () => {
    const c = { kind: 'collation' as const, id: 'app.ci', schema: 'app', name: 'ci', provider: 'icu', locale: 'und-u-ks-level2', deterministic: false, comment: 'case-insensitive' };
    const l = { kind: 'collation' as const, id: 'app.c', schema: 'app', name: 'c', provider: 'libc', lcCollate: 'C', lcCtype: 'C', deterministic: true };
    expect(render([...run({ type: 'create', object: c }), ...run({ type: 'create', object: l }), ...run({ type: 'alter', from: c, to: { ...c, comment: undefined } })])).toMatchInlineSnapshot(`
      "CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)
        -- create collation app.ci
      COMMENT ON COLLATION app.ci IS 'case-insensitive'
        -- comment on collation app.ci
      CREATE COLLATION app.c (provider = libc, lc_collate = 'C', lc_ctype = 'C')
        -- create collation app.c
      COMMENT ON COLLATION app.ci IS NULL
        -- remove comment on collation app.ci"
    `);
    expect(postgresDdl.alterMode(l, { ...l, lcCtype: 'POSIX' })).toBe('replace');
  });
});

describe('plan settings', () => {
  it('has a preamble like pg_dump and never CASCADE', () => {
    expect(postgresDdl.preamble).toEqual(['SET check_function_bodies = off', 'SET standard_conforming_strings = on', 'SET search_path = pg_catalog']);
  });
});
