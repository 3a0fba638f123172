/**
 * The fields other engines need (MySQL, SQLite): stored canonically (declared orders
 * kept, "none" spelled one way), lossless through files, and checked at load time
 * where the DDL pastes them (an inline trigger body).
 */
import { describe, expect, it } from 'vitest';
import { triggerBodyProblem } from '../../unified-model/expressions.js';
import { canonicalize, filesToModel, modelToFiles, ModelFileError, type Model, type Table } from '../../unified-model/index.js';

/** A MySQL table with every new field. */
const orders: Table = {
  kind: 'table', id: 'shop.orders', schema: 'shop', name: 'orders', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci',
  columns: [
    { name: 'id', type: { native: 'bigint unsigned', logical: { kind: 'integer', bits: 64, unsigned: true } }, nullable: false, autoIncrement: true },
    { name: 'state', type: { native: "enum('new','paid','sent')", logical: { kind: 'enum', values: ['new', 'paid', 'sent'] } }, nullable: false, charset: 'utf8mb4', collation: 'utf8mb4_bin' },
    { name: 'tags', type: { native: "set('z','a')", logical: { kind: 'set', values: ['z', 'a'] } }, nullable: true },
    { name: 'note', type: { native: 'mediumtext', logical: { kind: 'text', maxBytes: 16777215 } }, nullable: true, invisible: true },
    { name: 'digest', type: { native: 'binary(16)', logical: { kind: 'binary', length: 16, fixed: true } }, nullable: true },
    { name: 'changed', type: { native: 'timestamp(3)', logical: { kind: 'timestamp', tz: false, precision: 3 } }, nullable: true, default: 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' },
  ],
  indexes: [{ name: 'by_note', unique: false, method: 'btree', keys: [{ column: 'note', length: 10 }], invisible: true, definition: 'CREATE INDEX by_note ON shop.orders (note(10))' }],
  triggers: [{
    name: 'orders_bu', timing: 'before', events: ['update'], level: 'row', body: 'BEGIN IF NEW.id < 0 THEN SET NEW.id = 0; END IF; END', order: { follows: 'audit_bu' },
    definition: 'CREATE TRIGGER orders_bu BEFORE UPDATE ON orders FOR EACH ROW FOLLOWS audit_bu BEGIN IF NEW.id < 0 THEN SET NEW.id = 0; END IF; END',
  }],
  partitioning: {
    strategy: 'range', key: 'RANGE (id)', columns: ['id'],
    subpartitioning: { strategy: 'key', key: 'KEY (id)', columns: ['id'] },
    partitions: [{ name: 'p_high', bound: 'VALUES LESS THAN (100)', subpartitions: ['s1', 's0'] }, { name: 'p_all', bound: 'VALUES LESS THAN MAXVALUE' }],
  },
};
const model: Model = { formatVersion: 1, dialect: 'mysql', objects: [orders] };

describe('model fields for every engine', () => {
  it('serialize → parse is lossless, declared orders kept', () => {
    const files = modelToFiles(model);
    const back = filesToModel(files);
    expect(modelToFiles(back)).toEqual(files);
    const t = back.objects[0] as Table;
    expect(t.partitioning?.partitions?.map((p) => p.name)).toEqual(['p_high', 'p_all']);
    expect(t.partitioning?.partitions?.[0].subpartitions).toEqual(['s1', 's0']);
    expect(t.columns[2].type.logical).toEqual({ kind: 'set', values: ['z', 'a'] });
    expect(t).toEqual(canonicalize(orders));
  });

  it('HASH and KEY partitions have no bound; SQLite stores a trigger with its BEGIN … END body', () => {
    const hashed: Table = { ...orders, partitioning: { strategy: 'key', key: 'KEY (id)', columns: ['id'], partitions: [{ name: 'p0', bound: '' }, { name: 'p1', bound: '' }] } };
    const sqlite: Table = {
      kind: 'table', id: 'main.t', schema: 'main', name: 't', columns: orders.columns.slice(0, 1), options: { strict: 'true' },
      triggers: [{
        name: 't_ai', timing: 'after', events: ['insert'], level: 'row', when: 'NEW.id > 0',
        body: "\n  UPDATE t SET id = id WHERE id = NEW.id;\n  SELECT CASE WHEN NEW.id IS NULL THEN RAISE(ABORT, 'no id') END;\n",
        definition: "CREATE TRIGGER t_ai AFTER INSERT ON t WHEN NEW.id > 0\nBEGIN\n  UPDATE t SET id = id WHERE id = NEW.id;\n  SELECT CASE WHEN NEW.id IS NULL THEN RAISE(ABORT, 'no id') END;\nEND",
      }],
    };
    for (const m of [{ ...model, objects: [hashed] }, { formatVersion: 1, dialect: 'sqlite', objects: [sqlite] } as Model]) {
      expect(modelToFiles(filesToModel(modelToFiles(m)))).toEqual(modelToFiles(m));
    }
  });

  it('"none" has one spelling: no order, no partitions', () => {
    const spelled = { ...orders, triggers: [{ ...orders.triggers![0], order: {} }], partitioning: { ...orders.partitioning!, partitions: [] } };
    const c = canonicalize(spelled) as Table;
    expect(c.triggers![0]).not.toHaveProperty('order');
    expect(c.partitioning).not.toHaveProperty('partitions');
  });

  it('refuses what a file cannot hold', () => {
    const edit = (f: (o: Record<string, any>) => void) => modelToFiles(model).map((file) => {
      if (!file.path.endsWith('orders.json')) return file;
      const o = JSON.parse(file.content);
      f(o);
      return { ...file, content: JSON.stringify(o) };
    });
    expect(() => filesToModel(edit((o) => { o.indexes[0].keys[0].length = 0; }))).toThrow(/keys\[0\]\.length/);
    expect(() => filesToModel(edit((o) => { o.indexes[0].keys[0].length = 0; }))).toThrow(ModelFileError);
    expect(() => filesToModel(edit((o) => { o.triggers[0].order.after = 'x'; }))).toThrow(/after/);
    expect(() => filesToModel(edit((o) => { o.partitioning.strategy = 'linear'; }))).toThrow(/partitioning\.strategy/);
    expect(() => filesToModel(edit((o) => { delete o.columns[1].type.logical.values; }))).toThrow(/columns\[1\]\.type\.logical.*names its type \(ref\) or lists its values/);
    expect(() => filesToModel(edit((o) => { o.triggers[0].body = 'SET NEW.a = 1; END; DROP TABLE shop.orders'; }))).toThrow(/triggers\[0\]\.body.*closes a block it did not open/);
    // the definition of an inline trigger may hold its body's semicolons, inside BEGIN … END only
    expect(() => filesToModel(edit((o) => { o.triggers[0].definition += '; DROP TABLE shop.orders'; }))).toThrow(/triggers\[0\]\.definition.*would start another statement/);
    // a trigger calling a function (PostgreSQL) has no body: a BEGIN … END in its definition is no excuse for a ';'
    expect(() => filesToModel(edit((o) => { delete o.triggers[0].body; o.triggers[0].function = 'shop.f()'; }))).toThrow(/triggers\[0\]\.definition.*a ';' at character/);
  });
});

describe('inline trigger bodies', () => {
  it('accepts what the engines store', () => {
    for (const body of [
      'SET NEW.updated = NOW()', // MySQL, one statement
      'BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END', // MySQL, a compound statement
      'BEGIN CASE NEW.k WHEN 1 THEN SET NEW.v = 1; ELSE SET NEW.v = 2; END CASE; END',
      'BEGIN WHILE x < 3 DO SET x = x + 1; END WHILE; REPEAT SET x = x - 1; UNTIL x = 0 END REPEAT; END',
      "UPDATE t SET n = n + 1 WHERE id = NEW.id; INSERT INTO log VALUES (NEW.id, 'a;b');", // SQLite, statements of its BEGIN … END
      'SELECT CASE WHEN NEW.x IS NULL THEN RAISE(ABORT, \'x is required\') END;',
      'UPDATE t SET n = 1; -- a note\n',
    ]) expect(triggerBodyProblem(body), body).toBeUndefined();
  });

  it('refuses a body that would end the CREATE TRIGGER it is pasted into', () => {
    expect(triggerBodyProblem('UPDATE t SET n = 1; END; DROP TABLE t')).toMatch(/the END at character 21 closes a block it did not open/);
    expect(triggerBodyProblem('BEGIN SET NEW.a = 1;')).toMatch(/never closed by END/);
    expect(triggerBodyProblem("SET NEW.a = 'open")).toMatch(/inline trigger body/);
    expect(triggerBodyProblem('UPDATE t SET n = 1 -- swallows the END')).toMatch(/-- comment/);
    expect(triggerBodyProblem('SELECT (1')).toMatch(/never closed/);
    expect(triggerBodyProblem('')).toMatch(/is empty/);
  });
});
