/**
 * Views and materialized views. A view changes in place (CREATE OR REPLACE VIEW) when
 * its old columns are a prefix of its new ones with the same names and types; a
 * materialized view only when its query and columns stay the same (comment, grants,
 * indexes, storage parameters). Anything else is dropped and created again.
 */
import type { View } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { createIndex, indexChanges } from './indexes.js';
import { optionList, quoteIdent, qualified } from './quote.js';
import { renameInSchema } from './rename.js';
import { same, stmt, type DdlContext } from './statement.js';
import { createTrigger, triggerChanges } from './triggers.js';

const keyword = (v: View) => (v.kind === 'view' ? 'VIEW' : 'MATERIALIZED VIEW');
const query = (v: View) => v.definition.trim().replace(/;$/, '');
const columnShape = (v: View) => v.columns.map((c) => [c.name, c.type.native]);

function viewSql(v: View, replace: boolean): string {
  const opts = Object.keys(v.options ?? {}).length ? ` WITH (${optionList(v.options!)})` : '';
  const check = v.checkOption ? `\n  WITH ${v.checkOption.toUpperCase()} CHECK OPTION` : '';
  return `CREATE ${replace ? 'OR REPLACE ' : ''}${keyword(v)} ${qualified(v.schema, v.name)}${opts} AS\n${query(v)}${check}`;
}

/** Comments of the view and its columns, grants. */
function extras(from: View | undefined, to: View): Statement[] {
  const name = qualified(to.schema, to.name);
  const out = [...commentChange(`${keyword(to)} ${name}`, from?.comment, to.comment, `${to.kind.replace('-', ' ')} ${to.id}`)];
  for (const c of to.columns) {
    const before = from?.columns.find((x) => x.name === c.name);
    out.push(...commentChange(`COLUMN ${name}.${quoteIdent(c.name)}`, before?.comment, c.comment, `column ${to.id}.${quoteIdent(c.name)}`));
  }
  out.push(...grantChanges(`TABLE ${name}`, `${to.kind.replace('-', ' ')} ${to.id}`, from?.grants, to.grants));
  return out;
}

export function createView(v: View): Statement[] {
  return [
    stmt(viewSql(v, false), `create ${keyword(v).toLowerCase()} ${v.id}`),
    ...extras(undefined, v),
    ...(v.indexes ?? []).flatMap((ix) => createIndex(v, ix, false)),
    ...(v.triggers ?? []).flatMap((tr) => createTrigger(v, tr)),
  ];
}

export function dropView(v: View): Statement[] {
  return [stmt(`DROP ${keyword(v)} ${qualified(v.schema, v.name)}`, `drop ${keyword(v).toLowerCase()} ${v.id}`)];
}

export function renameView(from: View, to: View): Statement[] {
  return renameInSchema(keyword(from), from, to);
}

export function viewAlterMode(from: View, to: View): 'in-place' | 'replace' {
  if (from.kind !== to.kind) return 'replace';
  const a = columnShape(from);
  const b = columnShape(to);
  if (to.kind === 'materialized-view') return query(from) === query(to) && same(a, b) ? 'in-place' : 'replace';
  return a.length <= b.length && same(a, b.slice(0, a.length)) ? 'in-place' : 'replace';
}

export function alterView(from: View, to: View, ctx: DdlContext): Statement[] {
  const name = qualified(to.schema, to.name);
  const out: Statement[] = [];
  if (to.kind === 'view') {
    const shapeChanged = query(from) !== query(to) || !same(columnShape(from), columnShape(to)) || !same(from.options, to.options) || from.checkOption !== to.checkOption;
    if (shapeChanged) out.push(stmt(viewSql(to, true), `replace view ${to.id}`));
  } else {
    const a = from.options ?? {};
    const b = to.options ?? {};
    const set = Object.fromEntries(Object.entries(b).filter(([k, v]) => a[k] !== v));
    const reset = Object.keys(a).filter((k) => b[k] === undefined);
    if (Object.keys(set).length) out.push(stmt(`ALTER MATERIALIZED VIEW ${name} SET (${optionList(set)})`, `set storage parameters of ${to.id}`));
    if (reset.length) out.push(stmt(`ALTER MATERIALIZED VIEW ${name} RESET (${reset.join(', ')})`, `reset storage parameters of ${to.id}`));
    out.push(...indexChanges(to, from.indexes, to.indexes, ctx));
  }
  out.push(...extras(from, to));
  out.push(...triggerChanges(to, from.triggers, to.triggers));
  return out;
}
