/**
 * MySQL/MariaDB plans for each kind of change, on the real server: the forward plan
 * reaches the desired schema exactly (re-read, nothing left to plan) and the rollback
 * brings back the current one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { FEATURES_SQL, noServer } from './helpers.js';

const T = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** [name, current, desired] */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['create table', '', `CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a VARCHAR(20) NOT NULL DEFAULT 'x', KEY ta (a)) ${T} COMMENT='it''s'`],
  ['add column at the end', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a INT, b VARCHAR(10) NOT NULL DEFAULT 'b') ${T}`],
  ['add column in the middle', `CREATE TABLE t (a INT, c INT) ${T}`, `CREATE TABLE t (a INT, b INT UNSIGNED ZEROFILL, c INT) ${T}`],
  ['add column first', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (z BIGINT, a INT) ${T}`],
  ['drop column', `CREATE TABLE t (a INT, b TEXT, c INT) ${T}`, `CREATE TABLE t (a INT, c INT) ${T}`],
  ['reorder columns', `CREATE TABLE t (a INT, b INT, c INT, d INT) ${T}`, `CREATE TABLE t (d INT, a INT, c INT, b INT) ${T}`],
  ['widen and narrow types', `CREATE TABLE t (a INT, b VARCHAR(10), c DECIMAL(10,2)) ${T}`, `CREATE TABLE t (a BIGINT, b VARCHAR(5), c DECIMAL(12,4)) ${T}`],
  ['enum values appended and reordered', `CREATE TABLE t (a ENUM('x','y'), b SET('p','q')) ${T}`, `CREATE TABLE t (a ENUM('x','y','z'), b SET('q','p')) ${T}`],
  ['defaults and on update', `CREATE TABLE t (a INT DEFAULT 1, ts TIMESTAMP(3) NULL, d DATETIME) ${T}`, `CREATE TABLE t (a INT DEFAULT 2, ts TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), d DATETIME DEFAULT (now())) ${T}`],
  ['expression default', `CREATE TABLE t (a CHAR(36)) ${T}`, `CREATE TABLE t (a CHAR(36) NOT NULL DEFAULT (uuid())) ${T}`],
  ['nullability', `CREATE TABLE t (a INT NULL) ${T}`, `CREATE TABLE t (a INT NOT NULL) ${T}`],
  ['auto_increment', `CREATE TABLE t (id INT NOT NULL PRIMARY KEY) ${T}`, `CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY) ${T}`],
  ['generated columns', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a INT, v INT AS (a * 2) VIRTUAL, s INT AS (a + 1) STORED) ${T}`],
  ['invisible and comment', `CREATE TABLE t (a INT, b INT) ${T}`, `CREATE TABLE t (a INT COMMENT 'the a', b INT INVISIBLE) ${T}`],
  ['column charset and collation', `CREATE TABLE t (a VARCHAR(10)) ${T}`, `CREATE TABLE t (a VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_bin) ${T}`],
  ['rename by drop and add with data', `CREATE TABLE t (a INT, b INT) ${T}`, `CREATE TABLE t (a INT, c INT) ${T}`],
  ['primary key change', `CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a)) ${T}`, `CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b)) ${T}`],
  ['primary key added', `CREATE TABLE t (a INT NOT NULL) ${T}`, `CREATE TABLE t (a INT NOT NULL PRIMARY KEY) ${T}`],
  ['unique and check', `CREATE TABLE t (a INT, b INT) ${T}`, `CREATE TABLE t (a INT, b INT, UNIQUE KEY t_ab (a, b), CONSTRAINT t_pos CHECK (a > 0)) ${T}`],
  ['check changed', `CREATE TABLE t (a INT, CONSTRAINT c CHECK (a > 0)) ${T}`, `CREATE TABLE t (a INT, CONSTRAINT c CHECK (a > 1)) ${T}`],
  ['indexes: prefix, desc, fulltext, spatial, ignored', `CREATE TABLE t (a VARCHAR(100), b TEXT, p POINT NOT NULL) ${T}`,
    `CREATE TABLE t (a VARCHAR(100), b TEXT, p POINT NOT NULL, KEY ia (a(10) DESC, b(20)), FULLTEXT KEY fb (b), SPATIAL KEY sp (p), KEY ig (a) IGNORED COMMENT 'later') ${T}`],
  ['index changed', `CREATE TABLE t (a INT, b INT, KEY i (a)) ${T}`, `CREATE TABLE t (a INT, b INT, KEY i (a, b)) ${T}`],
  ['foreign keys', `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (id INT PRIMARY KEY, pid INT) ${T}`,
    `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (id INT PRIMARY KEY, pid INT, KEY c_pid (pid), CONSTRAINT c_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE) ${T}`],
  ['foreign key action changed', `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (pid INT, KEY k (pid), CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id)) ${T}`,
    `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (pid INT, KEY k (pid), CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id) ON DELETE SET NULL ON UPDATE CASCADE) ${T}`],
  ['tables with keys to each other', '', `CREATE TABLE a (id INT PRIMARY KEY, b_id INT, KEY k (b_id)) ${T}; CREATE TABLE b (id INT PRIMARY KEY, a_id INT, KEY k (a_id)) ${T};
    ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id); ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id)`],
  ['drop referenced tables', `CREATE TABLE p (id INT PRIMARY KEY) ${T}; CREATE TABLE c (pid INT, KEY k (pid), CONSTRAINT f FOREIGN KEY (pid) REFERENCES p (id)) ${T}`, ''],
  ['table options', `CREATE TABLE t (a INT) ${T}`, 'CREATE TABLE t (a INT) ENGINE=MyISAM DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci ROW_FORMAT=FIXED COMMENT=\'x\''],
  ['table charset changed: text columns follow it', `CREATE TABLE t (a VARCHAR(10), b INT, c TEXT CHARACTER SET latin1) ${T}`,
    'CREATE TABLE t (a VARCHAR(10), b INT, c TEXT CHARACTER SET latin1) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin'],
  ['row format and comment', `CREATE TABLE t (a INT) ${T} ROW_FORMAT=DYNAMIC`, `CREATE TABLE t (a INT) ${T} ROW_FORMAT=COMPACT COMMENT='now'`],
  ['views: algorithm, security, check option', `CREATE TABLE t (a INT, b INT) ${T}; CREATE VIEW v AS SELECT a FROM t`,
    `CREATE TABLE t (a INT, b INT) ${T}; CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v AS SELECT a, b FROM t WHERE a > 0 WITH CASCADED CHECK OPTION`],
  ['view over a dropped column', `CREATE TABLE t (a INT, b INT) ${T}; CREATE VIEW v AS SELECT a, b FROM t`, `CREATE TABLE t (a INT) ${T}; CREATE VIEW v AS SELECT a FROM t`],
  ['routines and triggers', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a INT) ${T};
DELIMITER //
CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC BEGIN DECLARE y INT; SET y = x * 2; RETURN y; END//
CREATE PROCEDURE p(IN x INT) MODIFIES SQL DATA BEGIN INSERT INTO t VALUES (x); SELECT 'a;b'; END//
CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END//
CREATE TRIGGER t2 BEFORE INSERT ON t FOR EACH ROW FOLLOWS t1 SET NEW.a = NEW.a + 1//
DELIMITER ;`],
  ['routine body changed', 'CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1', 'CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 2'],
  ['sequences', 'CREATE SEQUENCE s1', 'CREATE SEQUENCE s1 START WITH 10 INCREMENT BY 5 MAXVALUE 1000 CACHE 20 CYCLE; CREATE SEQUENCE s2'],
  ['system versioning (MariaDB)', `CREATE TABLE t (a INT) ${T}`, `CREATE TABLE t (a INT) ${T} WITH SYSTEM VERSIONING`],
  ['trigger body changed', `CREATE TABLE t (a INT) ${T}; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1`, `CREATE TABLE t (a INT) ${T}; CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 2`],
  ['trigger order changed', `CREATE TABLE t (a INT) ${T}; CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1; CREATE TRIGGER y BEFORE INSERT ON t FOR EACH ROW FOLLOWS x SET NEW.a = 2`,
    `CREATE TABLE t (a INT) ${T}; CREATE TRIGGER y BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 2; CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW FOLLOWS y SET NEW.a = 1`],
  ['primary key dropped with its auto_increment', `CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT) ${T}`, `CREATE TABLE t (id INT NOT NULL, a INT) ${T}`],
  ['view over a view, the table changes type', `CREATE TABLE t (a INT) ${T}; CREATE VIEW v1 AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM v1`,
    `CREATE TABLE t (a BIGINT) ${T}; CREATE VIEW v1 AS SELECT a FROM t; CREATE VIEW v2 AS SELECT a FROM v1`],
  ['hash partitions and list columns', `CREATE TABLE t (id INT NOT NULL, c VARCHAR(5)) ${T} PARTITION BY HASH (id) PARTITIONS 2`,
    `CREATE TABLE t (id INT NOT NULL, c VARCHAR(5)) ${T} PARTITION BY LIST COLUMNS (c) (PARTITION pa VALUES IN ('a','b'), PARTITION pz VALUES IN ('z'))`],
  ['partitioning', `CREATE TABLE t (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) ${T}`,
    `CREATE TABLE t (id INT NOT NULL, d DATE NOT NULL, PRIMARY KEY (id, d)) ${T} PARTITION BY RANGE (year(d)) (PARTITION p1 VALUES LESS THAN (2020), PARTITION p2 VALUES LESS THAN MAXVALUE)`],
  ['names with backticks, dots, unicode and reserved words', `CREATE TABLE \`we\`\`ird.ünï\` (\`order\` INT) ${T}`,
    `CREATE TABLE \`we\`\`ird.ünï\` (\`select\` INT, \`order\` INT, \`c\`\`d\` VARCHAR(3) COMMENT 'a\\\\b''c', KEY \`k.1\` (\`order\`)) ${T}`],
];

describe.skipIf(noServer)(skipNote('MySQL plans on MariaDB', noServer), () => {
  for (const [name, current, desired] of PAIRS) {
    it(name, async () => {
      const r = await runPair(current, desired);
      expect(r.plan.steps.length).toBeGreaterThan(0);
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back).toEqual(r.from);
    });
  }

  it('renames a column and a table, keeping the rows', async () => {
    const r = await runPair(`CREATE TABLE t (a INT, b VARCHAR(10) NOT NULL, c INT) ${T}; CREATE VIEW v AS SELECT b FROM t`,
      `CREATE TABLE u (a INT, bee VARCHAR(20) NOT NULL, c INT) ${T}; CREATE VIEW v AS SELECT bee FROM u`, {
        renames: [{ from: 'main.t', to: 'main.u' }, { from: 'main.t.b', to: 'main.t.bee' }],
        rows: "INSERT INTO t VALUES (1, 'kept', 2)",
        check: async (conn) => expect(await conn.query('SELECT a, bee, c FROM u')).toEqual([{ a: 1, bee: 'kept', c: 2 }]),
      });
    expect(r.plan.steps.map((s) => s.sql).join('\n')).toMatch(/RENAME TABLE `t` TO `u`[^]*CHANGE COLUMN `b` `bee` varchar\(20\)/u);
    expect(r.forward).toEqual(r.to);
    expect(r.leftover).toBe(0);
    expect(r.back).toEqual(r.from);
  });

  it('renames a view and a sequence', async () => {
    const r = await runPair(`CREATE TABLE t (a INT) ${T}; CREATE VIEW v AS SELECT a FROM t; CREATE SEQUENCE s START WITH 5`,
      `CREATE TABLE t (a INT) ${T}; CREATE VIEW w AS SELECT a FROM t; CREATE SEQUENCE s2 START WITH 5`, {
        renames: [{ from: 'main.v', to: 'main.w' }, { from: 'main.s', to: 'main.s2' }],
      });
    expect(r.plan.steps.map((s) => s.sql)).toEqual(expect.arrayContaining(['RENAME TABLE `v` TO `w`', 'RENAME TABLE `s` TO `s2`']));
    expect(r.forward).toEqual(r.to);
    expect(r.back).toEqual(r.from);
  });

  it('moves columns holding rows without losing them', async () => {
    const r = await runPair(`CREATE TABLE t (a INT, b INT, c INT) ${T}`, `CREATE TABLE t (c INT, n INT DEFAULT 7, a INT, b INT) ${T}`, {
      rows: 'INSERT INTO t VALUES (1, 2, 3)',
      check: async (conn) => expect(await conn.query('SELECT * FROM t')).toEqual([{ c: 3, n: 7, a: 1, b: 2 }]),
    });
    expect(r.forward).toEqual(r.to);
    expect(r.back).toEqual(r.from);
  });

  it('the features schema is created from nothing and dropped again', async () => {
    const r = await runPair('', readFileSync(FEATURES_SQL, 'utf8'));
    expect(r.forward).toEqual(r.to);
    expect(r.back).toEqual(r.from);
  });
});
