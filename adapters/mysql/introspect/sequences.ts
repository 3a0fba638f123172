/**
 * MariaDB sequences (tables of type SEQUENCE). information_schema has no sequence
 * parameters before MariaDB 11.5, but every sequence is a one-row table holding them:
 * one query reads them all (a UNION ALL over the sequences the TABLES query found),
 * so the count stays fixed however many there are. The current value is never read.
 */
import { objectId, type Sequence } from '../../../unified-model/index.js';
import { quoteIdent, quoteString, SCHEMA } from './names.js';

export interface SequenceRow {
  name: string; start: string | number; increment: string | number; min: string | number; max: string | number;
  cache: string | number; cycle: string | number;
}

/** The one query that reads the parameters of `names`, or undefined when there are none. */
export function sequencesSql(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  return names
    .map((n) => `SELECT ${quoteString(n)} AS name, start_value AS start, increment, minimum_value AS min, maximum_value AS max, cache_size AS cache, cycle_option AS cycle FROM ${quoteIdent(n)}`)
    .join('\nUNION ALL\n');
}

export function buildSequence(row: SequenceRow): Sequence {
  return {
    kind: 'sequence',
    id: objectId(SCHEMA, row.name),
    schema: SCHEMA,
    name: row.name,
    // a MariaDB sequence holds BIGINT values (AS type came with 11.5)
    type: { native: 'bigint(21)', logical: { kind: 'integer', bits: 64 } },
    start: String(row.start),
    increment: String(row.increment),
    min: String(row.min),
    max: String(row.max),
    cache: String(row.cache),
    cycle: Number(row.cycle) === 1,
  };
}
