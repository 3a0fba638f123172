/**
 * The migration benchmarks, each a redb migration job against the tool it sits beside, in
 * the same rounds (alternating which goes first) on the same source table:
 * - pg-pg: PostgreSQL → PostgreSQL vs `pg_dump -a -t bench_rows | psql` into an identical empty table;
 * - my-pg: MariaDB → PostgreSQL vs pgloader (each creates its own table);
 * - pg-my: PostgreSQL → MariaDB, plain and with `hash` (HMAC-SHA256) on two columns.
 * Every run lands in a new empty target database and is refused unless the target's table
 * has the source's fingerprint (data.ts): a fast run that moved fewer rows is no figure.
 */
import { redactText } from '../../src/config/url-secrets.js';
import { median, type Measurement } from '../measure.js';
import { fingerprintMysql, fingerprintPg, loadMysql, loadPg, PG_DDL, sameFingerprint, TABLE, type Fingerprint } from './data.js';
import { jobWorkspace, removeWorkspace, timeJob, type JobMeasurement, type Via } from './redb-job.js';
import { pgDumpPsql, pgloader } from './reference.js';
import { dropMysql, dropPg, freshMysql, freshPg, PREFIX } from './servers.js';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl } from '../pg.js';
import { summarizeFile } from '../profile.js';

export interface BenchContext {
  pgUrl: string;
  mysqlUrl: string;
  rows: number;
  runs: number;
  via: Via;
  keep: boolean;
  log: (line: string) => void;
  /** One more, unmeasured redb run per benchmark under `node --cpu-prof`, its profile in DIR/<name>/. */
  profileDir?: string;
  /** name → the profile's summary (bench/profile.ts), filled by the runs. */
  profiles: Record<string, string>;
}

interface Runs {
  ms: Measurement[];
  error?: string;
}

export interface Side {
  tool: string;
  /** Why the tool failed (its runs stop at the first failure). */
  error?: string;
  seconds: number[];
  peakMB: (number | null)[];
  medianSeconds: number;
  rowsPerSecond: number;
  /** redb's runs: seconds from spawn to the first event of each phase, and to exit (`exit`). */
  phases?: Record<string, number>[];
}

export interface MigrationResult {
  name: string;
  rows: number;
  loadSeconds: number;
  redb: Side;
  reference: Side;
  /** redb ÷ reference (medians). */
  ratio: number;
  goal?: string;
  met?: boolean;
}

function side(tool: string, runs: Runs, rows: number): Side {
  const med = runs.ms.length ? median(runs.ms.map((m) => m.seconds)) : NaN;
  const phases = runs.ms.map((m) => (m as Partial<JobMeasurement>).phases).filter((p): p is Record<string, number> => p !== undefined);
  return {
    tool,
    ...(runs.error ? { error: runs.error } : {}),
    seconds: runs.ms.map((m) => m.seconds),
    peakMB: runs.ms.map((m) => m.peakMB),
    medianSeconds: med,
    rowsPerSecond: rows / med,
    ...(phases.length ? { phases } : {}),
  };
}

async function pgQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const SALT = 'redb-bench-salt-not-a-secret';

/** One redb migration into a fresh target; `check` compares the target's table with the source. */
async function redbRun(ctx: BenchContext, sourceUrl: string, targetUrl: string, transforms: string[] | undefined, check: () => Promise<void>, nodeArgs: string[] = []): Promise<Measurement> {
  const ws = jobWorkspace(sourceUrl, targetUrl, { name: 'bench', type: 'migration', transforms });
  try {
    // a profile runs through the API (dist/src/…): the CLI bundle's chunk names would hide the modules
    const m = await timeJob(ws, 'bench', nodeArgs.length ? 'api' : ctx.via, { REDB_TRANSFORM_SALT: SALT }, nodeArgs);
    await check();
    return m;
  } finally {
    if (!ctx.keep) removeWorkspace(ws);
  }
}

/**
 * With --profile: one more run of `fn` (a redb run given node's flags) under `node --cpu-prof`,
 * summarized by module and function. The job's process is the profiled one; what the
 * servers do shows as its idle time.
 */
async function profiled(ctx: BenchContext, name: string, fn: (nodeArgs: string[]) => Promise<Measurement>): Promise<void> {
  if (!ctx.profileDir) return;
  const dir = join(ctx.profileDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let m: Measurement;
  try {
    m = await fn(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  } catch (err) {
    return ctx.log(`  profile ${name} FAILED: ${redactText((err as Error).message).slice(0, 500)}`);
  }
  // the CLI may start more than one node process: the biggest profile is the job's
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  const biggest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!biggest) return ctx.log(`  profile ${name}: no .cpuprofile written`);
  const phases = (m as Partial<JobMeasurement>).phases;
  const split = phases ? Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ') : '';
  ctx.profiles[name] = `${m.seconds.toFixed(2)} s under --cpu-prof (${biggest})${split ? `\nphases: ${split}` : ''}\n${summarizeFile(biggest, 20)}`;
  ctx.log(`  profile ${name}: ${biggest}`);
}

/**
 * The runs of two tools alternating (A B, B A, …) so that neither always runs on a warmer
 * server. A tool that fails is not run again and its error is kept for the report, so a
 * branch whose job fails still gets the other side's figures.
 */
async function alternate(runs: number, a: () => Promise<Measurement>, b: () => Promise<Measurement>, log: (l: string) => void, names: [string, string]): Promise<[Runs, Runs]> {
  const out: [Runs, Runs] = [{ ms: [] }, { ms: [] }];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    for (const k of order) {
      if (out[k].error) continue;
      try {
        const m = await (k === 0 ? a() : b());
        out[k].ms.push(m);
        log(`  ${names[k]} run ${i + 1}: ${m.seconds.toFixed(2)} s, ${m.peakMB?.toFixed(0) ?? '—'} MB`);
      } catch (err) {
        out[k].error = redactText((err as Error).message).slice(0, 2000);
        log(`  ${names[k]} run ${i + 1} FAILED: ${out[k].error}`);
      }
    }
  }
  return out;
}

export async function benchPgToPg(ctx: BenchContext): Promise<MigrationResult> {
  const t0 = Date.now();
  const src = await freshPg(ctx.pgUrl, 'pgsrc');
  await loadPg(src, ctx.rows);
  const expected = await fingerprintPg(src);
  const loadSeconds = (Date.now() - t0) / 1000;
  ctx.log(`pg-pg: ${ctx.rows} rows loaded in ${loadSeconds.toFixed(1)} s`);
  const ref = async () => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    await pgQuery(tgt, PG_DDL);
    const m = await pgDumpPsql(src, tgt);
    sameFingerprint('pg_dump | psql', expected, await fingerprintPg(tgt));
    return m;
  };
  const mine = async () => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    return redbRun(ctx, src, tgt, undefined, async () => sameFingerprint('redb pg → pg', expected, await fingerprintPg(tgt)));
  };
  const [r, p] = await alternate(ctx.runs, mine, ref, ctx.log, ['redb', 'pg_dump | psql']);
  await profiled(ctx, 'pg-pg', async (nodeArgs) => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    return redbRun(ctx, src, tgt, undefined, async () => {}, nodeArgs);
  });
  if (!ctx.keep) await dropPg(ctx.pgUrl, 'pgtgt');
  const redbSide = side('redb job run', r, ctx.rows);
  const refSide = side('pg_dump -a | psql', p, ctx.rows);
  const ratio = redbSide.medianSeconds / refSide.medianSeconds;
  return { name: 'PostgreSQL → PostgreSQL', rows: ctx.rows, loadSeconds, redb: redbSide, reference: refSide, ratio, goal: '≤ 1.5 × pg_dump | psql', met: ratio <= 1.5 };
}

export async function benchMysqlToPg(ctx: BenchContext): Promise<MigrationResult> {
  const t0 = Date.now();
  const src = await freshMysql(ctx.mysqlUrl, 'mysrc');
  await loadMysql(src, ctx.rows);
  const expected = await fingerprintMysql(src);
  const loadSeconds = (Date.now() - t0) / 1000;
  ctx.log(`my-pg: ${ctx.rows} rows loaded in ${loadSeconds.toFixed(1)} s`);
  const ref = async () => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    const m = await pgloader(src, tgt);
    // pgloader puts the table in a schema named after the MariaDB database
    sameFingerprint('pgloader', expected, await fingerprintPg(tgt, `${PREFIX}mysrc.${TABLE}`));
    return m;
  };
  const mine = async () => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    return redbRun(ctx, src, tgt, undefined, async () => sameFingerprint('redb mariadb → pg', expected, await fingerprintPg(tgt)));
  };
  const [r, p] = await alternate(ctx.runs, mine, ref, ctx.log, ['redb', 'pgloader']);
  await profiled(ctx, 'my-pg', async (nodeArgs) => {
    const tgt = await freshPg(ctx.pgUrl, 'pgtgt');
    return redbRun(ctx, src, tgt, undefined, async () => {}, nodeArgs);
  });
  if (!ctx.keep) {
    await dropPg(ctx.pgUrl, 'pgtgt');
    await dropMysql(ctx.mysqlUrl, 'mysrc');
  }
  const redbSide = side('redb job run', r, ctx.rows);
  const refSide = side('pgloader', p, ctx.rows);
  const ratio = redbSide.medianSeconds / refSide.medianSeconds;
  return { name: 'MariaDB → PostgreSQL', rows: ctx.rows, loadSeconds, redb: redbSide, reference: refSide, ratio, goal: '≤ 0.5 × pgloader', met: ratio <= 0.5 };
}

/** The two columns the transformed PostgreSQL → MariaDB run hashes (64 hex characters fit both). */
export const HASHED = [`${TABLE}.email=hash`, `${TABLE}.note=hash`];

export async function benchPgToMysql(ctx: BenchContext, srcReady: boolean): Promise<MigrationResult> {
  const t0 = Date.now();
  const src = databaseUrl(ctx.pgUrl, `${PREFIX}pgsrc`);
  if (!srcReady) {
    await freshPg(ctx.pgUrl, 'pgsrc');
    await loadPg(src, ctx.rows);
  }
  const expected: Fingerprint = await fingerprintPg(src);
  const loadSeconds = (Date.now() - t0) / 1000;
  ctx.log(`pg-my: ${ctx.rows} rows${srcReady ? ' (the pg-pg source)' : ` loaded in ${loadSeconds.toFixed(1)} s`}`);
  const run = (transforms: string[] | undefined) => async () => {
    const tgt = await freshMysql(ctx.mysqlUrl, 'mytgt');
    return redbRun(ctx, src, tgt, transforms, async () => {
      const got = await fingerprintMysql(tgt);
      // hashed columns change length; the row count, integers and NULLs must still match
      sameFingerprint(`redb pg → mariadb${transforms ? ' (hash)' : ''}`, expected, got, transforms ? ['rows', 'sumA', 'sumB', 'nulls'] : undefined);
    });
  };
  const [plain, hashed] = await alternate(ctx.runs, run(undefined), run(HASHED), ctx.log, ['redb', 'redb + hash']);
  for (const [name, transforms] of [['pg-my', undefined], ['pg-my-hash', HASHED]] as const) {
    await profiled(ctx, name, async (nodeArgs) => {
      const tgt = await freshMysql(ctx.mysqlUrl, 'mytgt');
      return redbRun(ctx, src, tgt, transforms, async () => {}, nodeArgs);
    });
  }
  if (!ctx.keep) await dropMysql(ctx.mysqlUrl, 'mytgt');
  const plainSide = side('redb job run, no transform', plain, ctx.rows);
  const hashedSide = side('redb job run, hash on 2 columns', hashed, ctx.rows);
  // here the "reference" is the untransformed run: the ratio is the cost of the transform
  return { name: 'PostgreSQL → MariaDB (hash ÷ plain)', rows: ctx.rows, loadSeconds, redb: hashedSide, reference: plainSide, ratio: hashedSide.medianSeconds / plainSide.medianSeconds };
}
