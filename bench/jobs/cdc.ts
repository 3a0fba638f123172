/**
 * The CDC benchmark: a PostgreSQL → PostgreSQL replication job (`redb job run NAME --follow`
 * in a child process) while a writer changes `rate` rows a second on the source for
 * `seconds`, and a poller watches the target.
 *
 * The writer commits one transaction every 100 ms (rate/10 rows: half updates of existing
 * rows, half inserts of new ids, the inserts last), each one simple query (one round trip),
 * and notes when its COMMIT returned. The highest id a transaction inserts is its last
 * change in the WAL, and ids only grow: once the target's `max(id)` (an index lookup,
 * polled every `pollMs`) reaches it, the whole transaction is applied (the job applies in
 * commit order). Lag of a change = when the poll that first saw its transaction returned
 * − when the transaction's COMMIT returned on the source; every change of a transaction
 * shares its lag, so the percentiles are weighted by the transaction's size. Both times
 * come from this process's monotonic clock, so no clock of the servers is involved; the
 * poll interval bounds the error (the figure errs high).
 *
 * Memory: VmRSS and VmHWM of the job's process from /proc/PID/status every 100 ms.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { redactText } from '../../src/config/url-secrets.js';
import { deleteRelationship, jobWorkspace, removeWorkspace, startJob, type Via } from './redb-job.js';
import { dropPg, freshPg } from './servers.js';

export const CDC_TABLE = 'bench_cdc';

export interface CdcOptions {
  pgUrl: string;
  /** Rows in the table before the job starts (its snapshot). */
  initialRows: number;
  rate: number;
  seconds: number;
  pollMs: number;
  via: Via;
  keep: boolean;
  log: (line: string) => void;
  /**
   * Profile this run's job (`node --cpu-prof` through the API, so module names show): the
   * profile is written when the job stops; the lag figures are then those of a profiled job.
   */
  profileDir?: string;
}

export interface CdcResult {
  initialRows: number;
  targetRate: number;
  achievedRate: number;
  seconds: number;
  changes: number;
  transactions: number;
  /** Seconds from the job's start until the snapshot was on the target and a change streamed. */
  snapshotSeconds: number;
  lagMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Transactions never seen on the target within the drain time (their lag is unknown). */
  unseen: number;
  /** Seconds after the writer stopped until the target had everything. */
  drainSeconds: number;
  peakRssMB: number | null;
  /** The largest `lagMs` the job itself reported in its progress (its own measure). */
  jobReportedMaxLagMs: number | null;
  goals: { p99: string; rss: string; p99Met: boolean; rssMet: boolean | null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The value at quantile q (0..1) of `values` each with `weight`, sorted by value. */
export function weightedQuantile(points: readonly { value: number; weight: number }[], q: number): number {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, p) => s + p.weight, 0);
  let acc = 0;
  for (const p of sorted) {
    acc += p.weight;
    if (acc >= q * total) return p.value;
  }
  return sorted.at(-1)?.value ?? NaN;
}

export async function benchCdc(o: CdcOptions): Promise<CdcResult> {
  const src = await freshPg(o.pgUrl, 'cdcsrc');
  const tgt = await freshPg(o.pgUrl, 'cdctgt');
  const s = await client(src);
  await s.query(`CREATE TABLE ${CDC_TABLE} (id bigint PRIMARY KEY, k integer NOT NULL, payload text NOT NULL, changed_at timestamptz NOT NULL)`);
  await s.query(`INSERT INTO ${CDC_TABLE} SELECT g, 0, md5(g::text) || md5((g + 1)::text), now() FROM generate_series(1, ${o.initialRows}) g`);
  await s.query(`VACUUM ANALYZE ${CDC_TABLE}`);
  const ws = jobWorkspace(src, tgt, { name: 'cdc', type: 'replication' });
  const t = await client(tgt);
  const started = performance.now();
  const job = o.profileDir ? startJob(ws, 'cdc', 'api', {}, ['--cpu-prof', `--cpu-prof-dir=${o.profileDir}`]) : startJob(ws, 'cdc', o.via);
  let stderr = '';
  let exited: number | null | undefined;
  let jobMaxLag: number | null = null;
  let out = '';
  let lastLines: string[] = [];
  job.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  job.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    lastLines = [...lastLines, ...lines].slice(-5);
    for (const line of lines) {
      try {
        const lag = (JSON.parse(line) as { replication?: { lagMs?: number } }).replication?.lagMs;
        if (typeof lag === 'number') jobMaxLag = Math.max(jobMaxLag ?? 0, lag);
      } catch {
        // not a JSON line (a text progress line)
      }
    }
  });
  job.on('exit', (code) => (exited = code));
  let peakRssKb = 0;
  const sampler = setInterval(() => {
    if (!job.pid) return;
    for (const f of ['VmRSS', 'VmHWM'] as const) peakRssKb = Math.max(peakRssKb, procStatusKb(job.pid, f) ?? 0);
  }, 100);
  const maxId = async () => Number((await t.query(`SELECT max(id) AS m FROM ${CDC_TABLE}`).catch(() => ({ rows: [{ m: null }] }))).rows[0].m ?? 0);
  const failIfExited = () => {
    if (exited !== undefined) throw new Error(`the replication job exited (${exited}) before the benchmark ended:\n${redactText([stderr.trim().slice(-2000), ...lastLines, out].join('\n').trim())}`);
  };

  try {
    // 1. the snapshot, then one streamed change: the job is live
    let nextId = o.initialRows + 1;
    await s.query(`INSERT INTO ${CDC_TABLE} VALUES (${nextId}, 0, 'probe', now())`);
    const deadline = performance.now() + 600_000;
    while ((await maxId()) < nextId) {
      failIfExited();
      if (performance.now() > deadline) throw new Error('the replication job did not stream a change within 10 minutes');
      await sleep(100);
    }
    nextId++;
    const snapshotSeconds = (performance.now() - started) / 1000;
    o.log(`cdc: snapshot of ${o.initialRows} rows and the first change on the target after ${snapshotSeconds.toFixed(1)} s; writing ${o.rate} rows/s for ${o.seconds} s`);

    // 2. the writer and the poller
    const perTx = Math.max(2, Math.round(o.rate / 10));
    const updates = perTx >> 1;
    const inserts = perTx - updates;
    const txs: { probe: number; committedAt: number; rows: number; seenAt?: number }[] = [];
    let writing = true;
    let drainDeadline = Infinity;
    const poller = (async () => {
      let firstUnseen = 0;
      while (writing || firstUnseen < txs.length) {
        const m = await maxId();
        const now = performance.now();
        while (firstUnseen < txs.length && txs[firstUnseen].probe <= m) txs[firstUnseen++].seenAt = now;
        if (!writing && now > drainDeadline) break;
        await sleep(o.pollMs);
      }
    })();
    const writeStart = performance.now();
    const total = Math.round((o.seconds * 1000) / 100);
    for (let i = 0; i < total; i++) {
      failIfExited();
      const due = writeStart + i * 100;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // distinct ids, so that a transaction changes exactly `updates` existing rows
      const picked = new Set<number>();
      while (picked.size < Math.min(updates, o.initialRows)) picked.add(1 + Math.floor(Math.random() * o.initialRows));
      const ids = [...picked];
      const first = nextId;
      nextId += inserts;
      await s.query(
        `BEGIN; UPDATE ${CDC_TABLE} SET k = k + 1, changed_at = clock_timestamp() WHERE id IN (${ids.join(',')}); ` +
          `INSERT INTO ${CDC_TABLE} SELECT g, 0, md5(g::text) || md5((g + 1)::text), clock_timestamp() FROM generate_series(${first}, ${nextId - 1}) g; COMMIT`,
      );
      txs.push({ probe: nextId - 1, committedAt: performance.now(), rows: ids.length + inserts });
    }
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const writerStopped = performance.now();
    drainDeadline = writerStopped + 60_000;
    writing = false;
    await poller;
    const lastSeen = Math.max(...txs.map((x) => x.seenAt ?? 0));
    const seen = txs.filter((x) => x.seenAt !== undefined);
    const points = seen.map((x) => ({ value: x.seenAt! - x.committedAt, weight: x.rows }));
    const changes = txs.reduce((sum, x) => sum + x.rows, 0);
    const mean = points.reduce((sum, p) => sum + p.value * p.weight, 0) / Math.max(1, points.reduce((sum, p) => sum + p.weight, 0));
    failIfExited();
    const peakRssMB = peakRssKb ? peakRssKb / 1024 : null;
    const lagMs = { p50: weightedQuantile(points, 0.5), p90: weightedQuantile(points, 0.9), p99: weightedQuantile(points, 0.99), max: Math.max(...points.map((p) => p.value)), mean };
    const result: CdcResult = {
      initialRows: o.initialRows,
      targetRate: o.rate,
      achievedRate: changes / writeSeconds,
      seconds: writeSeconds,
      changes,
      transactions: txs.length,
      snapshotSeconds,
      lagMs,
      unseen: txs.length - seen.length,
      drainSeconds: Math.max(0, (lastSeen - writerStopped) / 1000),
      peakRssMB,
      jobReportedMaxLagMs: jobMaxLag,
      goals: { p99: '< 500 ms', rss: '< 256 MB', p99Met: lagMs.p99 < 500 && seen.length === txs.length, rssMet: peakRssMB === null ? null : peakRssMB < 256 },
    };
    // the target must hold what the source holds: no change lost or applied twice
    const [a, b] = await Promise.all([s, t].map((c) => c.query(`SELECT count(*) AS n, sum(k) AS k FROM ${CDC_TABLE}`)));
    if (a.rows[0].n !== b.rows[0].n || a.rows[0].k !== b.rows[0].k) {
      o.log(`cdc: WARNING the target differs from the source after the drain (rows ${b.rows[0].n} vs ${a.rows[0].n}, sum(k) ${b.rows[0].k} vs ${a.rows[0].k})`);
    }
    return result;
  } finally {
    clearInterval(sampler);
    if (exited === undefined) {
      job.kill('SIGTERM');
      for (let i = 0; i < 100 && exited === undefined; i++) await sleep(100);
      if (exited === undefined) job.kill('SIGKILL');
    }
    await Promise.all([s.end(), t.end()]);
    deleteRelationship(ws, 'cdc');
    if (!o.keep) {
      removeWorkspace(ws);
      await dropPg(o.pgUrl, 'cdcsrc');
      await dropPg(o.pgUrl, 'cdctgt');
    }
  }
}
