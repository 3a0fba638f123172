/**
 * `redb log --stat`: the objects each commit changed against its first parent, as
 * `git log --stat` lists files. From changed paths and the changed files' ids alone
 * (changes.ts), so a long history costs no model reads; an object the commit renamed
 * (its `Redb-Renames` trailer) is one renamed entry, not a drop and an add.
 */
import * as vcs from '../vcs/index.js';
import { objectChanges } from './changes.js';
import { normalId } from './object-history.js';
import { renamesOfCommit } from './renames.js';

export interface StatEntry {
  status: 'added' | 'modified' | 'dropped' | 'renamed';
  kind: string;
  id: string;
  /** The id it had before, for a renamed object. */
  from?: string;
}

export interface CommitStat {
  objects: StatEntry[];
  /** Files that are no object (the model header) and changed. */
  files: { path: string; status: 'modified' | 'deleted' }[];
}

const STATUS = { added: 'added', modified: 'modified', deleted: 'dropped' } as const;

/** The objects `commit` changed against its first parent (a root commit: everything it holds, added). */
export async function commitStat(gitDir: string, commit: vcs.CommitRecord, parentTree: string | undefined): Promise<CommitStat> {
  const changes = await objectChanges(gitDir, parentTree, commit.tree);
  const objects: StatEntry[] = changes.filter((c) => c.kind && c.id).map((c) => ({ status: STATUS[c.status], kind: c.kind!, id: c.id! }));
  for (const r of renamesOfCommit(commit)) {
    const [from, to] = [normalId(r.from), normalId(r.to)];
    const dropped = objects.findIndex((o) => o.status === 'dropped' && normalId(o.id) === from);
    const added = objects.findIndex((o) => o.status === 'added' && normalId(o.id) === to);
    if (dropped < 0 || added < 0) continue; // a column rename: its table is modified
    objects[added] = { ...objects[added], status: 'renamed', from: objects[dropped].id };
    objects.splice(dropped, 1);
  }
  const files = changes.filter((c) => !c.kind && c.status !== 'added').map((c) => ({ path: c.path, status: c.status as 'modified' | 'deleted' }));
  return { objects: objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), files };
}
