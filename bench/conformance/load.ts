/**
 * Loading a pair into PostgreSQL the way the corpus was validated: each SQL field is
 * one `psql -X -q -v ON_ERROR_STOP=1 -f -` script (autocommit per statement, psql-only
 * syntax such as `COPY … FROM stdin` works), plus the cluster-wide roles and the
 * `flags.user` set-up of the corpus README.
 */
import { spawn } from 'node:child_process';
import type { Connection } from '../../adapters/types.js';

/** The role sqldef's `flags.user` cases run as; its search_path puts their objects in `foo`. */
export const CASE_USER = 'psqldef_user';
export const CASE_USER_SCHEMA = 'foo';

/** Roles the corpus expects to exist in the cluster (roles are global, so D and W share them). */
export const CLUSTER_ROLES: readonly string[] = [
  'schemainspect_test_role',
  CASE_USER,
  'readonly_user', 'app_user', 'admin_role', 'user-with-dash', 'user.with.dot', 'user with spaces', 'CamelCaseUser',
  'UPPERCASE_USER', 'user1', 'user2', 'user3', 'user4', 'My User', 'reader', 'writer', 'admin', 'reader1', 'reader2',
  'writer1', 'writer2', 'role1', 'role2', 'power_user', 'user@domain.com',
];

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** The server URL pointing at another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * Creates the cluster-wide roles that do not exist yet (idempotent, safe to run
 * concurrently with another run: a role created meanwhile is not an error).
 */
export async function ensureRoles(admin: Connection): Promise<void> {
  for (const role of CLUSTER_ROLES) {
    const login = role === CASE_USER ? ' LOGIN' : '';
    await admin.exec(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN
        CREATE ROLE ${quoteIdent(role)}${login};
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  }
  await admin.exec(`ALTER ROLE ${quoteIdent(CASE_USER)} LOGIN`);
  await admin.exec(`ALTER ROLE ${quoteIdent(CASE_USER)} SET search_path TO ${CASE_USER_SCHEMA}, public`);
}

/** What a failed psql run said: its first ERROR line (with psql's `<stdin>:line` position). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

function firstError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const err = lines.find((l) => /\b(ERROR|FATAL|PANIC):/.test(l)) ?? lines.find((l) => !/\bNOTICE:|\bWARNING:/.test(l)) ?? lines[0];
  return (err ?? 'psql failed without a message').replace(/^psql:<stdin>:/, 'line ');
}

/**
 * Runs `sql` as one psql script against `url`; resolves when psql exits 0, rejects
 * with a LoadError naming the first error otherwise. `as` runs the script as that role
 * (SET ROLE plus the role's search_path), which needs no password for the role.
 */
export function runPsql(url: string, sql: string, opts: { as?: string; timeoutMs?: number } = {}): Promise<void> {
  const prefix = opts.as ? `SET ROLE ${quoteIdent(opts.as)};\nSET search_path TO ${CASE_USER_SCHEMA}, public;\n` : '';
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      // synchronous_commit=off: autocommit per statement would otherwise wait for a WAL
      // flush after every statement; it changes durability only, never the schema
      env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning -c synchronous_commit=off', PGAPPNAME: 'redb-conformance', PGCONNECT_TIMEOUT: '10' },
    });
    let stderr = '';
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (stderr.length < 64_000) stderr += d;
    });
    child.stdin.on('error', () => {}); // psql stopped reading (it failed early): the exit code says why
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new LoadError(`cannot run psql: ${err.message}`, ''));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new LoadError(signal ? `psql killed (${signal})` : firstError(stderr), stderr));
    });
    child.stdin.end(`${prefix}${sql}\n`);
  });
}

/** The role scripts of a case run as (`flags.user`), if any. */
export function caseUser(flags: Readonly<Record<string, unknown>>): string | undefined {
  return typeof flags.user === 'string' && flags.user !== '' ? flags.user : undefined;
}

/** What a `flags.user` case needs in each fresh database before its scripts run as the user. */
export function userSetupSql(database: string, user: string): string {
  return `GRANT ALL ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(user)};\nCREATE SCHEMA ${CASE_USER_SCHEMA} AUTHORIZATION ${quoteIdent(user)};\n`;
}

/** Prepares a fresh database for a `flags.user` case (as the admin user). */
export async function prepareForUser(url: string, database: string, user: string, timeoutMs?: number): Promise<void> {
  await runPsql(url, userSetupSql(database, user), { timeoutMs });
}

/**
 * Loads the scripts, in order, each as its own psql run (empty ones skipped), as
 * `opts.user` when given. Throws a LoadError that names the field that failed.
 */
export async function loadScripts(url: string, scripts: readonly (readonly [string, string])[], opts: { user?: string; timeoutMs?: number } = {}): Promise<void> {
  for (const [field, sql] of scripts) {
    if (sql.trim() === '') continue;
    try {
      await runPsql(url, sql, { as: opts.user, timeoutMs: opts.timeoutMs });
    } catch (err) {
      const e = err as LoadError;
      throw new LoadError(`${field}: ${e.message}`, e.stderr);
    }
  }
}

/** Fresh, empty database from template0 (no objects a site added to template1). */
export async function createDatabase(admin: Connection, name: string): Promise<void> {
  await admin.exec(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
}

/** Drops a database, ending any session still in it (a timed-out case's). */
export async function dropDatabase(admin: Connection, name: string): Promise<void> {
  await admin.exec(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}
