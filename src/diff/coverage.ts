/**
 * The differ's guard: a change type covers certain fields of an object, and applying
 * what the changes cover to the source object must give the target object exactly
 * (canonical-equal). A field that differs and that no change covers would otherwise
 * be lost silently: an empty plan between two different trees. The guard makes such a
 * gap an internal error naming the kind and the field, the moment the differ meets it.
 */
import { canonicalJson, type AnyConstraint, type Change, type DbObject, type Table, type TableChange } from '../../unified-model/index.js';
import { RedbError } from '../errors.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Fields derived from the others that need no statement of their own: `dependsOn` and
 * `dependsOnColumns` are what the engine records about the columns, constraints and
 * parents that did change.
 */
export const DERIVED_FIELDS: readonly string[] = ['dependsOn', 'dependsOnColumns'];

const CONSTRAINT_FIELD = { 'foreign-key': 'foreignKeys', unique: 'uniques', check: 'checks', exclusion: 'exclusions' } as const;

function withConstraint(t: Mutable<Table>, c: AnyConstraint, add: boolean): void {
  if (c.kind === 'primary-key') {
    t.primaryKey = add ? c.def : undefined;
    return;
  }
  const field = CONSTRAINT_FIELD[c.kind];
  const rest = ((t[field] ?? []) as readonly { name: string }[]).filter((x) => x.name !== c.def.name);
  (t as Record<string, unknown>)[field] = add ? [...rest, c.def] : rest;
}

function named<T extends { name: string }>(list: readonly T[] | undefined, drop?: string, add?: T): T[] {
  return [...(list ?? []).filter((x) => x.name !== drop), ...(add ? [add] : [])];
}

/** `a` with what one member change covers applied; `b` is the target (a re-create covers all of it). */
function applyTableChange(t: Mutable<Table>, c: TableChange, b: Table): void {
  switch (c.type) {
    case 'add-column': t.columns = [...t.columns, c.column]; break;
    case 'drop-column': t.columns = t.columns.filter((x) => x.name !== c.column.name); break;
    case 'alter-column':
    case 'rename-column': t.columns = t.columns.map((x) => (x.name === c.from.name ? c.to : x)); break;
    case 'add-constraint': withConstraint(t, c.constraint, true); break;
    case 'drop-constraint': withConstraint(t, c.constraint, false); break;
    case 'add-index': t.indexes = named(t.indexes, c.index.name, c.index); break;
    case 'drop-index': t.indexes = named(t.indexes, c.index.name); break;
    case 'add-trigger': t.triggers = named(t.triggers, c.trigger.name, c.trigger); break;
    case 'drop-trigger': t.triggers = named(t.triggers, c.trigger.name); break;
    case 'add-policy': t.policies = named(t.policies, c.policy.name, c.policy); break;
    case 'drop-policy': t.policies = named(t.policies, c.policy.name); break;
    case 'alter-policy': t.policies = named(t.policies, c.from.name, c.to); break;
    case 'set-row-level-security': t.rowLevelSecurity = c.to; break;
    case 'set-comment': t.comment = c.to; break;
    case 'set-grants': t.grants = c.to; break;
    case 'set-options': t.options = c.to; break;
    case 'attach-partition': t.partitionOf = c.partitionOf; break;
    case 'detach-partition': t.partitionOf = undefined; break;
    case 'set-partitioning': // a re-create: the table becomes the target, fields it lacks included
      for (const k of Object.keys(t)) delete (t as Record<string, unknown>)[k];
      Object.assign(t, b);
      break;
    case 'set-inherits': t.inherits = c.to; break;
    case 'set-unlogged': t.unlogged = c.to; break;
    case 'set-charset': t.charset = c.to.charset; t.collation = c.to.collation; break;
    case 'reorder-columns': {
      const byName = new Map(t.columns.map((x) => [x.name, x]));
      t.columns = c.to.map((n) => byName.get(n)!).filter(Boolean);
      break;
    }
  }
}

/** What `changes` make of table `a` (members of `b` that the changes leave alone stay as in `a`). */
export function coveredTable(a: Table, b: Table, changes: readonly TableChange[]): Table {
  const t: Mutable<Table> = { ...a };
  for (const c of changes) applyTableChange(t, c, b);
  for (const f of DERIVED_FIELDS) (t as Record<string, unknown>)[f] = (b as unknown as Record<string, unknown>)[f];
  return t;
}

/** Top-level fields whose canonical forms differ. */
export function differingFields(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const text = (v: unknown) => canonicalJson({ v: v ?? null });
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => text(ra[k]) !== text(rb[k])).sort();
}

/**
 * Throws when the changes found between `from` and `to` (one object, same id after any
 * rename) do not cover every field in which the two differ.
 */
export function assertCovered(from: DbObject, to: DbObject, changes: readonly Change[]): void {
  if (from.kind !== 'table' || to.kind !== 'table') return; // any other kind changes as a whole (alter, or drop and create)
  const nested = changes.flatMap((c) => (c.type === 'alter-table' ? c.changes : []));
  const reached = coveredTable(from, to, nested);
  if (canonicalJson(reached) === canonicalJson(to)) return;
  const fields = differingFields(canonicalJsonObject(reached), canonicalJsonObject(to));
  throw new RedbError(
    'E_INTERNAL',
    `the differ found no change for field${fields.length === 1 ? '' : 's'} ${fields.join(', ')} of table ${to.id}: a plan would not reach the target`,
    'this is a bug in redb: report it with the two schemas (redb show the table at both revisions)',
  );
}

const canonicalJsonObject = (o: object): object => JSON.parse(canonicalJson(o)) as object;
