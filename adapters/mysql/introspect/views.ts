/**
 * Views from information_schema.VIEWS. The server stores a view's query with every
 * table of the same database qualified by the database's name (`` `app`.`orders` ``);
 * that qualifier is taken out, so the definition reads the same whatever the database
 * is called (the model's schema is `main`). The tables it named are `dependsOn`.
 */
import { objectId, type View } from '../../../unified-model/index.js';
import type { ColumnRow, ViewRow } from './catalog.js';
import { buildViewColumn } from './columns.js';
import { definerOf } from './definers.js';
import { quoteIdent, SCHEMA } from './names.js';
import { standardQuotes } from './quotes.js';

/**
 * The definition without `` `db`. `` before names, outside string literals, and the
 * names that followed it.
 *
 * @example unqualify('select `app`.`t`.`a` AS `a` from `app`.`t`', 'app') // { text: 'select `t`.`a` AS `a` from `t`', names: ['t'] }
 */
export function unqualify(definition: string, db: string): { text: string; names: string[] } {
  const prefix = `${quoteIdent(db)}.`;
  const names = new Set<string>();
  let out = '';
  let i = 0;
  while (i < definition.length) {
    const c = definition[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < definition.length && definition[j] !== c) j += definition[j] === '\\' ? 2 : 1;
      out += definition.slice(i, j + 1);
      i = j + 1;
    } else if (definition.startsWith(prefix, i)) {
      i += prefix.length;
      const m = /^`((?:[^`]|``)*)`/.exec(definition.slice(i));
      if (m) names.add(m[1].replace(/``/g, '`'));
    } else if (c === '`') {
      // a quoted name that is not the database: copied whole, so a backtick inside it is not a quote
      const m = /^`(?:[^`]|``)*`/.exec(definition.slice(i));
      const len = m ? m[0].length : 1;
      out += definition.slice(i, i + len);
      i += len;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, names: [...names] };
}

export function buildView(row: ViewRow, columns: readonly ColumnRow[], relations: ReadonlySet<string>, algorithm: string | undefined, reader?: string): View {
  const definer = definerOf(row.definer, reader);
  const { text, names } = unqualify(standardQuotes(row.definition ?? ''), row.db);
  const options: Record<string, string> = {};
  // the server's defaults (UNDEFINED, DEFINER) are left out, as every default is
  if (algorithm && algorithm.toUpperCase() !== 'UNDEFINED') options.algorithm = algorithm.toLowerCase();
  if (row.security.toUpperCase() === 'INVOKER') options.security = 'invoker';
  const check = row.check_option.toUpperCase();
  const dependsOn = names.filter((n) => relations.has(n) && n !== row.name).map((n) => objectId(SCHEMA, n)).sort();
  return {
    kind: 'view',
    id: objectId(SCHEMA, row.name),
    schema: SCHEMA,
    name: row.name,
    definition: text,
    columns: columns.map(buildViewColumn),
    ...(check === 'LOCAL' || check === 'CASCADED' ? { checkOption: check.toLowerCase() as 'local' | 'cascaded' } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(definer ? { definer } : {}),
    ...(dependsOn.length ? { dependsOn } : {}),
  };
}
