/**
 * Canonical form: the same schema always gives byte-identical files, so schema
 * equality is git tree-hash equality. Keys come in a fixed order (identity first,
 * then alphabetical), unordered collections are sorted, optional empties are dropped.
 */
import type { DbObject, Model } from './types.js';

/** Keys that lead every object, in this order; all others follow alphabetically. */
const LEADING_KEYS = ['formatVersion', 'kind', 'id', 'schema', 'name', 'signature', 'grantee', 'column', 'expression'];
const LEADING_RANK = new Map(LEADING_KEYS.map((k, i) => [k, i]));

/** Arrays of named elements whose order carries no meaning: sorted by name. */
const SORTED_BY_NAME = new Set(['foreignKeys', 'uniques', 'checks', 'exclusions', 'indexes', 'triggers', 'policies']);
/** Arrays of strings whose order carries no meaning. */
const SORTED_STRINGS = new Set(['dependsOn', 'privileges', 'grantable', 'roles', 'inherits']);
/** Collections that are omitted when empty, so "none" has one spelling. */
const OMIT_WHEN_EMPTY = new Set([
  ...SORTED_BY_NAME, 'grants', 'dependsOn', 'dependsOnColumns', 'inherits', 'include', 'config', 'options', 'updateColumns', 'onDeleteColumns', 'grantable',
  // a trigger's `order` ({} = none), inline partitions and subpartitions; their order is declared order, so never sorted
  'order', 'partitions', 'subpartitions',
]);

function compareKeys(a: string, b: string): number {
  const ra = LEADING_RANK.get(a) ?? LEADING_KEYS.length;
  const rb = LEADING_RANK.get(b) ?? LEADING_KEYS.length;
  return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Column dependencies: by id, each with its columns sorted and once. */
function sortedColumnDependencies(items: readonly { id: string; columns: string[] }[]): unknown[] {
  return [...items].map((d) => ({ ...d, columns: [...new Set(d.columns)].sort(byString) })).sort((a, b) => byString(a.id, b.id));
}

function canonicalValue(key: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    let items = value.map((v) => canonicalValue('', v));
    if (SORTED_BY_NAME.has(key)) items = [...items].sort((a, b) => byString(String((a as { name: string }).name), String((b as { name: string }).name)));
    else if (SORTED_STRINGS.has(key)) items = [...new Set(items as string[])].sort(byString);
    else if (key === 'dependsOnColumns') items = sortedColumnDependencies(items as { id: string; columns: string[] }[]);
    else if (key === 'grants') items = [...items].sort((a, b) => byString(JSON.stringify(a), JSON.stringify(b)));
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined || v === null) continue;
      if (OMIT_WHEN_EMPTY.has(k) && (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0)) continue;
      out[k] = canonicalValue(k, v);
    }
    return out;
  }
  return value;
}

/** Objects known to be in canonical form already (made by `canonicalize`), so serializing skips the work. */
const CANONICAL = new WeakSet<object>();

/** Returns a deep copy in canonical form (key order, sorted collections, no empties), or the value itself when `canonicalize` made it. */
export function canonicalize<T>(value: T): T {
  if (value !== null && typeof value === 'object' && CANONICAL.has(value)) return value;
  const out = canonicalValue('', value) as T;
  if (out !== null && typeof out === 'object') CANONICAL.add(out);
  return out;
}

/** Text of canonical objects, kept: the differ and the serializer ask for the same object's text several times. */
const TEXT = new WeakMap<object, string>();

/** The exact text stored for one object or header: canonical JSON, two-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === null || typeof canonical !== 'object') return `${JSON.stringify(canonical, null, 2)}\n`;
  let text = TEXT.get(canonical);
  if (text === undefined) {
    text = `${JSON.stringify(canonical, null, 2)}\n`;
    TEXT.set(canonical, text);
  }
  return text;
}

/** Returns the model with objects canonicalized and sorted by id. */
export function canonicalModel(model: Model): Model {
  const objects = model.objects.map((o) => canonicalize(o)).sort((a, b) => byString(a.id, b.id));
  return { formatVersion: model.formatVersion, dialect: model.dialect, objects };
}

/** True when both models have the same canonical form. */
export function sameModel(a: Model, b: Model): boolean {
  return canonicalJson(canonicalModel(a)) === canonicalJson(canonicalModel(b));
}

export type { DbObject };
