/**
 * `redb blame OBJECT`: who last changed each part of an object. A table's parts are its
 * members (columns, constraints, indexes, triggers, policies); a view's or routine's
 * are the lines of its definition; any other kind is one part, the object itself.
 * Walks the object's history (object-history.ts) newest first, following rename
 * intents, until every part has its commit.
 */
import { diffArrays } from 'diff';
import * as vcs from '../vcs/index.js';
import { usageError } from '../errors.js';
import type { BranchRef } from './branches.js';
import { toInfo } from './history.js';
import { lastPart, memberId, normalId, objectAt, objectSteps, parseTarget, type ObjectJson, type ObjectStep } from './object-history.js';
import { memberJson, membersOf } from './object-members.js';
import type { Workspace } from './workspace.js';

/** The commit a part was last changed in. */
export interface BlameCommit {
  commit: string;
  author: { name: string; email: string };
  /** ISO 8601. */
  date: string;
  /** The first line of the message. */
  summary: string;
}

export interface BlameMember extends BlameCommit {
  kind: string;
  field: string;
  name: string;
}

export interface BlameLine extends BlameCommit {
  /** 1-based. */
  line: number;
  text: string;
}

export interface BlameResult {
  id: string;
  kind: string;
  /** The revision blamed, resolved. */
  rev: string;
  members?: BlameMember[];
  lines?: BlameLine[];
  /** For a kind with neither members nor a definition: the last commit that changed it. */
  object?: BlameCommit;
}

/** The text a view or routine is made of, if the kind has one. */
const TEXT_FIELDS = ['definition', 'body'] as const;
const textOf = (o: ObjectJson | undefined): string | undefined => {
  for (const f of TEXT_FIELDS) if (typeof o?.[f] === 'string') return o[f] as string;
  return undefined;
};
const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');

function blameCommit(c: vcs.CommitRecord): BlameCommit {
  const info = toInfo(c);
  return { commit: info.commit, author: info.author, date: info.date, summary: info.message.split('\n')[0] };
}

export async function blame(ws: Workspace, ref: BranchRef, objectArg: string, rev?: string): Promise<BlameResult> {
  const target = parseTarget(objectArg);
  if (target.member !== undefined) {
    throw usageError('E_NO_OBJECT', `blame names an object, not a member: ${objectArg}`, `blame the table instead (redb blame ${target.object}), or list the member's commits with: redb log -- ${objectArg}`);
  }
  const gitDir = ws.repoGitDir(ref.repo);
  return blameAt(gitDir, await vcs.resolveRevision(gitDir, rev ?? ref.branch, ref.branch), target.object, rev ?? ref.branch);
}

/** Blame of the object `id` at commit `start` of a repository (`label`: how the user named the revision). */
export async function blameAt(gitDir: string, start: string, id: string, label = start.slice(0, 10)): Promise<BlameResult> {
  const target = { object: id };
  const tip = await objectAt(gitDir, (await vcs.readCommit(gitDir, start)).tree, target.object);
  if (!tip) throw usageError('E_NO_OBJECT', `no object ${target.object} at ${label}`, 'objects are named by schema-qualified id, e.g. public.users (`redb show REV` lists what a commit changed)');
  const base = { id: normalId(tip.object.id), kind: tip.object.kind, rev: start };
  const steps = objectSteps(gitDir, start, target.object);
  const text = textOf(tip.object);
  if (text !== undefined) return { ...base, lines: await blameLines(steps, text) };
  const members = membersOf(tip.object);
  if (members.length) return { ...base, members: await blameMembers(steps, members) };
  const first = (await steps.next()).value as ObjectStep | undefined;
  await steps.return(undefined);
  return first ? { ...base, object: blameCommit(first.commit) } : base;
}

/** Each member gets the newest commit whose version of it differs from the parent's (a rename is a change). */
async function blameMembers(steps: AsyncGenerator<ObjectStep>, tipMembers: ReturnType<typeof membersOf>): Promise<BlameMember[]> {
  const open = tipMembers.map((m) => ({ member: m, name: m.name, found: undefined as BlameCommit | undefined }));
  for await (const s of steps) {
    for (const o of open) {
      if (o.found) continue;
      const renamed = s.renames.find((r) => r.to === memberId(s.id, o.name));
      const oldName = renamed ? lastPart(renamed.from) : o.name;
      const now = memberJson(s.after?.object, o.name, o.member.field);
      const then = memberJson(s.before?.object, oldName, o.member.field);
      if (now !== then) o.found = blameCommit(s.commit);
      else o.name = oldName;
    }
    if (open.every((o) => o.found)) break;
  }
  return open.map((o) => ({ kind: o.member.kind, field: o.member.field, name: o.member.name, ...(o.found as BlameCommit) }));
}

/** Each line of the definition gets the newest commit that brought it in, following lines through the line diff of each change. */
async function blameLines(steps: AsyncGenerator<ObjectStep>, text: string): Promise<BlameLine[]> {
  const open = linesOf(text).map((t, i) => ({ text: t, line: i + 1, at: i as number, found: undefined as BlameCommit | undefined }));
  for await (const s of steps) {
    const [now, then] = [textOf(s.after?.object), textOf(s.before?.object)];
    if (now === then) continue;
    const back = then === undefined ? new Map<number, number>() : lineMap(linesOf(now ?? ''), linesOf(then));
    for (const o of open) {
      if (o.found) continue;
      const older = back.get(o.at);
      if (older === undefined) o.found = blameCommit(s.commit);
      else o.at = older;
    }
    if (open.every((o) => o.found)) break;
  }
  return open.map((o) => ({ line: o.line, text: o.text, ...(o.found as BlameCommit) }));
}

/** For each line of `now` that `then` has too (by a line diff), its index in `then`. */
function lineMap(now: string[], then: string[]): Map<number, number> {
  const map = new Map<number, number>();
  let [i, j] = [0, 0];
  for (const part of diffArrays(then, now)) {
    const n = part.count ?? part.value.length;
    if (part.added) i += n;
    else if (part.removed) j += n;
    else for (let k = 0; k < n; k++) map.set(i++, j++);
  }
  return map;
}
