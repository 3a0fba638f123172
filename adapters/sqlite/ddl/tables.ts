/**
 * CREATE TABLE with everything SQLite keeps inside it: columns, the primary key
 * (AUTOINCREMENT, WITHOUT ROWID, STRICT), and foreign keys, unique and check constraints
 * inline. SQLite accepts a foreign key to a table that does not exist yet, so tables are
 * created in any order, each with its keys.
 */
import type { CheckConstraint, Column, ForeignKey, ReferentialAction, Table, UniqueConstraint } from '../../../unified-model/index.js';
import { defaultSql, nameOf, q } from './quote.js';

const ACTION: Record<ReferentialAction, string> = { 'no-action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT' };

/** `CONSTRAINT "name" ` when the constraint has a name. */
const named = (name: string | undefined): string => (name ? `CONSTRAINT ${q(name)} ` : '');

const cols = (names: readonly string[]): string => names.map(q).join(', ');

/** Whether the table's primary key is its one AUTOINCREMENT column (written on the column: SQLite has no other spelling). */
export function autoIncrementColumn(t: Table): string | undefined {
  const pk = t.primaryKey;
  if (!pk || pk.columns.length !== 1) return undefined;
  return t.columns.find((c) => c.name === pk.columns[0])?.autoIncrement ? pk.columns[0] : undefined;
}

/** One column definition: name, type and the clauses SQLite keeps on the column. */
export function columnSql(c: Column, t?: Table): string {
  const parts = [q(c.name)];
  if (c.type.native) parts.push(c.type.native);
  if (t && autoIncrementColumn(t) === c.name) parts.push(`${named(t.primaryKey!.name)}PRIMARY KEY AUTOINCREMENT`);
  if (!c.nullable) parts.push('NOT NULL');
  if (c.default !== undefined) parts.push(`DEFAULT ${defaultSql(c.default)}`);
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  return parts.join(' ');
}

export function foreignKeySql(fk: ForeignKey): string {
  const actions = [
    ...(fk.onDelete !== 'no-action' ? [`ON DELETE ${ACTION[fk.onDelete]}`] : []),
    ...(fk.onUpdate !== 'no-action' ? [`ON UPDATE ${ACTION[fk.onUpdate]}`] : []),
    ...(fk.deferrable ? [`DEFERRABLE INITIALLY ${fk.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`] : []),
  ];
  return [`${named(fk.name)}FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${q(nameOf(fk.references))} (${cols(fk.referencedColumns)})`, ...actions].join(' ');
}

const uniqueSql = (u: UniqueConstraint): string => `${named(u.name)}UNIQUE (${cols(u.columns)})`;
const checkSql = (c: CheckConstraint): string => `${named(c.name)}CHECK (${c.expression})`;

/** Engine settings after the closing parenthesis (Table.options). */
function tableOptions(t: Table): string {
  const opts = [...(t.options?.withoutRowid === 'true' ? ['WITHOUT ROWID'] : []), ...(t.options?.strict === 'true' ? ['STRICT'] : [])];
  return opts.length ? ` ${opts.join(', ')}` : '';
}

/** CREATE TABLE for `t`, under `name` (a rebuild creates the new table under a temporary name). */
export function createTableSql(t: Table, name = t.name): string {
  const inline = autoIncrementColumn(t);
  const lines = [
    ...t.columns.map((c) => columnSql(c, t)),
    ...(t.primaryKey && !inline ? [`${named(t.primaryKey.name)}PRIMARY KEY (${cols(t.primaryKey.columns)})`] : []),
    ...(t.uniques ?? []).map(uniqueSql),
    ...(t.checks ?? []).map(checkSql),
    ...(t.foreignKeys ?? []).map(foreignKeySql),
  ];
  return `CREATE TABLE ${q(name)} (\n  ${lines.join(',\n  ')}\n)${tableOptions(t)}`;
}
