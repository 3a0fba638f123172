/**
 * Walks of the object graph shared by tags, fetch and push: whether one commit is an
 * ancestor of another (the fast-forward rule), and the objects one store has that
 * another lacks (what a local fetch or push copies).
 */
import { parseCommit } from './commit-format.js';
import type { HashedObject } from './objects.js';
import { ObjectStore } from './store.js';
import { parseTree } from './tree-format.js';

/** The object a tag object points to (`object <oid>` header). */
export function tagTarget(body: Uint8Array): string {
  const m = /^object ([0-9a-f]{40})$/mu.exec(Buffer.from(body).toString('utf8'));
  if (!m) throw new Error('tag object without an object header');
  return m[1];
}

/**
 * True when `ancestor` is `descendant` or reachable from it through parents. Stops
 * at commits the store lacks (they cannot lead anywhere it can see).
 *
 * @example
 * isAncestor(store, remoteHead, localHead) // true: pushing localHead is a fast-forward
 */
export function isAncestor(store: ObjectStore, ancestor: string, descendant: string): boolean {
  const seen = new Set<string>();
  const stack = [descendant];
  while (stack.length) {
    const oid = stack.pop()!;
    if (oid === ancestor) return true;
    if (seen.has(oid) || !store.has(oid)) continue;
    seen.add(oid);
    stack.push(...parseCommit(oid, store.readAs(oid, 'commit')).parents);
  }
  return false;
}

/**
 * Every object reachable from `tips` in `from` that `to` lacks, children before
 * parents (so loose writes in this order never leave a dangling entry). A store is
 * always closed under reachability (objects are written before the refs that reach
 * them), so the walk stops at the first object `to` already has.
 */
export function missingObjects(from: ObjectStore, to: ObjectStore, tips: Iterable<string>): HashedObject[] {
  const out: HashedObject[] = [];
  const seen = new Set<string>();
  const visit = (root: string): void => {
    // iterative post-order: histories are deeper than the call stack
    const stack: { oid: string; expanded: boolean }[] = [{ oid: root, expanded: false }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.expanded) {
        stack.pop();
        const obj = from.read(top.oid);
        out.push({ oid: top.oid, type: obj.type, body: obj.body });
        continue;
      }
      if (seen.has(top.oid) || to.has(top.oid)) {
        stack.pop();
        continue;
      }
      seen.add(top.oid);
      top.expanded = true;
      for (const child of children(from, top.oid)) if (!seen.has(child)) stack.push({ oid: child, expanded: false });
    }
  };
  for (const tip of tips) visit(tip);
  return out;
}

function children(store: ObjectStore, oid: string): string[] {
  const obj = store.read(oid);
  if (obj.type === 'commit') {
    const c = parseCommit(oid, obj.body);
    return [c.tree, ...c.parents];
  }
  if (obj.type === 'tree') return parseTree(oid, obj.body).filter((e) => e.type !== 'commit').map((e) => e.oid);
  if (obj.type === 'tag') return [tagTarget(obj.body)];
  return [];
}

/** `isAncestor` on the repository at `gitDir`. */
export async function isAncestorIn(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  return isAncestor(new ObjectStore(gitDir), ancestor, descendant);
}
