/**
 * The embedded default (PGlite) as a user meets it: each everyday command as a fresh
 * process against a `pglite://DIR` database holding the demo's shop schema, and
 * `npm run demo` whole. Goals (issue 12): a command ≤ 1.5 s and ≤ 300 MB, creating
 * a database ≤ 3 s, the demo ≤ 8 s.
 *
 * The stored cluster (adapters/postgres/pglite-cluster.ts) is made by one unmeasured
 * run first, in a cache directory of the bench's own, as on a machine where redb has
 * made one database before. `--baseline BIN` measures another build's bin/redb.js in
 * the same rounds.
 *
 *   node dist/bench/embedded.js [--runs 5] [--baseline BIN] [--out FILE.json]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { fmt, markdownTable, REDB, redbEnv, ROOT, summary, type Summary } from './cli.js';
import { measure, run } from './measure.js';

export interface EmbeddedOptions {
  runs: number;
  /** Another build's bin/redb.js, measured in the same rounds. */
  baseline?: string;
}

/** One command's figures: this build's, and the baseline's when there is one. */
export interface EmbeddedRow {
  command: string;
  goalSeconds: number;
  redb: Summary;
  baseline?: Summary;
}

const GOAL = { command: 1.5, create: 3, demo: 8 };

/** The commands measured against an existing database, in the order a user runs them. */
const COMMANDS: readonly { name: string; argv: string[]; before?: string }[] = [
  { name: 'commit (one change)', argv: ['commit', '-m', 'change'], before: 'change.sql' },
  { name: 'commit (no change)', argv: ['commit', '-m', 'again'] },
  { name: 'status', argv: ['status'] },
  { name: 'status --no-cache', argv: ['status', '--no-cache'] },
  { name: 'diff HEAD~1 HEAD', argv: ['diff', 'main~1', 'main'] },
  { name: 'log', argv: ['log'] },
];

/** A workspace whose main branch is attached to a new PGlite database with the shop schema, committed once. */
function shopWorkspace(bin: string, env: NodeJS.ProcessEnv): string {
  const dir = mkdtempSync(join(tmpdir(), 'redb-bench-embedded-'));
  const e = { ...redbEnv(dir), ...env };
  const redb = (...argv: string[]) => run(process.execPath, [bin, ...argv], { env: e, cwd: dir });
  redb('init', dir);
  redb('database', 'connect', 'shop', `pglite://${join(dir, 'db')}`);
  redb('repo', 'add', 'shop');
  redb('branch', 'attach', 'main', 'shop');
  loadSql(dir, 'shop.sql', e);
  redb('commit', '-m', 'shop');
  return dir;
}

/** Runs a demo fixture against the workspace's database, in a process of its own (PGlite opens a directory once). */
function loadSql(dir: string, file: string, env: NodeJS.ProcessEnv): void {
  const sql = readFileSync(join(ROOT, 'fixtures', 'demo', 'postgres', file), 'utf8');
  const script = `const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create({ dataDir: ${JSON.stringify(join(dir, 'db'))} }); await db.exec(${JSON.stringify(sql)}); await db.close();`;
  run(process.execPath, ['--input-type=module', '-e', script], { env, cwd: ROOT });
}

export async function runEmbeddedBench(opts: EmbeddedOptions): Promise<EmbeddedRow[]> {
  const cache = mkdtempSync(join(tmpdir(), 'redb-bench-cache-'));
  const env = { REDB_CACHE_DIR: cache };
  const bins = [REDB, ...(opts.baseline ? [opts.baseline] : [])];
  const times = new Map<string, Map<string, Awaited<ReturnType<typeof measure>>[]>>();
  const record = (bin: string, name: string, m: Awaited<ReturnType<typeof measure>>) => {
    const byName = times.get(bin) ?? new Map();
    times.set(bin, byName);
    byName.set(name, [...(byName.get(name) ?? []), m]);
  };
  try {
    for (const bin of bins) rmSync(shopWorkspace(bin, env), { recursive: true, force: true }); // makes the stored cluster
    for (let round = 0; round < opts.runs; round++) {
      // alternate which build goes first, so a noisy moment favours neither
      for (const bin of round % 2 ? [...bins].reverse() : bins) {
        const ws = shopWorkspace(bin, env);
        const e = { ...redbEnv(ws), ...env };
        try {
          record(bin, 'database connect (new database)', await measure(process.execPath, [bin, 'database', 'connect', 'fresh', `pglite://${join(ws, `fresh-${round}`)}`], { env: e, cwd: ws }));
          for (const c of COMMANDS) {
            if (c.before) loadSql(ws, c.before, e);
            record(bin, c.name, await measure(process.execPath, [bin, ...c.argv], { env: e, cwd: ws }));
          }
          const demoDir = join(ws, 'demo');
          record(bin, 'demo', await measure(process.execPath, [bin, 'demo', '--dir', demoDir], { env: e, cwd: ws }));
        } finally {
          rmSync(ws, { recursive: true, force: true });
        }
      }
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const names = ['database connect (new database)', ...COMMANDS.map((c) => c.name), 'demo'];
  return names.map((command) => ({
    command,
    goalSeconds: command === 'demo' ? GOAL.demo : command.startsWith('database connect') ? GOAL.create : GOAL.command,
    redb: summary(times.get(REDB)!.get(command)!),
    ...(opts.baseline ? { baseline: summary(times.get(opts.baseline)!.get(command)!) } : {}),
  }));
}

/** The rows as a Markdown table: median seconds and peak MB, against the goal. */
export function embeddedTable(rows: readonly EmbeddedRow[]): string {
  const withBaseline = rows.some((r) => r.baseline);
  const head = ['command', 'redb s', 'peak MB', ...(withBaseline ? ['baseline s', 'baseline MB'] : []), 'goal'];
  return markdownTable(head, rows.map((r) => [
    r.command,
    fmt(r.redb.medianSeconds),
    fmt(r.redb.medianPeakMB, 0),
    ...(withBaseline ? [fmt(r.baseline?.medianSeconds), fmt(r.baseline?.medianPeakMB ?? null, 0)] : []),
    `≤ ${r.goalSeconds} s${r.command === 'demo' ? '' : ', ≤ 300 MB'}`,
  ]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, baseline: { type: 'string' }, out: { type: 'string' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('usage: embedded.js [--runs N ≥ 1] [--baseline BIN] [--out FILE.json]');
    process.exit(64);
  }
  const rows = await runEmbeddedBench({ runs, baseline: values.baseline });
  console.log(embeddedTable(rows));
  if (values.out) (await import('node:fs')).writeFileSync(values.out, JSON.stringify(rows, null, 2));
}
