/**
 * Model fields PostgreSQL has no way to express (other engines fill them: MySQL
 * AUTO_INCREMENT, inline trigger bodies, a table's character set …). The PostgreSQL
 * introspection never produces them; a model from another engine that carries one is
 * refused by name before any statement is written, rather than deployed without it.
 */
import type { Column, DbObject, Index, Partitioning, Table, TableChange, Trigger } from '../../../unified-model/index.js';
import { RedbError } from '../../../src/errors.js';
import type { PlanUnit } from '../../types.js';

/** The error for one field of one object that PostgreSQL cannot have. */
export function unsupported(field: string, object: string, why: string): RedbError {
  return new RedbError(
    'E_UNSUPPORTED',
    `PostgreSQL has no ${why}: field ${field} of ${object} cannot be deployed`,
    `remove ${field} from ${object} (or translate it: see "Model for every engine" in docs/concepts.md), then plan again`,
  );
}

type Found = readonly [field: string, why: string] | undefined;

function columnField(c: Column): Found {
  if (c.autoIncrement) return ['autoIncrement', 'AUTO_INCREMENT column (use an identity)'];
  if (c.onUpdate !== undefined) return ['onUpdate', 'ON UPDATE expression on a column (use a trigger)'];
  if (c.invisible) return ['invisible', 'invisible column'];
  if (c.charset !== undefined) return ['charset', 'character set per column'];
  const l = c.type.logical;
  if (l.kind === 'set') return ['type.logical', 'SET type'];
  if (l.kind === 'enum' && l.ref === undefined) return ['type.logical', 'inline enum (an enum is a named type)'];
  if ((l.kind === 'text' || l.kind === 'binary') && l.maxBytes !== undefined) return ['type.logical.maxBytes', 'bounded text or binary type'];
  return undefined;
}

function indexField(ix: Index): Found {
  if (ix.invisible) return ['invisible', 'invisible index'];
  const k = ix.keys.findIndex((key) => key.length !== undefined);
  return k >= 0 ? [`keys[${k}].length`, 'prefix index key'] : undefined;
}

function triggerField(t: Trigger): Found {
  if (t.body !== undefined) return ['body', 'inline trigger body (a trigger calls a function)'];
  if (t.function === undefined) return ['function', 'trigger without a function'];
  if (t.order !== undefined) return ['order', 'trigger order (triggers fire by name)'];
  return undefined;
}

function partitioningField(p: Partitioning | undefined): Found {
  if (!p) return undefined;
  if (p.strategy === 'key') return ['partitioning.strategy', 'KEY partitioning (use hash)'];
  if (p.subpartitioning) return ['partitioning.subpartitioning', 'subpartitioning declared with the table (partition a partition)'];
  if (p.partitions) return ['partitioning.partitions', 'partitions declared with the table (a partition is a table, partitionOf)'];
  return undefined;
}

function tableField(t: Table): Found {
  if (t.charset !== undefined) return ['charset', 'character set per table'];
  if (t.collation !== undefined) return ['collation', 'collation per table'];
  const p = partitioningField(t.partitioning);
  if (p) return p;
  for (const c of t.columns) { const f = columnField(c); if (f) return [`columns.${c.name}.${f[0]}`, f[1]]; }
  for (const ix of t.indexes ?? []) { const f = indexField(ix); if (f) return [`indexes.${ix.name}.${f[0]}`, f[1]]; }
  for (const tr of t.triggers ?? []) { const f = triggerField(tr); if (f) return [`triggers.${tr.name}.${f[0]}`, f[1]]; }
  return undefined;
}

function objectField(o: DbObject): Found {
  if (o.kind === 'table') return tableField(o);
  if (o.kind === 'view' || o.kind === 'materialized-view') {
    for (const ix of o.indexes ?? []) { const f = indexField(ix); if (f) return [`indexes.${ix.name}.${f[0]}`, f[1]]; }
  }
  return undefined;
}

/** What one member change would deploy: the member it carries (a re-created table: all of it). */
function changeField(to: Table, c: TableChange): Found {
  switch (c.type) {
    case 'add-column': { const f = columnField(c.column); return f && [`columns.${c.column.name}.${f[0]}`, f[1]]; }
    case 'alter-column': case 'rename-column': { const f = columnField(c.to); return f && [`columns.${c.to.name}.${f[0]}`, f[1]]; }
    case 'add-index': { const f = indexField(c.index); return f && [`indexes.${c.index.name}.${f[0]}`, f[1]]; }
    case 'add-trigger': { const f = triggerField(c.trigger); return f && [`triggers.${c.trigger.name}.${f[0]}`, f[1]]; }
    case 'set-partitioning': return tableField(to);
    case 'set-charset': return c.to.charset !== undefined ? ['charset', 'character set per table'] : c.to.collation !== undefined ? ['collation', 'collation per table'] : undefined;
    default: return undefined;
  }
}

/** Throws E_UNSUPPORTED when a unit would deploy a field PostgreSQL cannot have; drops and renames pass. */
export function assertExpressible(unit: PlanUnit): void {
  let found: Found;
  let id = '';
  if (unit.type === 'create') [found, id] = [objectField(unit.object), `${unit.object.kind} ${unit.object.id}`];
  else if (unit.type === 'alter') [found, id] = [objectField(unit.to), `${unit.to.kind} ${unit.to.id}`];
  else if (unit.type === 'table') [found, id] = [changeField(unit.to, unit.change), `table ${unit.to.id}`];
  else if (unit.type === 'table-group') [found, id] = [unit.changes.map((c) => changeField(unit.to, c)).find(Boolean), `table ${unit.to.id}`];
  if (found) throw unsupported(found[0], id, found[1]);
}
