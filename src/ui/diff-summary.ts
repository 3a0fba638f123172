/**
 * What every diff rendering shares: changes grouped per object (a rename and the
 * alteration that comes with it are one object), counts per kind, side labels.
 *
 * @example
 * const objects = groupChanges(result.changes);
 * summaryLine(objects); // "2 objects changed: 1 added, 1 modified, 0 dropped"
 */
import { changeId, type Change } from '../../unified-model/index.js';
import type { DiffResult } from '../core/diff.js';
import type { Hazard, PlanStep } from '../plan/types.js';

export type ObjectStatus = 'added' | 'modified' | 'dropped';

/** One object that differs, with every change about it (in a stable order). */
export interface ObjectDiff {
  readonly id: string;
  readonly kind: string;
  readonly status: ObjectStatus;
  readonly changes: readonly Change[];
}

const ORDER: Record<Change['type'], number> = { drop: 0, rename: 1, create: 2, alter: 3, 'alter-table': 3 };

const kindOf = (c: Change): string => (c.type === 'create' || c.type === 'drop' ? c.object.kind : c.to.kind);

/** Changes grouped by the object they are about, sorted by id. A drop and a create of one id is a modification. */
export function groupChanges(changes: readonly Change[]): ObjectDiff[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const id = changeId(c);
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, cs]) => {
      const sorted = [...cs].sort((a, b) => ORDER[a.type] - ORDER[b.type]);
      const created = cs.some((c) => c.type === 'create');
      const dropped = cs.some((c) => c.type === 'drop');
      const status: ObjectStatus = created && !dropped ? 'added' : dropped && !created ? 'dropped' : 'modified';
      return { id, kind: kindOf(sorted[sorted.length - 1]), status, changes: sorted };
    });
}

export interface KindCount {
  readonly kind: string;
  readonly added: number;
  readonly modified: number;
  readonly dropped: number;
}

/** Added / modified / dropped objects per kind, kinds in alphabetical order. */
export function countByKind(objects: readonly ObjectDiff[]): KindCount[] {
  const counts = new Map<string, { added: number; modified: number; dropped: number }>();
  for (const o of objects) {
    const c = counts.get(o.kind) ?? { added: 0, modified: 0, dropped: 0 };
    c[o.status]++;
    counts.set(o.kind, c);
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, c]) => ({ kind, ...c }));
}

/** `3 objects changed: 1 added, 1 modified, 1 dropped`. */
export function summaryLine(objects: readonly ObjectDiff[]): string {
  const n = (s: ObjectStatus) => objects.filter((o) => o.status === s).length;
  return `${objects.length} object${objects.length === 1 ? '' : 's'} changed: ${n('added')} added, ${n('modified')} modified, ${n('dropped')} dropped`;
}

/** `main~1 (3f2a9c1d2e)` for a revision, `@prod` for a live database. */
export function sideLabel(side: DiffResult['from']): string {
  return side.commit && side.label !== side.commit ? `${side.label} (${side.commit.slice(0, 10)})` : side.label;
}

/** Hazards from the most to the least severe. */
const SEVERITY: readonly Hazard[] = ['data-loss', 'table-rewrite', 'blocking-lock', 'data-dependent', 'not-transactional'];
const rank = (h: Hazard): number => (SEVERITY.includes(h) ? SEVERITY.indexOf(h) : SEVERITY.length);

/** Each hazard of the plan (most severe first) with the 1-based numbers of the forward steps that carry it. */
export function hazardSteps(steps: readonly PlanStep[]): Map<Hazard, number[]> {
  const out = new Map<Hazard, number[]>();
  steps.forEach((s, i) => {
    for (const h of s.hazards) out.set(h, [...(out.get(h) ?? []), i + 1]);
  });
  return new Map([...out].sort(([a], [b]) => rank(a) - rank(b)));
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
