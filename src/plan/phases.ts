/**
 * The default order of statement kinds: drops (dependents first), renames, then
 * creates (dependencies first). Dependencies between units can push a unit later
 * than its phase (see order.ts), never earlier.
 */
import type { PlanUnit } from '../../adapters/types.js';
import type { ObjectKind, TableChange } from '../../unified-model/index.js';
import { membersOf } from './members.js';

const DROP: Partial<Record<ObjectKind, number>> = {
  view: 12, 'materialized-view': 12, table: 20, function: 22, procedure: 22, aggregate: 21, sequence: 24,
  enum: 26, domain: 26, 'composite-type': 26, collation: 28, extension: 30, schema: 32,
};
const CREATE: Partial<Record<ObjectKind, number>> = {
  schema: 50, extension: 52, collation: 54, enum: 56, domain: 56, 'composite-type': 56, sequence: 58,
  function: 60, procedure: 60, aggregate: 61, table: 62, view: 72, 'materialized-view': 72,
};
/** Alters in place: most run where their kind is created; schemas and extensions at the end (comments, grants). */
const ALTER: Partial<Record<ObjectKind, number>> = { ...CREATE, schema: 76, extension: 52 };

const TABLE: Record<TableChange['type'], number> = {
  'drop-trigger': 10, 'drop-policy': 10, 'set-row-level-security': 74,
  'detach-partition': 17, 'drop-index': 16, 'drop-column': 18,
  'rename-column': 40, 'add-column': 64, 'alter-column': 64, 'set-options': 64, 'attach-partition': 65,
  'add-index': 68, 'add-trigger': 74, 'add-policy': 74, 'alter-policy': 74, 'set-comment': 76, 'set-grants': 76,
  'drop-constraint': 16, 'add-constraint': 68,
  // a re-created table (new partitioning) waits for what its columns use, like added columns
  'set-partitioning': 64, 'set-unlogged': 64, 'reorder-columns': 64,
  // INHERIT waits for the parent's columns and checks in the child (see phaseOf for NO INHERIT)
  'set-inherits': 69,
  'set-charset': 63,
};

export function phaseOf(unit: PlanUnit): number {
  switch (unit.type) {
    case 'create':
      return CREATE[unit.object.kind] ?? 70;
    case 'drop':
      return DROP[unit.object.kind] ?? 14;
    case 'rename':
      return 40;
    case 'alter':
      // a sequence getting its owner waits for the owning table's columns
      if (unit.to.kind === 'sequence' && unit.to.ownedBy && !('ownedBy' in unit.from && unit.from.ownedBy === unit.to.ownedBy)) return 66;
      return ALTER[unit.to.kind] ?? 70;
    case 'table': {
      const c = unit.change;
      if (c.type === 'add-constraint' && c.constraint.kind === 'foreign-key') return 70;
      if (c.type === 'drop-constraint' && c.constraint.kind === 'foreign-key') return 14;
      // NO INHERIT: before the child drops the columns it got from the parent
      if (c.type === 'set-inherits' && c.to.length < c.from.length) return 17;
      return TABLE[c.type];
    }
    case 'table-group':
      // one statement for all of them: as late as its latest member (after what each needs)
      return Math.max(...membersOf(unit).map(phaseOf));
  }
}
