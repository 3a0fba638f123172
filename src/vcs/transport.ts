/**
 * What fetch and push need from a remote, whatever carries it: the refs it has, a way
 * to bring objects here, and a way to send objects and move refs there. Two carriers:
 * smart HTTP through isomorphic-git (transport-http.ts) and a repository on this
 * machine, read and written through our own object store (transport-local.ts).
 */
import { remoteKind } from './remotes.js';
import { HttpTransport } from './transport-http.js';
import { LocalTransport } from './transport-local.js';

/** The refs of a remote: full name → object id, and the branch its HEAD names. */
export interface RemoteRefs {
  readonly refs: ReadonlyMap<string, string>;
  /** `refs/heads/…` that HEAD points to, when the remote says. */
  readonly head?: string;
}

/** One ref to move on the remote. */
export interface RefUpdate {
  /** The local ref whose value is sent (isomorphic-git pushes by ref name). */
  readonly local: string;
  /** The remote ref to move. */
  readonly remote: string;
  readonly oid: string;
  /** What the remote ref was when listed (`undefined`: it did not exist); the update is refused if it moved since. */
  readonly old: string | undefined;
}

export interface Transport {
  /** Redacted URL, safe to print. */
  readonly display: string;
  listRefs(): Promise<RemoteRefs>;
  /** Brings every object reachable from these remote refs into the local store. */
  fetchObjects(wants: readonly { ref: string; oid: string }[]): Promise<void>;
  /** Sends what the remote lacks and moves each ref (compare-and-swap against `old`). */
  pushRefs(updates: readonly RefUpdate[]): Promise<void>;
}

/** The transport for a remote URL of the repository at `gitDir`. */
export function openTransport(gitDir: string, remoteName: string, url: string): Transport {
  const kind = remoteKind(url);
  return kind.kind === 'http' ? new HttpTransport(gitDir, remoteName, kind.url) : new LocalTransport(gitDir, kind.gitDir);
}
