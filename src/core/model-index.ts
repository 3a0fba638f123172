/**
 * The model index of a tree: for every object file its path, id, kind and the ids it
 * refers to. A diff of two commits uses it to read only the changed files and the
 * objects the planner must see beside them (their dependents and what those refer to)
 * without parsing every file to find them.
 *
 * It is a pure function of the model, so of the tree: it is stored outside the tree,
 * keyed by tree id (`vcs.writeTreeIndex`), and never changes a tree id, a drift check or
 * a deploy verification. A tree without one (committed before it existed, or cloned)
 * is read whole, and the index is written then.
 */
import { objectPaths, type DbObject, type Model } from '../../unified-model/index.js';
import * as vcs from '../vcs/index.js';

/** Bump when what `refsOf` finds changes: an index of another version is ignored. */
export const MODEL_INDEX_VERSION = 1;

export interface IndexEntry {
  readonly path: string;
  readonly id: string;
  readonly kind: DbObject['kind'];
  /** Ids of other objects of the model this object's file names (dependsOn, references, ownedBy, trigger functions, enum refs …). */
  readonly refs: readonly string[];
}

export interface ModelIndex {
  readonly dialect: string;
  readonly entries: readonly IndexEntry[];
}

/**
 * Every id of another object that a string of `obj` names, whole or as a prefix
 * (`app.orders.id` names the table `app.orders`). Generic over kinds and fields on
 * purpose: a field added to the model later is covered without touching this.
 * Finding too much only makes a diff read a few more files; strings without a dot
 * are skipped unhashed (most of them: column names, types, flags), which keeps this
 * cheap enough to run at every commit.
 */
function refsOf(obj: DbObject, ids: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      // what can be named is schema-qualified (a schema itself is never read partially);
      // SQL text (long, spaced) is covered by dependsOn
      if (v.length > 300 || v.indexOf('.') <= 0) return;
      if (ids.has(v)) out.add(v);
      if (v.includes(' ')) return;
      for (let i = v.lastIndexOf('.'); i > 0; i = v.lastIndexOf('.', i - 1)) {
        const prefix = v.slice(0, i);
        if (ids.has(prefix)) out.add(prefix);
      }
    } else if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) for (const x of v) visit(x);
      else for (const k in v) visit((v as Record<string, unknown>)[k]);
    }
  };
  for (const k in obj) if (k !== 'id') visit((obj as unknown as Record<string, unknown>)[k]);
  out.delete(obj.id);
  return out.size ? [...out].sort() : [];
}

export function modelIndex(model: Model): ModelIndex {
  const ids = new Set(model.objects.map((o) => o.id));
  const paths = objectPaths(model.objects);
  const entries = model.objects.map((o) => ({ path: paths.get(o)!, id: o.id, kind: o.kind, refs: refsOf(o, ids) }));
  return { dialect: model.dialect, entries };
}

/** Compact JSON: one row per object. */
export function formatModelIndex(index: ModelIndex): string {
  return JSON.stringify({ version: MODEL_INDEX_VERSION, dialect: index.dialect, objects: index.entries.map((e) => [e.path, e.id, e.kind, e.refs]) });
}

export function parseModelIndex(text: string): ModelIndex | undefined {
  try {
    const data = JSON.parse(text) as { version?: number; dialect?: string; objects?: [string, string, DbObject['kind'], string[]][] };
    if (data.version !== MODEL_INDEX_VERSION || typeof data.dialect !== 'string' || !Array.isArray(data.objects)) return undefined;
    return { dialect: data.dialect, entries: data.objects.map(([path, id, kind, refs]) => ({ path, id, kind, refs })) };
  } catch {
    return undefined; // a damaged cache is a missing one
  }
}

/** Writes the index of `model`, whose tree is `tree`. Best effort: the index only speeds diffs up. */
export async function saveModelIndex(gitDir: string, tree: string, model: Model): Promise<void> {
  try {
    await vcs.writeTreeIndex(gitDir, tree, formatModelIndex(modelIndex(model)));
  } catch {
    // a read-only repository still diffs, the slow way
  }
}

export async function loadModelIndex(gitDir: string, tree: string): Promise<ModelIndex | undefined> {
  const text = await vcs.readTreeIndex(gitDir, tree);
  return text === undefined ? undefined : parseModelIndex(text);
}
