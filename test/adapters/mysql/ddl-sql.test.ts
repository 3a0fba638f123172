/**
 * The SQL and hazards the MySQL generator writes, without a server: golden statements
 * for a few changes, the copies named by flavour and version, and model text that
 * could break out of its statement quoted or refused.
 */
import { describe, expect, it } from 'vitest';
import { mysqlDdl } from '../../../adapters/mysql/index.js';
import type { DdlOptions } from '../../../adapters/types.js';
import { createPlan } from '../../../src/plan/index.js';
import { FORMAT_VERSION, type Column, type DbObject, type Model, type Routine, type ScheduledEvent, type Table, type View } from '../../../unified-model/index.js';

const int = (name: string, over: Partial<Column> = {}): Column => ({ name, type: { native: 'int(11)', logical: { kind: 'integer', bits: 32 } }, nullable: true, ...over });
const table = (columns: Column[], over: Partial<Table> = {}): Table => ({
  kind: 'table', id: 'main.t', schema: 'main', name: 't', columns, charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', options: { engine: 'InnoDB' }, ...over,
});
const model = (...objects: DbObject[]): Model => ({ formatVersion: FORMAT_VERSION, dialect: 'mysql', objects });
const MARIADB: DdlOptions = { serverVersion: 'MariaDB 10.11.19', flavour: 'mariadb' };
const MYSQL80: DdlOptions = { serverVersion: 'MySQL 8.0.20', flavour: 'mysql' };

const plan = (from: Table | undefined, to: Table | undefined, options: DdlOptions = MARIADB, objects: DbObject[] = []) =>
  createPlan({
    from: model(...(from ? [from] : []), ...objects), to: model(...(to ? [to] : []), ...objects), source: { tree: 'a' }, target: { tree: 'b' },
    ddl: mysqlDdl, reorderColumns: true, transactionalDdl: false, options,
  });

describe('MySQL DDL: golden statements', () => {
  it('creates a table with its keys, indexes and options in one statement', () => {
    const t = table([int('id', { nullable: false, autoIncrement: true }), { name: 'name', type: { native: 'varchar(20)', logical: { kind: 'string', length: 20 } }, nullable: false, default: "'x'", comment: "it's" }], {
      primaryKey: { name: 'PRIMARY', columns: ['id'] },
      indexes: [{ name: 'n', unique: false, method: 'btree', keys: [{ column: 'name', length: 5, order: 'desc' }], definition: '' }],
      comment: 'people',
    });
    expect(plan(undefined, t).steps.map((s) => s.sql)).toEqual([
      'CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `name` varchar(20) NOT NULL DEFAULT \'x\' COMMENT \'it\'\'s\',\n  PRIMARY KEY (`id`),\n  KEY `n` (`name`(5) DESC)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT=\'people\'',
    ]);
  });

  it('writes the member changes of a table as one ALTER TABLE, moving the fewest columns', () => {
    const from = table([int('a'), int('b'), int('c'), int('d')]);
    const to = table([int('d'), int('a'), int('x', { default: '(rand())' }), int('c'), int('b')]);
    const p = plan(from, to);
    expect(p.steps.map((s) => s.sql)).toEqual([
      'ALTER TABLE `t`\n  MODIFY COLUMN `d` int(11) NULL FIRST,\n  ADD COLUMN `x` int(11) NULL DEFAULT (rand()) AFTER `a`,\n  MODIFY COLUMN `b` int(11) NULL AFTER `c`',
    ]);
    expect(p.rollback.map((s) => s.sql)).toEqual(['ALTER TABLE `t`\n  DROP COLUMN `x`,\n  MODIFY COLUMN `c` int(11) NULL AFTER `b`,\n  MODIFY COLUMN `d` int(11) NULL AFTER `c`']);
  });

  it('adds foreign keys after the tables, as statements of their own', () => {
    const p0 = table([int('id', { nullable: false })], { id: 'main.p', name: 'p', primaryKey: { name: 'PRIMARY', columns: ['id'] } });
    const c = table([int('pid')], { id: 'main.c', name: 'c', foreignKeys: [{ name: 'c_p', columns: ['pid'], references: 'main.p', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no-action', match: 'simple' }] });
    const p = createPlan({ from: model(), to: model(c, p0), source: { tree: 'a' }, target: { tree: 'b' }, ddl: mysqlDdl, reorderColumns: true, transactionalDdl: false, options: MARIADB });
    expect(p.steps.at(-1)!.sql).toBe('ALTER TABLE `c`\n  ADD CONSTRAINT `c_p` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    const mysql8 = createPlan({ from: model(), to: model(c, { ...p0 }), source: { tree: 'a' }, target: { tree: 'b' }, ddl: mysqlDdl, transactionalDdl: false, options: MYSQL80 });
    expect(mysql8.steps.at(-1)!.sql).toContain('ON DELETE CASCADE ON UPDATE NO ACTION');
    expect(p.steps.filter((s) => s.sql.startsWith('CREATE TABLE'))).toHaveLength(2);
  });

  it('frames a body with semicolons in a DELIMITER of its own, and never a transaction', () => {
    expect(mysqlDdl.script.statement('DROP TABLE `t`')).toBe('DROP TABLE `t`;');
    expect(mysqlDdl.script.statement('CREATE FUNCTION `f`() RETURNS int(11)\nBEGIN RETURN 1; END')).toBe('DELIMITER $$\nCREATE FUNCTION `f`() RETURNS int(11)\nBEGIN RETURN 1; END$$\nDELIMITER ;');
    expect(mysqlDdl.script.statement('CREATE TRIGGER `x` BEFORE INSERT ON `t` FOR EACH ROW SET @a = \'$$;\'')).toMatch(/^DELIMITER \/\/\n[^]*\/\/\nDELIMITER ;$/u);
    expect(mysqlDdl.script.transaction).toBeUndefined();
    expect(mysqlDdl.lockTimeout!(10_000)).toEqual(['SET SESSION lock_wait_timeout = 10']);
    expect(mysqlDdl.lockTimeout!(1500)).toEqual(['SET SESSION lock_wait_timeout = 2']);
  });

  it('creates a routine under the sql_mode it was made in, and puts the session mode back', () => {
    const f: Routine = {
      kind: 'function', id: 'main.f()', schema: 'main', name: 'f', signature: '', arguments: [], returns: 'int(11)', language: 'sql', body: 'RETURN 1',
      config: ['sql_mode=STRICT_TRANS_TABLES,NO_ZERO_DATE'], definition: 'CREATE FUNCTION `f`() RETURNS int(11)\nRETURN 1',
    };
    const p = createPlan({ from: model(), to: model(f), source: { tree: 'a' }, target: { tree: 'b' }, ddl: mysqlDdl, transactionalDdl: false });
    expect(p.steps.map((s) => s.sql)).toEqual([
      'SET @redb_sql_mode = @@SESSION.sql_mode', "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE'", 'CREATE FUNCTION `f`() RETURNS int(11)\nRETURN 1', 'SET SESSION sql_mode = @redb_sql_mode',
    ]);
    expect(p.steps.every((s) => s.hazards.includes('not-transactional'))).toBe(true);
  });
});

describe('MySQL DDL: hazards by flavour and version', () => {
  const hazards = (from: Table, to: Table, options: DdlOptions) => plan(from, to, options).steps.flatMap((s) => s.hazards).filter((h) => h !== 'not-transactional');

  it('a column added in the middle is INSTANT on MariaDB 10.11 and copies the table on MySQL 8.0.20', () => {
    const from = table([int('a'), int('c')]);
    const to = table([int('a'), int('b'), int('c')]);
    expect(hazards(from, to, MARIADB)).toEqual([]);
    expect(hazards(from, to, MYSQL80)).toEqual(['table-rewrite']);
    // unknown server: the oldest answer
    expect(hazards(from, to, {})).toEqual(['table-rewrite']);
    expect(hazards(from, table([int('a'), int('c'), int('s', { generated: { expression: '`a` + 1', stored: true } })]), MARIADB)).toEqual(['blocking-lock', 'table-rewrite']);
  });

  it('drops and narrowing lose data; appended enum values do not copy', () => {
    expect(hazards(table([int('a'), int('b')]), table([int('a')]), MARIADB)).toEqual(['data-loss']);
    const wide = table([{ name: 'a', type: { native: 'varchar(20)', logical: { kind: 'string', length: 20 } }, nullable: true }]);
    const narrow = table([{ name: 'a', type: { native: 'varchar(5)', logical: { kind: 'string', length: 5 } }, nullable: true }]);
    expect(hazards(wide, narrow, MARIADB)).toEqual(['blocking-lock', 'data-dependent', 'data-loss', 'table-rewrite']);
    expect(hazards(narrow, wide, MARIADB)).toEqual(['blocking-lock', 'data-dependent', 'table-rewrite']);
    const e = (values: string[]) => table([{ name: 'a', type: { native: `enum(${values.map((v) => `'${v}'`).join(',')})`, logical: { kind: 'enum', values } }, nullable: true }]);
    expect(hazards(e(['x', 'y']), e(['x', 'y', 'z']), MARIADB)).toEqual([]);
    expect(hazards(e(['x', 'y']), e(['y', 'x']), MARIADB)).toEqual(['blocking-lock', 'data-dependent', 'data-loss', 'table-rewrite']);
  });

  it('another engine copies the table; a comment does not', () => {
    expect(hazards(table([int('a')]), table([int('a')], { options: { engine: 'MyISAM' } }), MARIADB)).toEqual(['blocking-lock', 'table-rewrite']);
    expect(hazards(table([int('a')]), table([int('a')], { comment: 'x' }), MARIADB)).toEqual([]);
  });
});

describe('MySQL DDL: model text stays inside its statement', () => {
  it('quotes names and comments', () => {
    const t = table([int('a`; DROP TABLE x; --', { comment: "'); DROP TABLE x; -- \\" })], { name: 'we`ird', id: 'main.we`ird' });
    expect(plan(undefined, t).steps[0].sql).toContain("`a``; DROP TABLE x; --` int(11) NULL COMMENT '''); DROP TABLE x; -- \\\\'");
    expect(plan(undefined, t).steps[0].sql).toContain('CREATE TABLE `we``ird`');
  });

  it('refuses a charset, collation or table option that is not one word', () => {
    expect(() => plan(undefined, table([int('a')], { options: { engine: 'InnoDB, DROP TABLE x' } }))).toThrow(/is not one word/);
    expect(() => plan(undefined, table([int('a')], { charset: 'utf8mb4 COLLATE x' }))).toThrow(/is not one word/);
    expect(() => plan(undefined, table([int('a', { collation: 'x DEFAULT 1' })]))).toThrow(/is not one word/);
    expect(() => plan(undefined, table([int('a')], { options: { 'x=1 y': '1' } }))).toThrow(/is not one word/);
  });

  it('refuses a routine sql_mode that is not a list of modes', () => {
    const f: Routine = { kind: 'function', id: 'main.f()', schema: 'main', name: 'f', signature: '', arguments: [], language: 'sql', body: 'RETURN 1', config: ["sql_mode=', x='"], definition: 'CREATE FUNCTION `f`() RETURNS int RETURN 1' };
    expect(() => createPlan({ from: model(), to: model(f), source: { tree: 'a' }, target: { tree: 'b' }, ddl: mysqlDdl })).toThrow(/not a list of modes/);
  });

  const create = (o: DbObject) => createPlan({ from: model(), to: model(o), source: { tree: 'a' }, target: { tree: 'b' }, ddl: mysqlDdl }).steps.map((s) => s.sql);
  const event = (over: Partial<ScheduledEvent>): ScheduledEvent => ({ kind: 'event', id: 'main.e', schema: 'main', name: 'e', schedule: { at: '2030-01-01 00:00:00' }, status: 'enabled', body: 'DELETE FROM t', ...over });

  it('writes a definer as two literals split at the last @, and refuses one without a host', () => {
    const v: View = { kind: 'view', id: 'main.v', schema: 'main', name: 'v', definition: 'select 1 AS `a`', columns: [], definer: "o'brien@x@10.0.%" };
    expect(create(v)).toEqual(["CREATE OR REPLACE DEFINER='o''brien@x'@'10.0.%' VIEW `v` AS select 1 AS `a`"]);
    expect(() => create({ ...v, definer: 'nohost' })).toThrow(/definer of main\.v is not user@host/);
    expect(() => create({ ...v, definer: 'user@' })).toThrow(/not user@host/);
  });

  it("refuses an event's time, interval or time zone that would leave its clause", () => {
    expect(create(event({ comment: "it's", timeZone: "+01:00'; DROP TABLE x; --" }))).toContain("SET SESSION time_zone = '+01:00''; DROP TABLE x; --'");
    expect(() => create(event({ schedule: { at: "2030-01-01' DO DROP TABLE x; --" } }))).toThrow(/AT time of event main\.e is not a time/);
    expect(() => create(event({ schedule: { every: { value: '1 DAY DO DROP TABLE x', unit: 'DAY' } } }))).toThrow(/interval of event main\.e/);
    expect(() => create(event({ schedule: { every: { value: '1', unit: 'DAY STARTS' } } }))).toThrow(/interval of event main\.e/);
    expect(() => create(event({ schedule: { every: { value: '1', unit: 'DAY' }, ends: 'tomorrow' } }))).toThrow(/ENDS time/);
  });
});

describe('MySQL DDL: --online', () => {
  const online: DdlOptions = { ...MARIADB, online: true };

  it('ends an in-place ALTER TABLE in ALGORITHM=INPLACE, LOCK=NONE', () => {
    expect(plan(table([int('a')]), table([int('a'), int('b')]), online).steps[0].sql).toBe('ALTER TABLE `t`\n  ADD COLUMN `b` int(11) NULL,\n  ALGORITHM=INPLACE, LOCK=NONE');
  });

  it('refuses a copy at plan time, naming the step and the clause', () => {
    const bigint = int('a', { type: { native: 'bigint(20)', logical: { kind: 'integer', bits: 64 } } });
    expect(() => plan(table([int('a')]), table([bigint]), online)).toThrow(/--online: the step "alter table main\.t: alter-column" cannot run online: the server copies the table or blocks writes for MODIFY COLUMN `a` bigint\(20\) NULL/);
    expect(plan(table([int('a')]), table([bigint])).steps[0].hazards).toContain('blocking-lock');
  });
});

describe('MySQL DDL: data checks', () => {
  it('counts NULLs before NOT NULL, duplicates before a unique key, orphans before a foreign key', () => {
    const p0 = table([int('id', { nullable: false })], { id: 'main.p', name: 'p', primaryKey: { name: 'PRIMARY', columns: ['id'] } });
    const before = table([int('pid'), int('u')], { id: 'main.c', name: 'c' });
    const after = table([int('pid', { nullable: false }), int('u')], {
      id: 'main.c', name: 'c', uniques: [{ name: 'c_u', columns: ['u'] }],
      foreignKeys: [{ name: 'c_p', columns: ['pid'], references: 'main.p', referencedColumns: ['id'], onDelete: 'restrict', onUpdate: 'restrict', match: 'simple' }],
    });
    const checks = mysqlDdl.dataChecks(model(p0, before), model(p0, after));
    expect(checks.map((c) => [c.object, c.fails])).toEqual([['main.c.pid', 'NOT NULL'], ['main.c.c_p', 'the foreign key c_p'], ['main.c.c_u', 'UNIQUE']]);
    expect(checks[1].sql).toBe('SELECT count(*) AS n FROM `c` AS c WHERE c.`pid` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `p` AS p WHERE p.`id` = c.`pid`)');
    expect(mysqlDdl.preamble).toEqual(['SET SESSION foreign_key_checks = 0']);
  });

  it('counts the values a narrower type cannot hold: longer strings, integers out of range, enum values that go away', () => {
    const col = (native: string, logical: Column['type']['logical']): Column => ({ name: 'c', type: { native, logical }, nullable: true });
    const check = (a: Column, b: Column) => mysqlDdl.dataChecks(model(table([a])), model(table([b]))).map((c) => c.sql);
    expect(check(col('varchar(20)', { kind: 'string', length: 20 }), col('varchar(5)', { kind: 'string', length: 5 }))).toEqual(['SELECT count(*) AS n FROM `t` WHERE char_length(`c`) > 5']);
    expect(check(col('varchar(5)', { kind: 'string', length: 5 }), col('varchar(20)', { kind: 'string', length: 20 }))).toEqual([]);
    expect(check(col('int(11)', { kind: 'integer', bits: 32 }), col('tinyint(3) unsigned', { kind: 'integer', bits: 8, unsigned: true }))).toEqual(['SELECT count(*) AS n FROM `t` WHERE (`c` < 0 OR `c` > 255)']);
    expect(check(col("enum('a','b')", { kind: 'enum', values: ['a', 'b'] }), col("enum('b')", { kind: 'enum', values: ['b'] }))).toEqual(["SELECT count(*) AS n FROM `t` WHERE `c` NOT IN ('b')"]);
  });
});
