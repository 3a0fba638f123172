/**
 * Objects three ways: each base object is followed to its id on either side (through
 * the renames the side recorded), objects a side added are matched by id, and each
 * pairing merges as a whole when only one side changed it, member by member when it is
 * a table both changed, field by field otherwise (an enum's values as an ordered list).
 */
import type { DbObject, EnumType, Table } from '../../unified-model/index.js';
import { contentConflict, type MergeConflict, type MergeResolution, type MergeSide } from './conflicts.js';
import { COMMON_MERGERS, mergeGrants, mergeTable, type MemberPin } from './merge-members.js';
import type { SideRenames } from './merge-renames.js';
import { mergeFields, mergeSequence, type FieldMergers } from './merge-values.js';
import { sameCanonical as same } from './same.js';

/** One object on each side, under the id it has in the merged model. */
export interface ObjectSlot {
  readonly id: string;
  readonly base?: DbObject;
  readonly ours?: DbObject;
  readonly theirs?: DbObject;
}

const ENUM_MERGERS: FieldMergers = { ...COMMON_MERGERS, values: mergeSequence };

/** Pairs the objects of the three models; conflicting renames (one object renamed two ways) are conflicts. */
export function objectSlots(base: readonly DbObject[], ours: readonly DbObject[], theirs: readonly DbObject[], renames: { ours: SideRenames; theirs: SideRenames }): { slots: ObjectSlot[]; conflicts: MergeConflict[] } {
  const o = new Map(ours.map((x) => [x.id, x]));
  const t = new Map(theirs.map((x) => [x.id, x]));
  const conflicts: MergeConflict[] = [];
  const slots = new Map<string, { id: string; base?: DbObject; ours?: DbObject; theirs?: DbObject }>();
  const claimed = { ours: new Set<string>(), theirs: new Set<string>() };
  for (const b of base) {
    const oid = renames.ours.objects.get(b.id) ?? b.id;
    const tid = renames.theirs.objects.get(b.id) ?? b.id;
    if (oid !== tid && oid !== b.id && tid !== b.id) conflicts.push(contentConflict(oid, undefined, 'id', { base: b.id, ours: oid, theirs: tid }, `${b.id}: renamed to ${oid} on ours and to ${tid} on theirs`));
    const id = oid !== b.id ? oid : tid;
    claimed.ours.add(oid);
    claimed.theirs.add(tid);
    slots.set(id, { id, base: b, ours: o.get(oid), theirs: t.get(tid) });
  }
  const add = (x: DbObject, side: 'ours' | 'theirs') => {
    if (claimed[side].has(x.id)) return;
    const slot = slots.get(x.id) ?? { id: x.id };
    if (slot.base && slot[side] === undefined && (side === 'ours' ? slot.theirs : slot.ours) !== undefined) {
      // the other side renamed a base object to this id, and this side made its own
      conflicts.push(contentConflict(x.id, undefined, '(object)', { [side]: x }, `${x.id}: one side renamed an object to this id, the other created another object with it`));
      return;
    }
    slot[side] = x;
    slots.set(x.id, slot);
  };
  for (const x of ours) add(x, 'ours');
  for (const x of theirs) add(x, 'theirs');
  return { slots: [...slots.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), conflicts };
}

/** Pins of one object, as the resolutions name it and its members. */
export function pinsFor(id: string, resolutions: readonly MergeResolution[]): { whole?: MergeSide; member: MemberPin } {
  const mine = resolutions.filter((r) => r.id === id);
  return { whole: mine.find((r) => r.member === undefined)?.side, member: (names) => mine.find((r) => r.member !== undefined && names.includes(r.member))?.side };
}

/** One object three ways; `columns` are the column renames of the object on each side. */
export function mergeObject(slot: ObjectSlot, renames: { ours: SideRenames; theirs: SideRenames }, resolutions: readonly MergeResolution[]): { value?: DbObject; conflicts: MergeConflict[] } {
  const { id, base, ours, theirs } = slot;
  const pins = pinsFor(id, resolutions);
  if (pins.whole) return { value: slot[pins.whole], conflicts: [] };
  const whole = (message: string, value: DbObject | undefined) => ({ value, conflicts: [contentConflict(id, undefined, '(object)', { base, ours, theirs }, message)] });
  if (!base) {
    if (!ours || !theirs || same(ours, theirs)) return { value: ours ?? theirs, conflicts: [] };
    return whole(`${id}: created differently on both sides (two different objects with the same name)`, ours);
  }
  if (!ours && !theirs) return { conflicts: [] };
  if (!ours) return same(base, theirs) ? { conflicts: [] } : whole(`${id}: dropped on ours, changed on theirs`, theirs);
  if (!theirs) return same(base, ours) ? { conflicts: [] } : whole(`${id}: changed on ours, dropped on theirs`, ours);
  if (same(ours, theirs) || same(base, theirs)) return { value: ours, conflicts: [] };
  if (same(base, ours)) return { value: theirs, conflicts: [] };
  if (ours.kind !== theirs.kind || ours.kind !== base.kind) return whole(`${id}: replaced by a ${ours.kind} on ours and a ${theirs.kind} on theirs`, ours);
  if (base.kind === 'table') {
    const members = { ours: renames.ours.columns.get(base.id) ?? new Map(), theirs: renames.theirs.columns.get(base.id) ?? new Map() };
    const m = mergeTable(id, base, ours as Table, theirs as Table, members, pins.member);
    return { value: { ...m.value, ...identity(ours, theirs, base) }, conflicts: m.conflicts };
  }
  const m = mergeFields<DbObject>(base, ours, theirs, base.kind === 'enum' ? ENUM_MERGERS : COMMON_MERGERS, new Set(['grants']));
  const conflicts = m.conflicts.map((f) => contentConflict(id, undefined, f.field, f, f.field === 'values' ? `${id}: values ${(ours as EnumType).values ? 'reordered' : 'changed'} differently on both sides` : undefined));
  const grants = 'grants' in base ? mergeGrants(id, base.grants, (ours as Table).grants, (theirs as Table).grants, pins.member) : { conflicts: [] };
  conflicts.push(...grants.conflicts);
  return { value: { ...m.value, ...(grants.value ? { grants: grants.value } : {}) } as DbObject, conflicts };
}

/** Identity fields of the merged object: the side that renamed it decides (a rename conflict is reported already). */
function identity(ours: DbObject, theirs: DbObject, base: DbObject): Pick<DbObject, 'id' | 'name'> & { schema?: string } {
  const from = ours.id !== base.id ? ours : theirs;
  return { id: from.id, name: from.name, ...('schema' in from ? { schema: from.schema } : {}) };
}
