/**
 * Sequences: CREATE SEQUENCE with every parameter spelled out, ALTER SEQUENCE for
 * changed parameters and ownership (OWNED BY table.column / NONE).
 */
import type { Sequence } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { qualified, quoteLiteral, sqlName } from './quote.js';
import { renameInSchema } from './rename.js';
import { stmt } from './statement.js';

const PARAMS = [
  ['increment', 'INCREMENT BY'],
  ['min', 'MINVALUE'],
  ['max', 'MAXVALUE'],
  ['start', 'START WITH'],
  ['cache', 'CACHE'],
] as const;

export function createSequence(s: Sequence): Statement[] {
  const name = qualified(s.schema, s.name);
  const params = PARAMS.map(([k, kw]) => `${kw} ${s[k]}`).join(' ');
  const owned = s.ownedBy ? ` OWNED BY ${sqlName(s.ownedBy)}` : '';
  return [
    stmt(`CREATE ${s.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${name} AS ${s.type.native} ${params}${s.cycle ? ' CYCLE' : ' NO CYCLE'}${owned}`, `create sequence ${s.id}`),
    ...commentChange(`SEQUENCE ${name}`, undefined, s.comment, `sequence ${s.id}`),
    ...grantChanges(`SEQUENCE ${name}`, `sequence ${s.id}`, [], s.grants),
  ];
}

export function dropSequence(s: Sequence): Statement[] {
  // its current value goes with it
  return [stmt(`DROP SEQUENCE ${qualified(s.schema, s.name)}`, `drop sequence ${s.id}`, ['data-loss'])];
}

export function renameSequence(from: Sequence, to: Sequence): Statement[] {
  return renameInSchema('SEQUENCE', from, to);
}

export function alterSequence(from: Sequence, to: Sequence): Statement[] {
  const name = qualified(to.schema, to.name);
  const clauses: string[] = [];
  if (from.type.native !== to.type.native) clauses.push(`AS ${to.type.native}`);
  for (const [k, kw] of PARAMS) if (from[k] !== to[k] || (k !== 'start' && k !== 'cache' && from.type.native !== to.type.native)) clauses.push(`${kw} ${to[k]}`);
  if (from.cycle !== to.cycle) clauses.push(to.cycle ? 'CYCLE' : 'NO CYCLE');
  if (from.ownedBy !== to.ownedBy) clauses.push(`OWNED BY ${to.ownedBy ? sqlName(to.ownedBy) : 'NONE'}`);
  const out: Statement[] = [];
  // ALTER SEQUENCE refuses bounds that leave the current value outside: move it to the nearest new bound first
  const big = (v: string) => BigInt(v);
  if (big(to.min) > big(from.min)) out.push(stmt(`SELECT pg_catalog.setval(${quoteLiteral(name)}, ${to.min}, false) FROM ${name} WHERE last_value < ${to.min}`, `move sequence ${to.id} up to its new minimum`, ['data-dependent']));
  if (big(to.max) < big(from.max)) out.push(stmt(`SELECT pg_catalog.setval(${quoteLiteral(name)}, ${to.max}, false) FROM ${name} WHERE last_value > ${to.max}`, `move sequence ${to.id} down to its new maximum`, ['data-dependent']));
  if (clauses.length) out.push(stmt(`ALTER SEQUENCE ${name} ${clauses.join(' ')}`, from.ownedBy !== to.ownedBy && clauses.length === 1 ? `set owner column of sequence ${to.id}` : `alter sequence ${to.id}`));
  if (!!from.unlogged !== !!to.unlogged) out.push(stmt(`ALTER SEQUENCE ${name} SET ${to.unlogged ? 'UNLOGGED' : 'LOGGED'}`, `make sequence ${to.id} ${to.unlogged ? 'unlogged' : 'logged'}`));
  out.push(...commentChange(`SEQUENCE ${name}`, from.comment, to.comment, `sequence ${to.id}`));
  out.push(...grantChanges(`SEQUENCE ${name}`, `sequence ${to.id}`, from.grants, to.grants));
  return out;
}
