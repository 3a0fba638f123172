/**
 * History: commits reachable from a starting commit, newest first (by committer time,
 * like `git log`), each once.
 */
import { readCommitIn } from './commit.js';
import type { CommitRecord } from './commit-format.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';

export interface LogOptions {
  /** At most this many commits. */
  readonly limit?: number;
  /** Follow only the first parent of merges. */
  readonly firstParent?: boolean;
}

/**
 * Commits reachable from `fromOid`, newest first.
 *
 * @example
 * for (const c of await log(gitDir, head, { limit: 10 })) console.log(c.oid.slice(0, 7), c.message);
 */
export async function log(gitDir: string, fromOid: string, opts: LogOptions = {}): Promise<CommitRecord[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  const limit = opts.limit ?? Infinity;
  const out: CommitRecord[] = [];
  const seen = new Set<string>([fromOid]);
  const queue: CommitRecord[] = [readCommitIn(store, fromOid)];
  while (queue.length && out.length < limit) {
    // newest committer time first; ties keep insertion order (stable)
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].committer.timestamp > queue[best].committer.timestamp) best = i;
    const [c] = queue.splice(best, 1);
    out.push(c);
    for (const p of opts.firstParent ? c.parents.slice(0, 1) : c.parents) {
      if (seen.has(p)) continue;
      seen.add(p);
      queue.push(readCommitIn(store, p));
    }
  }
  return out;
}
