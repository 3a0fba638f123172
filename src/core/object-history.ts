/**
 * One object's history, for `redb log -- OBJECT[.MEMBER]` and `redb blame`: the commits
 * that changed it, newest first, following the rename intents the commits record (a
 * renamed table or column keeps its history).
 *
 * It stays as cheap as `git log -- PATH`: each commit is compared with its first parent
 * by tree ids (`vcs.changedPaths`, which skips unchanged subtrees), and only the changed
 * files whose name could be the object's are read (a few blobs, never a model). Files
 * are canonical JSON: they are parsed, not validated, since nothing here is planned.
 */
import { canonicalJson, encodeSegment, objectId, splitId } from '../../unified-model/index.js';
import * as vcs from '../vcs/index.js';
import { usageError } from '../errors.js';
import { toInfo, type CommitInfo } from './history.js';
import { loadModelIndex } from './model-index.js';
import { memberJson } from './object-members.js';
import { renamesOfCommit } from './renames.js';

export type ObjectJson = Readonly<Record<string, unknown>> & { readonly id: string; readonly kind: string };

/** One version of the object's file. */
export interface Version {
  readonly path: string;
  readonly oid: string;
  readonly object: ObjectJson;
}

/** A commit that changed the object: its version before (absent: created) and after (absent: dropped). */
export interface ObjectStep {
  readonly commit: vcs.CommitRecord;
  /** The object's id in this commit and in its parent (they differ when the commit renamed it). */
  readonly id: string;
  readonly oldId: string;
  readonly before?: Version;
  readonly after?: Version;
  /** Rename intents this commit records (members are renamed through them too). */
  readonly renames: readonly { from: string; to: string }[];
}

/** An id in one spelling whatever quotes the user wrote (`public.users` = `"public"."users"`). */
export function normalId(id: string): string {
  const parts = splitId(id);
  const last = parts[parts.length - 1] ?? '';
  // a routine's last part carries its signature, which is never quoted
  const paren = last.indexOf('(');
  if (paren > 0 && last.endsWith(')')) return `${objectId(...parts.slice(0, -1), last.slice(0, paren))}${last.slice(paren)}`;
  return objectId(...parts);
}

/** The id of a member of an object: `public.users` + `email` → `public.users.email`. */
export const memberId = (object: string, member: string): string => objectId(...splitId(object), member);

/**
 * Whether a file may hold the object `id`: its name is the object's name (with the
 * routine signature), readable or hashed (a long, unsafe or case-folding name keeps a
 * readable prefix before `~`). Cheap, on the path alone; the file's own id decides.
 */
export function mayHold(path: string, id: string): boolean {
  const parts = splitId(id);
  const segs = path.split('/');
  // a schema's file is schemas/NAME/schema.json
  const base = segs[segs.length - 1] === 'schema.json' && parts.length === 1 ? segs[segs.length - 2] : segs[segs.length - 1].replace(/\.json$/, '');
  const name = encodeSegment(parts[parts.length - 1]);
  const tilde = base.indexOf('~');
  return base === name || (tilde > 0 && name.startsWith(base.slice(0, tilde)));
}

function parse(text: string | undefined): ObjectJson | undefined {
  if (text === undefined) return undefined;
  try {
    const o = JSON.parse(text) as ObjectJson;
    return typeof o?.id === 'string' && typeof o.kind === 'string' ? o : undefined;
  } catch {
    return undefined; // not an object file; `redb show REV OBJECT` names what is wrong with it
  }
}

/** The object `id` as stored in `tree`, read through the tree's model index when it has one, else found by file name. */
export async function objectAt(gitDir: string, tree: string, id: string): Promise<Version | undefined> {
  const want = normalId(id);
  const index = await loadModelIndex(gitDir, tree);
  const indexed = index?.entries.find((e) => normalId(e.id) === want);
  const paths = index ? (indexed ? [indexed.path] : []) : (await vcs.listTree(gitDir, tree)).map((f) => f.path).filter((p) => mayHold(p, want));
  const oids = await vcs.blobIdsAt(gitDir, tree, paths);
  const texts = await vcs.readBlobs(gitDir, oids.values());
  for (const [path, oid] of oids) {
    const object = parse(texts.get(oid));
    if (object && normalId(object.id) === want) return { path, oid, object };
  }
  return undefined;
}

/**
 * The commits reachable from `start` that changed the object named `id` there, newest
 * first, each with the object's version before and after. Before a commit that renamed
 * it, the object is followed under its old id. Stops when the caller stops iterating.
 */
export async function* objectSteps(gitDir: string, start: string, id: string): AsyncGenerator<ObjectStep> {
  const commits = await vcs.log(gitDir, start);
  const byOid = new Map(commits.map((c) => [c.oid, c]));
  let current = normalId(id);
  for (const c of commits) {
    const parent = c.parents[0] ? (byOid.get(c.parents[0]) ?? (await vcs.readCommit(gitDir, c.parents[0]))) : undefined;
    const renames = renamesOfCommit(c).map((r) => ({ from: normalId(r.from), to: normalId(r.to) }));
    const oldId = renames.find((r) => r.to === current)?.from ?? current;
    const changed = await vcs.changedPaths(gitDir, parent?.tree, c.tree);
    const afterFiles = changed.filter((f) => f.newOid && mayHold(f.path, current));
    const beforeFiles = changed.filter((f) => f.oldOid && mayHold(f.path, oldId));
    if (afterFiles.length || beforeFiles.length) {
      const texts = await vcs.readBlobs(gitDir, [...afterFiles.map((f) => f.newOid!), ...beforeFiles.map((f) => f.oldOid!)]);
      const pick = (files: typeof changed, side: 'newOid' | 'oldOid', want: string): Version | undefined => {
        for (const f of files) {
          const object = parse(texts.get(f[side]!));
          if (object && normalId(object.id) === want) return { path: f.path, oid: f[side]!, object };
        }
        return undefined;
      };
      const after = pick(afterFiles, 'newOid', current);
      const before = pick(beforeFiles, 'oldOid', oldId);
      // a file that only moved (its name's case hash changed) is the same object unchanged
      const moved = after && before && canonicalJson(after.object) === canonicalJson(before.object);
      if ((after || before) && !moved) yield { commit: c, id: current, oldId, ...(before ? { before } : {}), ...(after ? { after } : {}), renames };
    }
    current = oldId;
  }
}

/** What `redb log -- OBJECT.MEMBER` names: an object id, and a member of it (a column, constraint, index …) when the id has three parts. */
export interface HistoryTarget {
  object: string;
  member?: string;
}

/** `public.users` names an object, `public.users.email` a member of one (a routine's signature stays in its name). */
export function parseTarget(text: string): HistoryTarget {
  let parts: string[];
  try {
    parts = splitId(text.trim());
  } catch (err) {
    throw usageError('E_NO_OBJECT', `${text} is not an object id: ${(err as Error).message}`, 'objects are named by schema-qualified id, e.g. public.users, and members as public.users.email');
  }
  if (parts.length === 0 || parts.some((p) => p === '')) throw usageError('E_NO_OBJECT', `${JSON.stringify(text)} is not an object id`, 'objects are named by schema-qualified id, e.g. public.users, and members as public.users.email');
  if (parts.length < 3) return { object: objectId(...parts) };
  return { object: objectId(...parts.slice(0, -1)), member: parts[parts.length - 1] };
}

/** A commit of `redb log -- OBJECT[.MEMBER]` and what it did to it. */
export interface ObjectLogEntry extends CommitInfo {
  change: 'added' | 'modified' | 'dropped' | 'renamed';
  /** The object's (or member's) id in this commit; for a drop, the id it had. */
  id: string;
  /** Its id before this commit, when the commit renamed it. */
  from?: string;
}

/** The last part of an id: a member's name. */
export const lastPart = (id: string): string => splitId(id)[splitId(id).length - 1];

/**
 * The commits reachable from `start` that changed the target (an object, or one member
 * of it), newest first, at most `limit`. A target no commit ever held is a usage error.
 */
export async function objectLog(gitDir: string, start: string, target: HistoryTarget, limit = Infinity): Promise<ObjectLogEntry[]> {
  const out: ObjectLogEntry[] = [];
  let member = target.member;
  for await (const step of objectSteps(gitDir, start, target.object)) {
    if (out.length >= limit) break;
    const entry = member === undefined ? objectChange(step) : memberChange(step, member);
    if (member !== undefined) member = entry?.oldMember ?? member;
    if (entry) out.push({ ...toInfo(step.commit), change: entry.change, id: entry.id, ...(entry.from ? { from: entry.from } : {}) });
  }
  if (out.length === 0 && limit > 0) {
    const what = target.member === undefined ? target.object : memberId(target.object, target.member);
    throw usageError('E_NO_OBJECT', `no commit in this history changed ${what}: no such ${target.member === undefined ? 'object' : 'member'} was ever committed`, 'objects are named by schema-qualified id, e.g. public.users, members as public.users.email (`redb show REV` lists what a commit changed)');
  }
  return out;
}

type Change = { change: ObjectLogEntry['change']; id: string; from?: string; oldMember?: string };

function objectChange(s: ObjectStep): Change {
  if (!s.before) return { change: 'added', id: s.id };
  if (!s.after) return { change: 'dropped', id: s.oldId };
  return s.oldId !== s.id ? { change: 'renamed', id: s.id, from: s.oldId } : { change: 'modified', id: s.id };
}

/** What the step did to the member named `name` (undefined: nothing); a rename of it is followed through the intents. */
function memberChange(s: ObjectStep, name: string): Change | undefined {
  const renamed = s.renames.find((r) => r.to === memberId(s.id, name));
  const oldName = renamed ? lastPart(renamed.from) : name;
  const [after, before] = [memberJson(s.after?.object, name), memberJson(s.before?.object, oldName)];
  if (after === before) return undefined;
  const [id, from] = [memberId(s.id, name), memberId(s.oldId, oldName)];
  if (before === undefined) return { change: 'added', id, oldMember: oldName };
  if (after === undefined) return { change: 'dropped', id: from, oldMember: oldName };
  return oldName !== name ? { change: 'renamed', id, from, oldMember: oldName } : { change: 'modified', id, oldMember: oldName };
}
