/** The unit that undoes a unit: used to write each step's reverse. */
import type { PlanUnit } from '../../adapters/types.js';
import type { TableChange } from '../../unified-model/index.js';

function invertTableChange(c: TableChange): TableChange {
  switch (c.type) {
    case 'add-column': return { type: 'drop-column', column: c.column };
    case 'drop-column': return { type: 'add-column', column: c.column };
    case 'alter-column': return { type: 'alter-column', from: c.to, to: c.from };
    case 'rename-column': return { type: 'rename-column', from: c.to, to: c.from };
    case 'add-constraint': return { type: 'drop-constraint', constraint: c.constraint };
    case 'drop-constraint': return { type: 'add-constraint', constraint: c.constraint };
    case 'add-index': return { type: 'drop-index', index: c.index };
    case 'drop-index': return { type: 'add-index', index: c.index };
    case 'add-trigger': return { type: 'drop-trigger', trigger: c.trigger };
    case 'drop-trigger': return { type: 'add-trigger', trigger: c.trigger };
    case 'add-policy': return { type: 'drop-policy', policy: c.policy };
    case 'drop-policy': return { type: 'add-policy', policy: c.policy };
    case 'alter-policy': return { type: 'alter-policy', from: c.to, to: c.from };
    case 'set-row-level-security': return { type: 'set-row-level-security', from: c.to, to: c.from };
    case 'set-comment': return { type: 'set-comment', from: c.to, to: c.from };
    case 'set-grants': return { type: 'set-grants', from: c.to, to: c.from };
    case 'set-options': return { type: 'set-options', from: c.to, to: c.from };
    case 'attach-partition': return { type: 'detach-partition', partitionOf: c.partitionOf };
    case 'detach-partition': return { type: 'attach-partition', partitionOf: c.partitionOf };
    case 'set-partitioning': return { type: 'set-partitioning', from: c.to, to: c.from };
    case 'set-inherits': return { type: 'set-inherits', from: c.to, to: c.from };
    case 'set-unlogged': return { type: 'set-unlogged', from: c.to, to: c.from };
    case 'set-charset': return { type: 'set-charset', from: c.to, to: c.from };
    case 'reorder-columns': return { type: 'reorder-columns', from: c.to, to: c.from };
  }
}

export function invertUnit(u: PlanUnit): PlanUnit {
  switch (u.type) {
    case 'create': return { type: 'drop', object: u.object };
    case 'drop': return { type: 'create', object: u.object };
    case 'rename': return { type: 'rename', from: u.to, to: u.from };
    case 'alter': return { type: 'alter', from: u.to, to: u.from };
    case 'table': return { type: 'table', from: u.to, to: u.from, change: invertTableChange(u.change) };
    case 'table-group': return { type: 'table-group', mode: u.mode, from: u.to, to: u.from, changes: [...u.changes].reverse().map(invertTableChange) };
  }
}
