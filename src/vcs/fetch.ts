/**
 * Fetch: brings a remote's branches, tags, deploy refs and notes into this
 * repository, then records them the way git does — whatever the transport.
 * - `refs/heads/B`  → `refs/remotes/R/B` (always moved, like git's `+` refspec), and
 *   the remote's HEAD as the symbolic `refs/remotes/R/HEAD`;
 * - `refs/tags/T`   → `refs/tags/T` when there is no local tag of that name (a local
 *   tag is never moved, as in git);
 * - `refs/redb/X`   → `refs/redb/remotes/R/X` (deploy records of the team, beside
 *   this repository's own `refs/redb/deploys/*`, which only a local deploy writes);
 * - `refs/notes/N`  → merged into the local `refs/notes/N` (notes only grow).
 */
import type { SignatureInput } from './commit-format.js';
import { integrateNotes } from './notes-merge.js';
import { listRefs, readRef, readSymbolicRef, writeRef, writeSymbolicRef } from './refs.js';
import { assertRepository } from './repo.js';
import { ObjectStore } from './store.js';
import type { RemoteRefs, Transport } from './transport.js';

/** One ref this fetch created or moved. */
export interface FetchedRef {
  /** The local ref written. */
  readonly ref: string;
  readonly old?: string;
  readonly oid: string;
  /** `kept`: a local tag of that name names something else, so it was left alone. */
  readonly status: 'new' | 'updated' | 'kept' | 'merged';
}

export interface FetchResult {
  readonly refs: readonly FetchedRef[];
  /** What the remote's listing said (push and pull reuse it). */
  readonly remoteRefs: RemoteRefs;
}

/** Remote refs that travel, and where each lands locally (undefined: it does not travel). */
export function localRefFor(remoteName: string, remoteRef: string): string | undefined {
  if (remoteRef.startsWith('refs/heads/')) return `refs/remotes/${remoteName}/${remoteRef.slice('refs/heads/'.length)}`;
  if (remoteRef.startsWith('refs/tags/') || remoteRef.startsWith('refs/notes/')) return remoteRef;
  if (remoteRef.startsWith('refs/redb/') && !remoteRef.startsWith('refs/redb/remotes/')) return `refs/redb/remotes/${remoteName}/${remoteRef.slice('refs/redb/'.length)}`;
  return undefined;
}

/**
 * Fetches from `transport` into `gitDir` as remote `remoteName`. `author` signs a
 * notes merge commit when both sides added notes.
 *
 * @example
 * const { refs } = await fetchRemote(gitDir, 'origin', openTransport(gitDir, 'origin', url), author);
 */
export async function fetchRemote(gitDir: string, remoteName: string, transport: Transport, author: SignatureInput): Promise<FetchResult> {
  await assertRepository(gitDir);
  const remoteRefs = await transport.listRefs();
  const travelling = [...remoteRefs.refs].filter(([ref]) => localRefFor(remoteName, ref) !== undefined);
  const store = new ObjectStore(gitDir);
  // branches first: one HTTP round trip brings them and the tags; the rest are asked for when still missing
  const wants = travelling
    .filter(([, oid]) => !store.has(oid))
    .map(([ref, oid]) => ({ ref, oid }))
    .sort((a, b) => Number(!a.ref.startsWith('refs/heads/')) - Number(!b.ref.startsWith('refs/heads/')));
  // before the transport runs: isomorphic-git writes remote-tracking refs and new tags itself
  const before = new Map((await listRefs(gitDir)).map((r) => [r.ref, r.oid]));
  await transport.fetchObjects(wants);

  const out: FetchedRef[] = [];
  for (const [remoteRef, oid] of travelling) {
    const ref = localRefFor(remoteName, remoteRef)!;
    const old = before.get(ref);
    if (ref.startsWith('refs/notes/')) {
      const how = await integrateNotes(gitDir, ref, oid, author);
      if (how !== 'up to date') out.push({ ref, ...(old ? { old } : {}), oid: (await readRef(gitDir, ref))!, status: how === 'created' ? 'new' : how === 'merged' ? 'merged' : 'updated' });
      continue;
    }
    if (ref.startsWith('refs/tags/') && old !== undefined) {
      if (old !== oid) out.push({ ref, old, oid, status: 'kept' });
      continue;
    }
    if (old === oid) continue;
    const now = await readRef(gitDir, ref);
    if (now !== oid) await writeRef(gitDir, ref, oid, { expected: now ?? null });
    out.push({ ref, ...(old ? { old } : {}), oid, status: old ? 'updated' : 'new' });
  }
  if (remoteRefs.head && remoteRefs.refs.has(remoteRefs.head)) {
    const target = localRefFor(remoteName, remoteRefs.head)!;
    if ((await readSymbolicRef(gitDir, `refs/remotes/${remoteName}/HEAD`)) !== target) await writeSymbolicRef(gitDir, target, `refs/remotes/${remoteName}/HEAD`);
  }
  return { refs: out.sort((a, b) => (a.ref < b.ref ? -1 : 1)), remoteRefs };
}
