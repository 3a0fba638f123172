/**
 * Git notes (`git log --notes=redb-deploys` shows them): a commit history on
 * `refs/notes/<name>` whose tree holds one file per annotated object, named by its id.
 */
import type { SignatureInput } from './commit-format.js';
import { commit } from './commit.js';
import { readRef } from './refs.js';
import { readBlobs, listTree } from './read-tree.js';
import { writeTree } from './write-tree.js';

/** Appends `text` to the note of `target` on `refs/notes/<name>`. */
export async function appendNote(gitDir: string, name: string, target: string, text: string, author: SignatureInput): Promise<string> {
  const ref = `refs/notes/${name}`;
  const head = await readRef(gitDir, ref);
  const entries = head ? await listTree(gitDir, head) : [];
  const blobs = await readBlobs(gitDir, entries.map((e) => e.oid));
  const files = entries.map((e) => ({ path: e.path, content: blobs.get(e.oid) ?? '' }));
  const existing = files.find((f) => f.path === target);
  const content = existing ? `${existing.content.replace(/\n*$/, '')}\n\n${text}\n` : `${text}\n`;
  const tree = await writeTree(gitDir, [...files.filter((f) => f.path !== target), { path: target, content }]);
  return commit(gitDir, { ref, tree, message: `Notes added by redb`, author, parents: head ? [head] : [] });
}

/** The note text of `target`, if any. */
export async function readNote(gitDir: string, name: string, target: string): Promise<string | undefined> {
  const head = await readRef(gitDir, `refs/notes/${name}`);
  if (!head) return undefined;
  const entry = (await listTree(gitDir, head)).find((e) => e.path === target);
  return entry ? (await readBlobs(gitDir, [entry.oid])).get(entry.oid) : undefined;
}
