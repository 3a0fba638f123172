/**
 * The commit benchmark of one shape at one size: a cold `redb commit` into an
 * empty repository, a no-op re-commit, and `redb status` on the unchanged
 * database (with and without its fingerprint cache; each must say clean), against
 * `pg_dump --schema-only` of the same database. Every command is a fresh process;
 * rounds alternate which tool goes first, so a noisy moment of the machine does not
 * favour one; medians are reported.
 */
import { readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freshWorkspace, pgDump, REDB, redbEnv, summary, type Summary } from './cli.js';
import { measure, run, type Measurement } from './measure.js';
import { countObjects, dropDatabaseNamed, prepareDatabase, type DatabaseCounts } from './pg.js';
import { summarizeFile } from './profile.js';
import type { Shape } from './shapes/index.js';

export interface CommitOptions {
  serverUrl: string;
  runs: number;
  warmup: number;
  reuse: boolean;
  keep: boolean;
  pgDumpOnly: boolean;
  /** Another build's bin/redb.js, measured in the same rounds. */
  baseline?: string;
  /** Directory for one extra, unmeasured run under `node --cpu-prof`. */
  profile?: string;
}

/** One round of redb on a fresh workspace. */
interface RedbRound {
  cold: Measurement;
  noop: Measurement;
  status: Measurement;
  statusFull: Measurement;
  /** Whether the cached status answered without reading the schema. */
  statusReused: boolean;
  files: number;
  changes: number;
}

export interface RedbFigures {
  commit: Summary;
  noop: Summary;
  status: Summary;
  /** `status --no-cache`: the schema read whole. */
  statusFull: Summary;
  statusReused: boolean;
  changes: number;
  /** Each figure ÷ pg_dump's median. */
  ratio: { commit: number; noop: number; status: number; statusFull: number };
}

export interface CommitResult {
  shape: string;
  tables: number;
  objects: DatabaseCounts;
  loadSeconds: number | null;
  files: number | null;
  pgDump: Summary;
  redb?: RedbFigures;
  baseline?: RedbFigures & { bin: string };
  /** 1-minute load average before and after: other work on the machine makes runs noisy. */
  loadAvg: [number, number];
}

function json<T>(m: Measurement): T {
  return JSON.parse(m.stdout) as T;
}

/** Cold commit, no-op commit, status and status --no-cache with the redb at `bin`; `profileDir` adds --cpu-prof. */
async function redbRound(url: string, bin = REDB, profileDir?: string): Promise<RedbRound> {
  const ws = freshWorkspace(url);
  try {
    const env = redbEnv(ws.dir);
    const node = (sub: string) => (profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, sub)] : []);
    const redb = (sub: string, ...args: string[]) => measure(process.execPath, [...node(sub), bin, ...args, '--json'], { env, cwd: ws.dir });
    const cold = await redb('cold', 'commit', '-m', 'bench');
    const result = json<{ committed: boolean; changes: unknown[] }>(cold);
    if (!result.committed) throw new Error('the first redb commit into an empty repository committed nothing');
    const noop = await redb('noop', 'commit', '-m', 'bench again');
    if (json<{ committed: boolean }>(noop).committed) throw new Error('re-committing an unchanged database made a commit');
    const status = await redb('status', 'status');
    const statusFull = await redb('status-full', 'status', '--no-cache');
    for (const [what, m] of [['status', status], ['status --no-cache', statusFull]] as const) {
      if (!json<{ clean: boolean }>(m).clean) throw new Error(`redb ${what} on the unchanged database is not clean`);
    }
    // Read-only git on the bench's own temp repository: how many files the commit holds.
    const files = run('git', ['--git-dir', ws.gitDir, 'ls-tree', '-r', '--name-only', 'main']).split('\n').filter(Boolean).length;
    return { cold, noop, status, statusFull, statusReused: json<{ reused: boolean }>(status).reused, files, changes: result.changes.length };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

function figures(rounds: readonly RedbRound[], pgDumpSeconds: number): RedbFigures {
  const commit = summary(rounds.map((r) => r.cold));
  const noop = summary(rounds.map((r) => r.noop));
  const status = summary(rounds.map((r) => r.status));
  const statusFull = summary(rounds.map((r) => r.statusFull));
  const ratio = (s: Summary) => s.medianSeconds / pgDumpSeconds;
  return {
    commit,
    noop,
    status,
    statusFull,
    statusReused: rounds.every((r) => r.statusReused),
    changes: rounds[0].changes,
    ratio: { commit: ratio(commit), noop: ratio(noop), status: ratio(status), statusFull: ratio(statusFull) },
  };
}

/** One extra, unmeasured redb round under the V8 profiler; prints the hottest modules and functions. */
async function profileRedb(url: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await redbRound(url, REDB, dir);
  for (const phase of ['cold', 'noop', 'status', 'status-full']) {
    const file = readdirSync(join(dir, phase)).find((f) => f.endsWith('.cpuprofile'));
    if (file) console.error(`\n[${dir}] ${phase}: ${join(dir, phase, file)}\n${summarizeFile(join(dir, phase, file), 20)}`);
  }
}

/** Makes (or reuses) the shape's database at `n` tables, measures it, and drops it unless `keep`. */
export async function benchCommit(shape: Shape, n: number, opts: CommitOptions): Promise<CommitResult> {
  const tag = `[${shape.name} ${n}]`;
  const loadBefore = loadavg()[0];
  const db = await prepareDatabase(opts.serverUrl, shape, n, { reuse: opts.reuse });
  console.error(db.reused ? `${tag} reusing ${db.name}` : `${tag} created ${db.name} in ${db.seconds.toFixed(1)} s`);
  try {
    const res = await measureCommit(shape, n, db.url, opts);
    res.loadSeconds = db.reused ? null : db.seconds;
    res.loadAvg = [loadBefore, loadavg()[0]];
    if (!opts.pgDumpOnly && opts.profile) await profileRedb(db.url, join(opts.profile, shape.name, String(n)));
    return res;
  } finally {
    if (!opts.keep) dropDatabaseNamed(opts.serverUrl, db.name); // also after a failed run, so none is left behind
  }
}

async function measureCommit(shape: Shape, n: number, url: string, opts: CommitOptions): Promise<CommitResult> {
  const tag = `[${shape.name} ${n}]`;
  const objects = await countObjects(url, shape.schemas);
  const withRedb = !opts.pgDumpOnly;
  for (let w = 0; w < opts.warmup; w++) {
    await pgDump(url);
    if (withRedb) await redbRound(url);
  }
  const dumps: Measurement[] = [];
  const redbs: RedbRound[] = [];
  const bases: RedbRound[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const tasks = [
      async () => void dumps.push(await pgDump(url)),
      ...(withRedb ? [async () => void redbs.push(await redbRound(url))] : []),
      ...(withRedb && opts.baseline ? [async () => void bases.push(await redbRound(url, opts.baseline))] : []),
    ];
    // each round rotates which tool goes first
    for (let t = 0; t < tasks.length; t++) await tasks[(r + t) % tasks.length]();
    const s = (m: Measurement | undefined) => (m ? `${m.seconds.toFixed(2)} s` : '—');
    const last = redbs.at(-1);
    const base = bases.at(-1);
    console.error(
      `${tag} run ${r + 1}/${opts.runs}: pg_dump ${s(dumps.at(-1))}` +
        (last ? `, commit ${s(last.cold)}, no-op ${s(last.noop)}, status ${s(last.status)}, status --no-cache ${s(last.statusFull)}` : '') +
        (base ? `; baseline commit ${s(base.cold)}, status ${s(base.status)}` : ''),
    );
  }
  const pgDumpSummary = summary(dumps);
  return {
    shape: shape.name,
    tables: n,
    objects,
    loadSeconds: null,
    files: redbs[0]?.files ?? null,
    pgDump: pgDumpSummary,
    ...(redbs.length ? { redb: figures(redbs, pgDumpSummary.medianSeconds) } : {}),
    ...(bases.length && opts.baseline ? { baseline: { bin: opts.baseline, ...figures(bases, pgDumpSummary.medianSeconds) } } : {}),
    loadAvg: [0, 0],
  };
}
