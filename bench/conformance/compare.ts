/**
 * How the harness compares models: the corpus rules (extension versions ignored unless
 * a case asks, column order compared separately because ALTER cannot reorder columns
 * in PostgreSQL, migra's schema scopes) and a short summary of what differs.
 */
import { diffModels } from '../../src/diff/index.js';
import { canonicalJson, canonicalModel, type Change, type DbObject, type Model, type TableChange } from '../../unified-model/index.js';
import type { IntrospectOptions } from '../../adapters/types.js';

/** Which part of the database a case is about, from its flags. */
export interface Scope {
  readonly introspect: IntrospectOptions;
  /** Only these object kinds are compared (migra `create_extensions_only`). */
  readonly kinds?: ReadonlySet<string>;
  /** Extension versions matter (migra `extversions`); elsewhere they are ignored. */
  readonly extensionVersions: boolean;
}

/** The scope of a case: migra_schema (README `singleschema`), migra_exclude_schema, create_extensions_only, compare_extension_versions. */
export function scopeOf(flags: Readonly<Record<string, unknown>>): Scope {
  const str = (k: string) => (typeof flags[k] === 'string' && flags[k] !== '' ? (flags[k] as string) : undefined);
  const only = str('migra_schema');
  const exclude = str('migra_exclude_schema');
  return {
    introspect: { ...(only ? { schemas: [only] } : {}), ...(exclude ? { excludeSchemas: [exclude] } : {}) },
    ...(flags.migra_create_extensions_only === true ? { kinds: new Set(['extension']) } : {}),
    extensionVersions: flags.migra_compare_extension_versions === true,
  };
}

/** The model restricted to the kinds the scope compares. */
export function restrict(model: Model, scope: Scope): Model {
  const kinds = scope.kinds;
  return kinds ? { ...model, objects: model.objects.filter((o) => kinds.has(o.kind)) } : model;
}

/**
 * `model` with each extension's version taken from `reference` (same id), so a plan
 * between them never touches versions: how "ignore extension versions" is planned.
 */
export function alignExtensionVersions(model: Model, reference: Model): Model {
  const versions = new Map(reference.objects.filter((o) => o.kind === 'extension').map((o) => [o.id, (o as { version: string }).version]));
  return {
    ...model,
    objects: model.objects.map((o) => (o.kind === 'extension' && versions.has(o.id) ? { ...o, version: versions.get(o.id)! } : o)),
  };
}

/** Canonical text of a model as compared: extension versions dropped unless they matter, optionally columns sorted by name. */
function comparable(model: Model, scope: Scope, sortColumns: boolean): string {
  const objects = model.objects.map((o) => {
    if (o.kind === 'extension' && !scope.extensionVersions) {
      const { version: _dropped, ...rest } = o;
      return rest as unknown as DbObject;
    }
    if (o.kind === 'table' && sortColumns) return { ...o, columns: [...o.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
    return o;
  });
  return canonicalJson(canonicalModel({ ...model, objects }));
}

export interface Comparison {
  /** Equal up to column order (what pass means). */
  readonly equal: boolean;
  /** Equal only once table columns are sorted: a warning, not a failure. */
  readonly columnOrderOnly: boolean;
  /** What differs, shortened (empty when equal). */
  readonly summary: string;
  /** The kinds of differences without names, for grouping failures. */
  readonly tokens: readonly string[];
}

/** Compares `actual` with `expected` under the case's rules. */
export function compareModels(actual: Model, expected: Model, scope: Scope): Comparison {
  if (comparable(actual, scope, false) === comparable(expected, scope, false)) return { equal: true, columnOrderOnly: false, summary: '', tokens: [] };
  if (comparable(actual, scope, true) === comparable(expected, scope, true)) return { equal: true, columnOrderOnly: true, summary: 'column order', tokens: ['column-order'] };
  const entries = describeDifferences(scope.extensionVersions ? actual : alignExtensionVersions(actual, expected), expected);
  return { equal: false, columnOrderOnly: false, summary: shorten(entries.map((e) => e.text)), tokens: [...new Set(entries.flatMap((e) => e.tokens))].sort() };
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Top-level keys whose values differ between two objects. */
function differingKeys(a: object, b: object): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])).sort();
}

/** Name of the member a table change is about, and the member itself. */
function memberOf(c: TableChange): { group: string; name: string; value: unknown } | undefined {
  switch (c.type) {
    case 'add-constraint':
    case 'drop-constraint':
      return { group: 'constraint', name: c.constraint.def.name, value: c.constraint };
    case 'add-index':
    case 'drop-index':
      return { group: 'index', name: c.index.name, value: c.index };
    case 'add-trigger':
    case 'drop-trigger':
      return { group: 'trigger', name: c.trigger.name, value: c.trigger };
    case 'add-policy':
    case 'drop-policy':
      return { group: 'policy', name: c.policy.name, value: c.policy };
    default:
      return undefined;
  }
}

interface Entry {
  readonly text: string;
  readonly tokens: readonly string[];
}

/** Nested table changes, with a drop and an add of the same member shown as one `alter-<member>`. */
function tableEntries(changes: readonly TableChange[]): { text: string; token: string }[] {
  const out: { text: string; token: string }[] = [];
  const dropped = new Map<string, TableChange>();
  for (const c of changes) {
    const m = memberOf(c);
    if (m && c.type.startsWith('drop-')) dropped.set(`${m.group}:${m.name}`, c);
  }
  const merged = new Set<string>();
  for (const c of changes) {
    const m = memberOf(c);
    if (m && c.type.startsWith('add-') && dropped.has(`${m.group}:${m.name}`)) {
      const before = memberOf(dropped.get(`${m.group}:${m.name}`)!)!.value as Record<string, unknown>;
      const after = m.value as Record<string, unknown>;
      const inner = m.group === 'constraint' ? [before.def as object, after.def as object] : [before, after];
      const keys = differingKeys(inner[0], inner[1]);
      merged.add(`${m.group}:${m.name}`);
      out.push({ text: `alter-${m.group} ${m.name}[${keys.join(',')}]`, token: `alter-${m.group}[${keys.join(',')}]` });
    }
  }
  for (const c of changes) {
    const m = memberOf(c);
    if (m && merged.has(`${m.group}:${m.name}`)) continue;
    if (c.type === 'alter-column' || c.type === 'rename-column') {
      const keys = differingKeys(c.from, c.to);
      out.push({ text: `${c.type} ${c.to.name}[${keys.join(',')}]`, token: `${c.type}[${keys.join(',')}]` });
    } else if (c.type === 'add-column' || c.type === 'drop-column') {
      out.push({ text: `${c.type} ${c.column.name}`, token: c.type });
    } else if (m) {
      const kind = m.group === 'constraint' ? `-${(m.value as { kind: string }).kind}` : '';
      out.push({ text: `${c.type}${kind} ${m.name}`, token: `${c.type}${kind}` });
    } else {
      out.push({ text: c.type, token: c.type });
    }
  }
  return out;
}

function changeEntry(change: Change): Entry {
  switch (change.type) {
    case 'create':
      return { text: `+ ${change.object.kind} ${change.object.id}`, tokens: [`missing ${change.object.kind}`] };
    case 'drop':
      return { text: `- ${change.object.kind} ${change.object.id}`, tokens: [`extra ${change.object.kind}`] };
    case 'rename':
      return { text: `> ${change.from.kind} ${change.from.id} → ${change.to.id}`, tokens: [`rename ${change.to.kind}`] };
    case 'alter': {
      const keys = differingKeys(change.from, change.to);
      return { text: `~ ${change.to.kind} ${change.to.id} [${keys.join(',')}]`, tokens: [`${change.to.kind}[${keys.join(',')}]`] };
    }
    case 'alter-table': {
      const nested = tableEntries(change.changes);
      return { text: `~ table ${change.to.id} (${shorten(nested.map((n) => n.text), 3, ', ')})`, tokens: nested.map((n) => `table ${n.token}`) };
    }
  }
}

/**
 * The differences that would turn `actual` into `expected`, as the differ sees them,
 * plus any object whose canonical form differs in a field the differ does not look at.
 */
export function describeDifferences(actual: Model, expected: Model): Entry[] {
  const changes = diffModels(actual, expected);
  const entries = changes.map(changeEntry);
  const covered = new Set(changes.map((c) => (c.type === 'create' || c.type === 'drop' ? c.object.id : c.to.id)));
  const before = new Map(actual.objects.map((o) => [o.id, o]));
  for (const b of expected.objects) {
    const a = before.get(b.id);
    if (!a || covered.has(b.id) || same(a, b)) continue;
    const keys = differingKeys(a, b).filter((k) => !(k === 'columns' && b.kind === 'table'));
    entries.push({ text: `~ ${b.kind} ${b.id} [${keys.join(',') || 'columns order'}] (not seen by the differ)`, tokens: [`unseen ${b.kind}[${keys.join(',')}]`] });
  }
  return entries;
}

/** The first `max` items joined, with a count of the rest. */
export function shorten(items: readonly string[], max = 4, sep = '; '): string {
  const head = items.slice(0, max).join(sep);
  return items.length > max ? `${head}${sep}… +${items.length - max} more` : head;
}
