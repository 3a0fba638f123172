/**
 * One ALTER TABLE for the member changes of a table (Skeema's rule): a table the server
 * must copy is copied once, not once per change. Clauses go drops first, then the
 * columns in the target's order (each added, renamed, changed or moved column once),
 * then keys, indexes, checks and table options. Columns move with FIRST/AFTER, the
 * fewest moves: those outside a longest increasing subsequence of the order reached.
 */
import type { AnyConstraint, Column, Index, Table, TableChange } from '../../../unified-model/index.js';
import type { DdlOptions, Hazard, Statement } from '../../types.js';
import { appendsValues, columnSql, narrows, positionSql } from './columns.js';
import { checkSql, foreignKeySql, indexSql, primaryKeySql, uniqueSql } from './members.js';
import { ONLINE_CLAUSES, onlineAlter, refuseBlocking, type OnlineAlter } from './online.js';
import { charsetClauses, optionClauses } from './tables.js';
import { lit, q } from './quote.js';

/** Member changes that are not clauses of the one ALTER TABLE (statements of their own). */
export const OWN_STATEMENT = new Set<TableChange['type']>(['add-trigger', 'drop-trigger', 'set-partitioning']);

/** Changes MySQL has no notion of (a model from another engine may carry them): nothing to write. */
export const IGNORED = new Set<TableChange['type']>(['set-grants', 'add-policy', 'drop-policy', 'alter-policy', 'set-row-level-security', 'set-inherits', 'set-unlogged', 'attach-partition', 'detach-partition']);

/**
 * Whether a change is its own ALTER TABLE, outside the combined one: foreign keys (added
 * after every other change of every table, dropped before any: two tables gaining keys
 * to each other would wait for each other) and the comment (metadata only; it runs late).
 */
export const aloneInAlter = (c: TableChange): boolean =>
  ((c.type === 'add-constraint' || c.type === 'drop-constraint') && c.constraint.kind === 'foreign-key') || c.type === 'set-comment';

/** The names of `order` (names of `target`, in another order) that form a longest run increasing in `target`'s order. */
export function longestIncreasing(order: readonly string[], target: readonly string[]): Set<string> {
  const rank = order.map((n) => target.indexOf(n));
  const tails: number[] = [];
  const prev: number[] = new Array(rank.length).fill(-1);
  for (let i = 0; i < rank.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rank[tails[mid]] < rank[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<string>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(order[i]);
  return keep;
}

interface Clause { readonly sql: string; readonly hazards: readonly Hazard[] }

const COPY: readonly Hazard[] = ['table-rewrite', 'blocking-lock'];

function dropConstraint(c: AnyConstraint): Clause {
  switch (c.kind) {
    case 'primary-key': return { sql: 'DROP PRIMARY KEY', hazards: COPY };
    case 'foreign-key': return { sql: `DROP FOREIGN KEY ${q(c.def.name)}`, hazards: [] };
    case 'unique': return { sql: `DROP INDEX ${q(c.def.name)}`, hazards: [] };
    default: return { sql: `DROP CONSTRAINT ${q(c.def.name)}`, hazards: [] };
  }
}

function addConstraint(c: AnyConstraint, online: OnlineAlter): Clause {
  switch (c.kind) {
    case 'primary-key': return { sql: `ADD ${primaryKeySql(c.def)}`, hazards: ['table-rewrite', 'data-dependent'] };
    // in place with foreign_key_checks off (the preamble); the rows are counted before the plan
    case 'foreign-key': return { sql: `ADD ${foreignKeySql(c.def, online.restrictUnwritten)}`, hazards: ['data-dependent'] };
    case 'unique': return { sql: `ADD ${uniqueSql(c.def)}`, hazards: ['data-dependent'] };
    case 'check': return { sql: `ADD ${checkSql(c.def)}`, hazards: ['blocking-lock', 'data-dependent'] };
    default: throw new Error(`MySQL has no ${c.kind} constraint`);
  }
}

/** What changing column `from` into `to` costs on the target. */
function modifyHazards(from: Column, to: Column, moved: boolean, online: OnlineAlter): Hazard[] {
  const out: Hazard[] = [];
  const typeChanged = from.type.native !== to.type.native || from.charset !== to.charset || from.collation !== to.collation || !!from.generated !== !!to.generated || from.generated?.stored !== to.generated?.stored || from.generated?.expression !== to.generated?.expression;
  if (typeChanged && !appendsValues(from, to)) out.push(...COPY, 'data-dependent');
  if (typeChanged && narrows(from, to)) out.push('data-loss');
  if (from.nullable && !to.nullable) out.push('table-rewrite', 'data-dependent');
  if (!!from.autoIncrement !== !!to.autoIncrement) out.push(...COPY);
  if (moved && !online.moveColumn) out.push('table-rewrite');
  return out;
}

/** Not INSTANT, ADD COLUMN rebuilds the table in place (writes go on); an AUTO_INCREMENT or STORED column copies it. */
function addHazards(c: Column, moved: boolean, online: OnlineAlter): Hazard[] {
  if (c.autoIncrement || c.generated?.stored) return [...COPY];
  return online.addColumn === 'copy' || (moved && online.addColumn === 'end') ? ['table-rewrite'] : [];
}

const TEXT_KINDS = new Set(['string', 'text', 'enum', 'set']);

/**
 * Text columns that follow the table's default charset before and after a change of it
 * (set-charset): ALTER TABLE … DEFAULT CHARSET changes only the default, so these are
 * converted one by one (a copy of the table; characters the new charset lacks are lost).
 */
function inheritingTextColumns(from: Table, to: Table, changes: readonly TableChange[], added: ReadonlySet<string>): Set<string> {
  if (!changes.some((c) => c.type === 'set-charset') || (from.charset === to.charset && from.collation === to.collation) || !to.charset) return new Set();
  const renamedFrom = new Map(changes.flatMap((c) => (c.type === 'rename-column' ? [[c.to.name, c.from.name] as const] : [])));
  return new Set(to.columns.filter((c) => {
    const before = from.columns.find((o) => o.name === (renamedFrom.get(c.name) ?? c.name));
    return !added.has(c.name) && before && TEXT_KINDS.has(c.type.logical.kind) && !c.charset && !c.collation && !before.charset && !before.collation;
  }).map((c) => c.name));
}

const isVirtual = (c: Column): boolean => !!c.generated && !c.generated.stored;

/** The columns of `to` (with their `from` side) that become VIRTUAL or stop being VIRTUAL. */
function virtualSwitches(from: Table, to: Table, changes: readonly TableChange[]): [string, Column][] {
  const renamedFrom = new Map(changes.flatMap((c) => (c.type === 'rename-column' ? [[c.to.name, c.from.name] as const] : [])));
  const altered = new Map(changes.flatMap((c) => (c.type === 'alter-column' ? [[c.to.name, c.from] as const] : [])));
  const added = new Set(changes.flatMap((c) => (c.type === 'add-column' ? [c.column.name] : [])));
  return to.columns.flatMap((c): [string, Column][] => {
    if (added.has(c.name)) return [];
    const before = altered.get(c.name) ?? from.columns.find((o) => o.name === (renamedFrom.get(c.name) ?? c.name));
    return before && isVirtual(before) !== isVirtual(c) ? [[c.name, before]] : [];
  });
}

/** The clauses of the columns, in the target's order. */
function columnClauses(from: Table, to: Table, changes: readonly TableChange[], online: OnlineAlter, switches: readonly [string, Column][]): Clause[] {
  const renamedFrom = new Map(changes.flatMap((c) => (c.type === 'rename-column' ? [[c.to.name, c.from.name] as const] : [])));
  const altered = new Map(changes.flatMap((c) => (c.type === 'alter-column' ? [[c.to.name, c.from] as const] : [])));
  const added = new Set(changes.flatMap((c) => (c.type === 'add-column' ? [c.column.name] : [])));
  const dropped = new Set(changes.flatMap((c) => (c.type === 'drop-column' ? [c.column.name] : [])));
  // the server cannot MODIFY a column into or out of VIRTUAL (error 1907 on MariaDB, 3106 on MySQL): it is dropped and added again
  for (const [name, before] of switches) {
    dropped.add(before.name);
    added.add(name);
    renamedFrom.delete(name);
  }
  const newName = new Map([...renamedFrom].map(([n, o]) => [o, n]));
  const target = to.columns.map((c) => c.name);
  // the order the drops and renames reach
  const reached = from.columns.filter((c) => !dropped.has(c.name)).map((c) => newName.get(c.name) ?? c.name);
  // kept columns stay where a longest increasing run allows; added ones are placed, except those that end the table
  const inPlace = longestIncreasing(reached.filter((n) => !added.has(n)), target);
  for (let i = target.length - 1; i >= 0 && added.has(target[i]); i--) inPlace.add(target[i]);
  const recharset = inheritingTextColumns(from, to, changes, added);
  // not INSTANT, DROP COLUMN rebuilds the table in place (writes go on)
  const out: Clause[] = [...dropped].map((n) => ({ sql: `DROP COLUMN ${q(n)}`, hazards: ['data-loss', ...(online.dropColumn ? [] : ['table-rewrite'])] as Hazard[] }));
  for (const wanted of to.columns) {
    // a column that takes the table's new default charset says so: the server keeps a column's charset when the default changes
    const col = recharset.has(wanted.name) ? { ...wanted, charset: to.charset, collation: to.collation } : wanted;
    const moved = !inPlace.has(col.name);
    const position = moved ? ` ${positionSql(target, col.name)}` : '';
    const before = altered.get(col.name) ?? from.columns.find((c) => c.name === (renamedFrom.get(col.name) ?? col.name));
    if (added.has(col.name)) out.push({ sql: `ADD COLUMN ${columnSql(col)}${position}`, hazards: addHazards(col, moved, online) });
    else if (renamedFrom.has(col.name)) out.push({ sql: `CHANGE COLUMN ${q(renamedFrom.get(col.name)!)} ${columnSql(col)}${position}`, hazards: before ? modifyHazards(before, col, moved, online) : [] });
    else if (altered.has(col.name) || moved || recharset.has(col.name)) {
      const hazards = before ? modifyHazards(before, col, moved, online) : [];
      out.push({ sql: `MODIFY COLUMN ${columnSql(col)}${position}`, hazards: recharset.has(col.name) ? [...hazards, ...COPY, 'data-dependent', 'data-loss'] : hazards });
    }
  }
  return out;
}

/** The clauses of keys, indexes, checks and table settings. */
function memberClauses(from: Table, to: Table, changes: readonly TableChange[], online: OnlineAlter): { drops: Clause[]; adds: Clause[] } {
  const drops: Clause[] = [];
  const adds: Clause[] = [];
  for (const c of changes) {
    switch (c.type) {
      case 'drop-constraint': drops.push(dropConstraint(c.constraint)); break;
      case 'add-constraint': adds.push(addConstraint(c.constraint, online)); break;
      case 'drop-index': drops.push({ sql: `DROP INDEX ${q(c.index.name)}`, hazards: [] }); break;
      case 'add-index': {
        const m = c.index.method.toLowerCase();
        // the first FULLTEXT index rebuilds the table; FULLTEXT and SPATIAL indexes block writes while they build (LOCK=SHARED at least)
        const hazards: Hazard[] = [...(c.index.unique ? ['data-dependent' as const] : []), ...(m === 'fulltext' && !(from.indexes ?? []).some((i) => i.method === 'fulltext') ? ['table-rewrite' as const] : []), ...(m === 'spatial' || m === 'fulltext' ? ['blocking-lock' as const] : [])];
        adds.push({ sql: `ADD ${indexSql(c.index, online.invisibleIndexWord)}`, hazards });
        break;
      }
      case 'set-comment': adds.push({ sql: `COMMENT=${lit(c.to ?? '')}`, hazards: [] }); break;
      case 'set-charset': if (c.to.charset || c.to.collation) adds.push({ sql: charsetClauses(c.to).join(' '), hazards: [] }); break;
      case 'set-options': {
        const changed: Record<string, string> = Object.fromEntries(Object.entries(to.options ?? {}).filter(([k, v]) => from.options?.[k] !== v));
        // an option the table no longer sets goes back to the server's default (an engine stays: there is no default to name)
        for (const k of Object.keys(from.options ?? {})) if (to.options?.[k] === undefined && k !== 'engine') changed[k] = k === 'systemVersioning' ? 'false' : 'DEFAULT';
        const clauses = optionClauses(changed);
        if (changed.systemVersioning !== undefined) clauses.push(changed.systemVersioning === 'true' ? 'ADD SYSTEM VERSIONING' : 'DROP SYSTEM VERSIONING');
        // another engine or row format writes the table anew
        if (clauses.length) adds.push({ sql: clauses.join(' '), hazards: changed.engine ? COPY : ['table-rewrite'] });
        break;
      }
      default: break;
    }
  }
  return { drops, adds };
}

/** Whether an expression names one of `names` (as the server writes it back: backquoted). */
const namesIn = (expression: string | undefined, names: ReadonlySet<string>): boolean => !!expression && [...names].some((n) => expression.includes(q(n)));

/**
 * The indexes, unique keys and checks on a column dropped and added again (a VIRTUAL
 * switch) that the changes leave alone: the server drops them with the column (or refuses
 * the drop, for a check), so they are dropped first and added again after it.
 */
function dependentClauses(from: Table, to: Table, changes: readonly TableChange[], switches: readonly [string, Column][], online: OnlineAlter): { drops: Clause[]; adds: Clause[] } {
  if (!switches.length) return { drops: [], adds: [] };
  const oldNames = new Set(switches.map(([, before]) => before.name));
  const newNames = new Set(switches.map(([name]) => name));
  const handled = new Set(changes.flatMap((c) => (c.type === 'drop-index' || c.type === 'add-index' ? [`${c.type}:${c.index.name}`] : c.type === 'drop-constraint' || c.type === 'add-constraint' ? [`${c.type}:${c.constraint.def.name}`] : [])));
  const onIndex = (i: Index, names: ReadonlySet<string>) => i.keys.some((k) => (k.column !== undefined && names.has(k.column)) || namesIn(k.expression, names));
  const members = (t: Table, names: ReadonlySet<string>) => ({
    indexes: (t.indexes ?? []).filter((i) => onIndex(i, names)),
    constraints: [
      ...(t.uniques ?? []).filter((u) => u.columns.some((c) => names.has(c))).map((def): AnyConstraint => ({ kind: 'unique', def })),
      ...(t.checks ?? []).filter((c) => namesIn(c.expression, names)).map((def): AnyConstraint => ({ kind: 'check', def })),
    ],
  });
  const before = members(from, oldNames);
  const after = members(to, newNames);
  return {
    drops: [
      ...before.indexes.filter((i) => !handled.has(`drop-index:${i.name}`)).map((i) => ({ sql: `DROP INDEX ${q(i.name)}`, hazards: [] })),
      ...before.constraints.filter((c) => !handled.has(`drop-constraint:${c.def.name}`)).map(dropConstraint),
    ],
    adds: [
      ...after.indexes.filter((i) => !handled.has(`add-index:${i.name}`)).map((i) => ({ sql: `ADD ${indexSql(i, online.invisibleIndexWord)}`, hazards: i.unique ? ['data-dependent' as const] : [] })),
      ...after.constraints.filter((c) => !handled.has(`add-constraint:${c.def.name}`)).map((c) => addConstraint(c, online)),
    ],
  };
}

/** The one ALTER TABLE of `changes` (none of them OWN_STATEMENT), or nothing when no clause is left. */
export function combinedAlter(from: Table, to: Table, changes: readonly TableChange[], options: DdlOptions): Statement[] {
  const online = onlineAlter(options);
  const members = memberClauses(from, to, changes, online);
  const switches = virtualSwitches(from, to, changes);
  const dependents = dependentClauses(from, to, changes, switches, online);
  const clauses = [...members.drops, ...dependents.drops, ...columnClauses(from, to, changes, online, switches), ...members.adds, ...dependents.adds];
  if (!clauses.length) return [];
  const hazards = [...new Set(clauses.flatMap((c) => c.hazards))].sort();
  const what = `alter table ${to.id}: ${[...new Set(changes.map((c) => c.type))].join(', ')}`;
  // --online: the server is told to refuse a copy or a lock rather than fall back to one
  const tail = options.online ? [...refuseBlocking(what, clauses.filter((c) => c.hazards.includes('blocking-lock')).map((c) => c.sql)), ONLINE_CLAUSES] : [];
  return [{ sql: `ALTER TABLE ${q(to.name)}\n  ${[...clauses.map((c) => c.sql), ...tail].join(',\n  ')}`, comment: what, ...(hazards.length ? { hazards } : {}) }];
}
