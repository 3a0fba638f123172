/**
 * Bringing two histories of one notes ref together, for deploy notes that were added
 * on two machines: a fast-forward when one contains the other, else a merge commit
 * whose tree is the union of both — a note both sides changed keeps its own
 * paragraphs and gains the other side's that it lacks (deploy notes only ever grow
 * by appended paragraphs, like `git notes merge -s cat_sort_uniq`).
 */
import type { SignatureInput } from './commit-format.js';
import { commit } from './commit.js';
import { isAncestor } from './reachable.js';
import { listTree, readBlobs } from './read-tree.js';
import { readRef, writeRef } from './refs.js';
import { ObjectStore } from './store.js';
import { writeTree } from './write-tree.js';

async function noteFiles(gitDir: string, oid: string): Promise<Map<string, string>> {
  const entries = await listTree(gitDir, oid);
  const blobs = await readBlobs(gitDir, entries.map((e) => e.oid));
  return new Map(entries.map((e) => [e.path, blobs.get(e.oid) ?? '']));
}

function unionText(ours: string, theirs: string): string {
  const paragraphs = ours.replace(/\n*$/u, '').split(/\n{2,}/u);
  for (const p of theirs.replace(/\n*$/u, '').split(/\n{2,}/u)) if (!paragraphs.includes(p)) paragraphs.push(p);
  return `${paragraphs.join('\n\n')}\n`;
}

/**
 * Moves the local `ref` so it contains `incoming` (a notes commit already in the
 * store). Returns what happened.
 */
export async function integrateNotes(gitDir: string, ref: string, incoming: string, author: SignatureInput): Promise<'created' | 'up to date' | 'fast-forward' | 'merged'> {
  const local = await readRef(gitDir, ref);
  if (!local) {
    await writeRef(gitDir, ref, incoming, { expected: null });
    return 'created';
  }
  const store = new ObjectStore(gitDir);
  if (local === incoming || isAncestor(store, incoming, local)) return 'up to date';
  if (isAncestor(store, local, incoming)) {
    await writeRef(gitDir, ref, incoming, { expected: local });
    return 'fast-forward';
  }
  const ours = await noteFiles(gitDir, local);
  for (const [path, text] of await noteFiles(gitDir, incoming)) ours.set(path, ours.has(path) ? unionText(ours.get(path)!, text) : text);
  const tree = await writeTree(gitDir, [...ours].map(([path, content]) => ({ path, content })));
  await commit(gitDir, { ref, tree, message: 'Notes merged by redb', author, parents: [local, incoming] });
  return 'merged';
}
