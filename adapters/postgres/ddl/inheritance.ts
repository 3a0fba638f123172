/**
 * Members a child table gets from its parent. PostgreSQL propagates a parent's ADD
 * COLUMN, ALTER COLUMN TYPE, constraints and indexes to partitions (and columns and
 * checks to inheritance children), and refuses most of them on the child alone. So a
 * child's member change that mirrors its parent's is implied by the parent's and
 * produces no statement of its own.
 */
import type { AnyConstraint, Column, Index, Model, Table } from '../../../unified-model/index.js';
import type { DdlContext } from './statement.js';
import { findObject, same } from './statement.js';

/** Every constraint of a table (the model keeps each kind in its own field). */
export function constraintList(t: Table): AnyConstraint[] {
  return [
    ...(t.primaryKey ? [{ kind: 'primary-key', def: t.primaryKey } as const] : []),
    ...(t.uniques ?? []).map((def) => ({ kind: 'unique', def }) as const),
    ...(t.checks ?? []).map((def) => ({ kind: 'check', def }) as const),
    ...(t.exclusions ?? []).map((def) => ({ kind: 'exclusion', def }) as const),
    ...(t.foreignKeys ?? []).map((def) => ({ kind: 'foreign-key', def }) as const),
  ];
}

/** Ids of the tables a table inherits from (its partition parent first). */
export function parentIds(t: Table): string[] {
  return [...(t.partitionOf ? [t.partitionOf.parent] : []), ...(t.inherits ?? [])];
}

export function parentsIn(t: Table, model: Model): Table[] {
  return parentIds(t).flatMap((id) => findObject(model, id, 'table') ?? []);
}

/** The parents a table has in both models (it stays their child through the whole change). */
export function stayingParents(from: Table, to: Table, ctx: DdlContext): { from: Table; to: Table }[] {
  const before = new Set(parentIds(from));
  return parentIds(to)
    .filter((id) => before.has(id))
    .flatMap((id) => {
      const a = findObject(ctx.from, id, 'table');
      const b = findObject(ctx.to, id, 'table');
      return a && b ? [{ from: a, to: b }] : [];
    });
}

/** `CREATE INDEX name ON [ONLY] table USING …` → `USING …`, the part a parent's index and its clones share. */
function indexBody(ix: Index): string {
  return ix.definition.replace(/^CREATE (UNIQUE )?INDEX .*? ON (ONLY )?(?:"(?:[^"]|"")*"|[^\s".]+)(?:\.(?:"(?:[^"]|"")*"|[^\s".]+))? /s, '');
}

/** The parent index a partition's index is a clone of. */
export function parentIndex(ix: Index, parent: Table | undefined): Index | undefined {
  return parent?.indexes?.find((p) => p.unique === ix.unique && indexBody(p) === indexBody(ix));
}

/** The parent constraint a child's constraint comes from: same columns for keys, same name and expression for checks. */
export function parentConstraint(c: AnyConstraint, parent: Table | undefined, partition: boolean): AnyConstraint | undefined {
  if (!parent) return undefined;
  for (const p of constraintList(parent)) {
    if (p.kind !== c.kind) continue;
    if (c.kind === 'check' && p.kind === 'check') {
      if (p.def.name === c.def.name && p.def.expression === c.def.expression && !p.def.noInherit) return p;
    } else if (!partition) continue;
    else if ((c.kind === 'primary-key' || c.kind === 'unique') && (p.kind === 'primary-key' || p.kind === 'unique')) {
      if (same(c.def.columns, p.def.columns) && same(c.def.include ?? [], p.def.include ?? [])) return p;
    } else if (c.kind === 'exclusion' && p.kind === 'exclusion' && c.def.definition === p.def.definition) return p;
  }
  return undefined;
}

/** The parent column a child's column is inherited from (same name and type). */
export function parentColumn(c: Column, parents: readonly Table[]): Column | undefined {
  for (const p of parents) {
    const pc = p.columns.find((x) => x.name === c.name && x.type.native === c.type.native);
    if (pc) return pc;
  }
  return undefined;
}
