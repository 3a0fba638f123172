/**
 * Ordering plan units through a dependency graph (@dagrejs/graphlib): a unit that
 * needs an object runs after the unit that creates it; a unit that stops using an
 * object runs before the unit that drops it. Phases give the default order; a
 * dependency pushes a unit later than its phase when it must (a function returning a
 * table's row type runs after that table is created).
 */
import { Graph, alg } from '@dagrejs/graphlib';
import type { PlanUnit } from '../../adapters/types.js';
import { objectId, type DbObject, type Model, type Sequence, type Table } from '../../unified-model/index.js';
import { RedbError } from '../core/errors.js';
import { phaseOf } from './phases.js';


interface UnitDeps {
  /** Ids that exist (in their new form) once the unit ran. */
  provides: string[];
  /** Ids that no longer exist once the unit ran. */
  releases: string[];
  /** Ids a rename takes away: free for a new object, but whatever used them follows the rename. */
  renamesAway?: string[];
  /** Ids the unit needs to exist (target side). */
  requires: string[];
  /** Ids the unit's old side uses: it must run before they are dropped. */
  uses: string[];
}

/** What an object needs to exist first. For tables, other tables are left out: foreign keys are units of their own. */
function needs(o: DbObject, kinds: Map<string, string>): string[] {
  const deps = ('dependsOn' in o ? o.dependsOn ?? [] : []).filter((d) => o.kind !== 'table' || kinds.get(d) !== 'table');
  const extra: string[] = [];
  if ('schema' in o && o.kind !== 'extension') extra.push(objectId(o.schema));
  if (o.kind === 'table') {
    if (o.partitionOf) extra.push(o.partitionOf.parent);
    extra.push(...(o.inherits ?? []));
  }
  return [...deps, ...extra].filter((d) => d !== o.id);
}

function tableMemberNeeds(t: Table, unit: Extract<PlanUnit, { type: 'table' }>, kinds: Map<string, string>): string[] {
  const c = unit.change;
  const base = needs(t, kinds);
  if ((c.type === 'add-constraint' || c.type === 'drop-constraint') && c.constraint.kind === 'foreign-key') return [...base, c.constraint.def.references];
  if (c.type === 'add-trigger' || c.type === 'drop-trigger') return [...base, c.trigger.function];
  if (c.type === 'attach-partition' || c.type === 'detach-partition') return [...base, c.partitionOf.parent];
  return base;
}

const COLUMN_CHANGES = new Set(['add-column', 'alter-column', 'rename-column', 'attach-partition', 'set-options']);

function depsOf(unit: PlanUnit, fromKinds: Map<string, string>, toKinds: Map<string, string>, renamedTo: ReadonlySet<string>): UnitDeps {
  switch (unit.type) {
    case 'create':
      return { provides: [unit.object.id], releases: [], requires: needs(unit.object, toKinds), uses: [] };
    case 'drop':
      return { provides: [], releases: [unit.object.id], requires: [], uses: needs(unit.object, fromKinds) };
    case 'rename':
      return { provides: [unit.to.id, `renamed:${unit.to.id}`], releases: [], renamesAway: [unit.from.id], requires: [], uses: [] };
    case 'alter': {
      // giving a sequence its owner needs the owning table; nothing else waits for it
      const owning = unit.to.kind === 'sequence' && unit.to.ownedBy !== (unit.from as Sequence).ownedBy;
      const owner = owning && unit.to.kind === 'sequence' && unit.to.ownedBy ? [unit.to.ownedBy.slice(0, unit.to.ownedBy.lastIndexOf('.'))] : [];
      return { provides: owning ? [] : [unit.to.id], releases: [], requires: [...needs(unit.to, toKinds), ...owner], uses: needs(unit.from, fromKinds) };
    }
    case 'table': {
      const dropping = unit.change.type.startsWith('drop-') || unit.change.type === 'detach-partition';
      // members of a renamed table are changed under its new name, after the rename
      const renamed = renamedTo.has(unit.to.id) ? [`renamed:${unit.to.id}`] : [];
      // only column changes make the table's shape: what reads the table waits for them,
      // while constraints and indexes depend on other tables and never the other way
      const shaping = COLUMN_CHANGES.has(unit.change.type);
      return {
        provides: shaping ? [unit.to.id] : [],
        releases: [],
        // a member (constraint, index, trigger…) needs its table created and its columns in place
        requires: [...renamed, ...(dropping ? [] : [...tableMemberNeeds(unit.to, unit, toKinds), ...(shaping ? [] : [unit.to.id])])],
        uses: tableMemberNeeds(unit.from, unit, fromKinds),
      };
    }
  }
}

/** Describes a unit in one line, for errors. */
export function describeUnit(u: PlanUnit): string {
  if (u.type === 'table') return `${u.change.type} on ${u.to.id}`;
  if (u.type === 'create' || u.type === 'drop') return `${u.type} ${u.object.kind} ${u.object.id}`;
  return `${u.type} ${u.to.kind} ${u.from.id}`;
}

/** Returns the units in an order that satisfies every dependency, phases breaking ties. */
export function orderUnits(units: readonly PlanUnit[], from: Model, to: Model): PlanUnit[] {
  const fromKinds = new Map(from.objects.map((o) => [o.id, o.kind]));
  const toKinds = new Map(to.objects.map((o) => [o.id, o.kind]));
  const renamedTo = new Set(units.flatMap((u) => (u.type === 'rename' ? [u.to.id] : [])));
  const deps = units.map((u) => depsOf(u, fromKinds, toKinds, renamedTo));
  const providers = new Map<string, number[]>();
  const releasers = new Map<string, number[]>();
  const renamers = new Map<string, number[]>();
  deps.forEach((d, i) => {
    for (const id of d.provides) providers.set(id, [...(providers.get(id) ?? []), i]);
    for (const id of d.releases) releasers.set(id, [...(releasers.get(id) ?? []), i]);
    for (const id of d.renamesAway ?? []) renamers.set(id, [...(renamers.get(id) ?? []), i]);
  });

  const g = new Graph({ directed: true });
  units.forEach((_, i) => g.setNode(String(i)));
  const edge = (a: number, b: number) => a !== b && g.setEdge(String(a), String(b));
  deps.forEach((d, i) => {
    for (const id of d.requires) for (const p of providers.get(id) ?? []) edge(p, i);
    for (const id of d.uses) for (const r of releasers.get(id) ?? []) edge(i, r);
    // an id dropped (or renamed away) and created again: the drop or rename first
    for (const id of d.provides) for (const r of [...(releasers.get(id) ?? []), ...(renamers.get(id) ?? [])]) edge(r, i);
  });

  if (!alg.isAcyclic(g)) {
    const cycle = alg.findCycles(g)[0].map((n) => describeUnit(units[Number(n)]));
    throw new RedbError('E_PLAN_CYCLE', `the plan has a dependency cycle: ${cycle.join(' → ')}`, 'split the change into two commits, or report it with the two schemas');
  }
  const topo = alg.topsort(g).map(Number);
  const phase = units.map(phaseOf);
  // push each unit to at least the phase of everything it waits for
  for (const i of topo) for (const p of g.predecessors(String(i)) ?? []) phase[i] = Math.max(phase[i], phase[Number(p)]);
  const rank = new Map(topo.map((u, pos) => [u, pos]));
  return topo.slice().sort((a, b) => phase[a] - phase[b] || rank.get(a)! - rank.get(b)!).map((i) => units[i]);
}
