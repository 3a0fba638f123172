/**
 * Translation to and from PostgreSQL (`redb translate`): portable types spelled as
 * `format_type` prints them, defaults and simple checks read from and written in
 * PostgreSQL's normal form. What cannot be kept exactly says so in a note.
 */
import type { ColumnType, Index, LogicalType, Table } from '../../unified-model/index.js';
import type { PortableCheck, PortableDefault, TranslationSupport, TypeTranslation } from '../types.js';
import { identList, qualified, quoteIdent, quoteLiteral, sqlName } from './ddl/quote.js';
import { logicalType } from './types.js';

const exact = (native: string, logical: LogicalType = logicalType(native)): TypeTranslation => ({ type: { native, logical }, exact: true });
const lossy = (native: string, note: string, logical: LogicalType = logicalType(native)): TypeTranslation => ({ type: { native, logical }, exact: false, note });

const withPrecision = (base: string, p: number | undefined, rest = '') => (p === undefined ? `${base}${rest}` : `${base}(${Math.min(p, 6)})${rest}`);

/** The PostgreSQL type for a portable one. */
export function pgColumnType(l: LogicalType): TypeTranslation {
  switch (l.kind) {
    case 'integer': {
      if (l.unsigned && l.bits === 64) return lossy('numeric(20,0)', 'unsigned 64-bit integer: PostgreSQL has no unsigned types, numeric(20,0) holds every value');
      // an unsigned type needs the next wider signed one to hold its largest values
      const bits = l.unsigned ? l.bits * 2 : l.bits;
      const native = bits <= 16 ? 'smallint' : bits <= 32 ? 'integer' : 'bigint';
      if (l.unsigned) return lossy(native, `unsigned ${l.bits}-bit integer widened to ${native} (negative values are no longer refused)`);
      if (l.bits === 8 || l.bits === 24) return lossy(native, `${l.bits}-bit integer widened to ${native} (a wider range is accepted)`);
      return exact(native);
    }
    case 'decimal':
      return l.precision === undefined ? exact('numeric') : l.precision > 1000 ? lossy('numeric', `precision ${l.precision} is above PostgreSQL's limit: unconstrained numeric`) : exact(`numeric(${l.precision},${l.scale ?? 0})`);
    case 'float':
      return exact(l.bits === 32 ? 'real' : 'double precision');
    case 'string':
      if (l.fixed) return exact(`character(${l.length ?? 1})`);
      return exact(l.length === undefined ? 'character varying' : `character varying(${l.length})`);
    case 'text':
      return l.maxBytes ? lossy('text', `text limited to ${l.maxBytes} bytes became unbounded text`) : exact('text');
    case 'binary':
      return l.length !== undefined || l.maxBytes !== undefined ? lossy('bytea', `binary limited to ${l.length ?? l.maxBytes} bytes${l.fixed ? ' (fixed length, zero-padded)' : ''} became unbounded bytea`) : exact('bytea');
    case 'boolean':
      return exact('boolean');
    case 'date':
      return exact('date');
    case 'time':
      return exact(withPrecision('time', l.precision, l.tz ? ' with time zone' : ' without time zone'));
    case 'timestamp':
      return exact(withPrecision('timestamp', l.precision, l.tz ? ' with time zone' : ' without time zone'));
    case 'interval':
      return exact('interval');
    case 'json':
      return exact(l.binary ? 'jsonb' : 'json');
    case 'uuid':
      return exact('uuid');
    case 'enum':
      if (!l.ref) return lossy('text', 'an enum without a named type: text');
      return exact(sqlName(l.ref), { kind: 'enum', ref: l.ref });
    case 'set':
      return lossy('text[]', `a set of labels (${l.values.join(', ')}) became an array of text: labels are no longer checked`);
    case 'array': {
      const of = pgColumnType(l.of);
      return { type: { native: `${of.type.native}[]`, logical: { kind: 'array', of: of.type.logical } }, exact: of.exact, ...(of.note ? { note: `array element: ${of.note}` } : {}) };
    }
    case 'vector':
      return lossy('real[]', 'a vector became an array of real (pgvector is not assumed)');
    case 'other': {
      if (/^year\b/i.test(l.name)) return lossy('smallint', `${l.name} became smallint (any year number is accepted)`);
      return lossy('text', `${l.name} has no PostgreSQL equivalent: stored as text`);
    }
  }
}

const NOW = /^(?:now\(\)|CURRENT_TIMESTAMP(?:\(\d+\))?|transaction_timestamp\(\)|LOCALTIMESTAMP(?:\(\d+\))?|statement_timestamp\(\))$/i;

/** A default in PostgreSQL's normal form (pg_get_expr) as a portable one. */
export function readPgDefault(expression: string): PortableDefault | undefined {
  const e = expression.trim();
  if (NOW.test(e)) return { kind: 'now' };
  if (/^CURRENT_DATE$/i.test(e)) return { kind: 'current-date' };
  if (/^(?:gen_random_uuid|uuid_generate_v4)\(\)$/i.test(e)) return { kind: 'random-uuid' };
  if (/^(true|false)$/i.test(e)) return { kind: 'boolean', value: e.toLowerCase() === 'true' };
  if (/^NULL(?:::[\w. "]+)?$/i.test(e)) return { kind: 'null' };
  const seq = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(e);
  if (seq) return { kind: 'sequence', sequence: seq[1].replace(/''/g, "'") };
  const num = /^\(?(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)?(?:::[\w ]+)?$/i.exec(e);
  if (num) return { kind: 'number', text: num[1] };
  const str = /^'((?:[^']|'')*)'(?:::[\w. "[\]()]+)?$/s.exec(e);
  if (str) return { kind: 'string', text: str[1].replace(/''/g, "'") };
  return undefined;
}

/** A portable default written for a PostgreSQL column; PostgreSQL itself normalizes the spelling. */
export function writePgDefault(d: PortableDefault, type: ColumnType): string | undefined {
  const k = type.logical.kind;
  switch (d.kind) {
    case 'now':
      return k === 'timestamp' || k === 'date' || k === 'time' ? 'now()' : undefined;
    case 'current-date':
      return k === 'date' || k === 'timestamp' ? 'CURRENT_DATE' : undefined;
    case 'random-uuid':
      return k === 'uuid' ? 'gen_random_uuid()' : k === 'string' || k === 'text' ? '(gen_random_uuid())::text' : undefined;
    case 'boolean':
      return k === 'boolean' ? String(d.value) : k === 'integer' ? (d.value ? '1' : '0') : undefined;
    case 'null':
      return undefined;
    case 'number':
      if (k === 'boolean') return d.text === '0' ? 'false' : 'true';
      return k === 'integer' || k === 'decimal' || k === 'float' ? d.text : quoteLiteral(d.text);
    case 'string':
      if (k === 'array' || k === 'set') return undefined;
      return quoteLiteral(d.text);
    case 'sequence':
      return undefined;
  }
}

const CMP = /^\(?\(?("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\)?(?:::[\w ]+)?\s*(=|<>|<=|>=|<|>)\s*\(?(-?\d+(?:\.\d+)?|'(?:[^']|'')*')\)?(?:::[\w ]+)?\)?$/s;

/** A check in PostgreSQL's normal form, `(price >= (0)::numeric)`, when it is one comparison. */
export function readPgCheck(expression: string): PortableCheck | undefined {
  const m = CMP.exec(expression.trim());
  if (!m) return undefined;
  const column = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
  const value = m[3].startsWith("'") ? { kind: 'string' as const, text: m[3].slice(1, -1).replace(/''/g, "'") } : { kind: 'number' as const, text: m[3] };
  return { column, op: m[2] as PortableCheck['op'], value };
}

export function writePgCheck(c: PortableCheck): string {
  return `${quoteIdent(c.column)} ${c.op} ${c.value.kind === 'string' ? quoteLiteral(c.value.text) : c.value.text}`;
}

/** CREATE INDEX as pg_get_indexdef prints it, for plain column keys. */
export function pgIndexDefinition(table: Table, ix: Index): string {
  const keys = ix.keys.map((k) => `${quoteIdent(k.column ?? '')}${k.order === 'desc' ? ' DESC' : ''}`).join(', ');
  const include = ix.include?.length ? ` INCLUDE (${identList(ix.include)})` : '';
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${qualified(table.schema, table.name)} USING ${ix.method} (${keys})${include}`;
}

export const postgresTranslation: TranslationSupport = {
  namedEnums: true,
  counter: 'identity',
  defaultTimePrecision: 6,
  counterWords: 'GENERATED BY DEFAULT AS IDENTITY',
  sequences: true,
  defaultSchema: 'public',
  fields: { onUpdate: false, invisible: false, prefixKeys: false, include: true, deferrable: true, setDefaultAction: true },
  typeOf: (native) => ({ native, logical: logicalType(native) }),
  indexMethods: ['btree', 'hash', 'gist', 'gin', 'brin', 'spgist'],
  columnType: (logical) => pgColumnType(logical),
  readDefault: (expression) => readPgDefault(expression),
  writeDefault: writePgDefault,
  readCheck: readPgCheck,
  writeCheck: (c) => writePgCheck(c),
  indexDefinition: pgIndexDefinition,
  primaryKeyName: () => undefined,
};
