/**
 * A real smart-HTTP git server for tests: stock `git http-backend` behind a small node
 * server (git-http-server.mjs, its own process), serving the bare repositories under
 * `root` at `URL/NAME.git`. With `token`, every request must carry HTTP basic auth whose
 * password is the token (any user name), like a private GitHub or GitLab repository.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GitHttpServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request so far: method, URL, and whether it carried the token. */
  requests(): { method: string; url: string; authorized: boolean }[];
  close(): void;
}

/** Starts the server; `close()` stops it. */
export async function startGitHttpServer(root: string, opts: { token?: string } = {}): Promise<GitHttpServer> {
  const log = join(root, `.requests-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(log, '');
  const child = spawn(process.execPath, [new URL('./git-http-server.mjs', import.meta.url).pathname, root, log, ...(opts.token ? [opts.token] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString('utf8').trim()));
    child.once('exit', (code) => reject(new Error(`git http server exited with ${code}`)));
  });
  return {
    url,
    requests: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    close: () => void child.kill(),
  };
}
