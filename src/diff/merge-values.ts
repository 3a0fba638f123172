/**
 * Three-way merges of plain values: a field, an object's fields, an ordered list (enum
 * values, column order) and an unordered set (`dependsOn`). The rule is git's: a change
 * on one side only is taken, the same change on both sides once, different changes to
 * one value are a conflict (the result then holds ours, so a working copy stays valid).
 */
import { sameCanonical as same } from './same.js';

/** The outcome of one value: merged, or a conflict (`value` is then ours). */
export interface Merged<T> {
  readonly value: T;
  readonly conflict: boolean;
}

/** One value three ways. */
export function merge3<T>(base: T, ours: T, theirs: T): Merged<T> {
  if (same(ours, theirs) || same(base, theirs)) return { value: ours, conflict: false };
  if (same(base, ours)) return { value: theirs, conflict: false };
  return { value: ours, conflict: true };
}

/** A field that conflicted, with its three values. */
export interface FieldConflict {
  readonly field: string;
  readonly base: unknown;
  readonly ours: unknown;
  readonly theirs: unknown;
}

/** Field handlers that merge better than "whole value" (e.g. an enum's values as a list). */
export type FieldMergers = Readonly<Record<string, (base: any, ours: any, theirs: any) => Merged<unknown>>>;

/**
 * The fields of three versions of one object merged one by one; `skip` fields are left
 * to the caller (a table's members). Returns the merged object and the fields that
 * conflicted (holding ours).
 */
export function mergeFields<T extends object>(base: T, ours: T, theirs: T, mergers: FieldMergers = {}, skip: ReadonlySet<string> = new Set()): { value: T; conflicts: FieldConflict[] } {
  const b = base as Record<string, unknown>;
  const o = ours as Record<string, unknown>;
  const t = theirs as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const k of new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)])) {
    if (skip.has(k)) continue;
    const m = (mergers[k] ?? merge3)(b[k], o[k], t[k]);
    if (m.conflict) conflicts.push({ field: k, base: b[k], ours: o[k], theirs: t[k] });
    if (m.value !== undefined) out[k] = m.value;
  }
  return { value: out as T, conflicts };
}

/** `xs` restricted to the elements of `keep`, in `xs`'s order. */
const only = (xs: readonly string[], keep: ReadonlySet<string>) => xs.filter((x) => keep.has(x));

/**
 * An ordered list of distinct keys three ways. An element of the base stays when both
 * sides keep it; an element one side adds goes in right after the element that
 * precedes it on that side (the start when none does). Where both sides add after the
 * same element, ours come first, then theirs; an element both add is placed once, as
 * ours places it. A list reordered on both sides (or on one side while the other added
 * to it) is a conflict holding ours.
 */
export function mergeSequence(base: readonly string[], ours: readonly string[], theirs: readonly string[]): Merged<string[]> {
  if (same(base, theirs) || same(ours, theirs)) return { value: [...ours], conflict: false };
  if (same(base, ours)) return { value: [...theirs], conflict: false };
  const inBase = new Set(base);
  const kept = new Set(base.filter((x) => ours.includes(x) && theirs.includes(x)));
  const order = only(base, kept);
  if (!same(only(ours, kept), order) || !same(only(theirs, kept), order)) return { value: [...ours], conflict: true };
  // additions of one side, grouped by the base element before them ('' = the start)
  const anchored = (side: readonly string[]) => {
    const after = new Map<string, string[]>();
    let anchor = '';
    for (const x of side) {
      if (inBase.has(x)) anchor = x;
      else after.set(anchor, [...(after.get(anchor) ?? []), x]);
    }
    return after;
  };
  const [o, t] = [anchored(ours), anchored(theirs)];
  const out: string[] = [];
  const placed = new Set<string>();
  const emit = (anchor: string) => {
    for (const x of [...(o.get(anchor) ?? []), ...(t.get(anchor) ?? [])]) {
      if (!placed.has(x)) out.push(x);
      placed.add(x);
    }
  };
  // elements both sides added are placed where ours put them
  const oursAdded = new Set([...o.values()].flat());
  for (const [anchor, xs] of t) t.set(anchor, xs.filter((x) => !oursAdded.has(x)));
  emit('');
  for (const x of base) {
    if (kept.has(x)) out.push(x);
    emit(x);
  }
  return { value: out, conflict: false };
}

/** An unordered set of strings three ways: kept where both keep it, plus what either adds; sorted. */
export function mergeSet(base: readonly string[] = [], ours: readonly string[] = [], theirs: readonly string[] = []): Merged<string[] | undefined> {
  const b = new Set(base);
  const o = new Set(ours);
  const t = new Set(theirs);
  const out = [...new Set([...base.filter((x) => o.has(x) && t.has(x)), ...ours.filter((x) => !b.has(x)), ...theirs.filter((x) => !b.has(x))])].sort();
  return { value: out.length ? out : undefined, conflict: false };
}
