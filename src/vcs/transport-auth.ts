/**
 * Credentials for HTTP remotes, looked up only when a server asks (HTTP 401) and
 * never stored: `REDB_GIT_TOKEN` (user name `REDB_GIT_USERNAME`, default `oauth2`,
 * which GitHub, GitLab and Gitea accept with a token as the password), else stock
 * git's credential helpers and `GIT_ASKPASS` through `git credential fill` — without
 * a terminal prompt, so a CI run fails instead of hanging.
 */
import { spawnSync } from 'node:child_process';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Where they came from, for the error when the server refuses them. */
  readonly source: 'REDB_GIT_TOKEN' | 'git credential';
}

/** What `git credential fill` knows for this URL (helpers, GIT_ASKPASS), or undefined. */
function credentialHelper(url: string): Credentials | undefined {
  const u = new URL(url);
  const input = `protocol=${u.protocol.replace(/:$/u, '')}\nhost=${u.host}\npath=${u.pathname.replace(/^\//u, '')}\n\n`;
  const r = spawnSync('git', ['credential', 'fill'], {
    input,
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  if (r.status !== 0 || !r.stdout) return undefined;
  const fields = new Map(r.stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
  const password = fields.get('password');
  return password ? { username: fields.get('username') ?? 'oauth2', password, source: 'git credential' } : undefined;
}

/** Credentials for a server that asked for them, from the environment first. */
export function findCredentials(url: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const token = env.REDB_GIT_TOKEN;
  if (token) return { username: env.REDB_GIT_USERNAME || 'oauth2', password: token, source: 'REDB_GIT_TOKEN' };
  return credentialHelper(url);
}
