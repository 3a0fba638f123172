/**
 * Push: sends branches (or tags), and with them the deploy records, to a remote —
 * fast-forwards only. Everything is checked before anything is sent: a branch whose
 * remote head is not in our history refuses the whole push (`E_NON_FAST_FORWARD`, pull
 * first). Deploy refs (`refs/redb/deploys/*`) go when the remote has none or an
 * older one on the same line; otherwise the remote's record is kept and reported.
 * Deploy notes are first merged with the remote's (notes-merge.ts), so both teams'
 * notes survive.
 */
import type { SignatureInput } from './commit-format.js';
import { BranchNotFoundError } from './errors.js';
import { integrateNotes } from './notes-merge.js';
import { isAncestor } from './reachable.js';
import { listRefs, readRef, writeRef } from './refs.js';
import { assertRepository } from './repo.js';
import { nonFastForward, tagConflict } from './remote-errors.js';
import { ObjectStore } from './store.js';
import type { RefUpdate, Transport } from './transport.js';

export interface PushRequest {
  /** Branches to push (ignored with `tags`). */
  readonly branches: readonly string[];
  /** Push every tag instead of branches. */
  readonly tags?: boolean;
}

export interface PushedRef {
  readonly ref: string;
  readonly old?: string;
  readonly oid: string;
  /** `kept`: a deploy ref whose remote record is not older than ours was left alone. */
  readonly status: 'new' | 'updated' | 'up to date' | 'kept';
}

/** A branch, tag or record that is new on the remote or moves forward there. */
function forward(store: ObjectStore, old: string | undefined, oid: string): boolean {
  return old === undefined || (store.has(old) && isAncestor(store, old, oid));
}

async function mergeRemoteNotes(gitDir: string, transport: Transport, remote: ReadonlyMap<string, string>, author: SignatureInput): Promise<void> {
  const store = new ObjectStore(gitDir);
  for (const [ref, oid] of remote) {
    if (!ref.startsWith('refs/notes/') || (await readRef(gitDir, ref)) === undefined) continue;
    if (!store.has(oid)) await transport.fetchObjects([{ ref, oid }]);
    await integrateNotes(gitDir, ref, oid, author);
  }
}

/**
 * Pushes to `transport` (remote `remoteName`); moves `refs/remotes/R/B` for each
 * pushed branch, as git does. Returns every ref considered.
 *
 * @example
 * await pushRemote(gitDir, 'origin', openTransport(gitDir, 'origin', url), { branches: ['main'] }, author);
 */
export async function pushRemote(gitDir: string, remoteName: string, transport: Transport, req: PushRequest, author: SignatureInput): Promise<PushedRef[]> {
  await assertRepository(gitDir);
  const listing = await transport.listRefs();
  await mergeRemoteNotes(gitDir, transport, listing.refs, author);
  const store = new ObjectStore(gitDir);
  const local = new Map((await listRefs(gitDir)).map((r) => [r.ref, r.oid]));
  const out: PushedRef[] = [];
  const updates: RefUpdate[] = [];
  const consider = (ref: string, oid: string, onBehind: () => PushedRef | never): void => {
    const old = listing.refs.get(ref);
    const base = { ref, ...(old ? { old } : {}), oid };
    if (old === oid) out.push({ ...base, status: 'up to date' });
    else if (forward(store, old, oid)) {
      out.push({ ...base, status: old ? 'updated' : 'new' });
      updates.push({ local: ref, remote: ref, oid, old });
    } else out.push(onBehind());
  };
  if (req.tags) {
    for (const [ref, oid] of local) if (ref.startsWith('refs/tags/')) consider(ref, oid, () => { throw tagConflict(ref.slice('refs/tags/'.length)); });
  } else {
    for (const branch of req.branches) {
      const ref = `refs/heads/${branch}`;
      const oid = local.get(ref);
      if (!oid) throw new BranchNotFoundError(branch, [...local.keys()].filter((r) => r.startsWith('refs/heads/')).map((r) => r.slice(11)));
      consider(ref, oid, () => { throw nonFastForward(branch, remoteName); });
    }
  }
  for (const [ref, oid] of local) {
    if (ref.startsWith('refs/redb/deploys/')) consider(ref, oid, () => ({ ref, old: listing.refs.get(ref)!, oid, status: 'kept' }));
    if (ref.startsWith('refs/notes/')) consider(ref, oid, () => ({ ref, old: listing.refs.get(ref)!, oid, status: 'kept' }));
  }
  await transport.pushRefs(updates);
  for (const u of updates) {
    if (!u.remote.startsWith('refs/heads/')) continue;
    const tracking = `refs/remotes/${remoteName}/${u.remote.slice('refs/heads/'.length)}`;
    await writeRef(gitDir, tracking, u.oid);
  }
  return out;
}
