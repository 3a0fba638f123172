/**
 * The action's inputs, read from the environment its `action.yml` sets (`REDB_ACTION_*`;
 * the database URL only ever as `REDB_DATABASE_URL`, never an argument or a file). A
 * wrong value is a usage error that names the input and the values it takes.
 *
 * @example
 * readInputs({ REDB_ACTION_COMMAND: 'plan', REDB_ACTION_FAIL_ON: 'destructive' });
 */
import { usageError } from '../errors.js';

export const COMMANDS = ['plan', 'deploy'] as const;
export const FAIL_ON = ['destructive', 'changes', 'never'] as const;

export interface ActionInputs {
  /** plan: report the plan (pull requests); deploy: apply it (the main branch). */
  readonly command: (typeof COMMANDS)[number];
  /** The redb workspace (a folder with redb.yaml); default the current folder. */
  readonly workspace: string;
  /** The repository (default: the only one in the workspace). */
  readonly repo?: string;
  /** The branch whose head is planned or deployed. */
  readonly branch: string;
  /** The target's connection name in the workspace; connected to `REDB_DATABASE_URL` when the workspace has no such name. */
  readonly database: string;
  readonly allowDestructive: boolean;
  /** What fails a plan run: a plan that destroys data (exit 3), any change (exit 2), or nothing. */
  readonly failOn: (typeof FAIL_ON)[number];
}

function oneOf<T extends string>(name: string, value: string | undefined, options: readonly T[], fallback: T): T {
  const v = value?.trim() || fallback;
  if (!(options as readonly string[]).includes(v)) throw usageError('E_USAGE', `input ${name} is ${JSON.stringify(v)}`, `use one of: ${options.join(', ')}`);
  return v as T;
}

function bool(name: string, value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw usageError('E_USAGE', `input ${name} is ${JSON.stringify(value)}`, 'use true or false');
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const repo = env.REDB_ACTION_REPO?.trim();
  return {
    command: oneOf('command', env.REDB_ACTION_COMMAND, COMMANDS, 'plan'),
    workspace: env.REDB_ACTION_WORKSPACE?.trim() || '.',
    ...(repo ? { repo } : {}),
    branch: env.REDB_ACTION_BRANCH?.trim() || 'main',
    database: env.REDB_ACTION_DATABASE?.trim() || 'target',
    allowDestructive: bool('allow-destructive', env.REDB_ACTION_ALLOW_DESTRUCTIVE),
    failOn: oneOf('fail-on', env.REDB_ACTION_FAIL_ON, FAIL_ON, 'destructive'),
  };
}
