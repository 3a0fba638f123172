/**
 * Triggers on tables, views and materialized views. Internal triggers (those that
 * implement foreign keys) and the clones PostgreSQL makes on partitions of a
 * partitioned table's trigger (tgparentid ≠ 0) are left out, as pg_dump does.
 */
import { routineId, type Trigger } from '../../../unified-model/index.js';
import { attNames, commentOf, schemaFilter } from './sql.js';

export interface TriggerRow {
  rel: string;
  name: string;
  function: [string, string, string];
  type: number;
  enabled: 'O' | 'D' | 'R' | 'A';
  columns: string[] | null;
  definition: string;
  comment: string | null;
}

export const TRIGGERS_SQL = `
SELECT t.tgrelid::text AS rel, t.tgname AS name,
  json_build_array(fn.nspname, p.proname,
    coalesce((SELECT string_agg(format_type(u.t, NULL), ', ' ORDER BY u.o) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, o)), '')) AS function,
  t.tgtype::int AS type, t.tgenabled::text AS enabled,
  ${attNames('t.tgrelid', 't.tgattr::int2[]')} AS columns,
  pg_get_triggerdef(t.oid) AS definition,
  ${commentOf('pg_trigger', 't.oid')} AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${schemaFilter('n')}
ORDER BY t.tgrelid, t.tgname`;

// tgtype bits (pg_trigger.h)
const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;
const TRUNCATE = 32;
const INSTEAD = 64;

const ENABLED = { D: 'disabled', R: 'replica', A: 'always' } as const;

/** The WHEN condition as pg_get_triggerdef prints it (there is no catalog function for it alone). */
export function triggerWhen(definition: string): string | undefined {
  const m = /\bWHEN \((.*)\) EXECUTE (?:FUNCTION|PROCEDURE) /s.exec(definition);
  return m ? m[1] : undefined;
}

export function buildTrigger(row: TriggerRow): Trigger {
  const events: Trigger['events'][number][] = [];
  if (row.type & INSERT) events.push('insert');
  if (row.type & UPDATE) events.push('update');
  if (row.type & DELETE) events.push('delete');
  if (row.type & TRUNCATE) events.push('truncate');
  const when = triggerWhen(row.definition);
  return {
    name: row.name,
    timing: row.type & INSTEAD ? 'instead-of' : row.type & BEFORE ? 'before' : 'after',
    events,
    level: row.type & ROW ? 'row' : 'statement',
    function: routineId(...row.function),
    updateColumns: row.columns ?? [],
    ...(when !== undefined ? { when } : {}),
    // 'origin' (O) is how every trigger starts; only a changed state is recorded
    ...(row.enabled !== 'O' ? { enabled: ENABLED[row.enabled] } : {}),
    ...(row.comment !== null ? { comment: row.comment } : {}),
    definition: row.definition,
  };
}
