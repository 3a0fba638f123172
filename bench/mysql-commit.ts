/**
 * The MySQL/MariaDB commit benchmark at one size: a cold `redb commit` into an
 * empty repository and a no-op re-commit of a bench/mysql-shape.ts database,
 * against `mysqldump --no-data` of the same database. Every command is a fresh
 * process; rounds alternate which tool goes first; medians are reported.
 */
import { readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freshWorkspace, REDB, redbEnv, summary, type Summary } from './cli.js';
import { measure, run, type Measurement } from './measure.js';
import { countMysqlObjects, dropMysqlDatabase, mysqlDump, prepareMysqlDatabase, type MysqlCounts } from './mysql.js';
import { summarizeFile } from './profile.js';

export interface MysqlCommitOptions {
  serverUrl: string;
  runs: number;
  warmup: number;
  reuse: boolean;
  keep: boolean;
  /** Directory for one extra, unmeasured run under `node --cpu-prof`. */
  profile?: string;
}

export interface MysqlCommitResult {
  tables: number;
  database: string;
  objects: MysqlCounts;
  loadSeconds: number | null;
  files: number | null;
  dump: Summary;
  commit: Summary;
  noop: Summary;
  /** Each median ÷ the dump's median. */
  ratio: { commit: number; noop: number };
  /** 1-minute load average before and after. */
  loadAvg: [number, number];
}

interface Round {
  cold: Measurement;
  noop: Measurement;
  files: number;
}

async function redbRound(url: string, profileDir?: string): Promise<Round> {
  const ws = freshWorkspace(url);
  try {
    const env = redbEnv(ws.dir);
    const node = (sub: string) => (profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, sub)] : []);
    const redb = (sub: string, ...args: string[]) => measure(process.execPath, [...node(sub), REDB, ...args, '--json'], { env, cwd: ws.dir });
    const cold = await redb('cold', 'commit', '-m', 'bench');
    if (!(JSON.parse(cold.stdout) as { committed: boolean }).committed) throw new Error('the first redb commit into an empty repository committed nothing');
    const noop = await redb('noop', 'commit', '-m', 'bench again');
    if ((JSON.parse(noop.stdout) as { committed: boolean }).committed) throw new Error('re-committing an unchanged database made a commit');
    const files = run('git', ['--git-dir', ws.gitDir, 'ls-tree', '-r', '--name-only', 'main']).split('\n').filter(Boolean).length;
    return { cold, noop, files };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

async function profileRound(url: string, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  await redbRound(url, dir);
  for (const phase of ['cold', 'noop']) {
    const file = readdirSync(join(dir, phase)).find((f) => f.endsWith('.cpuprofile'));
    if (file) console.error(`\n[${dir}] ${phase}: ${join(dir, phase, file)}\n${summarizeFile(join(dir, phase, file), 20)}`);
  }
}

/** Makes (or reuses) the database at `n` tables, measures it, and drops it unless `keep`. */
export async function benchMysqlCommit(n: number, opts: MysqlCommitOptions): Promise<MysqlCommitResult> {
  const tag = `[mysql ${n}]`;
  const loadBefore = loadavg()[0];
  const db = await prepareMysqlDatabase(opts.serverUrl, n, { reuse: opts.reuse });
  console.error(db.reused ? `${tag} reusing ${db.name}` : `${tag} created ${db.name} in ${db.seconds.toFixed(1)} s`);
  try {
    const objects = await countMysqlObjects(opts.serverUrl, db.name);
    for (let w = 0; w < opts.warmup; w++) {
      await mysqlDump(opts.serverUrl, db.name);
      await redbRound(db.url);
    }
    const dumps: Measurement[] = [];
    const rounds: Round[] = [];
    for (let r = 0; r < opts.runs; r++) {
      const tasks = [async () => void dumps.push(await mysqlDump(opts.serverUrl, db.name)), async () => void rounds.push(await redbRound(db.url))];
      // each round rotates which tool goes first
      for (let t = 0; t < tasks.length; t++) await tasks[(r + t) % tasks.length]();
      const last = rounds.at(-1)!;
      console.error(`${tag} run ${r + 1}/${opts.runs}: mysqldump ${dumps.at(-1)!.seconds.toFixed(2)} s, commit ${last.cold.seconds.toFixed(2)} s, no-op ${last.noop.seconds.toFixed(2)} s`);
    }
    const dump = summary(dumps);
    const commit = summary(rounds.map((r) => r.cold));
    const noop = summary(rounds.map((r) => r.noop));
    const result: MysqlCommitResult = {
      tables: n,
      database: db.name,
      objects,
      loadSeconds: db.reused ? null : db.seconds,
      files: rounds[0]?.files ?? null,
      dump,
      commit,
      noop,
      ratio: { commit: commit.medianSeconds / dump.medianSeconds, noop: noop.medianSeconds / dump.medianSeconds },
      loadAvg: [loadBefore, loadavg()[0]],
    };
    if (opts.profile) await profileRound(db.url, join(opts.profile, 'mysql', String(n)));
    return result;
  } finally {
    if (!opts.keep) await dropMysqlDatabase(opts.serverUrl, db.name); // also after a failed run
  }
}
