/**
 * One-line descriptions of table members and of what changed in them, shared by the
 * text and markdown renderings: `+ column nickname text`, `- index users_email_idx (email) using btree`,
 * `~ column email: character varying(100) → text, NOT NULL → NULL`. Field-level
 * differences between two versions of one member come from json-diff-ts.
 */
import { atomizeChangeset, diff as jsonDiff, Operation } from 'json-diff-ts';
import {
  canonicalize, type AnyConstraint, type Column, type Grant, type Index, type Policy, type Table, type TableChange, type TableCharset, type Trigger,
} from '../../unified-model/index.js';

export type Mark = '+' | '-' | '~';
export interface MemberLine {
  readonly mark: Mark;
  readonly text: string;
}

const list = (xs: readonly string[] | undefined): string => (xs ?? []).join(', ');
const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

export function describeColumn(c: Column): string {
  const parts = [`column ${c.name} ${c.type.native}`];
  if (!c.nullable) parts.push('NOT NULL');
  if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.identity) parts.push(`GENERATED ${c.identity.generation === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.expression})${c.generated.stored ? ' STORED' : ''}`);
  if (c.autoIncrement) parts.push('auto-increment');
  if (c.onUpdate !== undefined) parts.push(`on update ${c.onUpdate}`);
  if (c.charset) parts.push(`CHARACTER SET ${c.charset}`);
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.invisible) parts.push('invisible');
  return parts.join(' ');
}

export function describeConstraint({ kind, def }: AnyConstraint): string {
  switch (kind) {
    case 'primary-key':
      return `primary key ${def.name} (${list(def.columns)})`;
    case 'foreign-key': {
      const actions = [def.onDelete !== 'no-action' ? ` on delete ${def.onDelete}` : '', def.onUpdate !== 'no-action' ? ` on update ${def.onUpdate}` : ''].join('');
      return `foreign key ${def.name} (${list(def.columns)}) → ${def.references} (${list(def.referencedColumns)})${actions}`;
    }
    case 'unique':
      return `unique ${def.name} (${list(def.columns)})`;
    case 'check':
      return `check ${def.name} ${def.expression}`;
    case 'exclusion':
      return `exclusion ${def.name} ${def.definition}`;
  }
}

export function describeIndex(i: Index): string {
  const keys = i.keys.map((k) => `${k.column ?? `(${k.expression ?? ''})`}${k.length !== undefined ? `(${k.length})` : ''}${k.order === 'desc' ? ' DESC' : ''}`);
  const include = i.include?.length ? ` include (${list(i.include)})` : '';
  const where = i.predicate ? ` where ${i.predicate}` : '';
  return `${i.unique ? 'unique ' : ''}${i.invisible ? 'invisible ' : ''}index ${i.name} (${keys.join(', ')})${include} using ${i.method}${where}`;
}

const describeTrigger = (t: Trigger): string => `trigger ${t.name} ${t.timing} ${t.events.join(' or ')} for each ${t.level} → ${t.function ?? 'inline body'}`;
const describePolicy = (p: Policy): string => `policy ${p.name} for ${p.command}${p.roles.length ? ` to ${list(p.roles)}` : ''}`;
const describeGrant = (g: Grant): string =>
  `grant ${list(g.privileges)}${g.columns?.length ? ` (${list(g.columns)})` : ''} to ${g.grantee}${g.grantable?.length ? ' with grant option' : ''}`;

const COLUMN_FIELDS: Record<string, (from: Column, to: Column) => string> = {
  type: (a, b) => `${a.type.native} → ${b.type.native}`,
  nullable: (a, b) => `${a.nullable ? 'NULL' : 'NOT NULL'} → ${b.nullable ? 'NULL' : 'NOT NULL'}`,
  default: (a, b) => `${a.default === undefined ? 'no default' : `DEFAULT ${a.default}`} → ${b.default === undefined ? 'no default' : `DEFAULT ${b.default}`}`,
};

/**
 * What differs between two versions of one thing, as `path: old → new` pieces
 * (json-diff-ts on the canonical forms). Columns read `type`, `nullable` and `default` as SQL words.
 */
export function fieldChanges(from: object, to: object, column = false): string[] {
  const atoms = atomizeChangeset(jsonDiff(canonicalize(from), canonicalize(to)));
  const out: string[] = [];
  const columnFields = new Set<string>();
  for (const a of atoms) {
    const path = a.path.replace(/^\$\.?/, '');
    const top = path.split(/[.[]/)[0];
    if (column && COLUMN_FIELDS[top]) {
      columnFields.add(top);
      continue;
    }
    const [old, now] = a.type === Operation.ADD ? [undefined, a.value] : a.type === Operation.REMOVE ? [a.value, undefined] : [a.oldValue, a.value];
    out.push(`${path}: ${show(old)} → ${show(now)}`);
  }
  const sqlWords = Object.keys(COLUMN_FIELDS).filter((k) => columnFields.has(k)).map((k) => COLUMN_FIELDS[k](from as Column, to as Column));
  return [...sqlWords, ...out];
}

/** Every member of a table, each as one line: columns, constraints, indexes, triggers, policies. */
export function tableMembers(t: Table): string[] {
  const constraints: AnyConstraint[] = [
    ...(t.primaryKey ? [{ kind: 'primary-key' as const, def: t.primaryKey }] : []),
    ...(t.foreignKeys ?? []).map((def) => ({ kind: 'foreign-key' as const, def })),
    ...(t.uniques ?? []).map((def) => ({ kind: 'unique' as const, def })),
    ...(t.checks ?? []).map((def) => ({ kind: 'check' as const, def })),
    ...(t.exclusions ?? []).map((def) => ({ kind: 'exclusion' as const, def })),
  ];
  return [
    ...(t.partitionOf ? [`partition of ${t.partitionOf.parent} ${t.partitionOf.bound}`] : []),
    ...(t.partitioning ? [`partition by ${t.partitioning.key}`] : []),
    ...(t.inherits ?? []).map((p) => `inherits ${p}`),
    ...(t.unlogged ? ['unlogged'] : []),
    ...t.columns.map(describeColumn),
    ...constraints.map(describeConstraint),
    ...(t.indexes ?? []).map(describeIndex),
    ...(t.triggers ?? []).map(describeTrigger),
    ...(t.policies ?? []).map(describePolicy),
  ];
}

const partitioning = (p: Table['partitioning']): string => (p ? p.key : 'none');
const charset = (c: TableCharset): string => [c.charset ?? 'default', ...(c.collation ? [`collate ${c.collation}`] : [])].join(' ');
const rls = (r: Table['rowLevelSecurity']): string => (r?.enabled ? `on${r.forced ? ' (forced)' : ''}` : 'off');
const grantKey = (g: Grant) => JSON.stringify(canonicalize(g));

/** The lines one member change of a table shows. */
export function memberLines(c: TableChange): MemberLine[] {
  const one = (mark: Mark, text: string): MemberLine[] => [{ mark, text }];
  switch (c.type) {
    case 'add-column':
      return one('+', describeColumn(c.column));
    case 'drop-column':
      return one('-', describeColumn(c.column));
    case 'alter-column':
      return one('~', `column ${c.to.name}: ${fieldChanges(c.from, c.to, true).join(', ')}`);
    case 'rename-column': {
      const rest = fieldChanges({ ...c.from, name: c.to.name }, c.to, true);
      return one('~', `column ${c.from.name} → ${c.to.name} (renamed)${rest.length ? `, ${rest.join(', ')}` : ''}`);
    }
    case 'add-constraint':
      return one('+', describeConstraint(c.constraint));
    case 'drop-constraint':
      return one('-', describeConstraint(c.constraint));
    case 'add-index':
      return one('+', describeIndex(c.index));
    case 'drop-index':
      return one('-', describeIndex(c.index));
    case 'add-trigger':
      return one('+', describeTrigger(c.trigger));
    case 'drop-trigger':
      return one('-', describeTrigger(c.trigger));
    case 'add-policy':
      return one('+', describePolicy(c.policy));
    case 'drop-policy':
      return one('-', describePolicy(c.policy));
    case 'alter-policy':
      return one('~', `policy ${c.to.name}: ${fieldChanges(c.from, c.to).join(', ')}`);
    case 'set-row-level-security':
      return one('~', `row level security: ${rls(c.from)} → ${rls(c.to)}`);
    case 'set-comment':
      return one('~', `comment: ${show(c.from)} → ${show(c.to)}`);
    case 'set-options':
      return one('~', `options: ${fieldChanges(c.from ?? {}, c.to ?? {}).join(', ')}`);
    case 'set-grants': {
      const before = new Set(c.from.map(grantKey));
      const after = new Set(c.to.map(grantKey));
      return [
        ...c.from.filter((g) => !after.has(grantKey(g))).map((g) => ({ mark: '-' as const, text: describeGrant(g) })),
        ...c.to.filter((g) => !before.has(grantKey(g))).map((g) => ({ mark: '+' as const, text: describeGrant(g) })),
      ];
    }
    case 'attach-partition':
      return one('+', `partition of ${c.partitionOf.parent} ${c.partitionOf.bound}`);
    case 'detach-partition':
      return one('-', `partition of ${c.partitionOf.parent} ${c.partitionOf.bound}`);
    case 'set-partitioning':
      return one('~', `partitioning: ${partitioning(c.from)} → ${partitioning(c.to)} (the table is re-created)`);
    case 'set-inherits':
      return [
        ...c.from.filter((p) => !c.to.includes(p)).map((p) => ({ mark: '-' as const, text: `inherits ${p}` })),
        ...c.to.filter((p) => !c.from.includes(p)).map((p) => ({ mark: '+' as const, text: `inherits ${p}` })),
      ];
    case 'set-unlogged':
      return one('~', `unlogged: ${c.from ? 'yes' : 'no'} → ${c.to ? 'yes' : 'no'}`);
    case 'set-charset':
      return one('~', `character set: ${charset(c.from)} → ${charset(c.to)}`);
    case 'reorder-columns':
      return one('~', `column order: ${list(c.from)} → ${list(c.to)}`);
  }
}
