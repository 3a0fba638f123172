/**
 * A merge (or revert) stopped by conflicts, like git's MERGE_HEAD: a state file in the
 * repository's git directory (`redb-merge/state.json`) and a conflict working copy
 * beside it (`redb-merge/tree/`), the merged model's files as the tree would hold them,
 * conflicting objects holding ours. A person edits a conflicting object's file there,
 * or pins it with `--resolve`, then `redb merge --continue` commits the folder.
 * Nothing else is touched: the branch has not moved, so `--abort` removes the folder.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { ModelFile, RenameIntent } from '../../unified-model/index.js';
import type { MergeResolution } from '../diff/index.js';

export interface MergeState {
  readonly version: 1;
  /** `revert` commits with one parent; `merge` with two. */
  readonly kind: 'merge' | 'revert';
  readonly repo: string;
  readonly branch: string;
  /** The branch head when the merge began: `--continue` refuses if the branch moved. */
  readonly head: string;
  readonly base: string;
  readonly theirs: string;
  /** As the user named it (`feature`, `3f2a9c1`). */
  readonly label: string;
  readonly message: string;
  readonly parents: readonly string[];
  readonly renames: { readonly ours: readonly RenameIntent[]; readonly theirs: readonly RenameIntent[] };
  /** Recorded in the commit: what the merge renamed relative to ours. */
  readonly trailerRenames: readonly RenameIntent[];
  readonly resolutions: readonly MergeResolution[];
  /** Path → sha256 of the content redb wrote, and the object id it holds: an edit is a change of it. */
  readonly written: Readonly<Record<string, { readonly sha: string; readonly id?: string }>>;
}

export const stateDir = (gitDir: string) => join(gitDir, 'redb-merge');
const stateFile = (gitDir: string) => join(stateDir(gitDir), 'state.json');
/** Where the conflict working copy lives. */
export const workDir = (gitDir: string) => join(stateDir(gitDir), 'tree');

export const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function readMergeState(gitDir: string): Promise<MergeState | undefined> {
  if (!existsSync(stateFile(gitDir))) return undefined;
  return JSON.parse(await readFile(stateFile(gitDir), 'utf8')) as MergeState;
}

export async function writeMergeState(gitDir: string, state: MergeState): Promise<void> {
  await mkdir(stateDir(gitDir), { recursive: true });
  await writeFile(stateFile(gitDir), `${JSON.stringify(state, null, 2)}\n`);
}

export async function removeMergeState(gitDir: string): Promise<void> {
  await rm(stateDir(gitDir), { recursive: true, force: true });
}

/** Every file of the working copy, as tree paths. */
export async function readWorkingCopy(gitDir: string): Promise<ModelFile[]> {
  const root = workDir(gitDir);
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(files.map(async (f) => ({ path: relative(root, f).split('\\').join('/'), content: await readFile(f, 'utf8') })));
}

/**
 * Writes `files` into the working copy, leaving alone every file the user edited
 * (its content is no longer what redb wrote) and removing unedited files the model no
 * longer has. Returns the new `written` record.
 */
export async function syncWorkingCopy(gitDir: string, files: readonly ModelFile[], ids: ReadonlyMap<string, string>, written: MergeState['written']): Promise<MergeState['written']> {
  const root = workDir(gitDir);
  const onDisk = new Map((await readWorkingCopy(gitDir)).map((f) => [f.path, f.content]));
  const edited = (path: string) => onDisk.has(path) ? written[path]?.sha !== sha(onDisk.get(path)!) : written[path] !== undefined;
  const out: Record<string, { sha: string; id?: string }> = {};
  // an edited (or deleted) file stays as the user left it, and keeps its record so the edit stays visible
  for (const path of new Set([...onDisk.keys(), ...Object.keys(written)])) if (edited(path) && written[path]) out[path] = written[path];
  const wanted = new Set(files.map((f) => f.path));
  for (const path of onDisk.keys()) if (!edited(path) && !wanted.has(path)) await rm(join(root, path), { force: true });
  for (const f of files) {
    if (edited(f.path)) continue;
    await mkdir(dirname(join(root, f.path)), { recursive: true });
    await writeFile(join(root, f.path), f.content);
    const id = ids.get(f.path);
    out[f.path] = { sha: sha(f.content), ...(id ? { id } : {}) };
  }
  return out;
}

/** Ids of the objects the user changed in the working copy: edited, deleted or new files. */
export async function editedIds(gitDir: string, written: MergeState['written'], idOf: (f: ModelFile) => string | undefined): Promise<Set<string>> {
  const onDisk = await readWorkingCopy(gitDir);
  const out = new Set<string>();
  const present = new Set(onDisk.map((f) => f.path));
  for (const f of onDisk) {
    if (written[f.path]?.sha === sha(f.content)) continue;
    const id = written[f.path]?.id ?? idOf(f);
    if (id) out.add(id);
    const now = idOf(f);
    if (now) out.add(now);
  }
  for (const [path, w] of Object.entries(written)) if (!present.has(path) && w.id) out.add(w.id);
  return out;
}
