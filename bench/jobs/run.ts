/**
 * `npm run bench:jobs`: migration and replication jobs, side by side with the tools they
 * sit beside, in one run on one generated table (bench/jobs/data.ts, ~150 bytes a row):
 *
 * - pg-pg: PostgreSQL → PostgreSQL migration vs `pg_dump -a -t … | psql` (goal ≤ 1.5 ×);
 * - my-pg: MariaDB → PostgreSQL migration vs pgloader (goal ≤ 0.5 ×);
 * - pg-my: PostgreSQL → MariaDB migration, plain and with `hash` on two columns (rows/s, ratio);
 * - cdc: PostgreSQL → PostgreSQL replication at `--cdc-rate` changed rows/s for
 *   `--cdc-seconds` (p50/p99 lag, goal p99 < 500 ms; the job's peak RSS, goal < 256 MB).
 *
 *   npm run bench:jobs -- [--rows 1000000] [--runs 3] [--only pg-pg,my-pg,pg-my,cdc]
 *                         [--cdc-rate 5000] [--cdc-seconds 60] [--cdc-rows 100000] [--poll-ms 10]
 *                         [--via auto|cli|api] [--pg-url URL] [--mysql-url URL] [--out FILE.json]
 *                         [--profile DIR] [--profile-cdc] [--keep]
 *
 * The databases are `redb_bench_jobs_*` on both servers, made for the run and dropped after
 * it (--keep leaves them, and the workspaces, for a look).
 */
import { loadavg, cpus, totalmem } from 'node:os';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarizeFile } from '../profile.js';
import { parseArgs } from 'node:util';
import { peakRssMethod, run } from '../measure.js';
import { DEFAULT_MYSQL_URL, mysqlMachine } from '../mysql.js';
import { benchCdc } from './cdc.js';
import { benchMysqlToPg, benchPgToMysql, benchPgToPg, type BenchContext, type MigrationResult } from './migrate.js';
import { resolveVia } from './redb-job.js';
import { pgloaderVersion } from './reference.js';
import { renderJobsReport, writeJobsReport, type JobsReport } from './report.js';
import { dropPg } from './servers.js';

const PARTS = ['pg-pg', 'my-pg', 'pg-my', 'cdc'] as const;
const USAGE =
  'usage: run.js [--rows 1000000] [--runs 3] [--only pg-pg,my-pg,pg-my,cdc] [--cdc-rate 5000] [--cdc-seconds 60] [--cdc-rows 100000] ' +
  '[--poll-ms 10] [--via auto|cli|api] [--pg-url URL] [--mysql-url URL] [--out FILE] [--profile DIR] [--profile-cdc] [--keep]';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', default: PARTS.join(',') },
    'cdc-rate': { type: 'string', default: '5000' },
    'cdc-seconds': { type: 'string', default: '60' },
    'cdc-rows': { type: 'string', default: '100000' },
    'poll-ms': { type: 'string', default: '10' },
    via: { type: 'string', default: 'auto' },
    'pg-url': { type: 'string', default: process.env.REDB_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'mysql-url': { type: 'string', default: DEFAULT_MYSQL_URL },
    out: { type: 'string' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'profile-cdc': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(64);
}
const num = (name: keyof typeof opts, min: number): number => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, not ${String(opts[name])}`);
  return n;
};
const rows = num('rows', 1);
const runs = num('runs', 1);
const only = opts.only.split(',').map((s) => s.trim());
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) fail(`unknown part ${unknown.join(', ')} in --only (parts: ${PARTS.join(', ')})`);
if (!['auto', 'cli', 'api'].includes(opts.via)) fail(`--via is auto, cli or api, not ${opts.via}`);
const via = resolveVia(opts.via);
const log = (line: string) => console.error(line);

const pgloader = only.includes('my-pg') ? pgloaderVersion() : null;
if (only.includes('my-pg') && !pgloader) fail('my-pg needs pgloader on the PATH (Debian: apt-get install pgloader)');
const machine: Record<string, unknown> = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: run('psql', ['-X', '-A', '-t', '-d', opts['pg-url'], '-c', 'SHOW server_version']).trim(),
  pgDump: run('pg_dump', ['--version']).trim(),
  pgloader,
  peakRss: peakRssMethod(),
  loadBefore: loadavg().map((x) => Number(x.toFixed(2))),
};
if (only.some((p) => p.includes('my'))) machine.mysql = (await mysqlMachine(opts['mysql-url'])).server;
log(`redb jobs bench: ${only.join(', ')}; ${rows} rows, ${runs} runs; redb via ${via}; ${machine.cpus} CPUs, node ${machine.node}, PostgreSQL ${machine.postgres}${machine.mysql ? `, ${machine.mysql}` : ''}; load ${(machine.loadBefore as number[]).join(' ')}`);

const ctx: BenchContext = { pgUrl: opts['pg-url'], mysqlUrl: opts['mysql-url'], rows, runs, via, keep: opts.keep, log, profileDir: opts.profile ? resolve(opts.profile) : undefined, profiles: {} };
const migrations: MigrationResult[] = [];
if (only.includes('pg-pg')) migrations.push(await benchPgToPg(ctx));
if (only.includes('my-pg')) migrations.push(await benchMysqlToPg(ctx));
// pg-my reads the pg-pg source when that ran in this process (same rows)
if (only.includes('pg-my')) migrations.push(await benchPgToMysql(ctx, only.includes('pg-pg')));
if (!opts.keep && (only.includes('pg-pg') || only.includes('pg-my'))) await dropPg(ctx.pgUrl, 'pgsrc');

const report: JobsReport = {
  date: new Date().toISOString(),
  machine,
  options: { rows, runs, only, via, cdcRate: Number(opts['cdc-rate']), cdcSeconds: Number(opts['cdc-seconds']), cdcRows: Number(opts['cdc-rows']), pollMs: Number(opts['poll-ms']) },
  migrations,
};
if (only.includes('cdc')) {
  const profileDir = opts['profile-cdc'] ? join(resolve(opts.profile ?? 'jobs-profile'), 'cdc') : undefined;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  report.cdc = await benchCdc({ pgUrl: ctx.pgUrl, initialRows: num('cdc-rows', 1), rate: num('cdc-rate', 10), seconds: num('cdc-seconds', 1), pollMs: num('poll-ms', 1), via, keep: opts.keep, log, profileDir });
  if (profileDir) {
    const file = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profileDir, f))[0];
    if (file) ctx.profiles.cdc = `the CDC run itself, profiled (${file})\n${summarizeFile(file, 20)}`;
    else log('cdc: the job wrote no .cpuprofile');
  }
}
machine.loadAfter = loadavg().map((x) => Number(x.toFixed(2)));
if (Object.keys(ctx.profiles).length) report.profiles = ctx.profiles;
console.log(renderJobsReport(report));
if (opts.out) {
  writeJobsReport(opts.out, report);
  log(`wrote ${opts.out}`);
}
