/**
 * Model × Model → Change[]. Generic over object kinds and engines: objects are
 * matched by id, compared in canonical form, and tables are diffed member by member.
 * Renames come only from intents; nothing is guessed.
 */
import type { Change, DbObject, Model, RenameIntent } from '../../unified-model/index.js';
import { sameCanonical } from './same.js';
import { assertCovered } from './coverage.js';
import { classifyRenames } from './renames.js';
import { diffTable } from './table.js';

// one object on both sides (a diff of two trees parses a shared blob once) is equal without a look
const same = sameCanonical;

/** The object as it would be after a rename: only identity fields change. */
function renamed(obj: DbObject, toId: string, target: DbObject | undefined): DbObject {
  if (!target) return obj;
  return { ...obj, id: toId, name: target.name, ...('schema' in target && 'schema' in obj ? { schema: target.schema } : {}) } as DbObject;
}

/** Changes that turn `from` into `to`, in no particular order (the planner orders them). */
export function diffModels(from: Model, to: Model, intents: readonly RenameIntent[] = []): Change[] {
  const renames = classifyRenames(intents, from);
  const before = new Map(from.objects.map((o) => [o.id, o]));
  const after = new Map(to.objects.map((o) => [o.id, o]));
  const changes: Change[] = [];

  // `oldId`: a renamed table's column renames are recorded under its old id
  const compare = (a: DbObject, b: DbObject, oldId = a.id) => {
    if (same(a, b)) return;
    if (a.kind === 'table' && b.kind === 'table') {
      const nested = diffTable(a, b, renames.columns.get(oldId) ?? renames.columns.get(b.id));
      const change: Change = { type: 'alter-table', from: a, to: b, changes: nested };
      assertCovered(a, b, [change]);
      if (nested.length) changes.push(change);
    } else if (a.kind !== b.kind) {
      changes.push({ type: 'drop', object: a }, { type: 'create', object: b });
    } else {
      changes.push({ type: 'alter', from: a, to: b });
    }
  };

  const renamedFrom = new Set<string>();
  for (const [oldId, newId] of renames.objects) {
    const a = before.get(oldId);
    const b = after.get(newId);
    if (!a || !b || after.has(oldId) || before.has(newId)) continue;
    const moved = renamed(a, newId, b);
    changes.push({ type: 'rename', from: a, to: moved });
    renamedFrom.add(oldId);
    compare(moved, b, oldId);
  }
  const renamedTo = new Set([...renames.objects].filter(([o]) => renamedFrom.has(o)).map(([, n]) => n));

  for (const [id, a] of before) {
    if (renamedFrom.has(id)) continue;
    const b = after.get(id);
    if (!b) changes.push({ type: 'drop', object: a });
    else compare(a, b);
  }
  for (const [id, b] of after) if (!before.has(id) && !renamedTo.has(id)) changes.push({ type: 'create', object: b });
  return changes;
}
