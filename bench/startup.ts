/**
 * Start-up: the everyday commands that read little (`redb --version`, `--help`,
 * `log`, `branch list`), each a fresh process, median of N, next to git's
 * equivalents on the same repository. The workspace holds one commit of a small
 * database (made once, not timed), so `log` and `branch list` have something to
 * show; none of these commands connects to it.
 */
import { rmSync } from 'node:fs';
import { freshWorkspace, REDB, redb, redbEnv, summary, type Summary } from './cli.js';
import { measure, type Measurement } from './measure.js';
import { dropDatabaseNamed, prepareDatabase } from './pg.js';
import type { Shape } from './shapes/index.js';

export interface StartupRow {
  command: string;
  redb: Summary;
  reference: { command: string; summary: Summary };
  ratio: number;
}

export interface StartupOptions {
  serverUrl: string;
  runs: number;
  warmup: number;
  keep: boolean;
  reuse: boolean;
}

/** The tables of the workspace's database: enough for a real commit, small enough to make in a second. */
const STARTUP_TABLES = 20;

/** Each redb command and the git command it sits beside. */
const COMMANDS: readonly { redb: string[]; git: string[] }[] = [
  { redb: ['--version'], git: ['--version'] },
  { redb: ['--help'], git: ['--help'] },
  { redb: ['log'], git: ['log'] },
  { redb: ['branch', 'list'], git: ['branch', '--list'] },
];

export async function benchStartup(shape: Shape, opts: StartupOptions): Promise<StartupRow[]> {
  const db = await prepareDatabase(opts.serverUrl, shape, STARTUP_TABLES, { reuse: opts.reuse });
  const ws = freshWorkspace(db.url);
  try {
    redb(ws.dir, 'commit', '-m', 'start-up bench');
    const env = redbEnv(ws.dir);
    // git reads the repository redb wrote, so both list the same commit and branch
    const gitEnv = { ...env, GIT_DIR: ws.gitDir, GIT_PAGER: 'cat', PAGER: 'cat' };
    const redbRun = (args: string[]) => measure(process.execPath, [REDB, ...args], { env, cwd: ws.dir });
    const gitRun = (args: string[]) => measure('git', ['--no-pager', ...args], { env: gitEnv, cwd: ws.dir });
    const rows: StartupRow[] = [];
    for (const c of COMMANDS) {
      for (let w = 0; w < opts.warmup; w++) {
        await redbRun(c.redb);
        await gitRun(c.git);
      }
      const mine: Measurement[] = [];
      const theirs: Measurement[] = [];
      for (let r = 0; r < opts.runs; r++) {
        // alternate which goes first
        if (r % 2) theirs.push(await gitRun(c.git));
        mine.push(await redbRun(c.redb));
        if (!(r % 2)) theirs.push(await gitRun(c.git));
      }
      const s = summary(mine);
      const ref = summary(theirs);
      rows.push({ command: `redb ${c.redb.join(' ')}`, redb: s, reference: { command: `git ${c.git.join(' ')}`, summary: ref }, ratio: s.medianSeconds / ref.medianSeconds });
      console.error(`[start-up] redb ${c.redb.join(' ')} ${s.medianSeconds.toFixed(3)} s, git ${c.git.join(' ')} ${ref.medianSeconds.toFixed(3)} s`);
    }
    return rows;
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
    if (!opts.keep) dropDatabaseNamed(opts.serverUrl, db.name);
  }
}
