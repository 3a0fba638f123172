/**
 * The migration job (docs/jobs.md, "Migration"): the target schema without foreign keys
 * and secondary indexes, the copy of every table in key order with per-table
 * checkpoints in the target, the full schema, counters moved past the loaded ids, then
 * row counts and chunk checksums compared. Each phase is recorded in the job's state, so
 * a run that stopped (paused, killed, failed) goes on from where the target says it is.
 */
import type { DataSupport } from '../../../adapters/types.js';
import { redactText } from '../../config/url-secrets.js';
import { openDatabase, type OpenDatabase } from '../../core/databases.js';
import type { Workspace } from '../../core/workspace.js';
import type { DeployAdapter } from '../../deploy/run.js';
import { RedbError, usageError } from '../../errors.js';
import type { JobStore } from '../job-store.js';
import { keyPositions, type KeyPositions } from '../positions.js';
import type { RelationshipInfo } from '../relationships.js';
import { clearRequest, defaultRunner, jobLockKey, jobStore, lockJob, readRequest, readState, writeState } from '../state.js';
import { loadingModel, targetSchema } from '../target-schema.js';
import { resolveSalt } from '../transforms/index.js';
import type { JobOutcome, JobRequest, JobRunner, JobState, RunJobOptions } from '../types.js';
import { checkpointChunks, readCheckpoint } from './checkpoint.js';
import { copyTable } from './copy.js';
import { deployModel } from './deploy-model.js';
import { compileTransforms, tablePipeline, type TablePipeline } from './rows.js';
import { verifyTable } from './verify.js';

/**
 * Rows per batch (and per chunk of the checksums): 5,000 value by value, 500,000 in bulk
 * (the engine's bulk format, canonical text), whose batch streams from source to target
 * and is never held. Each batch is a new read and write on both servers, one after the
 * other, so fewer make the copy faster (a million rows between two servers of one
 * engine: 2.39 s of copy at 200,000, 2.11 s at 500,000, docs/performance.md), while a
 * stopped job still redoes at most about a second's work. `REDB_JOB_BATCH_ROWS`
 * overrides both (tests, tuning).
 */
export function batchRows(bulk: boolean, env: NodeJS.ProcessEnv = process.env): number {
  const v = env.REDB_JOB_BATCH_ROWS;
  if (v === undefined || v === '') return bulk ? 500_000 : 5000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw usageError('E_USAGE', `REDB_JOB_BATCH_ROWS is ${JSON.stringify(v)}, not a positive whole number`, 'set it to the rows per batch, e.g. 5000, or unset it');
  return n;
}

const PHASES = ['schema', 'copy', 'indexes', 'verify'] as const;
type Phase = (typeof PHASES)[number];
const past = (state: JobState | undefined, phase: Phase) => PHASES.indexOf((state?.phase ?? 'schema') as Phase) > PHASES.indexOf(phase);

function needData(db: OpenDatabase, role: string): DataSupport {
  if (!db.adapter.data) throw new RedbError('E_UNSUPPORTED', `database ${db.name} is a ${db.adapter.dialect} database: redb cannot copy rows ${role} it yet`, 'migrate between engines whose adapters move data (docs/jobs.md)');
  return db.adapter.data;
}

interface Run {
  readonly ws: Workspace;
  readonly rel: RelationshipInfo;
  readonly opts: RunJobOptions;
  readonly source: OpenDatabase & { data: DataSupport };
  readonly target: OpenDatabase & { data: DataSupport; adapter: DeployAdapter };
  readonly store: JobStore;
  state: JobState;
}

export const runMigration: JobRunner = async (ws, rel, opts) => {
  const source = await openDatabase(ws, rel.source);
  let target: OpenDatabase | undefined;
  try {
    target = await openDatabase(ws, rel.target);
    const srcData = needData(source, 'out of');
    const store = jobStore(target.conn, target.adapter, `database ${rel.target}`);
    const dstData = needData(target, 'into');
    if (!target.adapter.ddl) throw new RedbError('E_UNSUPPORTED', `redb cannot deploy a schema to database ${rel.target} (${target.adapter.dialect})`, 'pick a target on an engine redb deploys to');
    await store.ensure();
    const previous = await readState(store, rel.name);
    await lockJob(target.conn, target.adapter, rel.name, previous);
    try {
      return await migrate({ ws, rel, opts, source: { ...source, data: srcData }, target: { ...target, data: dstData } as Run['target'], store, state: previous ?? { status: 'running', updatedAt: '' } }, previous);
    } finally {
      await target.adapter.deploy!.unlock(target.conn, jobLockKey(rel.name)).catch(() => undefined);
    }
  } finally {
    await target?.conn.close().catch(() => undefined);
    await source.conn.close().catch(() => undefined);
  }
};

async function save(run: Run, patch: Partial<JobState>): Promise<void> {
  run.state = { ...run.state, ...patch, updatedAt: new Date().toISOString() };
  await writeState(run.store, run.rel.name, run.state);
}

const outcome = (run: Run): JobOutcome => ({ job: run.rel.name, type: 'migration', status: run.state.status, state: run.state });

async function migrate(run: Run, previous: JobState | undefined): Promise<JobOutcome> {
  const { rel, opts } = run;
  if (previous?.status === 'done') {
    throw usageError('E_JOB_STATE', `job ${rel.name} is done: its target holds a verified copy`, `cancel it to forget its checkpoints, then run it again: redb job cancel ${rel.name}`);
  }
  // a cancelled job starts over; any other (paused, failed, a runner that died) goes on from its phase
  const fresh = !previous || previous.status === 'cancelled';
  if (fresh) await run.target.conn.transaction(() => run.store.clear(rel.name));
  // a request left from before this run was for a runner that is gone (this one holds the lock now)
  else await clearRequest(run.store, rel.name);
  const { error: _e, request: _r, ...kept } = fresh ? ({ status: 'running', updatedAt: '' } as JobState) : run.state;
  run.state = { ...kept, status: 'running', runner: opts.runner ?? defaultRunner(), startedAt: new Date().toISOString(), phase: fresh ? 'schema' : kept.phase ?? 'schema', updatedAt: '' };
  await save(run, {});
  try {
    return await phases(run);
  } catch (err) {
    const code = err instanceof RedbError ? err.code : 'E_INTERNAL';
    await save(run, { status: 'failed', error: { code, message: redactText((err as Error).message) } }).catch(() => undefined);
    throw err;
  }
}

async function phases(run: Run): Promise<JobOutcome> {
  const { ws, rel, opts, source, target } = run;
  const url = await ws.databaseUrl(rel.target);
  const schema = await targetSchema({ source, target: { adapter: target.adapter, url }, ...(rel.tables ? { tables: rel.tables } : {}), ...(rel.map ? { map: rel.map } : {}) });
  const salt = rel.transforms && Object.keys(rel.transforms).length ? await resolveSalt(ws.credentialsFile) : undefined;
  // every transform is compiled (and its salt checked) before a row is read
  const transforms = compileTransforms(schema.tables, { ...(rel.transforms ? { transforms: rel.transforms } : {}), deterministic: !!rel.deterministic, ...(salt ? { salt } : {}) });
  // an enum column names its type; the labels are the type's, in the target model (the source's own are inline or unread)
  const labels = new Map(schema.model.objects.flatMap((o) => (o.kind === 'enum' ? [[o.id, o.values] as const] : [])));
  const pipelines = schema.tables.map((m) => tablePipeline(m, transforms.get(m.source.id), { source: source.data, target: target.data }, (ref) => labels.get(ref)));
  // a table whose key is masked keeps its resume position sealed: no source key in the job table
  const positions = new Map(schema.tables.map((m) => {
    const masked = m.source.primaryKey?.columns.some((c) => transforms.get(m.source.id)?.has(c)) ?? false;
    return [m.target.id, keyPositions({ sealed: masked, salt, table: m.source.id })] as const;
  }));
  const note = (message: string) => opts.onProgress?.({ job: rel.name, phase: run.state.phase ?? 'schema', message });

  // the source's row counts (the progress bars' totals) are read while the target schema is made
  const totals = past(run.state, 'copy') ? new Map<string, Promise<number>>() : countSources(run, pipelines);
  if (!past(run.state, 'schema')) {
    await deployModel({ ws, rel, adapter: target.adapter, conn: target.conn, url, model: loadingModel(schema.model) });
    note(`created ${schema.tables.length} table${schema.tables.length === 1 ? '' : 's'}${schema.report.length ? ` (${schema.report.length} thing(s) not kept exactly: see redb translate)` : ''}`);
    await save(run, { phase: 'copy' });
  }
  if (!past(run.state, 'copy')) {
    const stopped = await copyAll(run, pipelines, positions, totals);
    if (stopped) return stop(run, stopped);
    await save(run, { phase: 'indexes' });
  }
  if (!past(run.state, 'indexes')) {
    await deployModel({ ws, rel, adapter: target.adapter, conn: target.conn, url, model: schema.model });
    for (const p of pipelines) await target.data.resetCounters?.(target.conn, p.mapping.target);
    note('created indexes, unique constraints and foreign keys');
    await save(run, { phase: 'verify' });
  }
  await verifyAll(run, pipelines);
  await save(run, { status: 'done' });
  return outcome(run);
}

/** A pause or cancel, from the signal (a pause) or a request in the target. */
async function stopRequested(run: Run): Promise<JobRequest | undefined> {
  const asked = await readRequest(run.store, run.rel.name);
  if (asked) return asked;
  return run.opts.signal?.aborted ? 'pause' : undefined;
}

/** The source row count of each table not known from an earlier run, one after another on the source connection. */
function countSources(run: Run, pipelines: readonly TablePipeline[]): Map<string, Promise<number>> {
  const totals = new Map<string, Promise<number>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (const p of pipelines) {
    const id = p.mapping.target.id;
    if (run.state.tables?.[id]?.total !== undefined) continue;
    const count = previous.then(() => run.source.data.count(run.source.conn, p.mapping.source));
    // awaited by the table's copy; a failure before then (the schema's deploy failed) is not unhandled
    count.catch(() => undefined);
    totals.set(id, count);
    previous = count;
  }
  return totals;
}

async function copyAll(run: Run, pipelines: readonly TablePipeline[], positions: ReadonlyMap<string, KeyPositions>, totals: ReadonlyMap<string, Promise<number>>): Promise<JobRequest | undefined> {
  const { rel, source, target, store } = run;
  for (const p of pipelines) {
    const id = p.mapping.target.id;
    const cp = await readCheckpoint(store, rel.name, id);
    if (cp?.done) continue;
    const total = run.state.tables?.[id]?.total ?? (await (totals.get(id) ?? source.data.count(source.conn, p.mapping.source)));
    run.state = { ...run.state, tables: { ...run.state.tables, [id]: { rows: cp?.rows ?? 0, total } } };
    const result = await copyTable({
      job: rel.name, source, target, store, batchRows: batchRows(!!p.bulk), positions: positions.get(id)!,
      stopRequested: () => stopRequested(run),
      saveState: async (table, n, done) => {
        run.state = { ...run.state, tables: { ...run.state.tables, [table]: { ...run.state.tables?.[table], rows: n, ...(done ? { done } : {}) } } };
        await writeState(store, rel.name, run.state);
      },
      ...(run.opts.onProgress ? { onProgress: run.opts.onProgress } : {}),
    }, p, cp, total);
    if (result !== 'done') return result;
  }
  return undefined;
}

async function stop(run: Run, request: JobRequest): Promise<JobOutcome> {
  const { rel, store, target } = run;
  if (request === 'pause') {
    await target.conn.transaction(async () => {
      await clearRequest(store, rel.name);
      await save(run, { status: 'paused' });
    });
  } else {
    await target.conn.transaction(async () => {
      await store.clear(rel.name);
      await save(run, { status: 'cancelled', tables: {} });
    });
  }
  return outcome(run);
}

async function verifyAll(run: Run, pipelines: readonly TablePipeline[]): Promise<void> {
  const { rel, source, target, store } = run;
  const scopes = await store.all(rel.name);
  for (const p of pipelines) {
    const id = p.mapping.target.id;
    const cp = await readCheckpoint(store, rel.name, id);
    if (!cp?.done) throw new RedbError('E_VERIFY', `table ${id} has no finished copy recorded on the target`, `cancel the job and run it again: redb job cancel ${rel.name}`);
    const verified = await verifyTable({ source, target, chunkRows: batchRows(!!p.bulk) }, p, cp, checkpointChunks(scopes, id, cp));
    run.state = { ...run.state, tables: { ...run.state.tables, [id]: { ...run.state.tables?.[id], rows: cp.rows, done: true, verified } } };
    await save(run, {});
    run.opts.onProgress?.({ job: rel.name, phase: 'verify', table: id, rows: cp.rows, message: `verified ${id}` });
  }
}

