/**
 * Table constraints: their SQL (shared by CREATE TABLE and ADD CONSTRAINT) and the
 * add-constraint / drop-constraint units. Online plans add foreign keys and checks
 * NOT VALID and validate them in a second statement, and build the index of a new
 * primary key or unique constraint CONCURRENTLY before attaching it (USING INDEX).
 */
import type { AnyConstraint, ForeignKey, ReferentialAction, Table } from '../../../unified-model/index.js';
import type { Hazard, Statement } from '../../types.js';
import { commentChange, commentIfSet } from './comments.js';
import { parentConstraint, parentsIn, stayingParents } from './inheritance.js';
import { identList, quoteIdent, qualified, sqlName } from './quote.js';
import { same, stmt, type DdlContext } from './statement.js';

const ACTION: Readonly<Record<ReferentialAction, string>> = {
  'no-action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
};

function deferral(c: AnyConstraint['def']): string {
  return `${c.deferrable ? ' DEFERRABLE' : ''}${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`;
}

const include = (cols: readonly string[] | undefined) => (cols?.length ? ` INCLUDE (${identList(cols)})` : '');

function foreignKey(fk: ForeignKey): string {
  let sql = `FOREIGN KEY (${identList(fk.columns)}) REFERENCES ${sqlName(fk.references)} (${identList(fk.referencedColumns)})`;
  if (fk.match !== 'simple') sql += ` MATCH ${fk.match.toUpperCase()}`;
  if (fk.onUpdate !== 'no-action') sql += ` ON UPDATE ${ACTION[fk.onUpdate]}`;
  if (fk.onDelete !== 'no-action') sql += ` ON DELETE ${ACTION[fk.onDelete]}${fk.onDeleteColumns?.length ? ` (${identList(fk.onDeleteColumns)})` : ''}`;
  return sql;
}

/** The constraint after `CONSTRAINT name`, e.g. `UNIQUE NULLS NOT DISTINCT (code) INCLUDE (name)`. */
export function constraintBody(c: AnyConstraint): string {
  switch (c.kind) {
    case 'primary-key':
      return `PRIMARY KEY (${identList(c.def.columns)})${include(c.def.include)}${deferral(c.def)}`;
    case 'unique':
      return `UNIQUE${c.def.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${identList(c.def.columns)})${include(c.def.include)}${deferral(c.def)}`;
    case 'foreign-key':
      return `${foreignKey(c.def)}${deferral(c.def)}`;
    case 'check':
      return `CHECK (${c.def.expression})${c.def.noInherit ? ' NO INHERIT' : ''}`;
    case 'exclusion':
      // pg_get_constraintdef already ends with DEFERRABLE / INITIALLY DEFERRED where set
      return c.def.definition;
  }
}

/** `CONSTRAINT name …` as CREATE TABLE lists it. */
export function constraintClause(c: AnyConstraint): string {
  return `CONSTRAINT ${quoteIdent(c.def.name)} ${constraintBody(c)}`;
}

const what = (t: Table, c: AnyConstraint) => `${c.kind} ${t.id}.${quoteIdent(c.def.name)}`;

/** COMMENT ON CONSTRAINT for a constraint that was just added. */
export function constraintComment(t: Table, c: AnyConstraint): Statement[] {
  return commentIfSet(`CONSTRAINT ${quoteIdent(c.def.name)} ON ${qualified(t.schema, t.name)}`, c.def.comment, what(t, c));
}

/** The same constraint but for what can change in place: its comment, and NOT VALID → valid. */
function inPlaceOnly(a: AnyConstraint, b: AnyConstraint): boolean {
  if (a.kind !== b.kind) return false;
  const strip = (c: AnyConstraint) => ({ ...c.def, comment: undefined, validated: undefined });
  return same(strip(a), strip(b)) && !(a.def.validated !== false && b.def.validated === false);
}

const sameNamed = (t: Table, c: AnyConstraint) =>
  [t.primaryKey && { kind: 'primary-key' as const, def: t.primaryKey }, ...(t.foreignKeys ?? []).map((def) => ({ kind: 'foreign-key' as const, def })),
    ...(t.uniques ?? []).map((def) => ({ kind: 'unique' as const, def })), ...(t.checks ?? []).map((def) => ({ kind: 'check' as const, def })),
    ...(t.exclusions ?? []).map((def) => ({ kind: 'exclusion' as const, def }))].find((x): x is AnyConstraint => !!x && x.def.name === c.def.name);

/** Statements that add a constraint to an existing table. */
export function addConstraint(from: Table, to: Table, c: AnyConstraint, ctx: DdlContext): Statement[] {
  const t = qualified(to.schema, to.name);
  const name = quoteIdent(c.def.name);
  const before = sameNamed(from, c);
  // only its comment or validation changed: no need to drop and add it again
  if (before && inPlaceOnly(before, c)) {
    return [
      ...(before.def.validated === false && c.def.validated !== false
        ? [stmt(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${name}`, `validate ${what(to, c)}`, ['data-dependent'])]
        : []),
      ...commentChange(`CONSTRAINT ${name} ON ${t}`, before.def.comment, c.def.comment, what(to, c)),
    ];
  }
  // a child gets the constraint from its parent (partition keys, inherited checks)
  const partition = !!to.partitionOf;
  if (parentsIn(to, ctx.to).some((p) => parentConstraint(c, p, partition))) return [];

  const out: Statement[] = [];
  const valid = c.def.validated !== false;
  const online = !!ctx.options.online && !to.partitioning;
  if ((c.kind === 'foreign-key' || c.kind === 'check') && (!valid || online)) {
    out.push(stmt(`ALTER TABLE ${t} ADD ${constraintClause(c)} NOT VALID`, `add ${what(to, c)} without checking existing rows`));
    if (valid) out.push(stmt(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${name}`, `validate ${what(to, c)}`, ['data-dependent']));
  } else if ((c.kind === 'primary-key' || c.kind === 'unique') && online) {
    const nnd = c.kind === 'unique' && c.def.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
    out.push(
      stmt(`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${t} (${identList(c.def.columns)})${include(c.def.include)}${nnd}`, `build the index of ${what(to, c)}`, ['data-dependent'], false),
      stmt(`ALTER TABLE ${t} ADD CONSTRAINT ${name} ${c.kind === 'primary-key' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${name}${deferral(c.def)}`, `add ${what(to, c)} using its index`, c.kind === 'primary-key' ? ['data-dependent'] : []),
    );
  } else {
    const hazards: Hazard[] = ['blocking-lock', 'data-dependent'];
    out.push(stmt(`ALTER TABLE ${t} ADD ${constraintClause(c)}`, `add ${what(to, c)}`, hazards));
  }
  return [...out, ...constraintComment(to, c)];
}

/** DROP CONSTRAINT, unless the constraint only changes in place or goes with its parent's. */
export function dropConstraint(from: Table, to: Table, c: AnyConstraint, ctx: DdlContext): Statement[] {
  const after = sameNamed(to, c);
  if (after && inPlaceOnly(c, after)) return [];
  const partition = !!from.partitionOf;
  if (stayingParents(from, to, ctx).some((p) => parentConstraint(c, p.from, partition))) return [];
  return [stmt(`ALTER TABLE ${qualified(to.schema, to.name)} DROP CONSTRAINT ${quoteIdent(c.def.name)}`, `drop ${what(to, c)}`)];
}
