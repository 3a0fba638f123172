/**
 * `npm run bench:diff`: `redb diff A B --format sql` between two commits of a large
 * schema with a few hundred tables changed, against `pg_dump --schema-only` of the
 * same database, side by side.
 *
 *   npm run bench:diff -- [--sizes 1000,5000] [--changed 200] [--runs 3] [--warmup 1]
 *                         [--url URL] [--out FILE.json] [--keep] [--reuse] [--profile DIR] [--baseline BIN]
 *
 * For each size: a copy of the bench database `redb_bench_bench_<n>` (made, or with
 * --reuse kept, as `npm run bench` does) is committed into a fresh workspace, then
 * `mutate(n, changed)` changes that many tables (add a column, change a type, add
 * an index, set a default) and it is committed again. Measured, alternating, each
 * in a new process: `redb diff main~1 main --format sql` and `pg_dump --schema-only`
 * of the changed database. In-process, the diff is then split into its phases, the
 * whole way (reading both models, comparing, planning) next to the partial read the
 * command does (src/core/partial-models.ts), which must give the same changes and
 * plan. --profile adds one diff run under `node --cpu-prof`.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { plannerFor } from '../src/core/dialects.js';
import { diffModels } from '../src/diff/index.js';
import { createPlan } from '../src/plan/index.js';
import * as vcs from '../src/vcs/index.js';
import { partialModels } from '../src/core/partial-models.js';
import { filesToModel, HEADER_FILE, parseObject, type Model } from '../unified-model/index.js';
import { COMMON_OPTIONS, fmt, markdownTable, pgDump, REDB, redb, freshWorkspace, redbEnv, summary, type Summary } from './cli.js';
import { measure, median, run, type Measurement } from './measure.js';
import { databaseUrl, dropDatabaseNamed, machine, prepareDatabase, psql } from './pg.js';
import { summarizeFile } from './profile.js';
import { benchShape, mutate } from './shapes/bench.js';

const { values: opts } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    changed: { type: 'string', default: '200' },
    baseline: { type: 'string' },
  },
});
const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
const changed = Number(opts.changed);
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n < changed) || !(changed >= 1) || !(runs >= 1) || !(warmup >= 0)) {
  console.error('usage: diff.js [--sizes 1000,5000] [--changed 200] [--runs 3] [--warmup 1] [--url URL] [--out FILE] [--keep] [--reuse] [--profile DIR] [--baseline BIN]');
  process.exit(64);
}

const DIFF_ARGS = ['diff', 'main~1', 'main', '--format', 'sql'];

/** Milliseconds of `fn`, and its result. */
function timed<T>(fn: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const out = fn();
  return [out, Number(process.hrtime.bigint() - started) / 1e6];
}
async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const out = await fn();
  return [out, Number(process.hrtime.bigint() - started) / 1e6];
}

interface Phases {
  /** Whole `redb diff` as the command does it, in-process: both models read in full, compared and planned. */
  readFilesMs: number;
  /** Of which JSON.parse and schema validation of every file (`parseObject`); the rest is canonical copies and sorting. */
  validateMs: number;
  parseModelsMs: number;
  diffModelsMs: number;
  createPlanMs: number;
  /** The diff as `redb diff` of two commits does it now: read partially, compare once, plan from those changes. */
  partialReadMs: number;
  partialDiffMs: number;
  partialPlanMs: number;
  /** Object files the partial read parsed (both sides; a blob both share counts once). */
  filesRead: number;
  changedFiles: number;
  totalFiles: number;
}

/**
 * The diff's phases in this process (warm: the code is already compiled), each the
 * median of three: reading the two trees' files, parsing them into models, comparing,
 * planning; then the first steps of a diff that loads only the files whose blob ids
 * differ and what the planner sees beside them, compared and planned once.
 */
async function phases(gitDir: string): Promise<Phases> {
  const samples: Phases[] = [];
  for (let r = 0; r < 3; r++) {
    const from = await vcs.resolveRevision(gitDir, 'main~1', 'main');
    const to = await vcs.resolveRevision(gitDir, 'main', 'main');
    const [[filesA, filesB], readFilesMs] = await timedAsync(() => Promise.all([vcs.readTreeFiles(gitDir, from), vcs.readTreeFiles(gitDir, to)]));
    const [, validateMs] = timed(() => [...filesA, ...filesB].forEach((f) => f.path !== HEADER_FILE && parseObject(f.path, f.content)));
    const [[a, b], parseModelsMs] = timed(() => [filesToModel(filesA), filesToModel(filesB)] as [Model, Model]);
    const [changes, diffModelsMs] = timed(() => diffModels(a, b, []));
    const { ddl } = await plannerFor(b.dialect);
    const [, createPlanMs] = timed(() =>
      createPlan({ from: a, to: b, source: { tree: from }, target: { tree: to }, ddl, renames: [] }),
    );
    const [treeA, treeB] = [(await vcs.readCommit(gitDir, from)).tree, (await vcs.readCommit(gitDir, to)).tree];
    const [partial, partialReadMs] = await timedAsync(() => partialModels(gitDir, treeA, treeB, []));
    if (!partial) throw new Error('the two commits were not read partially (no model index for a tree?)');
    const [partialChanges, partialDiffMs] = timed(() => diffModels(partial.from, partial.to, []));
    const request = { source: { tree: treeA }, target: { tree: treeB }, ddl: (await plannerFor(b.dialect)).ddl, renames: [] };
    const [fast, partialPlanMs] = timed(() => createPlan({ ...request, from: partial.from, to: partial.to, changes: partialChanges }));
    // the same changes and the same plan as from the whole models
    if (JSON.stringify(partialChanges) !== JSON.stringify(changes)) throw new Error(`the partial read gives other changes (${partialChanges.length}) than the whole models (${changes.length})`);
    if (fast.hash !== createPlan({ ...request, from: a, to: b }).hash) throw new Error('the partial read gives another plan than the whole models');
    samples.push({ readFilesMs, validateMs, parseModelsMs, diffModelsMs, createPlanMs, partialReadMs, partialDiffMs, partialPlanMs, filesRead: partial.filesRead, changedFiles: partial.changedFiles, totalFiles: filesB.length });
  }
  const med = (k: keyof Phases) => median(samples.map((s) => s[k]));
  return {
    readFilesMs: med('readFilesMs'),
    validateMs: med('validateMs'),
    parseModelsMs: med('parseModelsMs'),
    diffModelsMs: med('diffModelsMs'),
    createPlanMs: med('createPlanMs'),
    partialReadMs: med('partialReadMs'),
    partialDiffMs: med('partialDiffMs'),
    partialPlanMs: med('partialPlanMs'),
    filesRead: samples[0].filesRead,
    changedFiles: samples[0].changedFiles,
    totalFiles: samples[0].totalFiles,
  };
}

interface SizeResult {
  tables: number;
  changedTables: number;
  files: number;
  /** The two commits (set-up, measured once): a cold commit and the commit of the changes. */
  commitSeconds: [number, number];
  changes: number;
  sqlLines: number;
  steps: number;
  pgDump: Summary;
  redbDiff: Summary;
  ratio: number;
  /** Another build's `redb diff` (--baseline), measured in the same rounds. */
  baseline?: { bin: string; diff: Summary; ratio: number };
  phases: Phases;
  loadAvg: [number, number];
}

async function benchSize(n: number): Promise<SizeResult> {
  const loadBefore = loadavg()[0];
  const load = await prepareDatabase(opts.url, benchShape, n, { reuse: opts.reuse });
  console.error(load.reused ? `[${n}] reusing ${load.name}` : `[${n}] created ${load.name} in ${load.seconds.toFixed(1)} s`);
  // the mutation goes into a copy, so the kept database stays as the generator made it
  const copy = `redb_bench_diff_${n}`;
  psql(opts.url, `DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`, `CREATE DATABASE ${copy} TEMPLATE ${load.name}`);
  const url = databaseUrl(opts.url, copy);
  const ws = freshWorkspace(url);
  try {
    const first = await measure(process.execPath, [REDB, 'commit', '-m', 'before', '--json'], { env: redbEnv(ws.dir), cwd: ws.dir });
    const dir = mkdtempSync(join(tmpdir(), 'redb-bench-mutate-'));
    try {
      const file = join(dir, 'mutate.sql');
      writeFileSync(file, `BEGIN;\n${mutate(n, changed, 1)}COMMIT;\n`);
      run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const second = await measure(process.execPath, [REDB, 'commit', '-m', `change ${changed} tables`, '--json'], { env: redbEnv(ws.dir), cwd: ws.dir });
    const committed = JSON.parse(second.stdout) as { committed: boolean; changes: unknown[] };
    if (!committed.committed || committed.changes.length !== changed) {
      throw new Error(`the second commit should change ${changed} tables, it ${committed.committed ? `changed ${committed.changes.length} objects` : 'committed nothing'}`);
    }
    console.error(`[${n}] commits: ${first.seconds.toFixed(2)} s, ${second.seconds.toFixed(2)} s (${committed.changes.length} objects changed)`);
    const json = JSON.parse(redb(ws.dir, 'diff', 'main~1', 'main', '--json')) as { changes: unknown[]; plan: { steps: unknown[] } };

    const diffRun = (bin = REDB) => measure(process.execPath, [bin, ...DIFF_ARGS], { env: redbEnv(ws.dir), cwd: ws.dir });
    const baseline = opts.baseline ? resolve(opts.baseline) : undefined;
    for (let w = 0; w < warmup; w++) {
      await pgDump(url);
      await diffRun();
      if (baseline) await diffRun(baseline);
    }
    const dumps: Measurement[] = [];
    const diffs: Measurement[] = [];
    const bases: Measurement[] = [];
    for (let r = 0; r < runs; r++) {
      const round = [
        async () => void dumps.push(await pgDump(url)),
        async () => void diffs.push(await diffRun()),
        ...(baseline ? [async () => void bases.push(await diffRun(baseline))] : []),
      ];
      // which tool goes first alternates, so a noisy moment favours none
      for (const step of r % 2 === 0 ? round : round.reverse()) await step();
      const base = bases.length ? `, baseline ${bases.at(-1)!.seconds.toFixed(2)} s` : '';
      console.error(`[${n}] run ${r + 1}/${runs}: pg_dump ${dumps.at(-1)!.seconds.toFixed(2)} s, redb diff ${diffs.at(-1)!.seconds.toFixed(2)} s${base}`);
    }
    const sql = diffs[0].stdout;
    const res: SizeResult = {
      tables: n,
      changedTables: changed,
      files: 0,
      commitSeconds: [first.seconds, second.seconds],
      changes: json.changes.length,
      steps: json.plan.steps.length,
      sqlLines: sql.split('\n').filter((l) => l.trim() && !l.startsWith('--')).length,
      pgDump: summary(dumps),
      redbDiff: summary(diffs),
      ratio: 0,
      phases: await phases(ws.gitDir),
      loadAvg: [loadBefore, 0],
    };
    res.files = res.phases.totalFiles;
    res.ratio = res.redbDiff.medianSeconds / res.pgDump.medianSeconds;
    if (baseline) res.baseline = { bin: baseline, diff: summary(bases), ratio: summary(bases).medianSeconds / res.pgDump.medianSeconds };
    res.loadAvg[1] = loadavg()[0];
    if (opts.profile) await profileDiff(ws.dir, join(resolve(opts.profile), String(n)));
    return res;
  } finally {
    if (opts.keep) console.error(`[${n}] kept ${copy} and the workspace ${ws.dir}`);
    else {
      rmSync(ws.dir, { recursive: true, force: true });
      dropDatabaseNamed(opts.url, copy);
      dropDatabaseNamed(opts.url, load.name);
    }
  }
}

/** One extra, unmeasured diff under the V8 profiler; prints the hottest modules and functions. */
async function profileDiff(ws: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, REDB, ...DIFF_ARGS], { env: redbEnv(ws), cwd: ws });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) console.error(`\n[${dir}] redb diff: ${join(dir, file)}\n${summarizeFile(join(dir, file), 25)}`);
}

function tables(results: SizeResult[]): string {
  const main = markdownTable(
    ['tables', 'changed', 'files', 'changes', 'plan steps', 'pg_dump s', 'redb diff s', 'ratio', 'pg_dump MB', 'redb diff MB', ...(results[0]?.baseline ? ['before s', 'before ratio'] : [])],
    results.map((r) => [
      String(r.tables),
      String(r.changedTables),
      String(r.files),
      String(r.changes),
      String(r.steps),
      fmt(r.pgDump.medianSeconds),
      fmt(r.redbDiff.medianSeconds),
      fmt(r.ratio),
      fmt(r.pgDump.medianPeakMB, 0),
      fmt(r.redbDiff.medianPeakMB, 0),
      ...(r.baseline ? [fmt(r.baseline.diff.medianSeconds), fmt(r.baseline.ratio)] : []),
    ]),
  );
  const ms = (x: number) => x.toFixed(0);
  const inProcess = markdownTable(
    ['tables', 'whole: read 2 trees ms', 'parse 2 models ms', '(of which validation)', 'diffModels ms', 'createPlan ms', 'changed files', 'partial: files read', 'read ms', 'diffModels ms', 'createPlan ms'],
    results.map((r) => [
      String(r.tables),
      ms(r.phases.readFilesMs),
      ms(r.phases.parseModelsMs),
      ms(r.phases.validateMs),
      ms(r.phases.diffModelsMs),
      ms(r.phases.createPlanMs),
      String(r.phases.changedFiles),
      String(r.phases.filesRead),
      ms(r.phases.partialReadMs),
      ms(r.phases.partialDiffMs),
      ms(r.phases.partialPlanMs),
    ]),
  );
  return `${main}\n\nin-process phases (median of 3, warm):\n\n${inProcess}`;
}

const env = machine(opts.url);
console.error(`redb diff bench: sizes ${sizes.join(', ')}, ${changed} tables changed, ${runs} runs (+${warmup} warm-up), ${env.cpus} CPUs, node ${env.node}, PostgreSQL ${env.postgres}`);
const results: SizeResult[] = [];
for (const n of sizes) results.push(await benchSize(n));
console.log(tables(results));
console.log(`\nmedian of ${runs} runs; ratio = redb diff / pg_dump --schema-only (goal ≤ 0.25 at 5,000 tables); peak RSS via ${env.peakRss}`);
if (opts.out) {
  writeFileSync(opts.out, `${JSON.stringify({ date: new Date().toISOString(), machine: env, runs, warmup, changed, results }, null, 2)}\n`);
  console.error(`wrote ${opts.out}`);
}
