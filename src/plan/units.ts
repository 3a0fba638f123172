/**
 * Changes → plan units, the pieces the planner orders. Here the generic rules live:
 * a created table's foreign keys, indexes, triggers and policies become units of their
 * own (so cycles between tables never arise), a dropped table loses its foreign keys
 * first, an owned sequence gets its owner after the table exists, and an object that
 * must be re-created takes its dependents along.
 */
import type { DdlGenerator, PlanUnit } from '../../adapters/types.js';
import type { Change, DbObject, Model, Sequence, Table, TableChange } from '../../unified-model/index.js';

const tableUnits = (from: Table, to: Table, changes: readonly TableChange[]): PlanUnit[] => changes.map((change) => ({ type: 'table', from, to, change }));

/** A created table: the table itself, then each member that may depend on other objects. */
function createTable(t: Table): PlanUnit[] {
  const bare: Table = { ...t, foreignKeys: undefined, indexes: undefined, triggers: undefined, policies: undefined };
  return [
    { type: 'create', object: bare },
    ...tableUnits(bare, t, [
      ...(t.foreignKeys ?? []).map((def) => ({ type: 'add-constraint', constraint: { kind: 'foreign-key', def } }) as const),
      ...(t.indexes ?? []).map((index) => ({ type: 'add-index', index }) as const),
      ...(t.triggers ?? []).map((trigger) => ({ type: 'add-trigger', trigger }) as const),
      ...(t.policies ?? []).map((policy) => ({ type: 'add-policy', policy }) as const),
    ]),
  ];
}

/** A dropped table: its foreign keys first (another dropped table may be on the other end). */
function dropTable(t: Table): PlanUnit[] {
  const bare: Table = { ...t, foreignKeys: undefined };
  return [...tableUnits(t, bare, (t.foreignKeys ?? []).map((def) => ({ type: 'drop-constraint', constraint: { kind: 'foreign-key', def } }) as const)), { type: 'drop', object: bare }];
}

/** `schema.table.column` → `schema.table` for an ownedBy id. */
const ownerTable = (ownedBy: string): string => ownedBy.slice(0, ownedBy.lastIndexOf('.'));
const ownerColumn = (ownedBy: string): string => ownedBy.slice(ownedBy.lastIndexOf('.') + 1).replace(/^"|"$/g, '');

export function toUnits(changes: readonly Change[], from: Model, to: Model, ddl: DdlGenerator): PlanUnit[] {
  const units: PlanUnit[] = [];
  const replaced = new Set<string>();
  const invalidTables = new Set<string>();
  const droppedTables = new Set(changes.flatMap((c) => (c.type === 'drop' && c.object.kind === 'table' ? [c.object.id] : [])));
  const droppedColumns = new Set(
    changes.flatMap((c) => (c.type === 'alter-table' ? c.changes.flatMap((t) => (t.type === 'drop-column' ? [`${c.from.id}.${t.column.name}`] : [])) : [])),
  );

  for (const c of changes) {
    switch (c.type) {
      case 'create':
        if (c.object.kind === 'table') units.push(...createTable(c.object));
        else if (c.object.kind === 'sequence' && c.object.ownedBy) {
          const bare: Sequence = { ...c.object, ownedBy: undefined };
          units.push({ type: 'create', object: bare }, { type: 'alter', from: bare, to: c.object });
        } else units.push({ type: 'create', object: c.object });
        break;
      case 'drop':
        if (c.object.kind === 'table') units.push(...dropTable(c.object));
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
          units.push({ type: 'drop', object: c.from }, { type: 'create', object: c.to });
          replaced.add(c.from.id);
        } else units.push({ type: 'alter', from: c.from, to: c.to });
        break;
      case 'alter-table':
        units.push(...tableUnits(c.from, c.to, c.changes));
        if (c.changes.some((t) => ddl.invalidatesDependents(t))) invalidTables.add(c.from.id);
        break;
    }
  }
  // first: it removes the alters that its re-creates supersede from `units`
  const extra = recreateDependents(units, from, to, new Set([...replaced, ...invalidTables]));
  return [...units, ...extra];
}

/**
 * Objects that read a re-created or invalidated object are dropped before it changes
 * and created again after (transitively). A table whose trigger calls a re-created
 * function gets the trigger dropped and added again.
 */
function recreateDependents(units: PlanUnit[], from: Model, to: Model, invalid: Set<string>): PlanUnit[] {
  const extra: PlanUnit[] = [];
  const toById = new Map(to.objects.map((o) => [o.id, o]));
  const dependents = new Map<string, DbObject[]>();
  for (const o of from.objects) {
    for (const dep of ('dependsOn' in o ? o.dependsOn : undefined) ?? []) {
      if (!dependents.has(dep)) dependents.set(dep, []);
      dependents.get(dep)!.push(o);
    }
  }
  const touched = (id: string) => units.findIndex((u) => (u.type === 'table' ? false : (u.type === 'create' || u.type === 'drop' ? u.object.id : u.from.id) === id));
  const queue = [...invalid];
  const seen = new Set(queue);
  while (queue.length) {
    const id = queue.shift()!;
    for (const d of dependents.get(id) ?? []) {
      if (seen.has(d.id) || d.kind === 'table' || d.kind === 'schema') continue;
      seen.add(d.id);
      const target = toById.get(d.id);
      if (!target) continue; // dropped anyway
      const i = touched(d.id);
      if (i >= 0 && units[i].type === 'drop') continue; // already re-created
      if (i >= 0 && units[i].type === 'alter') units.splice(i, 1); // the re-create supersedes it
      extra.push({ type: 'drop', object: d }, { type: 'create', object: target });
      queue.push(d.id);
    }
  }
  // triggers calling a re-created function
  for (const t of from.objects) {
    if (t.kind !== 'table') continue;
    const after = toById.get(t.id);
    if (!after || after.kind !== 'table') continue;
    for (const trg of t.triggers ?? []) {
      if (!invalid.has(trg.function) && !seen.has(trg.function)) continue;
      const again = after.triggers?.find((x) => x.name === trg.name);
      const already = units.some((u) => u.type === 'table' && u.from.id === t.id && (u.change.type === 'drop-trigger' || u.change.type === 'add-trigger') && (u.change.trigger.name === trg.name));
      if (already) continue;
      extra.push({ type: 'table', from: t, to: after, change: { type: 'drop-trigger', trigger: trg } });
      if (again) extra.push({ type: 'table', from: t, to: after, change: { type: 'add-trigger', trigger: again } });
    }
  }
  return extra;
}
