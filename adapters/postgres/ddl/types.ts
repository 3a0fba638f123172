/**
 * Domains and composite types (enums are in enums.ts). A domain changes in place
 * (ALTER DOMAIN: default, NOT NULL, checks) unless its base type or collation change.
 * A composite type changes in place (ALTER TYPE … ADD / DROP / ALTER ATTRIBUTE) when
 * the result has the attributes in the target order: added ones can only go last.
 */
import type { CheckConstraint, CompositeType, DomainType } from '../../../unified-model/index.js';
import type { Statement } from '../../types.js';
import { commentChange } from './comments.js';
import { grantChanges } from './grants.js';
import { quoteIdent, qualified } from './quote.js';
import { renameInSchema } from './rename.js';
import { same, stmt, type DdlContext } from './statement.js';

// ---- domains

const check = (c: CheckConstraint) => `CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`;
const checkWhat = (d: DomainType, c: CheckConstraint) => `check ${quoteIdent(c.name)} of domain ${d.id}`;

function addDomainCheck(d: DomainType, c: CheckConstraint, online: boolean): Statement[] {
  const name = qualified(d.schema, d.name);
  const valid = c.validated !== false;
  const out = online || !valid
    ? [
        stmt(`ALTER DOMAIN ${name} ADD ${check(c)} NOT VALID`, `add ${checkWhat(d, c)} without checking existing values`),
        ...(valid ? [stmt(`ALTER DOMAIN ${name} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`, `validate ${checkWhat(d, c)}`, ['data-dependent'])] : []),
      ]
    : [stmt(`ALTER DOMAIN ${name} ADD ${check(c)}`, `add ${checkWhat(d, c)}`, ['data-dependent'])];
  return [...out, ...commentChange(`CONSTRAINT ${quoteIdent(c.name)} ON DOMAIN ${name}`, undefined, c.comment, checkWhat(d, c))];
}

export function createDomain(d: DomainType): Statement[] {
  const name = qualified(d.schema, d.name);
  let sql = `CREATE DOMAIN ${name} AS ${d.type.native}`;
  if (d.collation) sql += ` COLLATE ${d.collation}`;
  if (d.default !== undefined) sql += ` DEFAULT ${d.default}`;
  if (!d.nullable) sql += ' NOT NULL';
  const checks = d.checks ?? [];
  for (const c of checks) if (c.validated !== false) sql += ` ${check(c)}`;
  return [
    stmt(sql, `create domain ${d.id}`),
    ...checks.filter((c) => c.validated === false).flatMap((c) => addDomainCheck(d, c, false)),
    ...checks.filter((c) => c.validated !== false).flatMap((c) => commentChange(`CONSTRAINT ${quoteIdent(c.name)} ON DOMAIN ${name}`, undefined, c.comment, checkWhat(d, c))),
    ...commentChange(`DOMAIN ${name}`, undefined, d.comment, `domain ${d.id}`),
    ...grantChanges(`DOMAIN ${name}`, `domain ${d.id}`, [], d.grants),
  ];
}

export function dropDomain(d: DomainType): Statement[] {
  return [stmt(`DROP DOMAIN ${qualified(d.schema, d.name)}`, `drop domain ${d.id}`)];
}

export function renameDomain(from: DomainType, to: DomainType): Statement[] {
  return renameInSchema('DOMAIN', from, to);
}

export function domainAlterMode(from: DomainType, to: DomainType): 'in-place' | 'replace' {
  return from.type.native === to.type.native && from.collation === to.collation ? 'in-place' : 'replace';
}

export function alterDomain(from: DomainType, to: DomainType, ctx: DdlContext): Statement[] {
  const name = qualified(to.schema, to.name);
  const out: Statement[] = [];
  if (from.default !== to.default) {
    out.push(to.default === undefined ? stmt(`ALTER DOMAIN ${name} DROP DEFAULT`, `drop default of domain ${to.id}`) : stmt(`ALTER DOMAIN ${name} SET DEFAULT ${to.default}`, `set default of domain ${to.id}`));
  }
  if (from.nullable !== to.nullable) {
    out.push(to.nullable ? stmt(`ALTER DOMAIN ${name} DROP NOT NULL`, `allow nulls in domain ${to.id}`) : stmt(`ALTER DOMAIN ${name} SET NOT NULL`, `forbid nulls in domain ${to.id}`, ['data-dependent']));
  }
  const before = new Map((from.checks ?? []).map((c) => [c.name, c]));
  const after = new Map((to.checks ?? []).map((c) => [c.name, c]));
  const inPlace = (a: CheckConstraint, b: CheckConstraint) => a.expression === b.expression && !(a.validated !== false && b.validated === false);
  for (const [n, a] of before) {
    const b = after.get(n);
    if (!b || !inPlace(a, b)) out.push(stmt(`ALTER DOMAIN ${name} DROP CONSTRAINT ${quoteIdent(n)}`, `drop ${checkWhat(to, a)}`));
  }
  for (const [n, b] of after) {
    const a = before.get(n);
    if (!a || !inPlace(a, b)) out.push(...addDomainCheck(to, b, !!ctx.options.online));
    else {
      if (a.validated === false && b.validated !== false) out.push(stmt(`ALTER DOMAIN ${name} VALIDATE CONSTRAINT ${quoteIdent(n)}`, `validate ${checkWhat(to, b)}`, ['data-dependent']));
      out.push(...commentChange(`CONSTRAINT ${quoteIdent(n)} ON DOMAIN ${name}`, a.comment, b.comment, checkWhat(to, b)));
    }
  }
  out.push(...commentChange(`DOMAIN ${name}`, from.comment, to.comment, `domain ${to.id}`));
  out.push(...grantChanges(`DOMAIN ${name}`, `domain ${to.id}`, from.grants, to.grants));
  return out;
}

// ---- composite types

type Attribute = CompositeType['attributes'][number];
const attribute = (a: Attribute) => `${quoteIdent(a.name)} ${a.type.native}${a.collation ? ` COLLATE ${a.collation}` : ''}`;

export function createComposite(c: CompositeType): Statement[] {
  const name = qualified(c.schema, c.name);
  return [
    stmt(`CREATE TYPE ${name} AS (${c.attributes.map(attribute).join(', ')})`, `create type ${c.id}`),
    ...commentChange(`TYPE ${name}`, undefined, c.comment, `type ${c.id}`),
    ...grantChanges(`TYPE ${name}`, `type ${c.id}`, [], c.grants),
  ];
}

export function dropComposite(c: CompositeType): Statement[] {
  return [stmt(`DROP TYPE ${qualified(c.schema, c.name)}`, `drop type ${c.id}`)];
}

export function renameComposite(from: CompositeType, to: CompositeType): Statement[] {
  return renameInSchema('TYPE', from, to);
}

/** In place when dropping the gone attributes and appending the new ones gives the target order. */
export function compositeAlterMode(from: CompositeType, to: CompositeType): 'in-place' | 'replace' {
  const kept = from.attributes.filter((a) => to.attributes.some((b) => b.name === a.name)).map((a) => a.name);
  const added = to.attributes.filter((b) => !from.attributes.some((a) => a.name === b.name)).map((b) => b.name);
  return same([...kept, ...added], to.attributes.map((b) => b.name)) ? 'in-place' : 'replace';
}

export function alterComposite(from: CompositeType, to: CompositeType): Statement[] {
  const name = qualified(to.schema, to.name);
  const out: Statement[] = [];
  const after = new Map(to.attributes.map((a) => [a.name, a]));
  for (const a of from.attributes) {
    const b = after.get(a.name);
    if (!b) out.push(stmt(`ALTER TYPE ${name} DROP ATTRIBUTE ${quoteIdent(a.name)}`, `drop attribute ${quoteIdent(a.name)} of type ${to.id}`));
    else if (a.type.native !== b.type.native || a.collation !== b.collation) {
      out.push(stmt(`ALTER TYPE ${name} ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${b.type.native}${b.collation ? ` COLLATE ${b.collation}` : ''}`, `change type of attribute ${quoteIdent(a.name)} of type ${to.id}`));
    }
  }
  for (const b of to.attributes) {
    if (!from.attributes.some((a) => a.name === b.name)) out.push(stmt(`ALTER TYPE ${name} ADD ATTRIBUTE ${attribute(b)}`, `add attribute ${quoteIdent(b.name)} to type ${to.id}`));
  }
  out.push(...commentChange(`TYPE ${name}`, from.comment, to.comment, `type ${to.id}`));
  out.push(...grantChanges(`TYPE ${name}`, `type ${to.id}`, from.grants, to.grants));
  return out;
}
