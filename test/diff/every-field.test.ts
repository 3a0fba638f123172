/**
 * The differ sees every field of every kind, offline (no database). For each object
 * kind of the model's zod schema, a sample with every optional part present is
 * compared with each of its one-leaf variants: the differ must find a change, and for a
 * table the changes must cover the whole difference (the differ's guard throws if a
 * field is left out). A field added to the schema is covered by this test at once.
 */
import { describe, expect, it } from 'vitest';
import { assertCovered, coveredTable, DERIVED_FIELDS, diffModels, diffTable } from '../../src/diff/index.js';
import { canonicalJson, type DbObject, type Model, type Table } from '../../unified-model/index.js';
import { dbObject } from '../../unified-model/schema.js';
import { sample, unionOptions, variants } from './zod-variants.js';

const model = (...objects: DbObject[]): Model => ({ formatVersion: 1, dialect: 'postgres', objects });
const IDENTITY = ['schema', 'name', 'signature'];
/** Constraint names are unique within a table (the sample names everything `x`). */
function distinctNames(o: DbObject): DbObject {
  if (o.kind !== 'table') return o;
  const rename = <T extends { name: string }>(xs: readonly T[] | undefined, name: string) => xs?.map((x) => ({ ...x, name }));
  return {
    ...o,
    primaryKey: o.primaryKey && { ...o.primaryKey, name: 'pk' },
    foreignKeys: rename(o.foreignKeys, 'fk'), uniques: rename(o.uniques, 'uq'), checks: rename(o.checks, 'ck'), exclusions: rename(o.exclusions, 'ex'),
  };
}
const kindOf = (s: Parameters<typeof sample>[0]) => (sample(s) as DbObject).kind;

describe('every field of every kind becomes a change', () => {
  for (const schema of unionOptions(dbObject)) {
    const base = distinctNames(sample(schema) as DbObject);
    const all = variants(schema, base);
    it(`${kindOf(schema)}: ${all.length} one-field differences`, () => {
      expect(schema.safeParse(base).success).toBe(true);
      expect(all.length).toBeGreaterThan(3);
      for (const v of all) {
        // the id is made of the identity fields: changing one of them is another object
        const identity = IDENTITY.some((f) => v.path === f || v.path.startsWith(`${f} `));
        const other = (identity ? { ...(v.value as DbObject), id: `${base.id}_2` } : v.value) as DbObject;
        if (canonicalJson(other) === canonicalJson(base)) continue; // e.g. an empty list is the same as none
        const derived = DERIVED_FIELDS.some((f) => v.path === f || v.path.startsWith(`${f}[`) || v.path.startsWith(`${f} `));
        const changes = diffModels(model(base), model(other));
        if (derived && base.kind === 'table') expect(changes, v.path).toEqual([]);
        else expect(changes.length, `${base.kind} ${v.path}`).toBeGreaterThan(0);
        // the way back too (a rollback plan diffs the other way)
        if (!derived || base.kind !== 'table') expect(diffModels(model(other), model(base)).length, `${base.kind} ${v.path} (back)`).toBeGreaterThan(0);
      }
    });
  }
});

const tableSchema = unionOptions(dbObject).find((s) => kindOf(s) === 'table')!;
const table = (extra: Partial<Table> = {}): Table => ({ ...(sample(tableSchema) as Table), ...extra });
const col = (name: string) => ({ ...table().columns[0], name });

describe('table fields the differ used to miss', () => {
  const types = (a: Table, b: Table) => diffTable(a, b).map((c) => c.type);

  it('partitioning: the table is re-created (one change covering it all)', () => {
    const a = table({ partitioning: { strategy: 'range', key: 'RANGE (x)', columns: ['x'] } });
    expect(types(a, table({ partitioning: { strategy: 'list', key: 'LIST (x)', columns: ['x'] } }))).toEqual(['set-partitioning']);
    expect(types(a, table({ partitioning: undefined, comment: 'other' }))).toEqual(['set-partitioning']);
    // the re-create covers what the target lacks, too (a comment, indexes)
    expect(() => diffModels(model(a), model(table({ partitioning: undefined, comment: undefined, indexes: undefined })))).not.toThrow();
  });

  it('inherits: parents left and parents gained, in that order', () => {
    const changes = diffTable(table({ inherits: ['s.p1', 's.p2'] }), table({ inherits: ['s.p2', 's.p3'] }));
    expect(changes).toEqual([
      { type: 'set-inherits', from: ['s.p1', 's.p2'], to: ['s.p2'] },
      { type: 'set-inherits', from: ['s.p2'], to: ['s.p2', 's.p3'] },
    ]);
    expect(types(table({ inherits: ['s.b', 's.a'] }), table({ inherits: ['s.a', 's.b'] }))).toEqual([]);
  });

  it('unlogged', () => {
    expect(diffTable(table({ unlogged: false }), table({ unlogged: true }))).toEqual([{ type: 'set-unlogged', from: false, to: true }]);
    // two spellings of a logged table: a change (the trees differ) that needs no statement
    expect(types(table({ unlogged: undefined }), table({ unlogged: false }))).toEqual(['set-unlogged']);
  });

  it('column order: the order the plan reaches and the target order', () => {
    const a = table({ columns: [col('a'), col('b'), col('c')] });
    expect(diffTable(a, table({ columns: [col('c'), col('a'), col('b')] }))).toEqual([{ type: 'reorder-columns', from: ['a', 'b', 'c'], to: ['c', 'a', 'b'] }]);
    // a middle column renamed without an intent: dropped, added at the end
    const renamed = diffTable(a, table({ columns: [col('a'), col('bb'), col('c')] }));
    expect(renamed.map((c) => c.type)).toEqual(['drop-column', 'add-column', 'reorder-columns']);
    expect(renamed[2]).toEqual({ type: 'reorder-columns', from: ['a', 'c', 'bb'], to: ['a', 'bb', 'c'] });
    // with the intent the column stays in place
    expect(diffTable(a, table({ columns: [col('a'), col('bb'), col('c')] }), new Map([['b', 'bb']])).map((c) => c.type)).toEqual(['rename-column']);
    // added at the end: reachable
    expect(types(a, table({ columns: [col('a'), col('b'), col('c'), col('d')] }))).toEqual(['add-column']);
  });
});

describe('the guard', () => {
  it('throws naming the field when the changes do not cover a difference', () => {
    const a = table({ unlogged: false });
    const b = table({ unlogged: true });
    expect(() => assertCovered(a, b, [{ type: 'alter-table', from: a, to: b, changes: [] }])).toThrow(/no change for field unlogged of table/);
    expect(() => assertCovered(a, b, [{ type: 'alter-table', from: a, to: b, changes: diffTable(a, b) }])).not.toThrow();
  });

  it('what the changes cover turns the source into the target', () => {
    const a = table({ columns: [col('a'), col('b')], inherits: ['s.p'], comment: 'one' });
    const b = table({ columns: [col('b'), col('z'), col('a')], unlogged: true, comment: 'two' });
    expect(canonicalJson(coveredTable(a, b, diffTable(a, b)))).toBe(canonicalJson(b));
  });
});

describe('fields for the next engines (MySQL, SQLite)', () => {
  const types = (a: Table, b: Table) => diffTable(a, b).map((c) => c.type);
  const base = table();
  const c0 = base.columns[0];

  it('a column field is an alter-column', () => {
    for (const extra of [{ autoIncrement: true }, { onUpdate: 'CURRENT_TIMESTAMP(3)' }, { invisible: true }, { charset: 'utf8mb4' }]) {
      expect(types(base, table({ columns: [{ ...c0, ...extra }] })), JSON.stringify(extra)).toEqual(['alter-column']);
    }
    for (const logical of [{ kind: 'enum', values: ['a', 'b'] }, { kind: 'set', values: ['a'] }, { kind: 'text', maxBytes: 255 }, { kind: 'binary', length: 16, fixed: true }] as const) {
      expect(types(base, table({ columns: [{ ...c0, type: { native: 'x', logical } }] })), logical.kind).toEqual(['alter-column']);
    }
    // inline enum labels in another order are another type
    const e = (values: string[]) => table({ columns: [{ ...c0, type: { native: 'enum', logical: { kind: 'enum', values } } }] });
    expect(types(e(['a', 'b']), e(['b', 'a']))).toEqual(['alter-column']);
  });

  it('an index field re-creates the index; a trigger body or order re-creates the trigger', () => {
    const ix = base.indexes![0];
    expect(types(base, table({ indexes: [{ ...ix, keys: [{ ...ix.keys[0], length: 10 }] }] }))).toEqual(['drop-index', 'add-index']);
    expect(types(base, table({ indexes: [{ ...ix, invisible: true }] }))).toEqual(['drop-index', 'add-index']);
    const tr = base.triggers![0];
    expect(types(base, table({ triggers: [{ ...tr, body: 'SET NEW.x = 1' }] }))).toEqual(['drop-trigger', 'add-trigger']);
    expect(types(base, table({ triggers: [{ ...tr, order: { follows: 'other' } }] }))).toEqual(['drop-trigger', 'add-trigger']);
    expect(types(base, table({ triggers: [{ ...tr, function: undefined, body: 'SET NEW.x = 1' }] }))).toEqual(['drop-trigger', 'add-trigger']);
  });

  it('a table charset or collation is a set-charset, both ways', () => {
    const a = table({ charset: undefined, collation: undefined });
    const b = table({ charset: 'utf8mb4', collation: 'utf8mb4_bin' });
    expect(diffTable(a, b)).toEqual([{ type: 'set-charset', from: {}, to: { charset: 'utf8mb4', collation: 'utf8mb4_bin' } }]);
    expect(diffTable(b, table({ charset: 'utf8mb4', collation: undefined }))).toEqual([{ type: 'set-charset', from: { charset: 'utf8mb4', collation: 'utf8mb4_bin' }, to: { charset: 'utf8mb4' } }]);
    expect(() => diffModels(model(b), model(a))).not.toThrow();
  });

  it('key partitioning, subpartitions and inline partitions re-create the table like any new partitioning', () => {
    const p = { strategy: 'range', key: 'RANGE (x)', columns: ['x'], partitions: [{ name: 'p0', bound: 'VALUES LESS THAN (10)' }, { name: 'p1', bound: 'VALUES LESS THAN MAXVALUE' }] } as const;
    const a = table({ partitioning: p });
    expect(types(a, table({ partitioning: { ...p, strategy: 'key', key: 'KEY (x)' } }))).toEqual(['set-partitioning']);
    expect(types(a, table({ partitioning: { ...p, subpartitioning: { strategy: 'hash', key: 'HASH (x)', columns: ['x'] } } }))).toEqual(['set-partitioning']);
    // partitions are in declared order: the same partitions in another order are another table
    expect(types(a, table({ partitioning: { ...p, partitions: [p.partitions[1], p.partitions[0]] } }))).toEqual(['set-partitioning']);
  });
});
