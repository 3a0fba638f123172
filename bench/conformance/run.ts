/**
 * `npm run conformance`: redb's plan, apply and rollback measured on the corpus pairs
 * (other projects' schema-change tests) against a real PostgreSQL server, or with
 * `--dialect sqlite` on SQLite database files (bench/conformance/sqlite.ts), or with
 * `--dialect mysql` on scratch databases of a MySQL/MariaDB server (bench/conformance/mysql.ts).
 *
 *   npm run conformance -- [--dialect postgres|sqlite|mysql] [--pairs FILE] [--out report.json]
 *                          [--filter SUBSTR] [--limit N] [--jobs N] [--timeout SECONDS]
 *                          [--min-forward PCT] [--min-rollback PCT] [--verbose] [--fresh]
 *                          [--min-dump-forward PCT] [--min-dump-rollback PCT] [--no-dump]
 *
 * Server: env REDB_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); for
 * mysql REDB_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/test); --url overrides.
 * Corpus: env REDB_CORPUS (default <repo>/../shared/corpus); pairs default to
 * <corpus>/_pairs/<dialect>.jsonl. Prints `FAIL <id>: <phase>: <reason>` per failing case,
 * then the failure categories, on PostgreSQL the cases whose pg_dump differs and the
 * model, pg_dump and combined rates, then exactly two summary lines. Exit code 0 unless a
 * --min-* threshold is not met (1) or the run itself cannot start (2).
 * See docs/conformance.md.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { postgresAdapter } from '../../adapters/postgres/index.js';
import { redactUrl } from '../../src/config/url-secrets.js';
import type { Connection } from '../../adapters/types.js';
import { readCases, readStatus, selectCases, statusFileFor } from './cases.js';
import { DatabasePool } from './databases.js';
import { dropDatabase, ensureRoles } from './load.js';
import { runPool } from './pool.js';
import { dumpReportLines } from './dump-report.js';
import { findPgDump } from './referee.js';
import { runSqliteCase } from './sqlite.js';
import { MysqlScratch, runMysqlCases } from './mysql.js';
import { categorize, failLine, summarize, summaryLines, writeReport, type CaseResult, type ReportMeta } from './report.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function fail(message: string): never {
  process.stderr.write(`conformance: ${message}\n`);
  process.exit(2);
}

function number(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) fail(`--${name} must be a number ≥ ${min}, not ${JSON.stringify(value)}`);
  return n;
}

const { values: opts } = (() => {
  try {
    return parseArgs({
      options: {
        dialect: { type: 'string', default: 'postgres' },
        pairs: { type: 'string' },
        out: { type: 'string' },
        filter: { type: 'string' },
        limit: { type: 'string' },
        jobs: { type: 'string', default: '2' },
        timeout: { type: 'string', default: '60' },
        'min-forward': { type: 'string' },
        'min-rollback': { type: 'string' },
        'min-dump-forward': { type: 'string' },
        'min-dump-rollback': { type: 'string' },
        url: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        fresh: { type: 'boolean', default: false },
        'no-dump': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

const DIALECTS: Readonly<Record<string, { readonly engine: string }>> = { postgres: { engine: 'pg15' }, sqlite: { engine: 'sqlite3' }, mysql: { engine: 'mariadb1011' } };
const dialect = opts.dialect!;
if (!DIALECTS[dialect]) fail(`--dialect must be one of ${Object.keys(DIALECTS).join(', ')}, not ${JSON.stringify(dialect)}`);
const corpus = resolve(process.env.REDB_CORPUS ?? resolve(ROOT, '../shared/corpus'));
const pairsFile = resolve(opts.pairs ?? resolve(corpus, `_pairs/${dialect}.jsonl`));
const serverUrl =
  dialect === 'mysql'
    ? (opts.url ?? process.env.REDB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test')
    : (opts.url ?? process.env.REDB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const jobs = number('jobs', opts.jobs, 1)!;
const timeoutSeconds = number('timeout', opts.timeout, 1)!;
const limit = number('limit', opts.limit, 0);
const minForward = number('min-forward', opts['min-forward'], 0);
const minRollback = number('min-rollback', opts['min-rollback'], 0);
const minDumpForward = number('min-dump-forward', opts['min-dump-forward'], 0);
const minDumpRollback = number('min-dump-rollback', opts['min-dump-rollback'], 0);

if (!existsSync(pairsFile)) fail(`no pairs file at ${pairsFile} (set REDB_CORPUS or pass --pairs)`);
const cases = selectCases(readCases(pairsFile), opts.filter, limit);
const statusFile = statusFileFor(pairsFile, DIALECTS[dialect].engine);
const status = statusFile ? readStatus(statusFile) : undefined;

const startedAt = new Date();
const started = performance.now();
const loadMismatches: string[] = [];
/** Checks one result against the status file and prints its line. */
const onResult = (r: CaseResult) => {
  const line = failLine(r);
  if (line) process.stdout.write(`${line}\n`);
  else if (r.status === 'skip' && opts.verbose) process.stdout.write(`SKIP ${r.id}: ${r.reason}\n`);
  else if (opts.verbose) process.stdout.write(`ok   ${r.id}${r.warnings.length ? ` (${r.warnings.join(', ')})` : ''}\n`);
  const expected = status?.get(r.id);
  if (expected && (expected.current_ok && expected.desired_ok) !== (r.status !== 'skip')) loadMismatches.push(r.id);
};
const run = dialect === 'sqlite' ? await runSqlite() : dialect === 'mysql' ? await runMysql() : await runPostgres();
const results = run.results;
const summary = summarize(results, (performance.now() - started) / 1000, run.pgDump !== undefined);
if (opts.out) {
  writeReport(resolve(opts.out), { pairs: pairsFile, server: run.server, serverVersion: run.serverVersion, jobs: dialect === 'sqlite' ? 1 : jobs, timeoutSeconds, startedAt: startedAt.toISOString(), loadMismatches, databases: run.databases, ...(run.pgDump ? { pgDump: run.pgDump } : {}) }, summary, results);
}

const categories = categorize(results, 1);
if (categories.length) {
  process.stdout.write('\nfailure categories:\n');
  for (const c of categories.slice(0, 20)) process.stdout.write(`  ${String(c.count).padStart(4)}  ${c.category}  (e.g. ${c.examples[0].id})\n`);
  if (categories.length > 20) process.stdout.write(`  … ${categories.length - 20} more categories${opts.out ? ' in the report' : ''}\n`);
}
if (loadMismatches.length) {
  process.stdout.write(`\nload differs from ${statusFile} for ${loadMismatches.length} case(s): ${loadMismatches.slice(0, 5).join(', ')}${loadMismatches.length > 5 ? ', …' : ''}\n`);
}
if (summary.dump) process.stdout.write(`${dumpReportLines(results, summary.forwardPct, summary.rollbackPct).join('\n')}\n`);
process.stdout.write(
  `\nforward ${summary.forwardPct}%, rollback ${summary.rollbackPct}% of ${summary.passed + summary.failed} loaded cases; column-order warnings: ${summary.columnOrderWarnings}; ${summary.seconds} s with ${dialect === 'sqlite' ? 1 : jobs} job(s); ${run.databasesLine}\n`,
);
process.stdout.write(`${summaryLines(summary).join('\n')}\n`);

const below = (min: number | undefined, pct: number | undefined) => min !== undefined && (pct ?? 0) < min;
const short =
  below(minForward, summary.forwardPct) || below(minRollback, summary.rollbackPct) || below(minDumpForward, summary.dump?.forwardPct) || below(minDumpRollback, summary.dump?.rollbackPct);
process.exit(short ? 1 : 0);

/** What a run reports beyond its results: where it ran, and how the databases were used. */
interface RunOutcome {
  readonly results: CaseResult[];
  readonly server: string;
  readonly serverVersion: string;
  readonly databases: ReportMeta['databases'];
  /** The end of the figures line, e.g. `databases: 3 made, …`. */
  readonly databasesLine: string;
  /** The pg_dump the cases' referee ran, when they had one (so the results carry its verdicts). */
  readonly pgDump?: string;
}

/** The PostgreSQL run: two databases per case from a pool on the server, cases on worker threads. */
async function runPostgres(): Promise<RunOutcome> {
  let admin: Connection;
  let reaper: Connection;
  try {
    admin = await postgresAdapter.connect(serverUrl);
    reaper = await postgresAdapter.connect(serverUrl);
  } catch (err) {
    fail(`cannot connect to ${redactUrl(serverUrl)}: ${(err as Error).message}`);
  }
  // the referee: a pg_dump of the server's own major version, or none (then said, and no dump figures)
  const major = Number(/(\d+)/.exec(admin.serverVersion)?.[1]);
  const pgDump = opts['no-dump'] ? undefined : findPgDump(major);
  if (!pgDump && !opts['no-dump']) process.stderr.write(`conformance: warning: no pg_dump of major version ${major} (set REDB_PG_DUMP): the dumps are not compared\n`);
  if (!postgresAdapter.ddl) process.stderr.write('conformance: warning: postgresAdapter.ddl is missing, every loadable case fails at plan\n');

  const databases = new DatabasePool(admin, reaper, serverUrl, opts.fresh);

  // an interrupted run still drops the databases it made
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\nconformance: interrupted, dropping ${databases.live.size} database(s)\n`);
    void Promise.all([...databases.live].map((db) => dropDatabase(admin, db).catch(() => {}))).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let done = 0;
  let results: CaseResult[];
  try {
    try {
      await ensureRoles(admin);
      await databases.init();
    } catch (err) {
      await databases.close().catch(() => {});
      fail(`cannot prepare the server: ${(err as Error).message}`);
    }
    results = await runPool(cases, {
      databases,
      serverUrl,
      jobs,
      timeoutMs: timeoutSeconds * 1000,
      pgDump,
      onResult: (r) => {
        done++;
        onResult(r);
        if (done % 100 === 0 && process.stderr.isTTY) process.stderr.write(`… ${done}/${cases.length}\n`);
      },
    });
  } finally {
    await databases.close();
    await Promise.all([admin.close().catch(() => {}), reaper.close().catch(() => {})]);
  }
  return {
    results, server: redactUrl(serverUrl), serverVersion: admin.serverVersion, databases: { recycled: !opts.fresh, ...databases.stats },
    databasesLine: `databases: ${databases.stats.created} made, ${databases.stats.reused} reused, ${databases.stats.notPristine} not pristine after reset`,
    pgDump,
  };
}

/** The SQLite run: two database files per case in a temp directory, one case at a time in this process. */
async function runSqlite(): Promise<RunOutcome> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await runSqliteCase(c);
    results.push(r);
    onResult(r);
  }
  const version = new Database(':memory:');
  const serverVersion = `SQLite ${version.prepare('SELECT sqlite_version()').pluck().get() as string}`;
  version.close();
  return { results, server: 'temp database files', serverVersion, databases: { recycled: false, created: 2 * cases.length, reused: 0, notPristine: 0 }, databasesLine: `databases: ${2 * cases.length} files made` };
}

/** The MySQL/MariaDB run: two scratch databases per case on the server, `jobs` cases at a time in this process. */
async function runMysql(): Promise<RunOutcome> {
  let scratch: MysqlScratch;
  try {
    scratch = await MysqlScratch.open(serverUrl);
  } catch (err) {
    fail(`cannot connect to ${redactUrl(serverUrl)}: ${(err as Error).message}`);
  }
  // an interrupted run still drops the databases it made
  const onSignal = () => {
    process.stderr.write(`\nconformance: interrupted, dropping ${scratch.live.size} database(s)\n`);
    void scratch.close().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const serverVersion = await scratch.version();
  let results: CaseResult[];
  try {
    results = await runMysqlCases(cases, serverUrl, scratch, jobs, timeoutSeconds * 1000, onResult);
  } finally {
    await scratch.close();
  }
  return {
    results, server: redactUrl(serverUrl), serverVersion, databases: { recycled: false, created: scratch.created, reused: 0, notPristine: 0 },
    databasesLine: `databases: ${scratch.created} made and dropped`,
  };
}
