/**
 * Scheduled events from information_schema.EVENTS (one query for all of them). The
 * catalog has every field CREATE EVENT takes, so SHOW CREATE EVENT is never run. Times
 * are read as text in the event's own time zone (the catalog shows them so), and the
 * zone is kept beside them: the DDL sets it around CREATE EVENT, so the same text
 * means the same moment. A recurring event created without STARTS starts when it was
 * created: that time is kept, so it is re-created with the same schedule.
 */
import { objectId, type EventSchedule, type ScheduledEvent } from '../../../unified-model/index.js';
import type { EventRow } from './catalog.js';
import { definerOf } from './definers.js';
import { SCHEMA } from './names.js';

function scheduleOf(r: EventRow): EventSchedule {
  if (r.type.toUpperCase() === 'ONE TIME') return { at: r.execute_at ?? '' };
  return {
    every: { value: r.interval_value ?? '', unit: (r.interval_field ?? '').toUpperCase() },
    ...(r.starts ? { starts: r.starts } : {}),
    ...(r.ends ? { ends: r.ends } : {}),
  };
}

function statusOf(status: string): ScheduledEvent['status'] {
  const s = status.toUpperCase();
  return s === 'ENABLED' ? 'enabled' : s === 'DISABLED' ? 'disabled' : 'replica-disabled';
}

export function buildEvent(r: EventRow, reader: string | undefined): ScheduledEvent {
  const definer = definerOf(r.definer, reader);
  return {
    kind: 'event',
    id: objectId(SCHEMA, r.name),
    schema: SCHEMA,
    name: r.name,
    ...(r.comment ? { comment: r.comment } : {}),
    schedule: scheduleOf(r),
    ...(r.on_completion.toUpperCase() === 'PRESERVE' ? { preserve: true } : {}),
    status: statusOf(r.status),
    ...(r.time_zone ? { timeZone: r.time_zone } : {}),
    body: r.body,
    ...(r.sql_mode ? { config: [`sql_mode=${r.sql_mode}`] } : {}),
    ...(definer ? { definer } : {}),
  };
}
