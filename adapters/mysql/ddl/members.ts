/**
 * Keys, constraints and indexes as clauses of CREATE TABLE and ALTER TABLE. MySQL has
 * no unique constraint apart from a unique index: both are `UNIQUE KEY`.
 */
import type { CheckConstraint, ForeignKey, Index, IndexKey, PrimaryKey, ReferentialAction, UniqueConstraint } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import { cols, lit, q, tableRef } from './quote.js';

const ACTION: Readonly<Record<ReferentialAction, string>> = { 'no-action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT' };

/** `PRIMARY KEY (…)`: the server names every primary key PRIMARY, so the name is not written. */
export const primaryKeySql = (pk: PrimaryKey): string => `PRIMARY KEY (${cols(pk.columns)})`;

export const uniqueSql = (u: UniqueConstraint): string => `UNIQUE KEY ${q(u.name)} (${cols(u.columns)})`;

export const checkSql = (c: CheckConstraint): string => `CONSTRAINT ${q(c.name)} CHECK (${c.expression})`;

/**
 * `CONSTRAINT … FOREIGN KEY … REFERENCES … [ON DELETE …] [ON UPDATE …]`, each action
 * spelled so it reads back as itself. MariaDB keeps RESTRICT when no action is written
 * but records a written RESTRICT as NO ACTION when it adds the key in place (with
 * foreign_key_checks off, as plans run): there RESTRICT is left unwritten
 * (`restrictUnwritten`), every other action written. MySQL gets every action written.
 */
export function foreignKeySql(fk: ForeignKey, restrictUnwritten: boolean): string {
  const action = (when: string, a: ReferentialAction): string[] => (a === 'restrict' && restrictUnwritten ? [] : [`ON ${when} ${ACTION[a]}`]);
  return [
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${tableRef(fk.references)} (${cols(fk.referencedColumns)})`,
    ...action('DELETE', fk.onDelete),
    ...action('UPDATE', fk.onUpdate),
  ].join(' ');
}

/** A key: `` `name`(10) DESC ``, an expression in parentheses. */
function keySql(k: IndexKey): string {
  const base = k.column !== undefined ? q(k.column) : `(${k.expression})`;
  return `${base}${k.length !== undefined ? `(${Math.trunc(k.length)})` : ''}${k.order === 'desc' ? ' DESC' : ''}`;
}

const KINDS: Readonly<Record<string, string>> = { fulltext: 'FULLTEXT KEY', spatial: 'SPATIAL KEY' };

/**
 * An index as a clause: `[UNIQUE|FULLTEXT|SPATIAL] KEY name [USING HASH] (keys) [COMMENT …]
 * [IGNORED|INVISIBLE]`. `invisibleWord` is the server's word for an index the optimizer
 * ignores (MariaDB IGNORED, MySQL INVISIBLE).
 */
export function indexSql(ix: Index, invisibleWord: string): string {
  const method = ix.method.toLowerCase();
  if (!['btree', 'hash', 'fulltext', 'spatial', 'rtree'].includes(method)) {
    throw new RedbError('E_UNSUPPORTED', `index ${ix.name} uses method ${ix.method}, which MySQL does not have`, 'MySQL indexes are BTREE, HASH, FULLTEXT or SPATIAL');
  }
  const kind = KINDS[method] ?? (ix.unique ? 'UNIQUE KEY' : 'KEY');
  return [
    `${kind} ${q(ix.name)}${method === 'hash' ? ' USING HASH' : ''} (${ix.keys.map(keySql).join(', ')})`,
    ...(ix.comment ? [`COMMENT ${lit(ix.comment)}`] : []),
    ...(ix.invisible ? [invisibleWord] : []),
  ].join(' ');
}
