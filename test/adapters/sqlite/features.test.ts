/**
 * Introspection of a schema using every feature the SQLite adapter reads (features.sql),
 * loaded into a real database file by better-sqlite3: exact model pieces for each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model, Table, View } from '../../../unified-model/index.js';
import { sqliteAdapter } from '../../../adapters/sqlite/index.js';
import { filesToModel, modelToFiles } from '../../../unified-model/index.js';
import { readFileSync } from 'node:fs';
import { sqliteWith } from './helpers.js';

const FEATURES = readFileSync(new URL('./features.sql', import.meta.url), 'utf8');

let db: Awaited<ReturnType<typeof sqliteWith>>;
let model: Model;
const table = (id: string) => model.objects.find((o) => o.id === id) as Table;
const view = (id: string) => model.objects.find((o) => o.id === id) as View;
const col = (t: string, name: string) => table(t).columns.find((c) => c.name === name);

beforeAll(async () => {
  db = await sqliteWith(FEATURES);
  model = await sqliteAdapter.introspect(db.conn);
});
afterAll(() => db.done());

describe('the model of features.sql', () => {
  it('is dialect sqlite, schema main, without a schema object or internal tables', () => {
    expect(model.dialect).toBe('sqlite');
    expect(model.objects.map((o) => o.id)).toEqual(['main."Books"', 'main.authors', 'main.good_books', 'main.reviews', 'main.top_authors']);
    expect(model.objects.every((o) => 'schema' in o && o.schema === 'main')).toBe(true);
  });

  it('keeps declared types as native and maps them to logical types', () => {
    const types = (t: string) => Object.fromEntries(table(t).columns.map((c) => [c.name, [c.type.native, c.type.logical]]));
    expect(types('main.authors')).toEqual({
      id: ['INTEGER', { kind: 'integer', bits: 64 }],
      email: ['VARCHAR(120)', { kind: 'string', length: 120 }],
      name: ['TEXT', { kind: 'text' }],
      born: ['DATE', { kind: 'date' }],
      rating: ['REAL', { kind: 'float', bits: 64 }],
      bio: ['CLOB', { kind: 'text' }],
      active: ['BOOLEAN', { kind: 'boolean' }],
      created_at: ['DATETIME', { kind: 'timestamp', tz: false }],
    });
    expect(types('main."Books"')).toMatchObject({
      isbn: ['CHAR(13)', { kind: 'string', length: 13, fixed: true }],
      edition: ['INT', { kind: 'integer', bits: 32 }],
      price: ['DECIMAL(10, 2)', { kind: 'decimal', precision: 10, scale: 2 }],
      weight: ['NUMERIC', { kind: 'decimal' }],
      cover: ['BLOB', { kind: 'binary' }],
      // no declared type: BLOB affinity, spelled BLOB
      untyped: ['BLOB', { kind: 'binary' }],
    });
    expect(col('main.reviews', 'extra')?.type).toEqual({ native: 'ANY', logical: { kind: 'other', name: 'ANY' } });
  });

  it('reads nullability, defaults as stored, collation and AUTOINCREMENT', () => {
    expect(col('main.authors', 'id')).toEqual({ name: 'id', type: { native: 'INTEGER', logical: { kind: 'integer', bits: 64 } }, nullable: true, autoIncrement: true });
    expect(col('main.authors', 'email')).toMatchObject({ nullable: false, collation: 'NOCASE' });
    expect(col('main.authors', 'name')?.default).toBe("'anonymous'");
    expect(col('main.authors', 'active')?.default).toBe('1');
    expect(col('main.authors', 'created_at')?.default).toBe('CURRENT_TIMESTAMP');
    expect(col('main."Books"', 'edition')?.default).toBe('1 + 0');
    expect(col('main."Books"', 'isbn')?.autoIncrement).toBeUndefined();
  });

  it('reads generated columns, virtual and stored', () => {
    expect(col('main."Books"', 'title_upper')?.generated).toEqual({ expression: 'upper(isbn)', stored: false });
    expect(col('main."Books"', 'price_cents')?.generated).toEqual({ expression: 'price * 100', stored: true });
    expect(col('main."Books"', 'price_cents')?.default).toBeUndefined();
  });

  it('reads primary keys: the rowid alias, a named composite key, a table constraint', () => {
    expect(table('main.authors').primaryKey).toEqual({ name: 'authors_pkey', columns: ['id'] });
    expect(table('main."Books"').primaryKey).toEqual({ name: 'books_pk', columns: ['isbn', 'edition'] });
    expect(table('main.reviews').primaryKey).toEqual({ name: 'reviews_pkey', columns: ['id'] });
  });

  it('reads foreign keys: names, actions, deferrable, the parent key of REFERENCES without columns', () => {
    expect(table('main."Books"').foreignKeys).toEqual([
      { name: 'Books_author_id_fkey', columns: ['author_id'], references: 'main.authors', referencedColumns: ['id'], onDelete: 'no-action', onUpdate: 'no-action', match: 'simple' },
      {
        name: 'books_author_fk', columns: ['author_id'], references: 'main.authors', referencedColumns: ['id'],
        onDelete: 'cascade', onUpdate: 'set-null', match: 'simple', deferrable: true, initiallyDeferred: true,
      },
    ]);
    expect(table('main.reviews').foreignKeys).toEqual([
      { name: 'reviews_isbn_edition_fkey', columns: ['isbn', 'edition'], references: 'main."Books"', referencedColumns: ['isbn', 'edition'], onDelete: 'restrict', onUpdate: 'no-action', match: 'simple' },
    ]);
  });

  it('tells UNIQUE constraints (autoindexes) from unique indexes', () => {
    expect(table('main.authors').uniques).toEqual([{ name: 'authors_email_key', columns: ['email'] }]);
    expect(table('main."Books"').uniques).toEqual([{ name: 'Books_author_id_isbn_key', columns: ['author_id', 'isbn'] }]);
    const names = model.objects.flatMap((o) => ((o as Table).indexes ?? []).map((i) => i.name));
    expect(names.some((n) => n.startsWith('sqlite_'))).toBe(false);
  });

  it('reads checks, named and unnamed', () => {
    expect(table('main.authors').checks).toEqual([
      { name: 'authors_name_not_blank', expression: 'length(trim(name)) > 0' },
      { name: 'authors_rating_check', expression: 'rating >= 0' },
    ]);
  });

  it('reads indexes: DESC, expression keys, partial, collation, the stored definition', () => {
    expect(table('main.reviews').indexes).toEqual([
      {
        name: 'reviews_body_lower', unique: true, method: 'btree', keys: [{ expression: 'lower(body)' }, { column: 'id' }], predicate: 'stars > 3',
        definition: 'CREATE UNIQUE INDEX reviews_body_lower ON reviews (lower(body), id) WHERE stars > 3',
      },
      { name: 'reviews_stars', unique: false, method: 'btree', keys: [{ column: 'stars', order: 'desc' }, { column: 'isbn' }], definition: 'CREATE INDEX reviews_stars ON reviews (stars DESC, isbn)' },
    ]);
    expect(table('main.authors').indexes).toEqual([
      { name: 'authors_name_nocase', unique: false, method: 'btree', keys: [{ column: 'name', collation: 'NOCASE' }], definition: 'CREATE INDEX authors_name_nocase ON authors (name COLLATE NOCASE)' },
    ]);
  });

  it('reads STRICT and WITHOUT ROWID as table options', () => {
    expect(table('main.reviews').options).toEqual({ strict: 'true' });
    expect(table('main."Books"').options).toEqual({ withoutRowid: 'true' });
    expect(table('main.authors').options).toBeUndefined();
  });

  it('reads views: the stored body, columns, what they read', () => {
    const v = view('main.good_books');
    expect(v.definition).toMatch(/^SELECT b\.isbn, b\.edition, a\.name AS author, count\(r\.id\) AS n\n {2}FROM "Books" b JOIN/);
    expect(v.columns.map((c) => [c.name, c.type.native])).toEqual([['isbn', 'CHAR(13)'], ['edition', 'INT'], ['author', 'TEXT'], ['n', 'BLOB']]);
    expect(v.dependsOn).toEqual(['main."Books"', 'main.authors', 'main.reviews']);
    expect(view('main.top_authors')).toMatchObject({ definition: 'SELECT author, count(*) FROM good_books GROUP BY author', dependsOn: ['main.good_books'] });
    expect(view('main.top_authors').columns.map((c) => c.name)).toEqual(['author', 'books']);
  });

  it('reads triggers with their inline body, on tables and views', () => {
    expect(table('main.reviews').triggers).toEqual([
      {
        name: 'reviews_touch', timing: 'after', events: ['update'], level: 'row', updateColumns: ['body', 'stars'], when: 'new.stars IS NOT NULL',
        body: 'UPDATE authors SET rating = new.stars WHERE id = 1;\n  DELETE FROM reviews WHERE stars < 0;',
        definition: expect.stringMatching(/^CREATE TRIGGER reviews_touch AFTER UPDATE OF body, stars ON reviews FOR EACH ROW WHEN new\.stars IS NOT NULL\nBEGIN\n.*\nEND$/s),
      },
    ]);
    expect(table('main.authors').triggers).toEqual([
      { name: 'authors_guard', timing: 'before', events: ['delete'], level: 'row', body: "SELECT RAISE(ABORT, 'no');", definition: "CREATE TRIGGER authors_guard BEFORE DELETE ON authors BEGIN SELECT RAISE(ABORT, 'no'); END" },
    ]);
    expect(view('main.good_books').triggers).toMatchObject([{ name: 'good_books_insert', timing: 'instead-of', events: ['insert'], body: 'INSERT INTO reviews (isbn, edition, stars) VALUES (new.isbn, new.edition, 5);' }]);
    expect(model.objects.flatMap((o) => ((o as Table).triggers ?? []).filter((t) => 'function' in t))).toEqual([]);
  });

  it('survives serialize → parse unchanged, and reads the same twice', async () => {
    expect(filesToModel(modelToFiles(model))).toEqual(model);
    expect(modelToFiles(await sqliteAdapter.introspect(db.conn))).toEqual(modelToFiles(model));
  });
});
