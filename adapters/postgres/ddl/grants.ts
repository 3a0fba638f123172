/**
 * GRANT and REVOKE between two grant lists of one object: what is gone is revoked,
 * what is new is granted, a lost grant option is revoked alone. Column grants are
 * compared column by column. Revoking a table privilege also revokes it on every
 * column, so column grants that stay are granted again after such a revoke.
 *
 * @example grantChanges('TABLE app.users', 'app.users', [], [{ grantee: 'reader', privileges: ['SELECT'] }])
 * // GRANT SELECT ON TABLE app.users TO reader
 */
import type { Grant } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { identList, roleName } from './quote.js';
import { stmt } from './statement.js';

/** One privilege of one grantee, on the object (column '') or on one column. */
interface Item {
  readonly grantee: string;
  readonly privilege: string;
  readonly column: string;
  readonly grantable: boolean;
}

const keyOf = (i: Pick<Item, 'grantee' | 'privilege' | 'column'>) => JSON.stringify([i.grantee, i.privilege, i.column]);

function explode(grants: readonly Grant[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const g of grants) {
    for (const privilege of g.privileges) {
      const grantable = g.grantable?.includes(privilege) ?? false;
      for (const column of g.columns ?? ['']) {
        const item = { grantee: g.grantee, privilege, column, grantable };
        out.set(keyOf(item), item);
      }
    }
  }
  return out;
}

/** `SELECT, UPDATE` or `SELECT (a, b), UPDATE (a)` for items of one grantee. */
function privilegeList(items: readonly Item[]): string {
  const byPrivilege = new Map<string, string[]>();
  for (const i of items) byPrivilege.set(i.privilege, [...(byPrivilege.get(i.privilege) ?? []), ...(i.column ? [i.column] : [])]);
  return [...byPrivilege.keys()]
    .sort()
    .map((p) => (byPrivilege.get(p)!.length ? `${p} (${identList(byPrivilege.get(p)!)})` : p))
    .join(', ');
}

/** Items grouped into statements: per grantee, object-level before column-level. */
function grouped(items: readonly Item[], extra: (i: Item) => string = () => ''): Item[][] {
  const groups = new Map<string, Item[]>();
  for (const i of items) {
    const k = JSON.stringify([i.grantee, i.column === '' ? 0 : 1, extra(i)]);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/** Statements that turn the grants `from` into `to` on `target` (e.g. `TABLE app.users`, `FUNCTION app.f(integer)`). */
export function grantChanges(target: string, what: string, from: readonly Grant[] = [], to: readonly Grant[] = []): Statement[] {
  const before = explode(from);
  const after = explode(to);
  const revoke = [...before.values()].filter((i) => !after.has(keyOf(i)));
  const loseOption = [...before.values()].filter((i) => i.grantable && after.has(keyOf(i)) && !after.get(keyOf(i))!.grantable);
  const revokedOnObject = new Set(revoke.filter((i) => i.column === '').map((i) => JSON.stringify([i.grantee, i.privilege])));
  const grant = [...after.values()].filter((i) => {
    const b = before.get(keyOf(i));
    return !b || (i.grantable && !b.grantable) || (i.column !== '' && revokedOnObject.has(JSON.stringify([i.grantee, i.privilege])));
  });
  const out: Statement[] = [];
  for (const g of grouped(revoke)) {
    out.push(stmt(`REVOKE ${privilegeList(g)} ON ${target} FROM ${roleName(g[0].grantee)}`, `revoke ${privilegeList(g)} on ${what} from ${g[0].grantee}`));
  }
  for (const g of grouped(loseOption)) {
    out.push(stmt(`REVOKE GRANT OPTION FOR ${privilegeList(g)} ON ${target} FROM ${roleName(g[0].grantee)}`, `revoke grant option for ${privilegeList(g)} on ${what} from ${g[0].grantee}`));
  }
  for (const g of grouped(grant, (i) => (i.grantable ? 'g' : ''))) {
    const option = g[0].grantable ? ' WITH GRANT OPTION' : '';
    out.push(stmt(`GRANT ${privilegeList(g)} ON ${target} TO ${roleName(g[0].grantee)}${option}`, `grant ${privilegeList(g)} on ${what} to ${g[0].grantee}${option.toLowerCase()}`));
  }
  return out;
}
