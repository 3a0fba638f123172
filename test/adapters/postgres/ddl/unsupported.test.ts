/**
 * Fields of the model that PostgreSQL cannot have (MySQL's and SQLite's) are refused by
 * the PostgreSQL DDL with E_UNSUPPORTED naming the field and the object, never written
 * without them. Offline: the refusal comes before any statement exists.
 */
import { describe, expect, it } from 'vitest';
import { postgresDdl } from '../../../../adapters/postgres/ddl/index.js';
import type { PlanUnit } from '../../../../adapters/types.js';
import { RedbError } from '../../../../src/core/errors.js';
import { createPlan } from '../../../../src/plan/index.js';
import type { Column, Index, Model, Table, Trigger } from '../../../../unified-model/index.js';

const id: Column = { name: 'id', type: { native: 'integer', logical: { kind: 'integer', bits: 32 } }, nullable: false };
const name: Column = { name: 'name', type: { native: 'text', logical: { kind: 'text' } }, nullable: true };
const table = (extra: Partial<Table> = {}): Table => ({ kind: 'table', id: 'app.t', schema: 'app', name: 't', columns: [id, name], ...extra });
const index: Index = { name: 't_name', unique: false, method: 'btree', keys: [{ column: 'name' }], definition: 'CREATE INDEX t_name ON app.t USING btree (name)' };
const trigger: Trigger = { name: 'touch', timing: 'before', events: ['update'], level: 'row', function: 'app.touch()', definition: 'CREATE TRIGGER touch BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.touch()' };
const model = (...objects: Table[]): Model => ({ formatVersion: 1, dialect: 'postgres', objects });
const ctx = { from: model(), to: model(), options: {} };

function refusal(unit: PlanUnit): RedbError {
  try {
    postgresDdl.statements(unit, ctx);
  } catch (err) {
    if (err instanceof RedbError) return err;
    throw err;
  }
  throw new Error('the unit was not refused');
}

const create = (t: Table): PlanUnit => ({ type: 'create', object: t });
const member = (to: Table, change: Extract<PlanUnit, { type: 'table' }>['change']): PlanUnit => ({ type: 'table', from: table(), to, change });

describe('PostgreSQL refuses fields it cannot have', () => {
  const cases: [string, PlanUnit, string][] = [
    ['AUTO_INCREMENT', create(table({ columns: [{ ...id, autoIncrement: true }, name] })), 'columns.id.autoIncrement'],
    ['ON UPDATE', member(table(), { type: 'add-column', column: { ...name, name: 'at', onUpdate: 'CURRENT_TIMESTAMP(3)' } }), 'columns.at.onUpdate'],
    ['an invisible column', member(table(), { type: 'alter-column', from: name, to: { ...name, invisible: true } }), 'columns.name.invisible'],
    ['a column charset', create(table({ columns: [id, { ...name, charset: 'utf8mb4' }] })), 'columns.name.charset'],
    ['a SET type', create(table({ columns: [id, { ...name, type: { native: "set('a','b')", logical: { kind: 'set', values: ['a', 'b'] } } }] })), 'columns.name.type.logical'],
    ['an inline enum', create(table({ columns: [id, { ...name, type: { native: "enum('a','b')", logical: { kind: 'enum', values: ['a', 'b'] } } }] })), 'columns.name.type.logical'],
    ['a bounded text', create(table({ columns: [id, { ...name, type: { native: 'mediumtext', logical: { kind: 'text', maxBytes: 16777215 } } }] })), 'columns.name.type.logical.maxBytes'],
    ['a prefix key', member(table(), { type: 'add-index', index: { ...index, keys: [{ column: 'name', length: 10 }] } }), 'indexes.t_name.keys[0].length'],
    ['an invisible index', create(table({ indexes: [{ ...index, invisible: true }] })), 'indexes.t_name.invisible'],
    ['an inline trigger body', member(table(), { type: 'add-trigger', trigger: { ...trigger, function: undefined, body: 'SET NEW.name = lower(NEW.name)' } }), 'triggers.touch.body'],
    ['a trigger order', member(table(), { type: 'add-trigger', trigger: { ...trigger, order: { follows: 'other' } } }), 'triggers.touch.order'],
    ['a table charset', member(table({ charset: 'utf8mb4' }), { type: 'set-charset', from: {}, to: { charset: 'utf8mb4' } }), 'charset'],
    ['a table collation', create(table({ collation: 'utf8mb4_bin' })), 'collation'],
    ['KEY partitioning', create(table({ partitioning: { strategy: 'key', key: 'KEY (id)', columns: ['id'] } })), 'partitioning.strategy'],
    ['inline partitions', create(table({ partitioning: { strategy: 'range', key: 'RANGE (id)', columns: ['id'], partitions: [{ name: 'p0', bound: 'VALUES LESS THAN (10)' }] } })), 'partitioning.partitions'],
    ['a grouped change', { type: 'table-group', mode: 'combined', from: table(), to: table(), changes: [{ type: 'set-comment', to: 'x' }, { type: 'add-column', column: { ...name, name: 'n2', charset: 'latin1' } }] }, 'columns.n2.charset'],
    ['subpartitioning', create(table({ partitioning: { strategy: 'range', key: 'RANGE (id)', columns: ['id'], subpartitioning: { strategy: 'hash', key: 'HASH (id)', columns: ['id'] } } })), 'partitioning.subpartitioning'],
  ];
  for (const [what, unit, field] of cases) {
    it(`${what}: E_UNSUPPORTED naming ${field} of table app.t`, () => {
      const err = refusal(unit);
      expect(err.code).toBe('E_UNSUPPORTED');
      expect(err.message).toContain(`field ${field} of table app.t`);
      expect(err.hint).toMatch(/remove .* then plan again/);
    });
  }

  it('the same units without those fields are written', () => {
    expect(postgresDdl.statements(create(table({ columns: [{ ...id, autoIncrement: false }, { ...name, invisible: false }] })), ctx).length).toBeGreaterThan(0);
    expect(postgresDdl.statements(member(table(), { type: 'add-index', index }), ctx).length).toBe(1);
    expect(postgresDdl.statements(member(table(), { type: 'add-trigger', trigger }), ctx).length).toBe(1);
    // back to the engine's default character set: nothing to do, nothing refused
    expect(postgresDdl.statements(member(table(), { type: 'set-charset', from: { charset: 'utf8mb4' }, to: {} }), ctx)).toEqual([]);
  });

  it('a plan carrying one is refused as a whole, with the code', () => {
    const to = model(table({ columns: [{ ...id, autoIncrement: true }, name] }));
    expect(() => createPlan({ from: model(), to, source: { tree: 'a' }, target: { tree: 'b' }, ddl: postgresDdl })).toThrow(/field columns\.id\.autoIncrement of table app\.t/);
  });
});
