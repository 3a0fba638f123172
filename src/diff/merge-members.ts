/**
 * A table three ways, member by member: columns (matched through the column renames
 * each side recorded), the primary key, foreign keys, uniques, checks, exclusions,
 * indexes, triggers, policies and grants (matched by name, grants by grantee), then the
 * table's own fields. Inside a member the fields merge one by one, so a column renamed
 * on one side and retyped on the other becomes one renamed, retyped column.
 */
import type { Table } from '../../unified-model/index.js';
import { contentConflict, type MergeConflict, type MergeSide } from './conflicts.js';
import { mergeFields, mergeSequence, mergeSet, type FieldMergers, type Merged } from './merge-values.js';
import { sameCanonical as same } from './same.js';

type Named = { readonly name: string };

/** One member on each side (absent where the side lacks it). */
interface Slot<T> {
  readonly key: string;
  base?: T;
  ours?: T;
  theirs?: T;
}

/** Which side a resolution pins a member to, by any of the names it has on the three sides. */
export type MemberPin = (names: readonly string[]) => MergeSide | undefined;

/** How the two sides named the base's members: base name → side name (column renames). */
export interface MemberRenames {
  readonly ours: ReadonlyMap<string, string>;
  readonly theirs: ReadonlyMap<string, string>;
}

const NO_RENAMES: MemberRenames = { ours: new Map(), theirs: new Map() };

/** Pairs members across the sides: base ones through the renames, added ones by name. */
function slotsOf<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[], keyOf: (x: T) => string, renames: MemberRenames): Slot<T>[] {
  const slots = new Map<string, Slot<T>>();
  const sideKey = new Map<string, string>();
  for (const x of base) {
    const k = keyOf(x);
    slots.set(`b:${k}`, { key: `b:${k}`, base: x });
    sideKey.set(`o:${renames.ours.get(k) ?? k}`, `b:${k}`);
    sideKey.set(`t:${renames.theirs.get(k) ?? k}`, `b:${k}`);
  }
  const place = (x: T, side: 'o' | 't') => {
    const k = keyOf(x);
    // added on this side: both sides adding one name meet in one slot
    const key = sideKey.get(`${side}:${k}`) ?? `a:${k}`;
    const slot = slots.get(key) ?? { key };
    slots.set(key, slot);
    if (side === 'o') slot.ours = x;
    else slot.theirs = x;
  };
  for (const x of ours) place(x, 'o');
  for (const x of theirs) place(x, 't');
  return [...slots.values()];
}

interface SlotOutcome<T> {
  value?: T;
  conflicts: MergeConflict[];
}

/** One member three ways (or as a resolution pins it). */
function mergeSlot<T extends object>(id: string, slot: Slot<T>, label: (x: T) => string, pin: MemberPin, mergers: FieldMergers = {}): SlotOutcome<T> {
  const { base, ours, theirs } = slot;
  const names = [base, ours, theirs].filter((x): x is T => x !== undefined).map(label);
  const pinned = pin(names);
  if (pinned) return { value: slot[pinned], conflicts: [] };
  const member = label((ours ?? theirs ?? base) as T);
  const whole = (message: string, value: T | undefined): SlotOutcome<T> => ({ value, conflicts: [contentConflict(id, member, '(member)', { base, ours, theirs }, message)] });
  if (!base) {
    if (!ours || !theirs || same(ours, theirs)) return { value: ours ?? theirs, conflicts: [] };
    return whole(`${id} ${member}: added differently on both sides`, ours);
  }
  if (!ours && !theirs) return { conflicts: [] };
  if (!ours) return same(base, theirs) ? { conflicts: [] } : whole(`${id} ${member}: dropped on ours, changed on theirs`, theirs);
  if (!theirs) return same(base, ours) ? { conflicts: [] } : whole(`${id} ${member}: changed on ours, dropped on theirs`, ours);
  const m = mergeFields(base, ours, theirs, mergers);
  return { value: m.value, conflicts: m.conflicts.map((f) => contentConflict(id, member, f.field, f)) };
}

/** A list of members three ways; members that end up with one name are a conflict. */
function mergeList<T extends object>(id: string, lists: [readonly T[], readonly T[], readonly T[]], keyOf: (x: T) => string, pin: MemberPin, renames = NO_RENAMES, mergers: FieldMergers = {}): { slots: { slot: Slot<T>; value?: T }[]; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const slots = slotsOf(...lists, keyOf, renames).map((slot) => {
    const m = mergeSlot(id, slot, keyOf, pin, mergers);
    conflicts.push(...m.conflicts);
    return { slot, value: m.value };
  });
  const seen = new Map<string, T>();
  for (const s of slots) {
    if (!s.value) continue;
    const k = keyOf(s.value);
    const other = seen.get(k);
    if (other && !same(other, s.value)) {
      conflicts.push(contentConflict(id, k, '(member)', { ours: other, theirs: s.value }, `${id} ${k}: two different members end up with this name`));
      s.value = undefined;
    } else if (other) s.value = undefined;
    else seen.set(k, s.value);
  }
  return { slots, conflicts };
}

const NAMED_LISTS = ['foreignKeys', 'uniques', 'checks', 'exclusions', 'indexes', 'triggers', 'policies'] as const;
const MEMBER_FIELDS = new Set<string>(['columns', 'primaryKey', 'grants', ...NAMED_LISTS]);

/** Field mergers shared by every kind: `dependsOn` is a set, grants are keyed by grantee. */
export const COMMON_MERGERS: FieldMergers = { dependsOn: mergeSet };

export function mergeGrants(id: string, base: Table['grants'], ours: Table['grants'], theirs: Table['grants'], pin: MemberPin): { value?: Table['grants']; conflicts: MergeConflict[] } {
  const m = mergeList(id, [base ?? [], ours ?? [], theirs ?? []], (g) => `grant to ${g.grantee}`, pin);
  const value = m.slots.flatMap((s) => (s.value ? [s.value] : []));
  return { ...(value.length ? { value } : {}), conflicts: m.conflicts };
}

/**
 * Three versions of one table (same table after any rename) merged; `renames` maps the
 * base's column names to each side's. The result holds ours wherever a conflict is.
 */
export function mergeTable(id: string, base: Table, ours: Table, theirs: Table, renames: MemberRenames, pin: MemberPin): { value: Table; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const cols = mergeList(id, [base.columns, ours.columns, theirs.columns], (c) => c.name, pin, renames);
  conflicts.push(...cols.conflicts);
  const byKey = new Map(cols.slots.map((s) => [s.slot.key, s]));
  const keyOf = new Map<object, string>(cols.slots.flatMap((s) => [s.slot.base, s.slot.ours, s.slot.theirs].filter((x) => x !== undefined).map((x) => [x as object, s.slot.key] as [object, string])));
  const seq = (t: Table) => t.columns.map((c) => keyOf.get(c)!);
  const order: Merged<string[]> = mergeSequence(seq(base), seq(ours), seq(theirs));
  if (order.conflict) conflicts.push(contentConflict(id, undefined, 'column order', { base: base.columns.map((c) => c.name), ours: ours.columns.map((c) => c.name), theirs: theirs.columns.map((c) => c.name) }, `${id}: columns reordered differently on both sides`));
  const columns = order.value.flatMap((k) => (byKey.get(k)?.value ? [byKey.get(k)!.value!] : []));

  const fields = mergeFields(base, ours, theirs, COMMON_MERGERS, MEMBER_FIELDS);
  conflicts.push(...fields.conflicts.map((f) => contentConflict(id, undefined, f.field, f)));
  const out: Record<string, unknown> = { ...fields.value, columns };

  const pk = mergeList(id, [base.primaryKey ? [base.primaryKey] : [], ours.primaryKey ? [ours.primaryKey] : [], theirs.primaryKey ? [theirs.primaryKey] : []], () => 'primary key', (names) => pin(names) ?? pin(['primary key']));
  conflicts.push(...pk.conflicts);
  const pkValue = pk.slots.find((s) => s.value)?.value;
  if (pkValue) out.primaryKey = pkValue;
  for (const field of NAMED_LISTS) {
    const lists = [base, ours, theirs].map((t) => (t[field] ?? []) as readonly Named[]) as [Named[], Named[], Named[]];
    const m = mergeList(id, lists, (x) => x.name, pin);
    conflicts.push(...m.conflicts);
    const value = m.slots.flatMap((s) => (s.value ? [s.value] : []));
    if (value.length) out[field] = value;
  }
  const grants = mergeGrants(id, base.grants, ours.grants, theirs.grants, pin);
  conflicts.push(...grants.conflicts);
  if (grants.value) out.grants = grants.value;
  return { value: out as unknown as Table, conflicts };
}
