/**
 * Row-level security: policies (CREATE / ALTER / DROP POLICY) and the table's
 * ENABLE / FORCE ROW LEVEL SECURITY switches.
 */
import type { Policy, Table } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { quoteIdent, qualified, roleName } from './quote.js';
import { stmt } from './statement.js';

const what = (t: Table, p: Policy) => `policy ${quoteIdent(p.name)} on ${t.id}`;
const on = (t: Table, p: Policy) => `${quoteIdent(p.name)} ON ${qualified(t.schema, t.name)}`;
const roles = (p: Policy) => (p.roles.length ? p.roles.map(roleName).join(', ') : 'PUBLIC');
const clauses = (p: Policy) => `${p.using !== undefined ? ` USING (${p.using})` : ''}${p.withCheck !== undefined ? ` WITH CHECK (${p.withCheck})` : ''}`;

export function createPolicy(t: Table, p: Policy): Statement[] {
  const sql = `CREATE POLICY ${on(t, p)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command.toUpperCase()} TO ${roles(p)}${clauses(p)}`;
  return [stmt(sql, `create ${what(t, p)}`), ...commentChange(`POLICY ${on(t, p)}`, undefined, p.comment, what(t, p))];
}

export function dropPolicy(t: Table, p: Policy): Statement[] {
  return [stmt(`DROP POLICY ${on(t, p)}`, `drop ${what(t, p)}`)];
}

/**
 * ALTER POLICY for new roles or expressions (same command and kind). ALTER POLICY can
 * replace a USING or WITH CHECK expression but not remove one: then it is dropped and created.
 */
export function alterPolicy(t: Table, from: Policy, to: Policy): Statement[] {
  if ((from.using !== undefined && to.using === undefined) || (from.withCheck !== undefined && to.withCheck === undefined)) return [...dropPolicy(t, from), ...createPolicy(t, to)];
  const parts: string[] = [];
  if (roles(from) !== roles(to)) parts.push(` TO ${roles(to)}`);
  if (from.using !== to.using) parts.push(` USING (${to.using})`);
  if (from.withCheck !== to.withCheck) parts.push(` WITH CHECK (${to.withCheck})`);
  return [
    ...(parts.length ? [stmt(`ALTER POLICY ${on(t, to)}${parts.join('')}`, `alter ${what(t, to)}`)] : []),
    ...commentChange(`POLICY ${on(t, to)}`, from.comment, to.comment, what(t, to)),
  ];
}

/** ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY. */
export function rowLevelSecurity(t: Table, from: Table['rowLevelSecurity'], to: Table['rowLevelSecurity']): Statement[] {
  const a = from ?? { enabled: false, forced: false };
  const b = to ?? { enabled: false, forced: false };
  const name = qualified(t.schema, t.name);
  const out: Statement[] = [];
  if (a.enabled !== b.enabled) out.push(stmt(`ALTER TABLE ${name} ${b.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, `${b.enabled ? 'enable' : 'disable'} row level security on ${t.id}`));
  if (a.forced !== b.forced) out.push(stmt(`ALTER TABLE ${name} ${b.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`, `${b.forced ? 'force' : 'stop forcing'} row level security on ${t.id}`));
  return out;
}
