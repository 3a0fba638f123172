/**
 * Smart-HTTP remotes (GitHub, GitLab, Gitea, `git http-backend`) through
 * isomorphic-git's HTTP transport. isomorphic-git's fetch asks for the branches and
 * tags plus one named ref per call, so the few redb refs outside those (a deploy ref
 * of a commit on no branch, the deploy notes) are asked for one by one; its push
 * sends one ref per call. Ref bookkeeping stays in fetch.ts/push.ts, the same for
 * every transport.
 */
import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { redactUrl } from '../config/redact.js';
import { nonFastForward, remoteUnavailable } from './remote-errors.js';
import { ObjectStore } from './store.js';
import { findCredentials, type Credentials } from './transport-auth.js';
import type { RefUpdate, RemoteRefs, Transport } from './transport.js';

export class HttpTransport implements Transport {
  readonly display: string;
  private credentials: Credentials | undefined;

  constructor(
    private readonly gitDir: string,
    private readonly remoteName: string,
    private readonly url: string,
  ) {
    this.display = redactUrl(url);
  }

  /** isomorphic-git's callbacks: credentials once asked, and no retry with the same ones. */
  private auth() {
    return {
      onAuth: () => {
        this.credentials ??= findCredentials(this.url);
        return this.credentials ? { username: this.credentials.username, password: this.credentials.password } : { cancel: true };
      },
      onAuthFailure: () => ({ cancel: true }),
    };
  }

  /** An isomorphic-git failure as a redb error that names the URL (redacted) and never a credential. */
  private failure(e: unknown, ref = 'refs/heads/main'): Error {
    const err = e as { code?: string; data?: { statusCode?: number; reason?: string }; message?: string };
    const status = err.data?.statusCode;
    if (err.code === 'UserCanceledError' || status === 401 || status === 403) {
      const why = this.credentials
        ? `the server refused the credentials from ${this.credentials.source} (HTTP ${status ?? 401})`
        : 'the server asks for credentials and none were found';
      return remoteUnavailable(this.display, why, 'set REDB_GIT_TOKEN to a token with access to the repository (and REDB_GIT_USERNAME if the server needs a user name), or configure a git credential helper');
    }
    if (status === 404) return remoteUnavailable(this.display, 'the server has no repository at that URL (HTTP 404)', 'check the URL: `redb remote list`');
    // the ref moved on the server between our listing and the push: the same refusal as before the push
    if ((err.code === 'PushRejectedError' && err.data?.reason === 'not-fast-forward') || err.code === 'NotFoundError') return nonFastForward(ref.replace(/^refs\/heads\//u, ''), this.remoteName);
    return remoteUnavailable(this.display, String(err.message ?? e).replace(this.url, this.display));
  }

  async listRefs(): Promise<RemoteRefs> {
    try {
      const listed = await git.listServerRefs({ http, url: this.url, protocolVersion: 1, symrefs: true, ...this.auth() });
      const refs = new Map<string, string>();
      let head: string | undefined;
      for (const r of listed) {
        if (r.ref === 'HEAD') head = r.target;
        else if (r.ref.startsWith('refs/') && !r.ref.endsWith('^{}')) refs.set(r.ref, r.oid);
      }
      return { refs, ...(head?.startsWith('refs/heads/') ? { head } : {}) };
    } catch (e) {
      throw this.failure(e);
    }
  }

  async fetchObjects(wants: readonly { ref: string; oid: string }[]): Promise<void> {
    if (!wants.length) return;
    const common = { fs, http, gitdir: this.gitDir, url: this.url, remote: this.remoteName, ...this.auth() };
    try {
      // branches, tags and the first wanted ref in one round trip
      await git.fetch({ ...common, remoteRef: wants[0].ref, tags: true, singleBranch: false });
      for (const w of wants.slice(1)) {
        if (new ObjectStore(this.gitDir).has(w.oid)) continue;
        await git.fetch({ ...common, remoteRef: w.ref, singleBranch: true, tags: false });
      }
    } catch (e) {
      throw this.failure(e);
    }
    const store = new ObjectStore(this.gitDir);
    const lacking = wants.filter((w) => !store.has(w.oid));
    if (lacking.length) throw remoteUnavailable(this.display, `the server did not send ${lacking.map((w) => w.ref).join(', ')}`);
  }

  async pushRefs(updates: readonly RefUpdate[]): Promise<void> {
    for (const u of updates) {
      let result: git.PushResult;
      try {
        // not forced: the caller pushes fast-forwards only, and isomorphic-git checks again against what the server says now
        result = await git.push({ fs, http, gitdir: this.gitDir, url: this.url, ref: u.local, remoteRef: u.remote, force: false, ...this.auth() });
      } catch (e) {
        throw this.failure(e, u.remote);
      }
      const status = result.refs[u.remote];
      if (!result.ok || (status && !status.ok)) throw remoteUnavailable(this.display, `the server refused ${u.remote}: ${status?.error ?? result.error ?? 'no reason given'}`, `fetch and try again: \`redb fetch ${this.remoteName}\``);
    }
  }
}
