/**
 * Merge bases: the best common ancestors of two commits, as `git merge-base --all`
 * finds them. It walks the commit graph on the repository's own object store
 * (store.ts), which reads packed and loose commits in-process; isomorphic-git's
 * `findMergeBase` gives the same answer but reads each commit through its own object
 * layer (docs/design-choices.md, "Merge base").
 */
import { readCommitIn } from './commit.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';

/** Every commit reachable from `from` (itself included). */
function ancestors(store: ObjectStore, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    for (const p of readCommitIn(store, stack.pop()!).parents) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

/**
 * The merge bases of `a` and `b`: common ancestors that are not ancestors of another
 * common ancestor, sorted by id. Empty when the histories share no commit.
 *
 * @example
 * const [base] = await mergeBases(gitDir, oursHead, theirsHead);
 */
export async function mergeBases(gitDir: string, a: string, b: string): Promise<string[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const ofA = ancestors(store, a);
  // the common ancestors nearest to b: walk from b, stopping at each one found
  const common: string[] = [];
  const seen = new Set<string>([b]);
  const stack = [b];
  while (stack.length) {
    const c = stack.pop()!;
    if (ofA.has(c)) {
      common.push(c);
      continue;
    }
    for (const p of readCommitIn(store, c).parents) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  // a common ancestor reachable from another one is not a best one
  const below = new Set<string>();
  for (const c of common) for (const x of ancestors(store, c)) if (x !== c) below.add(x);
  return [...new Set(common)].filter((c) => !below.has(c)).sort();
}

/** True when `ancestor` is `descendant` or reachable from it. */
export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  await assertRepository(gitDir);
  return ancestors(new ObjectStore(gitDir), descendant).has(ancestor);
}

/**
 * Commits reachable from `head` and not from `base`, oldest first (parents before
 * children): the commits a merge takes in from one side.
 */
export async function commitsSince(gitDir: string, base: string, head: string): Promise<string[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const stop = ancestors(store, base);
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (start: string) => {
    // iterative post-order, so a long history does not overflow the stack
    const stack: [string, boolean][] = [[start, false]];
    while (stack.length) {
      const [c, expanded] = stack.pop()!;
      if (done.has(c) || stop.has(c)) continue;
      if (expanded) {
        done.add(c);
        out.push(c);
        continue;
      }
      stack.push([c, true]);
      for (const p of [...readCommitIn(store, c).parents].reverse()) if (!done.has(p) && !stop.has(p)) stack.push([p, false]);
    }
  };
  visit(head);
  return out;
}
