/**
 * Scheduled events on the real MariaDB: each change's forward plan reaches the desired
 * schema exactly (re-read, nothing left to plan) and its rollback brings back the
 * current one; what an event file may hold is checked when it is loaded.
 */
import { describe, expect, it } from 'vitest';
import { objectPath, parseObject, type ScheduledEvent } from '../../../unified-model/index.js';
import { skipNote } from '../../support/live.js';
import { runPair } from './ddl-harness.js';
import { noServer } from './helpers.js';

const T = 'CREATE TABLE t (a INT, d DATETIME) ENGINE=InnoDB';

/** [name, current, desired] */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['an event every day, created', T, `${T}; CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t WHERE d < NOW() - INTERVAL 30 DAY`],
  ['a compound interval with STARTS and ENDS, preserved, disabled, commented, with a BEGIN … END body', T, `${T};
DELIMITER //
CREATE EVENT \`e.v\` ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS '2030-01-01 00:00:00' ENDS '2031-06-30 12:00:00'
  ON COMPLETION PRESERVE DISABLE COMMENT 'it''s; a \\\\ test'
  DO BEGIN DELETE FROM t WHERE a < 0; INSERT INTO t VALUES (1, NOW()); END//
DELIMITER ;`],
  ['a one-time event in another time zone', T, `${T}; SET time_zone = '+05:30'; CREATE EVENT once ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION PRESERVE DO DELETE FROM t`],
  ['an event made under another sql_mode', T, `${T}; SET sql_mode = 'ANSI_QUOTES,PIPES_AS_CONCAT'; CREATE EVENT m ON SCHEDULE EVERY 2 WEEK STARTS '2030-01-01 00:00:00' DO INSERT INTO "t" (a) VALUES (1 || 2)`],
  ['the body and the completion changed', `${T}; CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM t`,
    `${T}; CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DO DELETE FROM t WHERE a > 1`],
  ['the schedule changed from EVERY to AT', `${T}; CREATE EVENT e ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00' DO DELETE FROM t`,
    `${T}; CREATE EVENT e ON SCHEDULE AT '2036-02-03 04:05:06' ON COMPLETION PRESERVE DISABLE DO DELETE FROM t`],
  ['an event dropped', `${T}; CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t`, T],
];

describe.skipIf(noServer)(skipNote('MySQL events on MariaDB', noServer), () => {
  for (const [name, current, desired] of PAIRS) {
    it(name, async () => {
      const r = await runPair(current, desired);
      expect(r.plan.steps.length).toBeGreaterThan(0);
      expect(r.forward).toEqual(r.to);
      expect(r.leftover).toBe(0);
      expect(r.back).toEqual(r.from);
    });
  }

  it('reads every field of an event, and re-creates it under its own sql_mode and time zone', async () => {
    const r = await runPair(T, `${T}; SET time_zone = '+05:30', sql_mode = 'ANSI_QUOTES'; CREATE EVENT x ON SCHEDULE EVERY 3 MINUTE STARTS '2030-01-01 10:00:00' ENDS '2030-02-01 10:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'c' DO DELETE FROM "t"`);
    const e = r.to.objects.find((o) => o.kind === 'event') as ScheduledEvent;
    expect(e).toEqual({
      kind: 'event', id: 'main.x', schema: 'main', name: 'x', comment: 'c',
      schedule: { every: { value: '3', unit: 'MINUTE' }, starts: '2030-01-01 10:00:00', ends: '2030-02-01 10:00:00' },
      preserve: true, status: 'disabled', timeZone: '+05:30', body: 'DELETE FROM "t"', config: ['sql_mode=ANSI_QUOTES'],
    });
    expect(objectPath(e)).toBe('schemas/main/events/x.json');
    const sql = r.plan.steps.map((s) => s.sql);
    expect(sql).toEqual([
      'SET @redb_sql_mode = @@SESSION.sql_mode',
      'SET @redb_time_zone = @@SESSION.time_zone',
      "SET SESSION sql_mode = 'ANSI_QUOTES'",
      "SET SESSION time_zone = '+05:30'",
      "CREATE EVENT `x`\nON SCHEDULE EVERY 3 MINUTE STARTS '2030-01-01 10:00:00' ENDS '2030-02-01 10:00:00'\nON COMPLETION PRESERVE DISABLE\nCOMMENT 'c'\nDO DELETE FROM \"t\"",
      'SET SESSION sql_mode = @redb_sql_mode',
      'SET SESSION time_zone = @redb_time_zone',
    ]);
    expect(r.plan.rollback.map((s) => s.sql)).toEqual(['DROP EVENT `x`']);
    expect(r.forward).toEqual(r.to);
  });
});

describe('event model files', () => {
  const base = { kind: 'event', id: 'main.e', schema: 'main', name: 'e', schedule: { every: { value: '1', unit: 'DAY' } }, status: 'enabled' };

  it('loads an event with a BEGIN … END body', () => {
    expect(() => parseObject('e.json', JSON.stringify({ ...base, body: 'BEGIN DELETE FROM t; SELECT 1; END' }))).not.toThrow();
  });

  it('refuses a body whose semicolon would end the CREATE EVENT early', () => {
    expect(() => parseObject('e.json', JSON.stringify({ ...base, body: 'DELETE FROM t; DROP TABLE u' }))).toThrow(/body[^]*event body/u);
  });

  it('refuses an unknown status and a schedule with both AT and EVERY', () => {
    expect(() => parseObject('e.json', JSON.stringify({ ...base, status: 'paused', body: 'DELETE FROM t' }))).toThrow(/^e\.json/u);
    expect(() => parseObject('e.json', JSON.stringify({ ...base, schedule: { at: '2030-01-01 00:00:00', every: { value: '1', unit: 'DAY' } }, body: 'DELETE FROM t' }))).toThrow(/^e\.json/u);
    expect(() => parseObject('e.json', JSON.stringify({ ...base, body: 'DELETE FROM t' }))).not.toThrow();
  });
});
