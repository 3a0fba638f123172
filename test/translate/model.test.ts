/**
 * The walk of `translateModel` over hand-written models (no database): schema mapping,
 * enum spellings, counters, names made unique, overrides, and what is reported.
 */
import { describe, expect, it } from 'vitest';
import { mysqlAdapter } from '../../adapters/mysql/index.js';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import type { Adapter, TranslationSupport } from '../../adapters/types.js';
import { FORMAT_VERSION, type Column, type DbObject, type Model, type Table } from '../../unified-model/index.js';
import { translateModel } from '../../src/translate/index.js';
import { RedbError } from '../../src/errors.js';

const target = (a: Adapter) => a as Adapter & { translation: TranslationSupport };
const col = (name: string, native: string, logical: Column['type']['logical'], extra: Partial<Column> = {}): Column => ({ name, type: { native, logical }, nullable: false, ...extra });
const model = (dialect: string, objects: DbObject[]): Model => ({ formatVersion: FORMAT_VERSION, dialect, objects });

const mysqlFilm: Table = {
  kind: 'table', id: 'main.film', schema: 'main', name: 'film',
  columns: [
    col('film_id', 'int(10) unsigned', { kind: 'integer', bits: 32, unsigned: true }, { autoIncrement: true }),
    col('rating', "enum('G','PG')", { kind: 'enum', values: ['G', 'PG'] }, { default: "'G'" }),
    col('title', 'varchar(255)', { kind: 'string', length: 255 }),
    col('last_update', 'timestamp', { kind: 'timestamp', tz: true }, { default: 'current_timestamp()', onUpdate: 'current_timestamp()' }),
  ],
  primaryKey: { name: 'PRIMARY', columns: ['film_id'] },
  checks: [{ name: 'c1', expression: '`film_id` > 0' }, { name: 'c2', expression: '`film_id` > 0 and `title` <> \'\'' }],
  indexes: [
    { name: 'idx_title', unique: false, method: 'btree', keys: [{ column: 'title' }], definition: 'CREATE INDEX `idx_title` ON `film` (`title`)' },
    { name: 'ft', unique: false, method: 'fulltext', keys: [{ column: 'title' }], definition: 'CREATE FULLTEXT INDEX `ft` ON `film` (`title`)' },
  ],
};
const mysqlActor: Table = {
  kind: 'table', id: 'main.actor', schema: 'main', name: 'actor',
  columns: [col('actor_id', 'int(11)', { kind: 'integer', bits: 32 }), col('title', 'varchar(10)', { kind: 'string', length: 10 })],
  primaryKey: { name: 'PRIMARY', columns: ['actor_id'] },
  indexes: [{ name: 'idx_title', unique: false, method: 'btree', keys: [{ column: 'title', length: 5 }], definition: 'CREATE INDEX `idx_title` ON `actor` (`title`(5))' }],
};

describe('MySQL model → PostgreSQL model', () => {
  const src = model('mysql', [mysqlActor, mysqlFilm, { kind: 'view', id: 'main.v', schema: 'main', name: 'v', definition: 'select 1 AS `x`', columns: [] }]);
  const { model: out, report } = translateModel(src, target(mysqlAdapter).translation, target(postgresAdapter));
  const film = out.objects.find((o) => o.id === 'public.film') as Table;

  it('goes into public, with the schema object and an enum type named after its column', () => {
    expect(out.dialect).toBe('postgres');
    expect(out.objects.map((o) => `${o.kind} ${o.id}`)).toEqual(['schema public', 'table public.actor', 'table public.film', 'enum public.film_rating']);
    expect(film.columns[1].type).toEqual({ native: 'public.film_rating', logical: { kind: 'enum', ref: 'public.film_rating' } });
    expect(out.objects.find((o) => o.id === 'public.film_rating')).toMatchObject({ values: ['G', 'PG'] });
    expect(film.dependsOn).toEqual(['public.film_rating']);
    expect(film.columns[1].default).toBe("'G'");
  });

  it('turns AUTO_INCREMENT into an identity and PRIMARY into TABLE_pkey', () => {
    expect(film.columns[0]).toMatchObject({ identity: { generation: 'by-default' }, type: { native: 'bigint' } });
    expect(film.columns[0].autoIncrement).toBeUndefined();
    expect(film.primaryKey?.name).toBe('film_pkey');
    expect(film.columns[3].default).toBe('now()');
    expect(film.columns[3].onUpdate).toBeUndefined();
  });

  it('renames an index whose name another table took first, and regenerates its definition', () => {
    const actor = out.objects.find((o) => o.id === 'public.actor') as Table;
    expect(actor.indexes?.[0]).toMatchObject({ name: 'idx_title', keys: [{ column: 'title' }], definition: 'CREATE INDEX idx_title ON public.actor USING btree (title)' });
    expect(film.indexes?.map((i) => i.definition)).toEqual(['CREATE INDEX film_idx_title ON public.film USING btree (title)']);
    expect(report).toContainEqual(expect.objectContaining({ object: 'main.film.idx_title', kind: 'name', to: 'film_idx_title' }));
  });

  it('keeps a simple check, reports the rest, the fulltext index, the prefix key, ON UPDATE and the view', () => {
    expect(film.checks).toEqual([{ name: 'c1', expression: 'film_id > 0' }]);
    const seen = report.map((e) => `${e.kind} ${e.object}`);
    for (const s of ['check main.film.c2', 'index main.film.ft', 'index main.actor.idx_title', 'column main.film.last_update', 'object main.v', 'type main.film.film_id', 'default main.film.film_id']) expect(seen).toContain(s);
  });
});

describe('PostgreSQL model → MySQL model', () => {
  const mood: DbObject = { kind: 'enum', id: 'app.mood', schema: 'app', name: 'mood', values: ['sad', 'ok'] };
  const seq: DbObject = { kind: 'sequence', id: 'app.t_id_seq', schema: 'app', name: 't_id_seq', type: { native: 'bigint', logical: { kind: 'integer', bits: 64 } }, start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false, ownedBy: 'app.t.id' };
  const t: Table = {
    kind: 'table', id: 'app.t', schema: 'app', name: 't',
    columns: [
      col('id', 'bigint', { kind: 'integer', bits: 64 }, { default: "nextval('app.t_id_seq'::regclass)" }),
      col('feeling', 'app.mood', { kind: 'enum', ref: 'app.mood' }, { default: "'ok'::app.mood" }),
      col('name', 'text', { kind: 'text' }),
      col('at', 'timestamp with time zone', { kind: 'timestamp', tz: true }, { default: 'now()' }),
    ],
    primaryKey: { name: 't_pkey', columns: ['id'] },
    uniques: [{ name: 't_name_key', columns: ['name'] }],
  };
  const other: Table = { kind: 'table', id: 'other.x', schema: 'other', name: 'x', columns: [col('a', 'integer', { kind: 'integer', bits: 32 })] };
  const schemas: DbObject[] = [{ kind: 'schema', id: 'app', name: 'app' }, { kind: 'schema', id: 'other', name: 'other' }];
  const src = model('postgres', [...schemas, mood, seq, t, other]);

  it('refuses several schemas into one database unless --schema picks one', () => {
    let err: unknown;
    try {
      translateModel(src, target(postgresAdapter).translation, target(mysqlAdapter));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RedbError);
    expect((err as RedbError).message).toMatch(/2 schemas \(app, other\)/);
    expect((err as RedbError).hint).toContain('--schema app');
  });

  const { model: out, report } = translateModel(src, target(postgresAdapter).translation, target(mysqlAdapter), { schema: 'app' });
  const table = out.objects.find((o) => o.id === 'main.t') as Table;

  it('maps the picked schema onto the database, the rest reported as left out', () => {
    expect(out.objects.map((o) => o.id)).toEqual(['main.t']);
    expect(report).toContainEqual(expect.objectContaining({ object: 'other.x', kind: 'object' }));
  });

  it('inlines the named enum, makes the serial AUTO_INCREMENT and keyed text varchar(255)', () => {
    expect(table.columns[0]).toMatchObject({ name: 'id', autoIncrement: true, type: { native: 'bigint' } });
    expect(table.columns[0].default).toBeUndefined();
    expect(table.columns[1]).toMatchObject({ type: { native: "enum('sad','ok')" }, default: "'ok'" });
    expect(table.columns[2].type.native).toBe('varchar(255)');
    expect(table.columns[3]).toMatchObject({ type: { native: 'datetime(6)' }, default: 'current_timestamp(6)' });
    expect(table.primaryKey?.name).toBe('PRIMARY');
    expect(table).toMatchObject({ charset: 'utf8mb4', options: { engine: 'InnoDB' } });
    expect(report).toContainEqual(expect.objectContaining({ object: 'app.t.id', kind: 'default', to: 'AUTO_INCREMENT' }));
    expect(report).toContainEqual(expect.objectContaining({ object: 'app.t.at', kind: 'type', reason: expect.stringContaining('time zone') }));
  });

  it('applies --type and refuses one that names no column', () => {
    const typed = translateModel(src, target(postgresAdapter).translation, target(mysqlAdapter), { schema: 'app', overrides: [{ table: 't', column: 'name', native: 'varchar(80)' }] });
    expect((typed.model.objects[0] as Table).columns[2].type).toEqual({ native: 'varchar(80)', logical: { kind: 'string', length: 80 } });
    expect(typed.report).toContainEqual(expect.objectContaining({ object: 'app.t.name', reason: 'set by --type' }));
    expect(() => translateModel(src, target(postgresAdapter).translation, target(mysqlAdapter), { schema: 'app', overrides: [{ table: 't', column: 'nope', native: 'int' }] })).toThrow(/has no column nope/);
  });

  it('takes a sequence no one owns as the counter of the one column that uses it, never a shared one', () => {
    const own: DbObject = { ...seq, id: 'app.solo_seq', name: 'solo_seq', ownedBy: undefined } as DbObject;
    const shared: DbObject = { ...seq, id: 'app.shared_seq', name: 'shared_seq', ownedBy: undefined } as DbObject;
    const tbl = (name: string, sequence: string): Table => ({ kind: 'table', id: `app.${name}`, schema: 'app', name, columns: [col('id', 'integer', { kind: 'integer', bits: 32 }, { default: `nextval('${sequence}'::regclass)` })], primaryKey: { name: `${name}_pkey`, columns: ['id'] } });
    const m = model('postgres', [schemas[0], own, shared, tbl('a', 'app.solo_seq'), tbl('b', 'app.shared_seq'), tbl('c', 'app.shared_seq')]);
    const r = translateModel(m, target(postgresAdapter).translation, target(mysqlAdapter));
    const cols = Object.fromEntries(r.model.objects.map((o) => [o.id, (o as Table).columns[0]]));
    expect(cols['main.a']).toMatchObject({ autoIncrement: true });
    expect(cols['main.b'].autoIncrement).toBeUndefined();
    expect(cols['main.b'].default).toBeUndefined();
    expect(r.report).toContainEqual(expect.objectContaining({ object: 'app.b.id', kind: 'default', reason: expect.stringContaining('not this column\'s own counter') }));
    expect(r.report).toContainEqual(expect.objectContaining({ object: 'app.shared_seq', kind: 'object' }));
    expect(r.report.some((e) => e.object === 'app.solo_seq')).toBe(false);
  });
});
