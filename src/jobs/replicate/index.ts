/**
 * The replication runner (docs/jobs.md, "Replication"): the source's change capture
 * (publication + slot, created before anything is read), the target schema, a snapshot
 * as upserts, then the change stream applied in batches with the checkpoint in the same
 * target transaction. A replication is never `done`: without `follow` it stops `paused`
 * once caught up with where the source's log stood when it started.
 */
import { readSchema } from '../../../adapters/read-schema.js';
import type { ChangeArtifacts, ChangeCapture, DataSupport } from '../../../adapters/types.js';
import type { Model } from '../../../unified-model/index.js';
import { redactText } from '../../config/url-secrets.js';
import { openDatabase, withDatabase, type OpenDatabase } from '../../core/databases.js';
import type { Workspace } from '../../core/workspace.js';
import { RedbError, usageError } from '../../errors.js';
import type { JobStore } from '../job-store.js';
import type { RelationshipInfo } from '../relationships.js';
import { clearRequest, defaultRunner, jobLockKey, jobStore, lockJob, readRequest, readState, writeState } from '../state.js';
import type { JobOutcome, JobRunner, JobState, JobStatus } from '../types.js';
import { sourceId } from './apply.js';
import { recopyTable, runSnapshot, tableScope } from './snapshot.js';
import { LSN_SCOPE, runStream, type LsnCheckpoint } from './stream.js';
import { pickTables } from './tables.js';
import { deployTargetSchema, type TablePair } from './target.js';
import { rowTransform } from './transform.js';

export { applyToReplicas } from './follow-branch.js';

/** The source's change capture, or why this source cannot be replicated from. */
export function captureOf(db: OpenDatabase, rel: RelationshipInfo): ChangeCapture {
  if (!db.adapter.changes || !db.adapter.data) {
    throw new RedbError('E_UNSUPPORTED', `database ${rel.source} is a ${db.adapter.dialect} database: redb cannot capture its changes yet`, 'replicate from an engine whose changes redb can capture (docs/jobs.md, Replication), or run a migration (--type migration) instead');
  }
  return db.adapter.changes;
}

/** The source model's tables of the relationship (refusing a keyless one not opted in); nothing changed on the source yet. */
async function sourceTables(db: OpenDatabase, rel: RelationshipInfo): Promise<{ model: Model; tables: ReturnType<typeof pickTables> }> {
  const model = await readSchema(db.adapter, db.conn);
  return { model, tables: pickTables(model, rel) };
}

/**
 * A keyless table is matched on the target by all its values: two identical rows cannot be
 * told apart there (a delete of one would delete both), so such a table is refused.
 */
async function refuseIdenticalRows(db: OpenDatabase, capture: ChangeCapture, tables: ReturnType<typeof pickTables>, rel: RelationshipInfo): Promise<void> {
  for (const t of tables) {
    if (t.primaryKey?.columns.length || !(await capture.hasIdenticalRows(db.conn, t))) continue;
    throw usageError(
      'E_IDENTICAL_ROWS',
      `table ${t.id} of relationship ${rel.name} has no primary key and holds rows equal in every column: a change to one of them cannot be told from the others on the target`,
      `add a primary key to ${t.id} (e.g. a generated identity column), or leave the table out (--tables); after removing the copies, start the job anew (redb job cancel ${rel.name}, then redb job run ${rel.name})`,
    );
  }
}

/** Makes the tables replicable on the source (full identity where opted in): only after every check passed. */
async function makeReplicable(db: OpenDatabase, capture: ChangeCapture, tables: ReturnType<typeof pickTables>): Promise<void> {
  for (const t of tables) if (!t.primaryKey?.columns.length) await capture.setFullIdentity(db.conn, t);
}

const pairMap = (pairs: readonly TablePair[]) => new Map(pairs.map((p) => [sourceId(p.source), p]));

export const runReplication: JobRunner = async (ws, rel, opts) => {
  const source = await openDatabase(ws, rel.source);
  let target: OpenDatabase | undefined;
  try {
    const capture = captureOf(source, rel);
    const why = await capture.unavailable(source.conn);
    if (why) throw new RedbError('E_CDC_UNAVAILABLE', why, 'see docs/jobs.md, "Replication"');
    target = await openDatabase(ws, rel.target);
    const tgt = target;
    const store = jobStore(tgt.conn, tgt.adapter, `database ${rel.target}`);
    await store.ensure();
    const prior = await readState(store, rel.name);
    await lockJob(tgt.conn, tgt.adapter, rel.name, prior);
    try {
      return await run(ws, rel, opts, { source, target: tgt, capture, store, prior });
    } finally {
      await tgt.adapter.deploy!.unlock(tgt.conn, jobLockKey(rel.name)).catch(() => undefined);
    }
  } finally {
    await source.conn.close().catch(() => undefined);
    await target?.conn.close().catch(() => undefined);
  }
};

interface Ctx {
  source: OpenDatabase;
  target: OpenDatabase;
  capture: ChangeCapture;
  store: JobStore;
  prior: JobState | undefined;
}

async function run(ws: Workspace, rel: RelationshipInfo, opts: Parameters<JobRunner>[2], ctx: Ctx): Promise<JobOutcome> {
  const { source, target, capture, store } = ctx;
  const data = target.adapter.data as DataSupport;
  const artifacts = await capture.artifactNames(source.conn, rel.name);
  const state: JobState = {
    status: 'running', phase: 'schema', runner: opts.runner ?? defaultRunner(), startedAt: new Date().toISOString(), updatedAt: '',
    tables: ctx.prior?.status === 'cancelled' ? {} : { ...(ctx.prior?.tables ?? {}) },
    replication: { ...(ctx.prior?.status === 'cancelled' ? {} : ctx.prior?.replication), slot: artifacts.slot, publication: artifacts.publication },
  };
  const save = () => {
    state.updatedAt = new Date().toISOString();
    return writeState(store, rel.name, state);
  };
  const progress = (message: string) => opts.onProgress?.({ job: rel.name, phase: state.phase!, message });
  const finish = async (status: JobStatus): Promise<JobOutcome> => {
    state.status = status;
    await save();
    return { job: rel.name, type: 'replication', status, state };
  };
  try {
    await save();
    const { tables } = await sourceTables(source, rel);
    // everything that can refuse the job runs before the source is changed
    const { transform, positions } = await rowTransform(ws, rel, tables);
    await refuseIdenticalRows(source, capture, tables, rel);
    await makeReplicable(source, capture, tables);
    // the slot before the snapshot: every change after the snapshot's reads is in the stream
    const { created } = await capture.prepare(source.conn, artifacts, tables);
    let pairs = await deployTargetSchema(ws, rel, source, target, tables);
    if (created !== undefined) {
      // a new slot: what the target holds of an older one (a dropped slot) is no position in this one
      await target.conn.transaction(async () => {
        await store.clear(rel.name, LSN_SCOPE);
        for (const p of pairs) await store.clear(rel.name, tableScope(p));
      });
      state.tables = {};
      progress(`created replication slot ${artifacts.slot} and publication ${artifacts.publication}`);
    }
    const stopRequest = async () => (opts.signal?.aborted ? 'pause' : await readRequest(store, rel.name));

    state.phase = 'snapshot';
    await save();
    const complete = await runSnapshot({
      job: rel.name, source, target: { conn: target.conn, data }, store, pairs, transform, positions,
      shouldStop: async () => (await stopRequest()) !== undefined,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      onRows: (table, rows) => { state.tables![table] = { rows }; },
    });
    if (complete) for (const p of pairs) state.tables![p.target.id] = { rows: state.tables![p.target.id]?.rows ?? 0, done: true };
    const end = complete ? undefined : await stopRequest();
    if (end) return obey(end);

    state.phase = 'streaming';
    await save();
    const saved = await store.get(rel.name, LSN_SCOPE);
    const from = saved ? (JSON.parse(saved) as LsnCheckpoint).lsn : undefined;
    const result = await runStream({
      job: rel.name, capture, source: { conn: source.conn, url: await ws.databaseUrl(rel.source) }, artifacts,
      target: { conn: target.conn, data }, store, pairs: pairMap(pairs), transform, follow: opts.follow ?? false,
      ...(from ? { from } : {}), progress: state.replication!, saveState: save, stopRequest,
      recopy: (pair) => recopyTable({ source, target: { conn: target.conn, data }, transform }, pair),
      onSchemaChange: async () => {
        const fresh = await sourceTables(source, rel);
        await makeReplicable(source, capture, fresh.tables);
        pairs = await deployTargetSchema(ws, rel, source, target, fresh.tables);
        progress('deployed the source\'s schema change on the target');
        return pairMap(pairs);
      },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    return result === 'caught-up' ? finish('paused') : obey(result);
  } catch (err) {
    state.status = 'failed';
    state.error = { code: err instanceof RedbError ? err.code : 'E_REPLICATION', message: redactText((err as Error).message) };
    await save().catch(() => undefined);
    throw err;
  }

  async function obey(request: 'pause' | 'cancel'): Promise<JobOutcome> {
    if (!opts.signal?.aborted) await clearRequest(store, rel.name);
    if (request === 'pause') return finish('paused');
    // a cancel drops what holds the source's log, and forgets every checkpoint
    await capture.drop(source.conn, artifacts);
    await target.conn.transaction(() => store.clear(rel.name));
    delete state.replication!.appliedLsn;
    return finish('cancelled');
  }
}

/** Drops the slot and the publication of the relationship on its source (`relationship delete`); missing ones are fine. */
export async function dropReplicationArtifacts(ws: Workspace, rel: RelationshipInfo): Promise<void> {
  await withDatabase(ws, rel.source, async (db) => {
    if (!db.adapter.changes) return;
    const artifacts: ChangeArtifacts = await db.adapter.changes.artifactNames(db.conn, rel.name);
    await db.adapter.changes.drop(db.conn, artifacts);
  });
}

