/**
 * A remote on this machine (a path or `file://`): isomorphic-git has no file
 * transport, and none is needed — both ends are object stores we read and write
 * in-process. Fetch copies the objects this repository lacks; push copies the other
 * way and moves the remote's refs with the same compare-and-swap as local commits.
 */
import { remoteUnavailable } from './remote-errors.js';
import { listRefs, readSymbolicRef, writeRef } from './refs.js';
import { missingObjects } from './reachable.js';
import { isRepository } from './repo.js';
import { ObjectStore } from './store.js';
import type { RefUpdate, RemoteRefs, Transport } from './transport.js';

export class LocalTransport implements Transport {
  readonly display: string;

  constructor(
    private readonly gitDir: string,
    private readonly remoteDir: string,
  ) {
    this.display = remoteDir;
  }

  private async assertRemote(): Promise<void> {
    if (!(await isRepository(this.remoteDir))) {
      throw remoteUnavailable(this.display, 'there is no git repository there', 'check the path; a shared repository is created with `git init --bare PATH` or by a first `redb push`');
    }
  }

  async listRefs(): Promise<RemoteRefs> {
    await this.assertRemote();
    const refs = new Map((await listRefs(this.remoteDir)).map((r) => [r.ref, r.oid] as const));
    const head = await readSymbolicRef(this.remoteDir, 'HEAD');
    return { refs, ...(head?.startsWith('refs/heads/') ? { head } : {}) };
  }

  async fetchObjects(wants: readonly { ref: string; oid: string }[]): Promise<void> {
    const local = new ObjectStore(this.gitDir);
    await local.writeMissing(missingObjects(new ObjectStore(this.remoteDir), local, wants.map((w) => w.oid)));
  }

  async pushRefs(updates: readonly RefUpdate[]): Promise<void> {
    await this.assertRemote();
    const remote = new ObjectStore(this.remoteDir);
    // objects first, refs after: the remote never has a ref to an object it lacks
    await remote.writeMissing(missingObjects(new ObjectStore(this.gitDir), remote, updates.map((u) => u.oid)));
    for (const u of updates) await writeRef(this.remoteDir, u.remote, u.oid, { expected: u.old ?? null });
  }
}
