/** The file format: canonical, lossless, validated with errors that name file and field. */
import { describe, expect, it } from 'vitest';
import {
  canonicalJson, encodeSegment, filesToModel, modelToFiles, objectId, objectPath, routineId, splitId,
  ModelFileError, type Model, type Table,
} from '../../unified-model/index.js';

const users: Table = {
  kind: 'table', id: 'public.users', schema: 'public', name: 'users',
  columns: [
    { name: 'id', type: { native: 'integer', logical: { kind: 'integer', bits: 32 } }, nullable: false },
    { name: 'email', type: { native: 'text', logical: { kind: 'text' } }, nullable: false, comment: 'login' },
  ],
  primaryKey: { name: 'users_pkey', columns: ['id'] },
  indexes: [
    { name: 'users_b_idx', unique: false, method: 'btree', keys: [{ column: 'email' }], definition: 'CREATE INDEX users_b_idx ON public.users USING btree (email)' },
    { name: 'users_a_idx', unique: false, method: 'btree', keys: [{ expression: 'lower(email)' }], definition: 'CREATE INDEX users_a_idx ON public.users USING btree (lower(email))' },
  ],
  foreignKeys: [],
  grants: [{ grantee: 'reader', privileges: ['SELECT', 'INSERT'] }],
};
const model: Model = {
  formatVersion: 1, dialect: 'postgres',
  objects: [users, { kind: 'schema', id: 'public', name: 'public' }, { kind: 'enum', id: 'public.mood', schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'] }],
};

describe('ids', () => {
  it('quotes only parts that need it, and splits back', () => {
    expect(objectId('public', 'users', 'email')).toBe('public.users.email');
    expect(objectId('public', 'my.table')).toBe('public."my.table"');
    expect(objectId('Sales', 'Order "x"')).toBe('"Sales"."Order ""x"""');
    expect(splitId('public."my.table"')).toEqual(['public', 'my.table']);
    expect(splitId('"Sales"."Order ""x"""')).toEqual(['Sales', 'Order "x"']);
    expect(routineId('public', 'lower_email', 'text')).toBe('public.lower_email(text)');
    expect(splitId('public.f(integer, text)')).toEqual(['public', 'f(integer, text)']);
  });
});

describe('canonical form', () => {
  it('orders keys (identity first), sorts unordered collections, drops empties, keeps column order', () => {
    const text = canonicalJson(users);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['kind', 'id', 'schema', 'name']);
    expect(parsed.indexes.map((i: { name: string }) => i.name)).toEqual(['users_a_idx', 'users_b_idx']);
    expect(parsed.grants[0].privileges).toEqual(['INSERT', 'SELECT']);
    expect(parsed.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'email']);
    expect('foreignKeys' in parsed).toBe(false);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('gives byte-identical files whatever the input order', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const shuffled = { ...model, objects: [...model.objects].reverse().map(reverseKeys) } as Model;
    expect(JSON.stringify(shuffled.objects[2])).not.toBe(JSON.stringify(model.objects[0]));
    expect(modelToFiles(shuffled)).toEqual(modelToFiles(model));
  });

  it('serialize → parse is lossless', () => {
    const files = modelToFiles(model);
    expect(files.map((f) => f.path)).toEqual(['redb.json', 'schemas/public/schema.json', 'schemas/public/tables/users.json', 'schemas/public/types/mood.json']);
    expect(modelToFiles(filesToModel(files))).toEqual(files);
  });

  it('encodes unsafe names into one safe path segment', () => {
    expect(encodeSegment('a/b%c')).toBe('a%2Fb%25c');
    expect(encodeSegment('..')).toBe('%2E.');
    expect(objectPath({ ...users, schema: 'my schema', name: 'x/y' })).toBe('schemas/my schema/tables/x%2Fy.json');
  });
});

describe('validation', () => {
  const files = modelToFiles(model);
  const edit = (path: string, change: (o: any) => void) =>
    files.map((f) => (f.path === path ? { path, content: JSON.stringify((() => { const o = JSON.parse(f.content); change(o); return o; })()) } : f));

  it('names the file and field at fault', () => {
    const bad = edit('schemas/public/tables/users.json', (o) => { o.columns[1].nullable = 'yes'; });
    expect(() => filesToModel(bad)).toThrow(ModelFileError);
    expect(() => filesToModel(bad)).toThrow(/schemas\/public\/tables\/users.json \(field columns\[1\]\.nullable\)/);
  });

  it('rejects unknown keys, bad JSON, a misplaced object, and a newer format', () => {
    expect(() => filesToModel(edit('schemas/public/types/mood.json', (o) => { o.colour = 'red'; }))).toThrow(/mood.json.*colour/);
    expect(() => filesToModel(files.map((f) => (f.path === 'redb.json' ? { ...f, content: '{' } : f)))).toThrow(/redb.json: not valid JSON/);
    expect(() => filesToModel(edit('schemas/public/types/mood.json', (o) => { o.name = 'feeling'; }))).toThrow(/belongs in schemas\/public\/types\/feeling.json/);
    expect(() => filesToModel(files.map((f) => (f.path === 'redb.json' ? { ...f, content: '{"formatVersion": 9, "dialect": "postgres"}' } : f)))).toThrow(/format 9 is not supported/);
  });
});
