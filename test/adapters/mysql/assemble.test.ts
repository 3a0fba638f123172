/**
 * The assembly step from recorded catalog rows, for what the MariaDB of the test
 * server cannot show: MySQL 8 spells defaults bare (expressions marked
 * DEFAULT_GENERATED), marks an invisible index IS_VISIBLE = 'NO', has functional index
 * keys, and keeps a view's ALGORITHM only in SHOW CREATE VIEW.
 */
import { describe, expect, it } from 'vitest';
import { assembleModel, featuresOf } from '../../../adapters/mysql/index.js';
import type { Catalog } from '../../../adapters/mysql/introspect/index.js';
import type { Table, View } from '../../../unified-model/index.js';

const mysql8 = featuresOf('mysql', [8, 0, 36]);
const col = (name: string, pos: number, over: Partial<Catalog['columns'][number]> = {}): Catalog['columns'][number] => ({
  tbl: 't', name, pos, dflt: null, nullable: 'YES', data_type: 'int', column_type: 'int', charset: null, collation: null, extra: '', comment: '', generation: '', ...over,
});

const catalog: Catalog = {
  tables: [
    { name: 't', type: 'BASE TABLE', engine: 'InnoDB', collation: 'utf8mb4_0900_ai_ci', create_options: '', comment: '' },
    { name: 'v', type: 'VIEW', engine: null, collation: null, create_options: null, comment: 'VIEW' },
  ],
  columns: [
    col('id', 1, { nullable: 'NO', extra: 'auto_increment' }),
    col('name', 2, { data_type: 'varchar', column_type: 'varchar(20)', charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', dflt: "it's" }),
    col('n', 3, { dflt: '0' }),
    col('at', 4, { data_type: 'timestamp', column_type: 'timestamp(3)', dflt: 'CURRENT_TIMESTAMP(3)', extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)' }),
    col('j', 5, { data_type: 'json', column_type: 'json', dflt: "(json_array())", extra: 'DEFAULT_GENERATED' }),
    col('id', 1, { tbl: 'v' }),
  ],
  indexKeys: [
    { tbl: 't', idx: 'PRIMARY', non_unique: 0, seq: 1, col: 'id', collation: 'A', sub_part: null, index_type: 'BTREE', comment: '', ignored: 0, expression: null },
    { tbl: 't', idx: 'lower_name', non_unique: 1, seq: 1, col: null, collation: 'A', sub_part: null, index_type: 'BTREE', comment: '', ignored: 1, expression: 'lower(`name`)' },
  ],
  foreignKeys: [],
  checks: [{ tbl: 't', name: 't_chk_1', clause: '(`n` >= 0)', level: 'Table', enforced: 'YES' }],
  views: [{ db: 'app', name: 'v', definition: 'select `app`.`t`.`id` AS `id` from `app`.`t`', check_option: 'NONE', security: 'DEFINER' }],
  routines: [],
  parameters: [],
  triggers: [],
  partitions: [],
  events: [
    { name: 'once', definer: 'app@%', time_zone: '+00:00', body: 'DELETE FROM t', type: 'ONE TIME', execute_at: '2035-01-01 00:00:00', interval_value: null, interval_field: null,
      sql_mode: 'ONLY_FULL_GROUP_BY', starts: null, ends: null, status: 'SLAVESIDE_DISABLED', on_completion: 'NOT PRESERVE', comment: '' },
  ],
  session: [{ reader: 'root@localhost' }],
};

describe('assembleModel: events and definers', () => {
  const model = assembleModel(catalog, mysql8, new Map([['v', 'TEMPTABLE']]));

  it('reads a one-time event replicated from a primary, with a definer other than the reader', () => {
    expect(model.objects.find((o) => o.kind === 'event')).toEqual({
      kind: 'event', id: 'main.once', schema: 'main', name: 'once', schedule: { at: '2035-01-01 00:00:00' }, status: 'replica-disabled',
      timeZone: '+00:00', body: 'DELETE FROM t', config: ['sql_mode=ONLY_FULL_GROUP_BY'], definer: 'app@%',
    });
  });

  it("leaves out the reader's own definer", () => {
    const own = assembleModel({ ...catalog, views: [{ ...catalog.views[0], definer: 'root@localhost' }], events: [] }, mysql8);
    const other = assembleModel({ ...catalog, views: [{ ...catalog.views[0], definer: 'report@%' }], events: [] }, mysql8);
    expect((own.objects.find((o) => o.id === 'main.v') as View).definer).toBeUndefined();
    expect((other.objects.find((o) => o.id === 'main.v') as View).definer).toBe('report@%');
  });
});

describe('assembleModel for MySQL 8 rows', () => {
  const model = assembleModel(catalog, mysql8, new Map([['v', 'TEMPTABLE']]));
  const t = model.objects.find((o) => o.id === 'main.t') as Table;

  it('quotes bare literal defaults, keeps DEFAULT_GENERATED expressions, reads ON UPDATE', () => {
    expect(t.columns.map((c) => c.default)).toEqual([undefined, "'it''s'", '0', 'CURRENT_TIMESTAMP(3)', '(json_array())']);
    expect(t.columns[3].onUpdate).toBe('CURRENT_TIMESTAMP(3)');
    expect(t.columns[4].type).toEqual({ native: 'json', logical: { kind: 'json' } });
    expect(t.columns[1]).not.toHaveProperty('collation');
  });

  it('reads a functional, invisible index and the check', () => {
    expect(t.indexes).toEqual([
      { name: 'lower_name', unique: false, method: 'btree', keys: [{ expression: 'lower(`name`)' }], invisible: true, definition: 'CREATE INDEX `lower_name` ON `t` ((lower(`name`))) INVISIBLE' },
    ]);
    expect(t.checks).toEqual([{ name: 't_chk_1', expression: '(`n` >= 0)' }]);
    expect(t).toMatchObject({ charset: 'utf8mb4', collation: 'utf8mb4_0900_ai_ci', options: { engine: 'InnoDB' } });
  });

  it('takes the view algorithm from SHOW CREATE VIEW and the database name out of the definition', () => {
    const v = model.objects.find((o) => o.id === 'main.v') as View;
    expect(v).toMatchObject({ definition: 'select `t`.`id` AS `id` from `t`', options: { algorithm: 'temptable' }, dependsOn: ['main.t'] });
  });
});
