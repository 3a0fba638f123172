/**
 * `npm run bench`: the whole `redb commit` against `pg_dump --schema-only` of
 * the same synthetic database, side by side, at 1,000 and 5,000 tables.
 *
 *   npm run bench -- [--sizes 1000,5000] [--runs 3] [--warmup 1] [--url URL]
 *                    [--out FILE.json] [--keep] [--reuse] [--pg-dump-only] [--profile DIR]
 *                    [--baseline BIN]
 *
 * --reuse keeps a database made earlier with --keep by the same generator
 * version (loading 5,000 tables takes ~30 s); --profile DIR adds one unmeasured
 * redb run per size under `node --cpu-prof` and prints where its time went;
 * --baseline BIN measures another build's `bin/redb.js` in the same rounds (e.g. a
 * checkout of the previous commit), so a before/after comparison shares its noise.
 *
 * Both sides are measured as a user runs them: a fresh process each time
 * (node start-up and oclif loading count for redb, connection set-up counts
 * for pg_dump). Runs alternate between the tools (and which goes first), so
 * a warm or noisy moment of the machine does not favour one of them; the
 * median of the runs is reported.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, fmt, freshWorkspace, markdownTable, pgDump, REDB, redbEnv, summary, type Summary } from './cli.js';
import { measure, run, type Measurement } from './measure.js';
import { summarizeFile } from './profile.js';
import { countObjects, databaseUrl, machine, prepareDatabase, dropDatabase } from './pg.js';

const { values: opts } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    'pg-dump-only': { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
});
const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !(warmup >= 0)) {
  console.error('usage: run.js [--sizes 1000,5000] [--runs 3] [--warmup 1] [--url URL] [--out FILE] [--keep] [--reuse] [--pg-dump-only] [--profile DIR] [--baseline BIN]');
  process.exit(64);
}

interface RedbRun {
  cold: Measurement;
  noop: Measurement;
  files: number;
  changes: number;
}

interface SizeResult {
  tables: number;
  objects: Record<string, number>;
  loadSeconds: number | null;
  files: number | null;
  pgDump: { seconds: number[]; peakMB: (number | null)[]; medianSeconds: number; medianPeakMB: number | null };
  redbCommit?: { seconds: number[]; peakMB: (number | null)[]; medianSeconds: number; medianPeakMB: number | null; changes: number };
  redbNoop?: { seconds: number[]; peakMB: (number | null)[]; medianSeconds: number; medianPeakMB: number | null };
  ratio?: number;
  /** The same for another build (--baseline), measured in the same rounds. */
  baseline?: { bin: string; commit: Summary; noop: Summary; ratio: number };
  /** 1-minute load average before and after: other work on the machine makes runs noisy. */
  loadAvg: [number, number];
}

/** A cold commit into an empty repository, then a no-op re-commit, with the redb at `bin`; `profileDir` adds --cpu-prof. */
async function redbRun(url: string, bin = REDB, profileDir?: string): Promise<RedbRun> {
  const ws = freshWorkspace(url);
  try {
    const env = redbEnv(ws.dir);
    const node = (sub: string) => (profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, sub)] : []);
    const cold = await measure(process.execPath, [...node('cold'), bin, 'commit', '-m', 'bench', '--json'], { env, cwd: ws.dir });
    const result = JSON.parse(cold.stdout) as { committed: boolean; changes: unknown[] };
    if (!result.committed) throw new Error('the first redb commit into an empty repository committed nothing');
    const noop = await measure(process.execPath, [...node('noop'), bin, 'commit', '-m', 'bench again', '--json'], { env, cwd: ws.dir });
    if ((JSON.parse(noop.stdout) as { committed: boolean }).committed) throw new Error('re-committing an unchanged database made a commit');
    // Read-only git on the bench's own temp repository: how many files the commit holds.
    const files = run('git', ['--git-dir', ws.gitDir, 'ls-tree', '-r', '--name-only', 'main']).split('\n').filter(Boolean).length;
    return { cold, noop, files, changes: result.changes.length };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

/** One extra, unmeasured redb run under the V8 profiler; prints the hottest modules and functions. */
async function profileRedb(url: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await redbRun(url, REDB, dir);
  for (const phase of ['cold', 'noop']) {
    const file = readdirSync(join(dir, phase)).find((f) => f.endsWith('.cpuprofile'));
    if (file) console.error(`\n[${dir}] ${phase} commit: ${join(dir, phase, file)}\n${summarizeFile(join(dir, phase, file), 20)}`);
  }
}

async function benchSize(n: number): Promise<SizeResult> {
  const url = databaseUrl(opts.url, `redb_bench_${n}`);
  const loadBefore = loadavg()[0];
  const load = prepareDatabase(opts.url, n, opts.reuse);
  console.error(load.reused ? `[${n}] reusing redb_bench_${n}` : `[${n}] created redb_bench_${n} in ${load.seconds.toFixed(1)} s`);
  try {
    return await measureSize(n, url, load, loadBefore);
  } finally {
    if (!opts.keep) dropDatabase(opts.url, n); // also after a failed run, so none is left behind
  }
}

async function measureSize(n: number, url: string, load: { reused: boolean; seconds: number }, loadBefore: number): Promise<SizeResult> {
  const objects = countObjects(url);
  const withRedb = !opts['pg-dump-only'];
  for (let w = 0; w < warmup; w++) {
    await pgDump(url);
    if (withRedb) await redbRun(url);
  }
  const dumps: Measurement[] = [];
  const redbs: RedbRun[] = [];
  const bases: RedbRun[] = [];
  const baseline = opts.baseline ? resolve(opts.baseline) : undefined;
  for (let r = 0; r < runs; r++) {
    // each round rotates which tool goes first
    const tasks = [
      async () => void dumps.push(await pgDump(url)),
      ...(withRedb ? [async () => void redbs.push(await redbRun(url))] : []),
      ...(withRedb && baseline ? [async () => void bases.push(await redbRun(url, baseline))] : []),
    ];
    for (let t = 0; t < tasks.length; t++) await tasks[(r + t) % tasks.length]();
    const last = redbs.at(-1);
    const base = bases.at(-1);
    console.error(
      `[${n}] run ${r + 1}/${runs}: pg_dump ${dumps.at(-1)!.seconds.toFixed(2)} s` +
        (last ? `, redb commit ${last.cold.seconds.toFixed(2)} s, no-op ${last.noop.seconds.toFixed(2)} s` : '') +
        (base ? `, baseline commit ${base.cold.seconds.toFixed(2)} s, no-op ${base.noop.seconds.toFixed(2)} s` : ''),
    );
  }
  const res: SizeResult = { tables: n, objects, loadSeconds: load.reused ? null : load.seconds, files: redbs[0]?.files ?? null, pgDump: summary(dumps), loadAvg: [loadBefore, 0] };
  if (redbs.length) {
    res.redbCommit = { ...summary(redbs.map((x) => x.cold)), changes: redbs[0].changes };
    res.redbNoop = summary(redbs.map((x) => x.noop));
    res.ratio = res.redbCommit.medianSeconds / res.pgDump.medianSeconds;
  }
  if (baseline && bases.length) {
    const commit = summary(bases.map((x) => x.cold));
    res.baseline = { bin: baseline, commit, noop: summary(bases.map((x) => x.noop)), ratio: commit.medianSeconds / res.pgDump.medianSeconds };
  }
  res.loadAvg[1] = loadavg()[0];
  if (withRedb && opts.profile) await profileRedb(url, join(resolve(opts.profile), String(n)));
  return res;
}

function table(results: SizeResult[]): string {
  const withBaseline = results.some((r) => r.baseline);
  const head = ['tables', 'objects', 'files', 'pg_dump s', 'redb commit s', 'ratio', 'no-op commit s', 'pg_dump MB', 'redb MB'];
  return markdownTable(
    withBaseline ? [...head, 'baseline commit s', 'baseline ratio', 'baseline no-op s', 'baseline MB'] : head,
    results.map((r) => [
      String(r.tables),
      String(r.objects.total),
      r.files === null ? '—' : String(r.files),
      fmt(r.pgDump.medianSeconds),
      fmt(r.redbCommit?.medianSeconds),
      fmt(r.ratio),
      fmt(r.redbNoop?.medianSeconds),
      fmt(r.pgDump.medianPeakMB, 0),
      fmt(r.redbCommit?.medianPeakMB, 0),
      ...(withBaseline ? [fmt(r.baseline?.commit.medianSeconds), fmt(r.baseline?.ratio), fmt(r.baseline?.noop.medianSeconds), fmt(r.baseline?.commit.medianPeakMB, 0)] : []),
    ]),
  );
}

const env = machine(opts.url);
console.error(`redb bench: sizes ${sizes.join(', ')}, ${runs} runs (+${warmup} warm-up), ${env.cpus} CPUs, node ${env.node}, PostgreSQL ${env.postgres}`);
const results: SizeResult[] = [];
for (const n of sizes) results.push(await benchSize(n));
console.log(table(results));
console.log(`\nmedian of ${runs} runs; ratio = redb commit / pg_dump --schema-only (goal ≤ 1.0 at 5,000 tables); peak RSS via ${env.peakRss}`);
if (opts.out) {
  writeFileSync(opts.out, `${JSON.stringify({ date: new Date().toISOString(), machine: env, runs, warmup, results }, null, 2)}\n`);
  console.error(`wrote ${opts.out}`);
}
