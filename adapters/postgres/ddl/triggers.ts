/**
 * Triggers of tables and views, created from the engine's own definition
 * (pg_get_triggerdef), then set to their enabled state (DISABLE, ENABLE REPLICA,
 * ENABLE ALWAYS). A change of only the comment or the enabled state is made in place.
 */
import type { Trigger } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { quoteIdent, qualified } from './quote.js';
import { same, stmt } from './statement.js';

interface Owner {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
}

const what = (owner: Owner, tr: Trigger) => `trigger ${quoteIdent(tr.name)} on ${owner.id}`;

const ENABLE: Readonly<Record<NonNullable<Trigger['enabled']>, string>> = {
  origin: 'ENABLE TRIGGER',
  disabled: 'DISABLE TRIGGER',
  replica: 'ENABLE REPLICA TRIGGER',
  always: 'ENABLE ALWAYS TRIGGER',
};

function enabledChange(owner: Owner, tr: Trigger, from: Trigger['enabled'] = 'origin'): Statement[] {
  const to = tr.enabled ?? 'origin';
  if (from === to) return [];
  return [stmt(`ALTER TABLE ${qualified(owner.schema, owner.name)} ${ENABLE[to]} ${quoteIdent(tr.name)}`, `set ${what(owner, tr)} ${to}`)];
}

const commentTarget = (owner: Owner, tr: Trigger) => `TRIGGER ${quoteIdent(tr.name)} ON ${qualified(owner.schema, owner.name)}`;

export function createTrigger(owner: Owner, tr: Trigger): Statement[] {
  return [
    stmt(tr.definition.trim().replace(/;$/, ''), `create ${what(owner, tr)}`),
    ...enabledChange(owner, tr),
    ...commentChange(commentTarget(owner, tr), undefined, tr.comment, what(owner, tr)),
  ];
}

export function dropTrigger(owner: Owner, tr: Trigger): Statement[] {
  return [stmt(`DROP TRIGGER ${quoteIdent(tr.name)} ON ${qualified(owner.schema, owner.name)}`, `drop ${what(owner, tr)}`)];
}

/** Same trigger but maybe its comment and enabled state. */
export const triggerInPlace = (a: Trigger, b: Trigger) => same({ ...a, comment: undefined, enabled: undefined }, { ...b, comment: undefined, enabled: undefined });

/** Statements that turn trigger `from` into `to` in place (comment, enabled state). */
export function alterTrigger(owner: Owner, from: Trigger, to: Trigger): Statement[] {
  return [...enabledChange(owner, to, from.enabled), ...commentChange(commentTarget(owner, to), from.comment, to.comment, what(owner, to))];
}

/** Trigger changes between two lists of one owner (used for views, whose triggers are part of the view). */
export function triggerChanges(owner: Owner, from: readonly Trigger[] = [], to: readonly Trigger[] = []): Statement[] {
  const after = new Map(to.map((t) => [t.name, t]));
  const before = new Map(from.map((t) => [t.name, t]));
  const out: Statement[] = [];
  for (const a of from) {
    const b = after.get(a.name);
    if (b && triggerInPlace(a, b)) out.push(...alterTrigger(owner, a, b));
    else if (!b || !same(a, b)) out.push(...dropTrigger(owner, a));
  }
  for (const b of to) {
    const a = before.get(b.name);
    if (!a || !triggerInPlace(a, b)) out.push(...createTrigger(owner, b));
  }
  return out;
}
