/**
 * `npm run bench`: in one run, side by side with the tools they sit beside,
 * - start-up: `redb --version`, `--help`, `log`, `branch list` against git;
 * - commit and status: a cold `redb commit`, a no-op re-commit and `redb status`
 *   on each shape (bench/shapes/) at each size, against `pg_dump --schema-only`;
 * - embedded: the PGlite figures of bench/embedded.ts;
 * - mysql (opt-in, `--only mysql`): a cold and a no-op `redb commit` of the bench
 *   shape translated for MariaDB (bench/mysql-shape.ts) against `mysqldump --no-data`,
 *   on the server at --mysql-url (REDB_BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/).
 *
 *   npm run bench -- [--only startup,commit,embedded,mysql] [--shapes bench,varied,wide,constrained]
 *                    [--sizes 1000,5000] [--runs 3] [--warmup 1] [--startup-runs 5] [--url URL]
 *                    [--out FILE.json] [--keep] [--reuse] [--pg-dump-only] [--profile DIR]
 *                    [--baseline BIN]
 *
 * --reuse keeps a database `redb_bench_<shape>_<n>` made earlier with --keep by the
 * same generator version (loading 5,000 tables takes a while); --profile DIR adds
 * one unmeasured redb round per shape and size under `node --cpu-prof` and prints
 * where its time went; --baseline BIN measures another build's `bin/redb.js` in the
 * same rounds, so a before/after comparison shares its noise.
 */
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS } from './cli.js';
import { peakRssMethod } from './measure.js';
import { benchCommit, type CommitResult } from './commit.js';
import { runEmbeddedBench } from './embedded.js';
import { benchMysqlCommit, type MysqlCommitResult } from './mysql-commit.js';
import { DEFAULT_MYSQL_URL, mysqlMachine } from './mysql.js';
import { machine } from './pg.js';
import { renderReport, writeReport, type Report } from './report.js';
import { SHAPES, shapesNamed, type Shape } from './shapes/index.js';
import { benchShape } from './shapes/bench.js';
import { benchStartup } from './startup.js';

const PARTS = ['startup', 'commit', 'embedded', 'mysql'] as const;
/** The parts run without --only: mysql is opt-in (its load and runs add more than 3 minutes at the default sizes). */
const DEFAULT_PARTS = ['startup', 'commit', 'embedded'] as const;
const USAGE =
  'usage: run.js [--only startup,commit,embedded,mysql] [--shapes bench,varied,wide,constrained] [--sizes 1000,5000] [--runs 3] [--warmup 1] [--startup-runs 5] ' +
  '[--url URL] [--mysql-url URL] [--out FILE] [--keep] [--reuse] [--pg-dump-only] [--profile DIR] [--baseline BIN]';

const { values: opts } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    only: { type: 'string', default: DEFAULT_PARTS.join(',') },
    'mysql-url': { type: 'string', default: DEFAULT_MYSQL_URL },
    shapes: { type: 'string', default: SHAPES.map((s) => s.name).join(',') },
    'startup-runs': { type: 'string', default: '5' },
    'pg-dump-only': { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(64);
}

const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
const startupRuns = Number(opts['startup-runs']);
const only = opts.only.split(',').map((s) => s.trim());
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !(warmup >= 0) || !(startupRuns >= 1)) fail('bad --sizes, --runs, --warmup or --startup-runs');
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) fail(`unknown part ${unknown.join(', ')} in --only`);
let shapes: Shape[];
try {
  shapes = shapesNamed(opts.shapes);
} catch (err) {
  fail((err as Error).message);
}

// PostgreSQL is asked for its version only when a part uses it; `--only mysql` needs none.
const env: Record<string, unknown> & { peakRss: string } = only.some((p) => p !== 'mysql')
  ? machine(opts.url)
  : { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, peakRss: peakRssMethod() };
if (only.includes('mysql')) env.mysql = await mysqlMachine(opts['mysql-url']);
console.error(
  `redb bench: ${only.join(', ')}; ${only.includes('commit') ? `shapes ${shapes.map((s) => s.name).join(', ')} ` : ''}at ${sizes.join(', ')} tables; ${runs} runs (+${warmup} warm-up); ` +
    `${env.cpus} CPUs, node ${env.node}` + (env.postgres ? `, PostgreSQL ${env.postgres}` : '') + (env.mysql ? `, ${(env.mysql as { server: string }).server}` : ''),
);
const report: Report = {
  date: new Date().toISOString(),
  machine: env,
  options: { only, shapes: shapes.map((s) => ({ name: s.name, version: s.version, description: s.description })), sizes, runs, warmup, startupRuns },
};
const baseline = opts.baseline ? resolve(opts.baseline) : undefined;
const profile = opts.profile ? resolve(opts.profile) : undefined;

if (only.includes('startup')) {
  report.startup = await benchStartup(benchShape, { serverUrl: opts.url, runs: startupRuns, warmup, keep: opts.keep, reuse: opts.reuse });
}
if (only.includes('commit')) {
  const results: CommitResult[] = [];
  for (const shape of shapes) {
    for (const n of sizes) {
      results.push(await benchCommit(shape, n, { serverUrl: opts.url, runs, warmup, reuse: opts.reuse, keep: opts.keep, pgDumpOnly: opts['pg-dump-only'], baseline, profile }));
    }
  }
  report.commit = results;
}
if (only.includes('embedded')) {
  report.embedded = await runEmbeddedBench({ runs, baseline });
}
if (only.includes('mysql')) {
  const results: MysqlCommitResult[] = [];
  for (const n of sizes) results.push(await benchMysqlCommit(n, { serverUrl: opts['mysql-url'], runs, warmup, reuse: opts.reuse, keep: opts.keep, profile }));
  report.mysql = results;
}

console.log(renderReport(report, runs, env.peakRss));
if (opts.out) {
  writeReport(opts.out, report);
  console.error(`wrote ${opts.out}`);
}
