/**
 * Triggers from information_schema.TRIGGERS. Several triggers of one table, timing and
 * event run in ACTION_ORDER; each after the first is read as FOLLOWS the one before
 * it, which re-creates the same order. `definition` is the CREATE TRIGGER statement
 * made from the catalog, without a DEFINER (the DDL writes one from `definer`); the
 * `sql_mode` the body was parsed in is kept in `config`, as a routine's is.
 */
import type { Trigger } from '../../../unified-model/index.js';
import type { TriggerRow } from './catalog.js';
import { definerOf } from './definers.js';
import { quoteIdent } from './names.js';

/** The triggers of one table, in (timing, event, ACTION_ORDER) order as the query sorts them. */
export function buildTriggers(rows: readonly TriggerRow[], reader?: string): Trigger[] {
  const previous = new Map<string, string>();
  return rows.map((r) => {
    const timing = r.timing.toUpperCase() === 'BEFORE' ? 'before' : 'after';
    const event = r.event.toLowerCase() as 'insert' | 'update' | 'delete';
    const slot = `${timing} ${event}`;
    const follows = previous.get(slot);
    previous.set(slot, r.name);
    const definition = `CREATE TRIGGER ${quoteIdent(r.name)} ${timing.toUpperCase()} ${event.toUpperCase()} ON ${quoteIdent(r.tbl)} FOR EACH ROW${follows ? ` FOLLOWS ${quoteIdent(follows)}` : ''} ${r.statement}`;
    const definer = definerOf(r.definer, reader);
    return {
      name: r.name,
      timing,
      events: [event],
      level: 'row',
      body: r.statement,
      ...(follows ? { order: { follows } } : {}),
      ...(r.sql_mode ? { config: [`sql_mode=${r.sql_mode}`] } : {}),
      ...(definer ? { definer } : {}),
      definition,
    };
  });
}
