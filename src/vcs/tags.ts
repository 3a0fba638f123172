/**
 * Tags: `refs/tags/<name>`. redb writes annotated tags (a tag object with tagger,
 * date and message, which `git tag -n` and `git show` display) and reads lightweight
 * ones too. A tag names a commit wherever a revision is expected (peeled).
 */
import { completeSignature, formatSignature, parseSignature, type Signature, type SignatureInput } from './commit-format.js';
import { InvalidCommitError, ObjectTypeError, RefConflictError } from './errors.js';
import { makeObject } from './objects.js';
import { tagTarget } from './reachable.js';
import { assertBranchName } from './ref-format.js';
import { deleteRef, listRefs, writeRef } from './refs.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import { tagExists, tagNotFound } from './remote-errors.js';

const TAGS = 'refs/tags/';

export interface TagInfo {
  readonly name: string;
  /** The commit the tag names (peeled). */
  readonly commit: string;
  /** The tag object's id; undefined for a lightweight tag (the ref names the commit). */
  readonly tagObject?: string;
  readonly message?: string;
  readonly tagger?: Signature;
}

/**
 * Follows tag objects to the commit they name. Throws `ObjectTypeError` when the chain
 * ends at a tree or blob.
 */
export function peelToCommit(store: ObjectStore, oid: string): string {
  let at = oid;
  for (let depth = 0; depth < 10; depth++) {
    const obj = store.read(at);
    if (obj.type === 'commit') return at;
    if (obj.type !== 'tag') throw new ObjectTypeError(at, 'commit', obj.type);
    at = tagTarget(obj.body);
  }
  throw new ObjectTypeError(oid, 'commit', 'tag');
}

function parseTagBody(body: Uint8Array): { tagger?: Signature; message: string } {
  const text = Buffer.from(body).toString('utf8');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const line = head.split('\n').find((l) => l.startsWith('tagger '));
  return { ...(line ? { tagger: parseSignature('tag', line.slice(7)) } : {}), message: end < 0 ? '' : text.slice(end + 2).replace(/\n+$/u, '') };
}

function describe(store: ObjectStore, name: string, oid: string): TagInfo {
  const obj = store.read(oid);
  const commit = peelToCommit(store, oid);
  if (obj.type !== 'tag') return { name, commit };
  const { tagger, message } = parseTagBody(obj.body);
  return { name, commit, tagObject: oid, message, ...(tagger ? { tagger } : {}) };
}

/** Every tag, sorted by name. */
export async function listTags(gitDir: string): Promise<TagInfo[]> {
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  return (await listRefs(gitDir, TAGS)).map((r) => describe(store, r.ref.slice(TAGS.length), r.oid));
}

/** One tag, or undefined when there is none of that name. */
export async function readTag(gitDir: string, name: string): Promise<TagInfo | undefined> {
  return (await listTags(gitDir)).find((t) => t.name === name);
}

/**
 * Writes an annotated tag object for `commit` and creates `refs/tags/<name>`; refuses
 * (`E_TAG_EXISTS`) when the tag exists — tags do not move, as in git.
 *
 * @example
 * await createTag(gitDir, 'v1.4', headOid, { message: 'Release 1.4', tagger: { name: 'Ada', email: 'ada@example.com' } });
 */
export async function createTag(gitDir: string, name: string, commit: string, opts: { message?: string; tagger: SignatureInput }): Promise<TagInfo> {
  const ref = TAGS + name;
  assertBranchName(name);
  await assertRepository(gitDir);
  const store = new ObjectStore(gitDir);
  store.readAs(commit, 'commit');
  const tagger = completeSignature('tagger', opts.tagger);
  const message = (opts.message ?? name).replace(/\n*$/u, '\n');
  if (!message.trim()) throw new InvalidCommitError('message', 'it is empty');
  const tag = makeObject('tag', Buffer.from(`object ${commit}\ntype commit\ntag ${name}\ntagger ${formatSignature(tagger)}\n\n${message}`, 'utf8'));
  if ((await listRefs(gitDir, ref)).some((r) => r.ref === ref)) throw tagExists(name);
  await store.writeMissing([tag]);
  try {
    await writeRef(gitDir, ref, tag.oid, { expected: null });
  } catch (e) {
    if (e instanceof RefConflictError) throw tagExists(name);
    throw e;
  }
  return describe(new ObjectStore(gitDir), name, tag.oid);
}

/** Deletes a tag; `E_NO_TAG` when there is none of that name. Returns what it was. */
export async function deleteTag(gitDir: string, name: string): Promise<TagInfo> {
  assertBranchName(name);
  const tags = await listTags(gitDir);
  const tag = tags.find((t) => t.name === name);
  if (!tag) throw tagNotFound(name, tags.map((t) => t.name));
  await deleteRef(gitDir, TAGS + name);
  return tag;
}
