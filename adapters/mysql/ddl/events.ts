/**
 * Scheduled events: CREATE EVENT from the model's fields, under the event's sql_mode
 * and time zone (session.ts), DROP EVENT. A changed event is dropped and created again
 * (ALTER EVENT would take the session's time zone and sql_mode, not the model's).
 */
import type { EventSchedule, ScheduledEvent } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import type { Statement } from '../../types.js';
import { definerClause, sqlModeOf, underSession } from './session.js';
import { lit, q } from './quote.js';

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/u;
/** An interval's value: a number, or a quoted value of a compound unit (`'1:30'` HOUR_MINUTE), as the catalog prints it. */
const INTERVAL_VALUE = /^(\d+|'[0-9:. -]+')$/u;
const INTERVAL_UNIT = /^[A-Z_]+$/u;

function time(text: string, what: string, id: string): string {
  if (!TIME.test(text)) throw new RedbError('E_UNSUPPORTED', `the ${what} of event ${id} is not a time: ${JSON.stringify(text)}`, 'write it as YYYY-MM-DD hh:mm:ss');
  return lit(text);
}

function scheduleSql(s: EventSchedule, id: string): string {
  if ('at' in s) return `AT ${time(s.at, 'AT time', id)}`;
  const { value, unit } = s.every;
  if (!INTERVAL_VALUE.test(value) || !INTERVAL_UNIT.test(unit)) {
    throw new RedbError('E_UNSUPPORTED', `the interval of event ${id} is not a number and a unit: ${JSON.stringify(`${value} ${unit}`)}`, "write e.g. value \"1\" unit \"DAY\", or value \"'1:30'\" unit \"HOUR_MINUTE\"");
  }
  return [`EVERY ${value} ${unit}`, ...(s.starts ? [`STARTS ${time(s.starts, 'STARTS time', id)}`] : []), ...(s.ends ? [`ENDS ${time(s.ends, 'ENDS time', id)}`] : [])].join(' ');
}

const STATUS: Record<ScheduledEvent['status'], string> = { enabled: 'ENABLE', disabled: 'DISABLE', 'replica-disabled': 'DISABLE ON SLAVE' };

export function createEventSql(e: ScheduledEvent): string {
  return [
    `CREATE ${definerClause(e.definer, e.id)}EVENT ${q(e.name)}`,
    `ON SCHEDULE ${scheduleSql(e.schedule, e.id)}`,
    `ON COMPLETION ${e.preserve ? '' : 'NOT '}PRESERVE ${STATUS[e.status]}`,
    ...(e.comment ? [`COMMENT ${lit(e.comment)}`] : []),
    `DO ${e.body.trimEnd().replace(/;$/u, '')}`,
  ].join('\n');
}

export function createEvent(e: ScheduledEvent): Statement[] {
  const mode = sqlModeOf(e.config, e.id);
  return underSession({ sql: createEventSql(e), comment: `create event ${e.id}` }, { ...(mode !== undefined ? { sql_mode: mode } : {}), ...(e.timeZone ? { time_zone: e.timeZone } : {}) }, e.id);
}

export const dropEvent = (e: ScheduledEvent): Statement[] => [{ sql: `DROP EVENT ${q(e.name)}`, comment: `drop event ${e.id}` }];
