/** Table × table → the nested changes that turn one into the other. */
import type { AnyConstraint, Table, TableChange } from '../../unified-model/index.js';
import { sameCanonical } from './same.js';

const same = sameCanonical;

/** Every constraint of a table, keyed by name (constraint names are unique per table). */
export function constraintsOf(t: Table): Map<string, AnyConstraint> {
  const all: AnyConstraint[] = [
    ...(t.primaryKey ? [{ kind: 'primary-key', def: t.primaryKey } as const] : []),
    ...(t.foreignKeys ?? []).map((def) => ({ kind: 'foreign-key', def }) as const),
    ...(t.uniques ?? []).map((def) => ({ kind: 'unique', def }) as const),
    ...(t.checks ?? []).map((def) => ({ kind: 'check', def }) as const),
    ...(t.exclusions ?? []).map((def) => ({ kind: 'exclusion', def }) as const),
  ];
  return new Map(all.map((c) => [c.def.name, c]));
}

/** Named members (indexes, triggers, policies) present on one side only or different: drop then add. */
function diffNamed<T extends { name: string }>(a: readonly T[] = [], b: readonly T[] = [], drop: (x: T) => TableChange, add: (x: T) => TableChange, alter?: (x: T, y: T) => TableChange | undefined): TableChange[] {
  const before = new Map(a.map((x) => [x.name, x]));
  const after = new Map(b.map((x) => [x.name, x]));
  const out: TableChange[] = [];
  for (const [name, x] of before) {
    const y = after.get(name);
    if (!y) out.push(drop(x));
    else if (!same(x, y)) {
      const inPlace = alter?.(x, y);
      if (inPlace) out.push(inPlace);
      else out.push(drop(x), add(y));
    }
  }
  for (const [name, y] of after) if (!before.has(name)) out.push(add(y));
  return out;
}

/**
 * The changes from `a` to `b` (same table id). `columnRenames` maps old → new column
 * names recorded as intents; a renamed column is compared under its new name.
 */
export function diffTable(a: Table, b: Table, columnRenames: ReadonlyMap<string, string> = new Map()): TableChange[] {
  // a new partitioning cannot be reached member by member: the change covers the whole table
  if (!same(a.partitioning, b.partitioning)) return [{ type: 'set-partitioning', from: a.partitioning, to: b.partitioning }];
  const out: TableChange[] = [];
  const bCols = new Map(b.columns.map((c) => [c.name, c]));
  const renamedTo = new Set<string>();
  for (const col of a.columns) {
    const newName = columnRenames.get(col.name);
    if (newName && bCols.has(newName) && !a.columns.some((c) => c.name === newName)) {
      const renamed = { ...col, name: newName };
      out.push({ type: 'rename-column', from: col, to: renamed });
      renamedTo.add(newName);
      if (!same(renamed, bCols.get(newName))) out.push({ type: 'alter-column', from: renamed, to: bCols.get(newName)! });
    } else if (!bCols.has(col.name)) out.push({ type: 'drop-column', column: col });
    else if (!same(col, bCols.get(col.name))) out.push({ type: 'alter-column', from: col, to: bCols.get(col.name)! });
  }
  const aNames = new Set(a.columns.map((c) => c.name));
  for (const col of b.columns) if (!aNames.has(col.name) && !renamedTo.has(col.name)) out.push({ type: 'add-column', column: col });

  const ac = constraintsOf(a);
  const bc = constraintsOf(b);
  for (const [name, c] of ac) {
    const d = bc.get(name);
    if (!d || !same(c, d)) out.push({ type: 'drop-constraint', constraint: c });
  }
  for (const [name, d] of bc) {
    const c = ac.get(name);
    if (!c || !same(c, d)) out.push({ type: 'add-constraint', constraint: d });
  }

  out.push(...diffNamed(a.indexes, b.indexes, (index) => ({ type: 'drop-index', index }), (index) => ({ type: 'add-index', index })));
  out.push(...diffNamed(a.triggers, b.triggers, (trigger) => ({ type: 'drop-trigger', trigger }), (trigger) => ({ type: 'add-trigger', trigger })));
  out.push(
    ...diffNamed(a.policies, b.policies, (policy) => ({ type: 'drop-policy', policy }), (policy) => ({ type: 'add-policy', policy }), (from, to) =>
      from.command === to.command && from.permissive === to.permissive ? { type: 'alter-policy', from, to } : undefined,
    ),
  );
  if (!same(a.rowLevelSecurity, b.rowLevelSecurity)) out.push({ type: 'set-row-level-security', from: a.rowLevelSecurity, to: b.rowLevelSecurity });
  if (a.comment !== b.comment) out.push({ type: 'set-comment', from: a.comment, to: b.comment });
  if (!same(a.grants ?? [], b.grants ?? [])) out.push({ type: 'set-grants', from: a.grants ?? [], to: b.grants ?? [] });
  if (!same(a.options, b.options)) out.push({ type: 'set-options', from: a.options, to: b.options });
  if (!same(a.partitionOf, b.partitionOf)) {
    if (a.partitionOf) out.push({ type: 'detach-partition', partitionOf: a.partitionOf });
    if (b.partitionOf) out.push({ type: 'attach-partition', partitionOf: b.partitionOf });
  }
  // parents left and parents gained are two changes: a child leaves a parent before it drops the columns
  // it got from it, and gains one once it has the parent's columns
  const [before, after] = [sortedNames(a.inherits), sortedNames(b.inherits)];
  const kept = before.filter((p) => after.includes(p));
  if (kept.length < before.length) out.push({ type: 'set-inherits', from: before, to: kept });
  if (kept.length < after.length) out.push({ type: 'set-inherits', from: kept, to: after });
  if (!same(a.unlogged, b.unlogged)) out.push({ type: 'set-unlogged', from: a.unlogged, to: b.unlogged });
  if (a.charset !== b.charset || a.collation !== b.collation) out.push({ type: 'set-charset', from: charsetOf(a), to: charsetOf(b) });
  const reached = reachedColumnOrder(a, out);
  const target = b.columns.map((c) => c.name);
  if (!same(reached, target)) out.push({ type: 'reorder-columns', from: reached, to: target });
  return out;
}

const charsetOf = (t: Table) => ({ ...(t.charset !== undefined && { charset: t.charset }), ...(t.collation !== undefined && { collation: t.collation }) });

const sortedNames = (xs: readonly string[] = []): string[] => [...new Set(xs)].sort();

/**
 * The column order the other changes reach: kept columns where they were (renamed in
 * place), added ones at the end in the order they are added. The column order of the
 * target can differ from it (a column added in the middle, one dropped and added again).
 */
export function reachedColumnOrder(a: Table, changes: readonly TableChange[]): string[] {
  let names = a.columns.map((c) => c.name);
  for (const c of changes) {
    if (c.type === 'rename-column') names = names.map((n) => (n === c.from.name ? c.to.name : n));
    else if (c.type === 'drop-column') names = names.filter((n) => n !== c.column.name);
  }
  for (const c of changes) if (c.type === 'add-column') names.push(c.column.name);
  return names;
}
