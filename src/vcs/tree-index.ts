/**
 * Derived data kept beside a tree, outside the object database: `redb/tree-index/<tree>.json`
 * in the git directory. Stock git ignores it, clones and pushes do not carry it, and
 * nothing in it can change a tree id; a reader treats a missing file as "derive it again".
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOid } from './objects.js';

function indexPath(gitDir: string, tree: string): string {
  if (!isOid(tree)) throw new Error(`not an object id: ${tree}`);
  return join(gitDir, 'redb', 'tree-index', `${tree}.json`);
}

/** Writes the text kept for `tree` (atomically: a reader sees the old file or the new one). */
export async function writeTreeIndex(gitDir: string, tree: string, text: string): Promise<void> {
  const file = indexPath(gitDir, tree);
  mkdirSync(join(gitDir, 'redb', 'tree-index'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** The text kept for `tree`, or undefined when there is none. */
export async function readTreeIndex(gitDir: string, tree: string): Promise<string | undefined> {
  try {
    return readFileSync(indexPath(gitDir, tree), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
