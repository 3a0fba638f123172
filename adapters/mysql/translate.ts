/**
 * Translation to and from MySQL/MariaDB (`redb translate`): portable types spelled as
 * both servers accept them (the server's own COLUMN_TYPE spelling comes back when the
 * translation is normalized on a server), defaults and simple checks read and written
 * as the server prints them. What cannot be kept exactly says so in a note.
 *
 * Choices: a timestamp with time zone becomes DATETIME (an instant kept as written, in
 * UTC by convention) rather than TIMESTAMP, which converts by the session time zone and
 * ends in 2038; uuid becomes CHAR(36), which every server has (MariaDB 10.7+ has UUID:
 * `--type TABLE.COLUMN=uuid`); text used as a key becomes VARCHAR(255), since MySQL
 * indexes only a prefix of TEXT.
 */
import type { ColumnType, Index, LogicalType, Table } from '../../unified-model/index.js';
import type { ColumnUse, PortableCheck, PortableDefault, TranslationSupport, TypeTranslation } from '../types.js';
import { quoteIdent, quoteString } from './introspect/names.js';
import { logicalType } from './types.js';

/** The base word of a native type, `decimal(5,2) unsigned` → `decimal`, as DATA_TYPE says it. */
const dataType = (native: string) => /^\w+/.exec(native)?.[0] ?? native;
const typed = (native: string): ColumnType => ({ native, logical: logicalType(dataType(native), native) });
const exact = (native: string): TypeTranslation => ({ type: typed(native), exact: true });
const lossy = (native: string, note: string): TypeTranslation => ({ type: typed(native), exact: false, note });

/** The widest VARCHAR a utf8mb4 row holds (65,535 bytes in all, 4 per character). */
const MAX_VARCHAR = 16_383;
const INT_WORD: Readonly<Record<number, string>> = { 8: 'tinyint', 16: 'smallint', 24: 'mediumint', 32: 'int', 64: 'bigint' };
const fraction = (p: number | undefined) => (p === undefined || p === 0 ? '' : `(${Math.min(p, 6)})`);

/** The MySQL type for a portable one; `use.keyed` when the column is part of a key (TEXT cannot be, whole). */
export function mysqlColumnType(l: LogicalType, use: ColumnUse): TypeTranslation {
  switch (l.kind) {
    case 'integer':
      return exact(`${INT_WORD[l.bits]}${l.unsigned ? ' unsigned' : ''}`);
    case 'decimal':
      if (l.precision === undefined) return lossy('decimal(65,30)', 'numeric without precision: decimal(65,30), the widest MySQL has');
      if (l.precision > 65 || (l.scale ?? 0) > 30) return lossy('decimal(65,30)', `numeric(${l.precision},${l.scale ?? 0}) is above MySQL's limit (65 digits, 30 after the point)`);
      return exact(`decimal(${l.precision},${l.scale ?? 0})`);
    case 'float':
      return exact(l.bits === 32 ? 'float' : 'double');
    case 'string':
      if (l.length === undefined) return use.keyed ? lossy('varchar(255)', 'unbounded varchar used in a key: varchar(255), longer values are refused') : lossy('longtext', 'unbounded varchar: longtext');
      if (l.fixed && l.length <= 255) return exact(`char(${l.length})`);
      if (l.length > MAX_VARCHAR) return lossy('longtext', `varchar(${l.length}) is wider than a row holds: longtext`);
      return exact(`varchar(${l.length})`);
    case 'text':
      if (use.keyed) return lossy('varchar(255)', 'text used in a primary key, unique constraint or index: varchar(255) (MySQL indexes only a prefix of TEXT); longer values are refused');
      return exact(l.maxBytes === undefined ? 'longtext' : l.maxBytes <= 255 ? 'tinytext' : l.maxBytes <= 65_535 ? 'text' : 'mediumtext');
    case 'binary':
      if (l.length !== undefined && l.length <= 255 && l.fixed) return exact(`binary(${l.length})`);
      if (l.length !== undefined && l.length <= MAX_VARCHAR) return exact(`varbinary(${l.length})`);
      if (use.keyed) return lossy('varbinary(255)', 'binary used in a key: varbinary(255), longer values are refused');
      return exact(l.maxBytes === undefined ? 'longblob' : l.maxBytes <= 255 ? 'tinyblob' : l.maxBytes <= 65_535 ? 'blob' : 'mediumblob');
    case 'boolean':
      return exact('tinyint(1)');
    case 'date':
      return exact('date');
    case 'time':
      return l.tz ? lossy(`time${fraction(l.precision)}`, 'time with time zone: MySQL TIME keeps no time zone') : exact(`time${fraction(l.precision)}`);
    case 'timestamp': {
      const native = `datetime${fraction(l.precision)}`;
      const p = l.precision !== undefined && l.precision > 6 ? ` (precision ${l.precision} cut to 6)` : '';
      if (l.tz) return lossy(native, `timestamp with time zone: DATETIME keeps no time zone, write values in UTC${p}`);
      return p ? lossy(native, `precision${p}`) : exact(native);
    }
    case 'interval':
      return lossy('varchar(64)', 'MySQL has no interval type: stored as text (e.g. `1 day 02:00:00`)');
    case 'json':
      return l.binary ? lossy('json', 'jsonb became json: MySQL keeps JSON as given, key order and duplicates are not normalized') : exact('json');
    case 'uuid':
      return lossy('char(36)', 'uuid stored as char(36) text (MariaDB 10.7+ has UUID: --type TABLE.COLUMN=uuid)');
    case 'enum': {
      const values = l.values ?? [];
      const native = `enum(${values.map(quoteString).join(',')})`;
      return l.ref ? lossy(native, `named enum type ${l.ref} became an inline ENUM of its labels`) : exact(native);
    }
    case 'set':
      return exact(`set(${l.values.map(quoteString).join(',')})`);
    case 'array':
      return lossy('json', 'MySQL has no arrays: stored as a JSON array');
    case 'vector':
      return lossy('json', 'MySQL has no vector type: stored as a JSON array');
    case 'other':
      return lossy('longtext', `${l.name} has no MySQL equivalent: stored as text`);
  }
}

const NOW = /^(?:current_timestamp|now|localtime|localtimestamp)(?:\(\d*\))?$/i;

/** A default as the server prints it (`current_timestamp()`, `'G'`, `4.99`) as a portable one. */
export function readMysqlDefault(expression: string, type: ColumnType): PortableDefault | undefined {
  const e = expression.trim();
  if (NOW.test(e)) return { kind: 'now' };
  if (/^(?:curdate\(\)|current_date(?:\(\))?)$/i.test(e)) return { kind: 'current-date' };
  if (/^uuid\(\)$/i.test(e)) return { kind: 'random-uuid' };
  if (/^null$/i.test(e)) return { kind: 'null' };
  const num = /^'?(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)'?$/i.exec(e);
  if (num && type.logical.kind === 'boolean') return { kind: 'boolean', value: Number(num[1]) !== 0 };
  if (num && /^-?\d/.test(e)) return { kind: 'number', text: num[1] };
  const str = /^'((?:[^'\\]|''|\\.)*)'$/s.exec(e);
  if (str) return { kind: 'string', text: str[1].replace(/''/g, "'").replace(/\\(.)/gs, '$1') };
  return undefined;
}

/** Kinds whose default must be an expression in parentheses on MySQL 8 (MariaDB takes either). */
const BLOBBY = new Set(['text', 'binary', 'json']);

/** A portable default written for a MySQL column of `type`. */
export function writeMysqlDefault(d: PortableDefault, type: ColumnType): string | undefined {
  const k = type.logical.kind;
  const precision = 'precision' in type.logical ? type.logical.precision : undefined;
  switch (d.kind) {
    case 'now':
      return k === 'timestamp' ? `current_timestamp(${precision ?? ''})` : undefined;
    case 'current-date':
      return k === 'date' ? '(curdate())' : undefined;
    case 'random-uuid':
      return k === 'string' || k === 'uuid' ? '(uuid())' : undefined;
    case 'boolean':
      return k === 'boolean' || k === 'integer' ? (d.value ? '1' : '0') : undefined;
    case 'null':
    case 'sequence':
      return undefined;
    case 'number':
      return k === 'integer' || k === 'decimal' || k === 'float' || k === 'boolean' ? d.text : quoteString(d.text);
    case 'string':
      return BLOBBY.has(k) ? `(${quoteString(d.text)})` : quoteString(d.text);
  }
}

const CMP = /^\(?(`(?:[^`]|``)+`|\w+)\s*(=|<>|!=|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?|'(?:[^'\\]|''|\\.)*')\)?$/s;

/** A check as the server prints it, `` `price` >= 0 ``, when it is one comparison. */
export function readMysqlCheck(expression: string): PortableCheck | undefined {
  const m = CMP.exec(expression.trim());
  if (!m) return undefined;
  const column = m[1].startsWith('`') ? m[1].slice(1, -1).replace(/``/g, '`') : m[1];
  const value = m[3].startsWith("'") ? { kind: 'string' as const, text: m[3].slice(1, -1).replace(/''/g, "'") } : { kind: 'number' as const, text: m[3] };
  return { column, op: (m[2] === '!=' ? '<>' : m[2]) as PortableCheck['op'], value };
}

export function writeMysqlCheck(c: PortableCheck): string {
  return `${quoteIdent(c.column)} ${c.op} ${c.value.kind === 'string' ? quoteString(c.value.text) : c.value.text}`;
}

/** CREATE INDEX as introspection spells it (adapters/mysql/introspect/indexes.ts), for plain column keys. */
export function mysqlIndexDefinition(table: Table, ix: Index): string {
  const keys = ix.keys.map((k) => `${quoteIdent(k.column ?? '')}${k.length !== undefined ? `(${k.length})` : ''}${k.order === 'desc' ? ' DESC' : ''}`);
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)}${ix.method === 'hash' ? ' USING HASH' : ''} ON ${quoteIdent(table.name)} (${keys.join(', ')})`;
}

export const mysqlTranslation: TranslationSupport = {
  namedEnums: false,
  counter: 'auto-increment',
  defaultTimePrecision: 0,
  counterWords: 'AUTO_INCREMENT',
  sequences: false,
  fields: { onUpdate: true, invisible: true, prefixKeys: true, include: false, deferrable: false, setDefaultAction: false },
  typeOf: typed,
  indexMethods: ['btree', 'hash'],
  columnType: mysqlColumnType,
  readDefault: readMysqlDefault,
  writeDefault: writeMysqlDefault,
  readCheck: readMysqlCheck,
  writeCheck: (c) => writeMysqlCheck(c),
  indexDefinition: mysqlIndexDefinition,
  primaryKeyName: () => 'PRIMARY',
  // utf8mb4 holds every character PostgreSQL's UTF8 does; the collation exists on MySQL and MariaDB alike
  tableDefaults: { charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', options: { engine: 'InnoDB' } },
};
