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
import { RedbError } from '../errors.js';
import { phaseOf } from './phases.js';
import type { Recreation } from './units.js';
import { membersOf } from './members.js';

/** What the orderer may be told beyond the units: dependents re-created around a change, and which units run outside a transaction. */
export interface OrderHints {
  readonly recreations?: readonly Recreation[];
  /** False for a unit with a statement that cannot run in a transaction (an index built online, where the engine builds one only outside a transaction). */
  readonly transactional?: (u: PlanUnit) => boolean;
}


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
  // an inline body (no function) needs only its table
  if (c.type === 'add-trigger' || c.type === 'drop-trigger') return c.trigger.function ? [...base, c.trigger.function] : base;
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
    case 'table-group':
      return groupDeps(unit, (member) => depsOf(member, fromKinds, toKinds, renamedTo));
  }
}

/**
 * A group waits for, and is waited for, like all its members together. A rebuild also
 * makes the table anew, and creates it whole with its foreign keys inline, which the
 * engines that rebuild accept before the referenced table exists: it waits for none of
 * them (two tables rebuilt with keys to each other would otherwise form a cycle).
 */
function groupDeps(unit: Extract<PlanUnit, { type: 'table-group' }>, memberDeps: (u: PlanUnit) => UnitDeps): UnitDeps {
  const all = membersOf(unit).map(memberDeps);
  const union = (f: (d: UnitDeps) => readonly string[] | undefined) => [...new Set(all.flatMap((d) => f(d) ?? []))];
  const rebuild = unit.mode === 'rebuild';
  const references = new Set(rebuild ? unit.changes.flatMap((c) => ('constraint' in c && c.constraint.kind === 'foreign-key' ? [c.constraint.def.references] : [])) : []);
  references.delete(unit.to.id);
  const provides = [...new Set([...union((d) => d.provides), ...(rebuild ? [unit.to.id] : [])])];
  return {
    provides,
    releases: union((d) => d.releases),
    // one unit: what a member provides is no longer something the group waits for
    requires: union((d) => d.requires).filter((id) => !references.has(id) && !provides.includes(id)),
    uses: union((d) => d.uses).filter((id) => !references.has(id)),
  };
}

/** Describes a unit in one line, for errors. */
export function describeUnit(u: PlanUnit): string {
  if (u.type === 'table') return `${u.change.type} on ${u.to.id}`;
  if (u.type === 'table-group') return `${u.mode} of ${u.to.id} (${u.changes.map((c) => c.type).join(', ')})`;
  if (u.type === 'create' || u.type === 'drop') return `${u.type} ${u.object.kind} ${u.object.id}`;
  return `${u.type} ${u.to.kind} ${u.from.id}`;
}

/**
 * Returns the units in an order that satisfies every dependency, phases breaking ties.
 * A re-created dependent is dropped as late and created as early as its dependencies
 * allow, and no unit outside a transaction runs while it is gone (see `keepOutOfWindows`).
 */
export function orderUnits(units: readonly PlanUnit[], from: Model, to: Model, hints: OrderHints = {}): PlanUnit[] {
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
  const index = new Map(units.map((u, i) => [u, i]));
  const recreations = (hints.recreations ?? []).flatMap((r) => {
    const drop = index.get(r.drop);
    const create = index.get(r.create);
    return drop === undefined || create === undefined ? [] : [{ drop, create, causes: r.causes.flatMap((c) => index.get(c) ?? []) }];
  });
  // a dependent is gone exactly while what invalidates it changes
  for (const r of recreations) for (const c of r.causes) edge(r.drop, c), edge(c, r.create);

  if (!alg.isAcyclic(g)) {
    const cycle = alg.findCycles(g)[0].map((n) => describeUnit(units[Number(n)]));
    throw new RedbError('E_PLAN_CYCLE', `the plan has a dependency cycle: ${cycle.join(' → ')}`, 'split the change into two commits, or report it with the two schemas');
  }
  const topo = alg.topsort(g).map(Number);
  const phase = units.map(phaseOf);
  // push each unit to at least the phase of everything it waits for
  for (const i of topo) for (const p of g.predecessors(String(i)) ?? []) phase[i] = Math.max(phase[i], phase[Number(p)]);
  tightenRecreations(g, topo, phase, recreations);
  const rank = new Map(topo.map((u, pos) => [u, pos]));
  const order = topo.slice().sort((a, b) => phase[a] - phase[b] || rank.get(a)! - rank.get(b)!);
  const transactional = hints.transactional ?? (() => true);
  return keepOutOfWindows(g, order, recreations, (i) => transactional(units[i]), units).map((i) => units[i]);
}

const near = (g: Graph, i: number, dir: 'predecessors' | 'successors') => (g[dir](String(i)) ?? []).map(Number);

/**
 * Re-created dependents are dropped in the phase of the first unit that needs them gone
 * and created in the phase of the last unit they wait for, instead of with all drops and
 * all creates: the time they are missing stays as short as the dependencies allow.
 */
function tightenRecreations(g: Graph, topo: readonly number[], phase: number[], recreations: readonly { drop: number; create: number }[]): void {
  const drops = new Set(recreations.map((r) => r.drop));
  const creates = new Set(recreations.map((r) => r.create));
  for (const i of [...topo].reverse()) {
    const next = near(g, i, 'successors');
    if (drops.has(i) && next.length) phase[i] = Math.max(phase[i], Math.min(...next.map((s) => phase[s])));
  }
  for (const i of topo) {
    const prev = near(g, i, 'predecessors');
    if (creates.has(i) && prev.length) phase[i] = Math.min(phase[i], Math.max(...prev.map((p) => phase[p])));
  }
}

/** Every unit reachable from `i` in direction `dir`. */
function reach(g: Graph, i: number, dir: 'predecessors' | 'successors'): Set<number> {
  const out = new Set<number>();
  const stack = [i];
  while (stack.length) for (const n of near(g, stack.pop()!, dir)) if (!out.has(n)) out.add(n), stack.push(n);
  return out;
}

/**
 * A unit outside a transaction (an index built online) must not run while a
 * re-created dependent is dropped: it would commit the drop and leave the view missing
 * for as long as it takes. Such a unit moves before the drop when nothing there leads
 * to it, or after the create when nothing there waits for it; otherwise the plan is refused.
 */
function keepOutOfWindows(g: Graph, order: number[], recreations: readonly { drop: number; create: number }[], transactional: (i: number) => boolean, units: readonly PlanUnit[]): number[] {
  const out = [...order];
  for (let moved = true, rounds = 0; moved && rounds <= units.length; rounds++) {
    moved = false;
    for (const r of recreations) {
      const s = out.indexOf(r.drop);
      const e = out.indexOf(r.create);
      const p = out.findIndex((u, pos) => pos > s && pos < e && !transactional(u));
      if (p < 0) continue;
      const n = out[p];
      const before = reach(g, n, 'predecessors');
      const after = reach(g, n, 'successors');
      out.splice(p, 1);
      if (!out.slice(s, p).some((u) => before.has(u))) out.splice(s, 0, n);
      else if (!out.slice(p, e).some((u) => after.has(u))) out.splice(e, 0, n);
      else {
        throw new RedbError(
          'E_PLAN_NOT_TRANSACTIONAL',
          `${describeUnit(units[n])} cannot run in a transaction, and it must run while ${describeUnit(units[r.drop]).replace(/^drop /, '')} is dropped to be re-created`,
          'plan without --online, or make the change in two commits (first the change that re-creates the dependent, then the other)',
        );
      }
      moved = true;
    }
  }
  return out;
}
