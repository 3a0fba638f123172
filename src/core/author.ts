/** Who a commit is by, found the way git finds it: environment, then configuration. */
import { execFileSync } from 'node:child_process';
import { hostname, userInfo } from 'node:os';
import type { Workspace } from './workspace.js';

export interface Author {
  name: string;
  email: string;
}

/** git's settings, asked once a process: each ask is a `git` process (a migration deploys twice, a deploy records twice). */
const asked = new Map<string, string | undefined>();

function gitConfig(key: string): string | undefined {
  if (asked.has(key)) return asked.get(key);
  let value: string | undefined;
  try {
    value = execFileSync('git', ['config', '--get', key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    value = undefined;
  }
  asked.set(key, value);
  return value;
}

/** GIT_AUTHOR_NAME/EMAIL, then redb.yaml's `author`, then git's user.name/email, then the login. */
export function resolveAuthor(ws: Workspace): Author {
  const env = process.env;
  const name = env.GIT_AUTHOR_NAME ?? ws.config.author?.name ?? gitConfig('user.name') ?? userInfo().username;
  const email = env.GIT_AUTHOR_EMAIL ?? ws.config.author?.email ?? gitConfig('user.email') ?? `${userInfo().username}@${hostname()}`;
  return { name, email };
}
