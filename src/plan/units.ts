/**
 * Changes → plan units, the pieces the planner orders. Here the generic rules live:
 * a created table's foreign keys, indexes, triggers and policies become units of their
 * own (so cycles between tables never arise), a dropped table loses its foreign keys
 * first, an owned sequence gets its owner after the table exists, and an object that
 * must be re-created takes its dependents along.
 */
import type { DdlGenerator, PlanUnit, TableGroupContext } from '../../adapters/types.js';
import type { Change, DbObject, Model, Sequence, Table, TableChange } from '../../unified-model/index.js';

const tableUnits = (from: Table, to: Table, changes: readonly TableChange[]): PlanUnit[] => changes.map((change) => ({ type: 'table', from, to, change }));

/** Member changes the adapter applies with the table as a whole (`groupTableChanges`): they stay inside its create or drop. */
function grouped(ddl: DdlGenerator, from: Table, to: Table, changes: readonly TableChange[], context: TableGroupContext): Set<TableChange> {
  return new Set((ddl.groupTableChanges?.(from, to, changes, context) ?? []).flatMap((g) => g.changes));
}

/**
 * A created table: the table itself, then each member that may depend on other objects,
 * except the members the engine keeps inside CREATE TABLE (foreign keys declared inline, on engines that add none later).
 */
function createTable(t: Table, ddl: DdlGenerator): PlanUnit[] {
  const members: TableChange[] = [
    ...(t.foreignKeys ?? []).map((def) => ({ type: 'add-constraint', constraint: { kind: 'foreign-key', def } }) as const),
    ...(t.indexes ?? []).map((index) => ({ type: 'add-index', index }) as const),
    ...(t.triggers ?? []).map((trigger) => ({ type: 'add-trigger', trigger }) as const),
    ...(t.policies ?? []).map((policy) => ({ type: 'add-policy', policy }) as const),
  ];
  const empty: Table = { ...t, foreignKeys: undefined, indexes: undefined, triggers: undefined, policies: undefined };
  const inside = grouped(ddl, empty, t, members, 'create');
  if (!inside.size) return [{ type: 'create', object: empty }, ...tableUnits(empty, t, members)];
  const kept = members.filter((m) => inside.has(m));
  const bare: Table = {
    ...empty,
    ...pick(kept, 'add-constraint', 'foreignKeys', (m) => (m.type === 'add-constraint' && m.constraint.kind === 'foreign-key' ? m.constraint.def : undefined)),
    ...pick(kept, 'add-index', 'indexes', (m) => (m.type === 'add-index' ? m.index : undefined)),
    ...pick(kept, 'add-trigger', 'triggers', (m) => (m.type === 'add-trigger' ? m.trigger : undefined)),
    ...pick(kept, 'add-policy', 'policies', (m) => (m.type === 'add-policy' ? m.policy : undefined)),
  };
  return [{ type: 'create', object: bare }, ...tableUnits(bare, t, members.filter((m) => !inside.has(m)))];
}

/** `{ [field]: defs }` of the kept members of one type, or nothing when there are none. */
function pick<F extends string, D>(kept: readonly TableChange[], type: TableChange['type'], field: F, def: (m: TableChange) => D | undefined): Partial<Record<F, D[]>> {
  const defs = kept.filter((m) => m.type === type).flatMap((m) => def(m) ?? []);
  return defs.length ? ({ [field]: defs } as Record<F, D[]>) : {};
}

/**
 * A dropped table: its foreign keys first (another dropped table may be on the other
 * end), except where the engine drops them with the table (grouped by the adapter).
 */
function dropTable(t: Table, ddl: DdlGenerator): PlanUnit[] {
  const fks: TableChange[] = (t.foreignKeys ?? []).map((def) => ({ type: 'drop-constraint', constraint: { kind: 'foreign-key', def } }) as const);
  const bare: Table = { ...t, foreignKeys: undefined };
  if (fks.length && grouped(ddl, t, bare, fks, 'drop').size === fks.length) return [{ type: 'drop', object: t }];
  return [...tableUnits(t, bare, fks), { type: 'drop', object: bare }];
}

/**
 * A table's member changes: one unit each, except groups the adapter applies together
 * (`groupTableChanges`), one `table-group` unit per group, which replaces its members.
 */
function alterTable(from: Table, to: Table, changes: readonly TableChange[], ddl: DdlGenerator): PlanUnit[] {
  const groups = ddl.groupTableChanges?.(from, to, changes, 'alter') ?? [];
  const inGroup = new Set(groups.flatMap((g) => g.changes));
  return [
    ...tableUnits(from, to, changes.filter((c) => !inGroup.has(c))),
    ...groups.map((g): PlanUnit => ({ type: 'table-group', mode: g.mode, from, to, changes: g.changes })),
  ];
}

/** `schema.table.column` → `schema.table` for an ownedBy id. */
const ownerTable = (ownedBy: string): string => ownedBy.slice(0, ownedBy.lastIndexOf('.'));
const ownerColumn = (ownedBy: string): string => ownedBy.slice(ownedBy.lastIndexOf('.') + 1).replace(/^"|"$/g, '');

/**
 * A dependent dropped and created again around what it depends on: `causes` are the
 * units it must be dropped before and created after (the table member changes that
 * invalidate it, or the re-created object it reads).
 */
export interface Recreation {
  readonly drop: PlanUnit;
  readonly create: PlanUnit;
  readonly causes: readonly PlanUnit[];
}

/** Units of a plan, with the dependents they re-create (the orderer keeps each re-creation tight). */
export interface PlannedUnits {
  readonly units: PlanUnit[];
  readonly recreations: readonly Recreation[];
}

/** What makes dependents invalid: the units that change an object, and the columns (all of them when undefined). */
interface Invalidation {
  readonly causes: PlanUnit[];
  columns?: Set<string>;
}

export function toUnits(changes: readonly Change[], from: Model, to: Model, ddl: DdlGenerator): PlanUnit[] {
  return planUnits(changes, from, to, ddl).units;
}

export function planUnits(changes: readonly Change[], from: Model, to: Model, ddl: DdlGenerator): PlannedUnits {
  const units: PlanUnit[] = [];
  const invalid = new Map<string, Invalidation>();
  const replacedViews: Recreation[] = [];
  const droppedTables = new Set(changes.flatMap((c) => (c.type === 'drop' && c.object.kind === 'table' ? [c.object.id] : [])));
  const droppedColumns = new Set(
    changes.flatMap((c) => (c.type === 'alter-table' ? c.changes.flatMap((t) => (t.type === 'drop-column' ? [`${c.from.id}.${t.column.name}`] : [])) : [])),
  );

  for (const c of changes) {
    switch (c.type) {
      case 'create':
        if (c.object.kind === 'table') units.push(...createTable(c.object, ddl));
        else if (c.object.kind === 'sequence' && c.object.ownedBy) {
          const bare: Sequence = { ...c.object, ownedBy: undefined };
          units.push({ type: 'create', object: bare }, { type: 'alter', from: bare, to: c.object });
        } else units.push({ type: 'create', object: c.object });
        break;
      case 'drop':
        if (c.object.kind === 'table') units.push(...dropTable(c.object, ddl));
        else if (c.object.kind === 'sequence' && c.object.ownedBy) {
          // the engine drops an owned sequence with its table or column
          const owner = c.object.ownedBy;
          if (!droppedTables.has(ownerTable(owner)) && !droppedColumns.has(`${ownerTable(owner)}.${ownerColumn(owner)}`)) units.push({ type: 'drop', object: c.object });
        } else units.push({ type: 'drop', object: c.object });
        break;
      case 'rename':
        units.push({ type: 'rename', from: c.from, to: c.to });
        break;
      case 'alter':
        if (ddl.alterMode(c.from, c.to) === 'replace') {
          const pair: PlanUnit[] = [{ type: 'drop', object: c.from }, { type: 'create', object: c.to }];
          units.push(...pair);
          invalid.set(c.from.id, { causes: pair });
          // a replaced view is missing from its drop to its create: that time is kept short too
          if (c.from.kind === 'view' || c.from.kind === 'materialized-view') replacedViews.push({ drop: pair[0], create: pair[1], causes: [] });
        } else units.push({ type: 'alter', from: c.from, to: c.to });
        break;
      case 'alter-table': {
        const members = alterTable(c.from, c.to, c.changes, ddl);
        units.push(...members);
        // a rebuilt table is a new table: whatever reads it is re-created around the rebuild
        const causes = members.filter((u) => (u.type === 'table' && ddl.invalidatesDependents(u.change)) || (u.type === 'table-group' && (u.mode === 'rebuild' || u.changes.some((m) => ddl.invalidatesDependents(m)))));
        if (causes.length) invalid.set(c.from.id, { causes, columns: changedColumns(causes, c.changes) });
        break;
      }
    }
  }
  // first: it removes the alters that its re-creates supersede from `units`
  const { extra, recreations } = recreateDependents(units, from, to, invalid);
  return { units: [...units, ...extra], recreations: [...replacedViews, ...recreations] };
}

/**
 * The columns (by their names in the source model) that invalidating member changes
 * touch; undefined when one of them names no column, so every column counts.
 */
function changedColumns(causes: readonly PlanUnit[], all: readonly TableChange[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const u of causes) {
    if (u.type === 'table-group' && u.mode === 'rebuild') return undefined;
    const changes = u.type === 'table' ? [u.change] : u.type === 'table-group' ? u.changes : [];
    for (const c of changes) {
    if ('column' in c) names.add(c.column.name);
    else if (c.type === 'alter-column' || c.type === 'rename-column') names.add(c.from.name).add(c.to.name);
    else return undefined;
    }
  }
  // a column renamed in the same change is known to dependents by its old name
  for (const c of all) if (c.type === 'rename-column' && names.has(c.to.name)) names.add(c.from.name);
  return names;
}

/** Whether `o` reads any of `columns` of `id` (every column when its file records none of them). */
function readsColumns(o: DbObject, id: string, columns: ReadonlySet<string> | undefined): boolean {
  if (!columns) return true;
  const entry = ('dependsOnColumns' in o ? o.dependsOnColumns : undefined)?.find((d) => d.id === id);
  if (!entry) return true;
  return entry.columns.some((c) => columns.has(c));
}

/**
 * Objects that read a re-created or invalidated object are dropped before it changes
 * and created again after (transitively). For a table, only those that read a changed
 * column (`dependsOnColumns`): a view of other columns stays. A table whose trigger
 * calls a re-created function gets the trigger dropped and added again.
 */
function recreateDependents(units: PlanUnit[], from: Model, to: Model, invalid: Map<string, Invalidation>): { extra: PlanUnit[]; recreations: Recreation[] } {
  const extra: PlanUnit[] = [];
  const recreations: Recreation[] = [];
  const toById = new Map(to.objects.map((o) => [o.id, o]));
  const dependents = new Map<string, DbObject[]>();
  for (const o of from.objects) {
    for (const dep of ('dependsOn' in o ? o.dependsOn : undefined) ?? []) {
      if (!dependents.has(dep)) dependents.set(dep, []);
      dependents.get(dep)!.push(o);
    }
  }
  const touched = (id: string) => units.findIndex((u) => (u.type === 'table' || u.type === 'table-group' ? false : (u.type === 'create' || u.type === 'drop' ? u.object.id : u.from.id) === id));
  const queue = [...invalid.keys()];
  const seen = new Set(queue);
  while (queue.length) {
    const id = queue.shift()!;
    const cause = invalid.get(id)!;
    for (const d of dependents.get(id) ?? []) {
      if (d.kind === 'table' || d.kind === 'schema' || !readsColumns(d, id, cause.columns)) continue;
      const i = touched(d.id);
      if (i >= 0 && units[i].type === 'drop') {
        // re-created by its own change: it is still dropped before the cause and created after
        const again = units.find((u) => u.type === 'create' && u.object.id === d.id);
        if (again) recreations.push({ drop: units[i], create: again, causes: cause.causes });
      }
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      const target = toById.get(d.id);
      if (!target || (i >= 0 && units[i].type === 'drop')) continue; // dropped anyway, or already re-created
      if (i >= 0 && units[i].type === 'alter') units.splice(i, 1); // the re-create supersedes it
      const pair: [PlanUnit, PlanUnit] = [{ type: 'drop', object: d }, { type: 'create', object: target }];
      extra.push(...pair);
      recreations.push({ drop: pair[0], create: pair[1], causes: cause.causes });
      invalid.set(d.id, { causes: pair });
      queue.push(d.id);
    }
  }
  // triggers calling a re-created function
  for (const t of from.objects) {
    if (t.kind !== 'table') continue;
    const after = toById.get(t.id);
    if (!after || after.kind !== 'table') continue;
    for (const trg of t.triggers ?? []) {
      if (!trg.function || !invalid.has(trg.function)) continue;
      const again = after.triggers?.find((x) => x.name === trg.name);
      const already = units.some((u) => u.type === 'table' && u.from.id === t.id && (u.change.type === 'drop-trigger' || u.change.type === 'add-trigger') && (u.change.trigger.name === trg.name));
      if (already) continue;
      extra.push({ type: 'table', from: t, to: after, change: { type: 'drop-trigger', trigger: trg } });
      if (again) extra.push({ type: 'table', from: t, to: after, change: { type: 'add-trigger', trigger: again } });
    }
  }
  return { extra, recreations };
}
