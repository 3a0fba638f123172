/**
 * Translation to and from SQLite (`redb translate`). SQLite keeps a column's declared
 * type as text and stores any value in any column of a table that is not STRICT, so the
 * declared names are chosen to read back as the logical type they stand for
 * (adapters/sqlite/types.ts); what SQLite cannot hold as such is reported. A counter is
 * `INTEGER PRIMARY KEY AUTOINCREMENT`, which SQLite allows only on a table's one-column
 * integer primary key.
 */
import type { Index, LogicalType, Table } from '../../unified-model/index.js';
import type { PortableCheck, PortableDefault, TranslationSupport, TypeTranslation } from '../types.js';
import { lit, q } from './ddl/quote.js';
import { columnType } from './types.js';

const exact = (native: string): TypeTranslation => ({ type: columnType(native), exact: true });
const lossy = (native: string, note: string): TypeTranslation => ({ type: columnType(native), exact: false, note });

const INT_WORD: Readonly<Record<number, string>> = { 8: 'TINYINT', 16: 'SMALLINT', 24: 'MEDIUMINT', 32: 'INT', 64: 'INTEGER' };

/** The SQLite declared type for a portable one. */
export function sqliteColumnType(l: LogicalType): TypeTranslation {
  switch (l.kind) {
    case 'integer':
      if (l.unsigned && l.bits === 64) return lossy('INTEGER', 'unsigned 64-bit integer: SQLite integers are signed 64-bit, the largest values do not fit');
      return exact(INT_WORD[l.bits]);
    case 'decimal':
      return lossy(l.precision === undefined ? 'NUMERIC' : `DECIMAL(${l.precision},${l.scale ?? 0})`, 'SQLite keeps decimals as INTEGER or REAL (NUMERIC affinity): not exact beyond 15 digits');
    case 'float':
      return l.bits === 32 ? lossy('REAL', 'single precision became SQLite REAL (double precision)') : exact('REAL');
    case 'string':
      return exact(l.length === undefined ? 'VARCHAR' : l.fixed ? `CHAR(${l.length})` : `VARCHAR(${l.length})`);
    case 'text':
      return exact('TEXT');
    case 'binary':
      return l.length !== undefined || l.maxBytes !== undefined ? lossy('BLOB', 'a bounded binary became an unbounded BLOB') : exact('BLOB');
    case 'boolean':
      return exact('BOOLEAN');
    case 'date':
      return exact('DATE');
    case 'time':
      return l.tz ? lossy('TIME', 'time with time zone: SQLite keeps the text as written') : exact('TIME');
    case 'timestamp':
      return l.tz ? lossy('DATETIME', 'timestamp with time zone: SQLite keeps no time zone, write values in UTC') : exact('DATETIME');
    case 'interval':
      return lossy('TEXT', 'SQLite has no interval type: stored as text');
    case 'json':
      return l.binary ? lossy('JSON', 'jsonb became JSON text') : exact('JSON');
    case 'uuid':
      return exact('UUID');
    case 'enum':
      return lossy('TEXT', `an enum (${(l.values ?? []).join(', ')}) became text: labels are not checked`);
    case 'set':
      return lossy('TEXT', 'a set of labels became text');
    case 'array':
    case 'vector':
      return lossy('JSON', `SQLite has no ${l.kind === 'array' ? 'arrays' : 'vectors'}: stored as a JSON array`);
    case 'other':
      return lossy('TEXT', `${l.name} has no SQLite equivalent: stored as text`);
  }
}

/** A default as SQLite keeps it (the text after DEFAULT) as a portable one. */
export function readSqliteDefault(expression: string): PortableDefault | undefined {
  const e = expression.trim().replace(/^\((.*)\)$/s, '$1').trim();
  if (/^current_timestamp$/i.test(e)) return { kind: 'now' };
  if (/^current_date$/i.test(e)) return { kind: 'current-date' };
  if (/^null$/i.test(e)) return { kind: 'null' };
  if (/^(true|false)$/i.test(e)) return { kind: 'boolean', value: e.toLowerCase() === 'true' };
  if (/^[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(e)) return { kind: 'number', text: e.replace(/^\+/, '') };
  const str = /^'((?:[^']|'')*)'$/s.exec(e);
  if (str) return { kind: 'string', text: str[1].replace(/''/g, "'") };
  return undefined;
}

export function writeSqliteDefault(d: PortableDefault, type: Table['columns'][number]['type']): string | undefined {
  const k = type.logical.kind;
  switch (d.kind) {
    case 'now':
      return k === 'timestamp' ? 'CURRENT_TIMESTAMP' : undefined;
    case 'current-date':
      return k === 'date' ? 'CURRENT_DATE' : undefined;
    case 'boolean':
      return d.value ? '1' : '0';
    case 'number':
      return k === 'integer' || k === 'decimal' || k === 'float' || k === 'boolean' ? d.text : lit(d.text);
    case 'string':
      return lit(d.text);
    case 'random-uuid':
    case 'sequence':
    case 'null':
      return undefined;
  }
}

const CMP = /^\(?("(?:[^"]|"")+"|`(?:[^`]|``)+`|\[[^\]]+\]|[A-Za-z_]\w*)\s*(=|==|<>|!=|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?|'(?:[^']|'')*')\)?$/s;

/** A check as SQLite keeps it (as it was written), when it is one comparison. */
export function readSqliteCheck(expression: string): PortableCheck | undefined {
  const m = CMP.exec(expression.trim());
  if (!m) return undefined;
  const column = /^["`[]/.test(m[1]) ? m[1].slice(1, -1).replace(/""|``/g, (x) => x[0]) : m[1];
  const op = m[2] === '==' ? '=' : m[2] === '!=' ? '<>' : m[2];
  const value = m[3].startsWith("'") ? { kind: 'string' as const, text: m[3].slice(1, -1).replace(/''/g, "'") } : { kind: 'number' as const, text: m[3] };
  return { column, op: op as PortableCheck['op'], value };
}

export const writeSqliteCheck = (c: PortableCheck): string => `${q(c.column)} ${c.op} ${c.value.kind === 'string' ? lit(c.value.text) : c.value.text}`;

/** CREATE INDEX as SQLite keeps it in sqlite_schema (the statement as written). */
export function sqliteIndexDefinition(table: Table, ix: Index): string {
  const keys = ix.keys.map((k) => `${q(k.column ?? '')}${k.order === 'desc' ? ' DESC' : ''}`).join(', ');
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${q(table.name)} (${keys})`;
}

export const sqliteTranslation: TranslationSupport = {
  namedEnums: false,
  counter: 'auto-increment',
  defaultTimePrecision: 6,
  counterWords: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  counterType: { kind: 'integer', bits: 64 },
  sequences: false,
  fields: { onUpdate: false, invisible: false, prefixKeys: false, include: false, deferrable: true, setDefaultAction: true },
  typeOf: columnType,
  indexMethods: ['btree'],
  columnType: (logical) => sqliteColumnType(logical),
  readDefault: (expression) => readSqliteDefault(expression),
  writeDefault: writeSqliteDefault,
  readCheck: readSqliteCheck,
  writeCheck: (c) => writeSqliteCheck(c),
  indexDefinition: sqliteIndexDefinition,
  primaryKeyName: () => undefined,
};
